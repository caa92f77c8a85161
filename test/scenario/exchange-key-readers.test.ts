/** Issue 11: "who read this person's record", and its printable report, over HTTP on every database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../src/modules/audit/index.js'
import { departmentActor } from '../../src/modules/org/index.js'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
  HAS_CHINESE,
} from '../support/scenario-kit.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const KEY_A = syntheticIdNumber('530102', '1985-03-04', 11)
const KEY_B = syntheticIdNumber('530102', '1992-07-08', 22)
const KEY_C = syntheticIdNumber('530102', '1979-12-30', 33)
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`

interface Reader {
  seq: number
  action: string
  caseRef: string | null
  departmentId: string | null
  departmentName: string | null
  grantId: string | null
  purpose: string | null
  records: number | null
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: who read this person's record`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let cataloger: ApiClient
    let approver: ApiClient
    let auditor: ApiClient
    let reviewer: ApiClient
    let consumer1: ApiClient
    let consumer2: ApiClient
    let otherCataloger: ApiClient
    let resourceId: string
    let dept1: { id: string; name: string }
    let dept2: { id: string; name: string }
    const path = () => `/api/v1/exchange/resources/${resourceId}/key-readers`

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      dept1 = await createDepartment(admin, 'city')
      dept2 = await createDepartment(admin, 'county')
      const otherDept = await createDepartment(admin, 'city')
      const login = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      reviewer = await login(bureauId, ['bureau_reviewer'])
      auditor = await login(bureauId, ['auditor'])
      cataloger = await login(provider.id, ['cataloger'])
      approver = await login(provider.id, ['approver'])
      consumer1 = await login(dept1.id, ['consumer'])
      consumer2 = await login(dept2.id, ['consumer'])
      otherCataloger = await login(otherDept.id, ['cataloger', 'consumer', 'dept_admin'])
      const created = await cataloger.post(
        '/api/v1/catalog/resources',
        resourceBody({ name: '户籍测试信息' }),
      )
      resourceId = created.body.id
      await cataloger.post(`/api/v1/catalog/resources/${resourceId}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${resourceId}/review`, { decision: 'approve' })
      const records = [KEY_A, KEY_B, KEY_C].map((id, i) => ({
        公民身份号码: id,
        姓名: `测试${i}`,
        住址: '昆明市',
      }))
      expect(
        (await cataloger.post(`/api/v1/exchange/resources/${resourceId}/records`, { records })).status,
      ).toBe(200)
      for (const [consumer, purpose] of [
        [consumer1, '社会救助资格核验'],
        [consumer2, '不动产登记核验'],
      ] as const) {
        const request = await consumer.post('/api/v1/sharing/requests', {
          resourceId,
          items: ['公民身份号码', '姓名'],
          purpose,
        })
        expect(request.body.status).toBe('granted')
      }
      // Two departments read A (one by key, one in a batch with C), one reads B; a refused read last.
      const one = (c: ApiClient, key: string, caseRef: string) =>
        c.get(
          `/api/v1/exchange/resources/${resourceId}/records/${encodeURIComponent(key)}?caseRef=${caseRef}`,
        )
      expect((await one(consumer1, KEY_A, 'A-1')).status).toBe(200)
      expect(
        (
          await consumer2.post(`/api/v1/exchange/resources/${resourceId}/records/batch`, {
            keys: [KEY_C, KEY_A],
            caseRef: 'A-2',
          })
        ).status,
      ).toBe(200)
      expect((await one(consumer1, KEY_B, 'B-1')).status).toBe(200)
      expect((await one(otherCataloger, KEY_A, 'X-1')).status).toBe(403)
    })
    afterAll(async () => {
      await t?.close()
    })

    /** The seqs of the reads with these case refs, from the provider's access log. */
    async function seqsOf(...caseRefs: string[]): Promise<number[]> {
      const log = await cataloger.get(`/api/v1/exchange/resources/${resourceId}/access-log?limit=1000`)
      return log.body.items
        .filter(
          (e: { action: string; details: { caseRef?: string } }) =>
            e.action === 'exchange.read' && caseRefs.includes(e.details.caseRef ?? ''),
        )
        .map((e: { seq: number }) => e.seq)
    }

    it('lists exactly the reads of key A, newest first, with department, grant, purpose and case', async () => {
      const reply = await cataloger.post(path(), { key: KEY_A })
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({ key: masked(KEY_A), resourceId, capped: false })
      const items: Reader[] = reply.body.items
      expect(items.map((i) => i.seq)).toEqual(await seqsOf('A-1', 'A-2'))
      expect(items.map((i) => i.caseRef)).toEqual(['A-2', 'A-1'])
      expect(items[1]).toMatchObject({
        action: 'exchange.read',
        departmentId: dept1.id,
        departmentName: dept1.name,
        purpose: '社会救助资格核验',
        records: 1,
      })
      expect(items[0]).toMatchObject({ departmentId: dept2.id, purpose: '不动产登记核验', records: 2 })
      expect(items.every((i) => typeof i.grantId === 'string')).toBe(true)
      expect(JSON.stringify(reply.body)).not.toContain(KEY_A)

      const b = await auditor.post(path(), { key: KEY_B })
      expect(b.body.items.map((i: Reader) => i.seq)).toEqual(await seqsOf('B-1'))
      const none = await reviewer.post(path(), { key: syntheticIdNumber('530102', '2001-01-01', 5) })
      expect(none.body.items).toEqual([])
      expect((await approver.post(path(), { key: KEY_A })).body.items).toHaveLength(2)
    })

    it('prints a report of exactly those reads, in Chinese and in English', async () => {
      const report = await cataloger.post(`${path()}/report`, { key: KEY_A })
      expect(report.status).toBe(200)
      expect(report.headers.get('content-type')).toContain('text/html')
      const html: string = report.body
      const [a1, a2] = await seqsOf('A-1', 'A-2')
      const [b1] = await seqsOf('B-1')
      expect(html).toContain('个人数据查询记录报告')
      expect(html).toContain('data-reads="2"')
      expect(html).toContain(masked(KEY_A))
      expect(html).toContain('户籍测试信息')
      expect(html).toContain(dept1.name)
      expect(html).toContain(dept2.name)
      for (const seq of [a1, a2]) {
        expect(html).toContain(`<td>${seq}</td>`)
      }
      expect(html).not.toContain(`<td>${b1}</td>`)
      expect(html).not.toContain('B-1')
      expect(html).not.toContain(KEY_A)

      const en = await cataloger.inLanguage('en').post(`${path()}/report`, { key: KEY_A })
      expect(en.body).toContain('Who read this record')
      expect(en.body).toContain('data-reads="2"')
      expect(HAS_CHINESE.test(en.body.replace(/<td>[^<]*<\/td>/g, ''))).toBe(false)
    })

    it('answers 404 to a consumer, another department and an unknown resource; 400 without a key', async () => {
      expectError(await consumer1.post(path(), { key: KEY_A }), 404, 'CATALOG_RESOURCE_NOT_FOUND')
      expectError(await otherCataloger.post(path(), { key: KEY_A }), 404, 'CATALOG_RESOURCE_NOT_FOUND')
      expectError(
        await otherCataloger.post(`${path()}/report`, { key: KEY_A }),
        404,
        'CATALOG_RESOURCE_NOT_FOUND',
      )
      expectError(
        await cataloger.post('/api/v1/exchange/resources/no-such-resource/key-readers', { key: KEY_A }),
        404,
        'CATALOG_RESOURCE_NOT_FOUND',
      )
      expectError(await cataloger.post(path(), {}), 400, 'VALIDATION_FAILED')
      expect((await cataloger.get(path())).status).toBe(404)
      const openapi = await t.api.get('/openapi.json')
      expect(Object.keys(openapi.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/exchange/resources/{id}/key-readers',
          '/api/v1/exchange/resources/{id}/key-readers/report',
        ]),
      )
    })

    it('logs each query with the masked key and its hash, and never the plain key', async () => {
      const entries = await allAuditEntries(await auditorFor(admin))
      const queries = entries.filter((e) => e.action === 'exchange.key_readers')
      expect(queries.length).toBeGreaterThanOrEqual(6)
      expect(queries.every((q) => q.object === resourceId && /^[0-9a-f]{64}$/.test(q.details.keyHash))).toBe(
        true,
      )
      const byCataloger = queries.filter((q) => q.details.key === masked(KEY_A))
      expect(new Set(byCataloger.map((q) => q.details.keyHash)).size).toBe(1)
      expect(byCataloger.some((q) => q.details.report === true)).toBe(true)
      const all = JSON.stringify(entries)
      for (const key of [KEY_A, KEY_B, KEY_C]) {
        expect(all).not.toContain(key)
      }
      // A query is not a read: asking again does not list the earlier queries.
      expect((await cataloger.post(path(), { key: KEY_A })).body.items).toHaveLength(2)
    })
    it('also lists quota refusals and reads of any mode that carry the key hash', async () => {
      const entries = await allAuditEntries(await auditorFor(admin), 'action=exchange.key_readers')
      const hashA: string = entries.find((e) => e.details.key === masked(KEY_A))?.details.keyHash
      const services = t.platform.services
      const actor = await departmentActor(services.db, dept1.id, ['consumer'], 'quota-test')
      // The shapes another engineer is adding: a `mode` on reads, quota refusals with keyHashes.
      const base = { objectType: 'resource', objectId: resourceId }
      const verifySeq = await services.audit.record(actor, {
        ...base,
        // An older shape (no grant, no keys listed) than the catalog now types: written as it was.
        ...anyEvent('exchange.read', {
          grantId: null,
          purpose: '核验',
          caseRef: 'V-1',
          keyHashes: [hashA],
          records: 1,
          mode: 'verify',
        }),
      })
      const quotaSeq = await services.audit.record(actor, {
        ...base,
        action: 'exchange.denied',
        details: { code: 'EXCHANGE_QUOTA_EXCEEDED', caseRef: 'Q-1', keyHashes: [hashA], mode: 'bulk' },
      })
      const reply = await auditor.post(path(), { key: KEY_A })
      expect(reply.body.items.map((i: Reader) => i.seq)).toEqual([
        quotaSeq,
        verifySeq,
        ...(await seqsOf('A-1', 'A-2')),
      ])
      expect(reply.body.items[0]).toMatchObject({
        action: 'exchange.denied',
        code: 'EXCHANGE_QUOTA_EXCEEDED',
        caseRef: 'Q-1',
        records: null,
        departmentName: dept1.name,
      })
    })
  })
}
