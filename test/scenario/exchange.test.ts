/** The Exchange section of the contract (Art. 9, 18, 29, 32-33), driven over HTTP. */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
} from '../support/scenario-kit.js'

const ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '联系电话', dataType: 'string', sensitivity: 'phone' },
  { name: '出生日期', dataType: 'date' },
  { name: '性别', dataType: 'string' },
  { name: '住址', dataType: 'string', sensitivity: 'address' },
  { name: '文化程度', dataType: 'string' },
]

function person(i: number) {
  return {
    公民身份号码: syntheticIdNumber('530102', '1990-01-01', i),
    姓名: `测试${i}号`,
    联系电话: `199000${String(i).padStart(5, '0')}`,
    出生日期: '1990-01-01',
    性别: i % 2 ? '男' : '女',
    住址: `云南省昆明市五华区测试路${i}号`,
    文化程度: i % 2 ? '本科' : '高中',
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: exchange`, () => {
    let t: TestPlatform
    let cataloger: ApiClient
    let consumer: ApiClient
    let outsider: ApiClient
    let resourceId: string
    let grantId: string

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      const consumerDept = await createDepartment(admin, 'city')
      const outsiderDept = await createDepartment(admin, 'city')
      const login = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      const reviewer = await login(bureauId, ['bureau_reviewer'])
      cataloger = await login(provider.id, ['cataloger'])
      consumer = await login(consumerDept.id, ['consumer'])
      outsider = await login(outsiderDept.id, ['consumer'])
      const created = await cataloger.post(
        '/api/v1/catalog/resources',
        resourceBody({ name: '人口测试信息', items: ITEMS }),
      )
      resourceId = created.body.id
      await cataloger.post(`/api/v1/catalog/resources/${resourceId}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${resourceId}/review`, { decision: 'approve' })
      const request = await consumer.post('/api/v1/sharing/requests', {
        resourceId,
        items: ['公民身份号码', '姓名', '性别', '文化程度'],
        purpose: '社会救助资格核验',
      })
      grantId = request.body.grantId
    })
    afterAll(async () => {
      await t?.close()
    })

    it('stores nothing of a batch of 1 000 with one bad date, naming its index and item', async () => {
      const records = Array.from({ length: 1000 }, (_, i) => person(i))
      records[537] = { ...records[537]!, 出生日期: '1990-02-30' }
      const refused = await cataloger.post(`/api/v1/exchange/resources/${resourceId}/records`, { records })
      expectError(refused, 400, 'EXCHANGE_INVALID_RECORD')
      expect(refused.body.error.details).toMatchObject({ index: 537, item: '出生日期' })
      const stored = await sql<{ n: number }>`select count(*) as n from records`.execute(t.platform.handle.db)
      expect(Number(stored.rows[0]?.n)).toBe(0)

      records[537] = person(537)
      const loaded = await cataloger.post(`/api/v1/exchange/resources/${resourceId}/records`, {
        records,
        sourceChangedAt: '2026-11-20T09:00:00+08:00',
      })
      expect(loaded.body).toEqual({ inserted: 1000, updated: 0, unchanged: 0 })
      const again = await cataloger.post(`/api/v1/exchange/resources/${resourceId}/records`, {
        records: [person(1), { ...person(2), 姓名: '改名' }],
      })
      expect(again.body).toEqual({ inserted: 0, updated: 1, unchanged: 1 })
      const valid = person(3).公民身份号码
      const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('1') ? '2' : '1'}`
      expectError(
        await cataloger.post(`/api/v1/exchange/resources/${resourceId}/records`, {
          records: [{ ...person(3), 公民身份号码: wrongCheck }],
        }),
        400,
        'EXCHANGE_INVALID_RECORD',
      )
      expectError(
        await consumer.post(`/api/v1/exchange/resources/${resourceId}/records`, { records: [person(4)] }),
        403,
        'FORBIDDEN',
      )
    })

    it('keeps personal values encrypted at rest and still finds a record by its encrypted key', async () => {
      const raw = await sql<{ data: string }>`select data from records`.execute(t.platform.handle.db)
      const all = raw.rows.map((r) => r.data).join('\n')
      expect(all).not.toContain(person(7).公民身份号码)
      expect(all).not.toContain(person(7).联系电话)
      expect(all).toContain('SM4-CBC/HMAC-SM3:')
      expect(all).toContain('"性别":"男"')
    })

    it('serves exactly the 4 granted of 7 items, personal ones and those linked to them masked, key included', async () => {
      const id = person(7).公民身份号码
      const reply = await consumer.get(
        `/api/v1/exchange/resources/${resourceId}/records/${encodeURIComponent(id)}?caseRef=BJ-2026-0007`,
      )
      expect(reply.status).toBe(200)
      expect(Object.keys(reply.body.record).sort()).toEqual(
        ['公民身份号码', '姓名', '性别', '文化程度'].sort(),
      )
      expect(reply.body.record.公民身份号码).toBe(`${id.slice(0, 6)}********${id.slice(14)}`)
      expect(reply.body.record.姓名).toBe('测***')
      // The 17th ID digit, and with birth date and region the quasi-identifier triple (docs/masking.md).
      expect(reply.body.record.性别).toBe('*')
      expect(reply.body.record.文化程度).toBe('本科')
      expect(reply.body.grantId).toBe(grantId)
      expect(JSON.stringify(reply.body)).not.toContain(id)
      expectError(
        await consumer.get(
          `/api/v1/exchange/resources/${resourceId}/records/${syntheticIdNumber('530102', '1980-05-05', 1)}?caseRef=BJ-2026-0008`,
        ),
        404,
        'EXCHANGE_RECORD_NOT_FOUND',
      )
    })

    it('has the read in the log the moment the reply arrives, with purpose, grant, case and masked key', async () => {
      const id = person(8).公民身份号码
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const before = (
        await (await auditorFor(admin)).get('/api/v1/audit/entries?action=exchange.read&pageSize=500')
      ).body.total
      await consumer.get(`/api/v1/exchange/resources/${resourceId}/records/${id}?caseRef=CASE-8`)
      const entries = await allAuditEntries(await auditorFor(admin), 'action=exchange.read')
      expect(entries.length).toBe(before + 1)
      const last = entries[entries.length - 1]!
      expect(last).toMatchObject({ object: resourceId, action: 'exchange.read' })
      expect(last.details).toMatchObject({
        grantId,
        purpose: '社会救助资格核验',
        caseRef: 'CASE-8',
        records: 1,
      })
      expect(JSON.stringify(last.details)).not.toContain(id)
    })

    it('refuses a department without a grant with 403 before looking up the key, and logs it', async () => {
      expectError(
        await outsider.get(`/api/v1/exchange/resources/${resourceId}/records/${person(1).公民身份号码}`),
        403,
        'GRANT_REQUIRED',
      )
      expectError(
        await outsider.get(`/api/v1/exchange/resources/${resourceId}/records/unknown-key`),
        403,
        'GRANT_REQUIRED',
      )
      const log = await cataloger.get(`/api/v1/exchange/resources/${resourceId}/access-log`)
      expect(
        log.body.items.filter((e: { action: string }) => e.action === 'exchange.denied').length,
      ).toBeGreaterThanOrEqual(2)
      expect(
        log.body.items.some(
          (e: { action: string; details: { caseRef: string } }) =>
            e.action === 'exchange.read' && e.details.caseRef === 'CASE-8',
        ),
      ).toBe(true)
      expectError(
        await outsider.get(`/api/v1/exchange/resources/${resourceId}/access-log`),
        404,
        'CATALOG_RESOURCE_NOT_FOUND',
      )
    })

    it('pages and filters on granted plain items under a bulk grant only, and looks up a batch of keys', async () => {
      const filter = encodeURIComponent(JSON.stringify({ 文化程度: '高中' }))
      expectError(
        await consumer.get(
          `/api/v1/exchange/resources/${resourceId}/records?pageSize=10&filters=${filter}&caseRef=C-1`,
        ),
        403,
        'EXCHANGE_MODE_NOT_GRANTED',
      )
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const providerId = (await cataloger.get('/api/v1/auth/me')).body.departmentId
      const approverUser = await createUser(admin, providerId, ['approver'])
      const approver = await t.login(approverUser.username, approverUser.password)
      const asked = await consumer.post('/api/v1/sharing/requests', {
        resourceId,
        items: ['公民身份号码', '性别', '文化程度'],
        purpose: '教育统计分析',
        accessMode: 'bulk',
      })
      // Bulk of personal data takes an approver's explicit word, unconditional resource or not.
      expect(asked.body).toMatchObject({ status: 'pending', accessMode: 'bulk' })
      expectError(
        await approver.post(`/api/v1/sharing/requests/${asked.body.id}/decision`, {
          decision: 'approve',
          accessMode: 'bulk',
        }),
        400,
        'SHARING_BULK_REASON_REQUIRED',
      )
      const approved = await approver.post(`/api/v1/sharing/requests/${asked.body.id}/decision`, {
        decision: 'approve',
        accessMode: 'bulk',
        modeReason: '全市教育统计需要全量数据',
      })
      expect(approved.status).toBe(200)
      const bulkGrant = approved.body.grantId
      const page = await consumer.get(
        `/api/v1/exchange/resources/${resourceId}/records?pageSize=10&filters=${filter}&grantId=${bulkGrant}&caseRef=C-2`,
      )
      expect(page.body.total).toBe(500)
      expect(page.body.items).toHaveLength(10)
      expect(page.body.items.every((r: { 文化程度: string }) => r.文化程度 === '高中')).toBe(true)
      expect(page.body.items.every((r: { 性别: string }) => r.性别 === '*')).toBe(true)
      expectError(
        await consumer.get(
          `/api/v1/exchange/resources/${resourceId}/records?filters=${encodeURIComponent(JSON.stringify({ 住址: 'x' }))}&grantId=${bulkGrant}&caseRef=C-3`,
        ),
        400,
        'EXCHANGE_FILTER_NOT_ALLOWED',
      )
      // A linked item is masked too: filtering on it would reveal it value by value.
      expectError(
        await consumer.get(
          `/api/v1/exchange/resources/${resourceId}/records?filters=${encodeURIComponent(JSON.stringify({ 性别: '女' }))}&grantId=${bulkGrant}&caseRef=C-4`,
        ),
        400,
        'EXCHANGE_FILTER_NOT_ALLOWED',
      )
      const keys = [
        person(10).公民身份号码,
        person(11).公民身份号码,
        syntheticIdNumber('530102', '1970-01-01', 9),
      ]
      const batch = await consumer.post(`/api/v1/exchange/resources/${resourceId}/records/batch`, {
        keys,
        caseRef: 'C-5',
      })
      expect(batch.body.items).toHaveLength(2)
      expect(batch.body.missing).toEqual([`530102********${keys[2]!.slice(14)}`])
    })

    it('answers as of a date from the history', async () => {
      const id = person(20).公民身份号码
      await cataloger.post(`/api/v1/exchange/resources/${resourceId}/records`, {
        records: [{ ...person(20), 文化程度: '本科' }],
        sourceChangedAt: '2026-11-24T10:00:00+08:00',
      })
      const now = await consumer.get(`/api/v1/exchange/resources/${resourceId}/records/${id}?caseRef=C-6`)
      expect(now.body.record.文化程度).toBe('本科')
      const before = await consumer.get(
        `/api/v1/exchange/resources/${resourceId}/records/${id}?asOf=2026-11-21&caseRef=C-7`,
      )
      expect(before.body).toMatchObject({ record: { 文化程度: '高中' }, version: 1 })
    })

    it('stops serving at once when the grant is revoked', async () => {
      const approverDept = (await cataloger.get('/api/v1/auth/me')).body.departmentId
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const approver = await createUser(admin, approverDept, ['approver'])
      const approverClient = await t.login(approver.username, approver.password)
      expect(
        (await approverClient.post(`/api/v1/grants/${grantId}/revoke`, { reason: '核验结束' })).status,
      ).toBe(200)
      expectError(
        await consumer.get(
          `/api/v1/exchange/resources/${resourceId}/records/${person(7).公民身份号码}?grantId=${grantId}&caseRef=C-10`,
        ),
        403,
        'GRANT_REQUIRED',
      )
      const request = await consumer.post('/api/v1/sharing/requests', {
        resourceId,
        items: ['公民身份号码', '姓名', '性别', '文化程度'],
        purpose: '社会救助资格核验',
      })
      grantId = request.body.grantId
    })

    it('fails closed: when the log cannot be written, no data leaves', async () => {
      const db = t.platform.handle.db
      await sql`alter table audit_entries rename to audit_entries_away`.execute(db)
      try {
        const reply = await consumer.get(
          `/api/v1/exchange/resources/${resourceId}/records/${person(7).公民身份号码}?caseRef=C-8`,
        )
        expectError(reply, 503, 'AUDIT_UNAVAILABLE')
        expect(JSON.stringify(reply.body)).not.toContain('测')
      } finally {
        await sql`alter table audit_entries_away rename to audit_entries`.execute(db)
      }
      expect(
        (
          await consumer.get(
            `/api/v1/exchange/resources/${resourceId}/records/${person(7).公民身份号码}?caseRef=C-9`,
          )
        ).status,
      ).toBe(200)
    })
  })
}
