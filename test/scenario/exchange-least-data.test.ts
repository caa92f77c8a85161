/**
 * Issue 11 (Art. 32-33): the exchange serves the least data a purpose needs. Driven over HTTP the
 * way a department's system (or an attacker holding a department's grant) would: the attack that
 * rebuilt masked ID numbers, access modes, daily budgets, enumeration defence and row scopes.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as accessModes from '../../src/db/migrations/202612050100_access_modes.js'
import { SMALL_BATCH, SUSPEND_AT_MISSES } from '../../src/modules/exchange/index.js'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { publishResource } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
  prng,
} from '../support/scenario-kit.js'

/** Division codes of a province that does not exist (99): no synthetic number is a real person's. */
const DISTRICTS = ['990102', '990103'] as const
const ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '出生日期', dataType: 'date' },
  { name: '性别', dataType: 'string' },
  { name: '住址', dataType: 'string', sensitivity: 'address' },
  { name: '行政区划代码', dataType: 'string' },
  { name: '文化程度', dataType: 'string' },
]
const WITH_BIRTH = ['公民身份号码', '姓名', '出生日期', '性别', '文化程度']
const WITHOUT_BIRTH = ['公民身份号码', '姓名', '性别', '文化程度']
const ID_CHECK = '10X98765432'
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

interface Citizen {
  公民身份号码: string
  姓名: string
  出生日期: string
  性别: string
  住址: string
  行政区划代码: string
  文化程度: string
}

function citizens(count: number): Citizen[] {
  const random = prng(11).next
  return Array.from({ length: count }, (_, i) => {
    const district = DISTRICTS[i % 2] ?? '990102'
    const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(random() * 20_000) * 86_400_000)
    const date = birth.toISOString().slice(0, 10)
    const id = syntheticIdNumber(district, date, 100 + i)
    return {
      公民身份号码: id,
      姓名: `测试${i}号`,
      出生日期: date,
      性别: Number(id.charAt(16)) % 2 ? '男' : '女',
      住址: `测试省测试市${district === '990102' ? '甲区' : '乙区'}测试路${i}号`,
      行政区划代码: district,
      文化程度: i % 3 ? '本科' : '高中',
    }
  })
}

/** Every ID number the masked one could be: its visible 6 + 4 characters, any valid birth date. */
function* candidatesOf(masked: string): Generator<string> {
  const prefix = masked.slice(0, 6)
  const tail = masked.slice(14)
  for (let day = Date.UTC(1930, 0, 1); day < Date.UTC(2026, 0, 1); day += 86_400_000) {
    const first17 = `${prefix}${new Date(day).toISOString().slice(0, 10).replaceAll('-', '')}${tail.slice(0, 3)}`
    const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17.charAt(i)), 0)
    if (ID_CHECK.charAt(sum % 11) === tail.charAt(3)) {
      yield `${first17}${tail.charAt(3)}`
    }
  }
}

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`

for (const dialect of DIALECTS) {
  describe(`${dialect}: exchange serves the least data a purpose needs`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let cataloger: ApiClient
    let approver: ApiClient
    let reviewer: ApiClient
    let security: ApiClient
    let resourceId: string
    const people = citizens(500)
    const byId = new Set(people.map((p) => p.公民身份号码))

    /** A township under a county, with a consumer user: the attacker of the issue. */
    async function township(): Promise<{ id: string; consumer: ApiClient }> {
      const county = await createDepartment(admin, 'county')
      const dept = await createDepartment(admin, 'township', county.id)
      const user = await createUser(admin, dept.id, ['consumer'])
      return { id: dept.id, consumer: await t.login(user.username, user.password) }
    }

    async function subscribe(consumer: ApiClient, items: string[], extra: Record<string, unknown> = {}) {
      const reply = await consumer.post('/api/v1/sharing/requests', {
        resourceId,
        items,
        purpose: '核验申请人资格',
        ...extra,
      })
      expect(reply.status).toBe(201)
      return reply.body as { id: string; status: string; grantId: string | null; accessMode: string }
    }

    const recordPath = (id: string, query = 'caseRef=SQ-2026-001') =>
      `/api/v1/exchange/resources/${resourceId}/records/${encodeURIComponent(id)}?${query}`

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      const login = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      reviewer = await login(bureauId, ['bureau_reviewer'])
      security = await login(bureauId, ['security_officer'])
      cataloger = await login(provider.id, ['cataloger'])
      approver = await login(provider.id, ['approver'])
      resourceId = await publishResource(cataloger, reviewer, { name: '人口基础测试信息', items: ITEMS })
      const loaded = await cataloger.post(`/api/v1/exchange/resources/${resourceId}/records`, {
        records: people,
        sourceChangedAt: '2026-11-20T09:00:00+08:00',
      })
      expect(loaded.body.inserted).toBe(500)
    })
    afterAll(async () => {
      await t?.close()
    })

    it('the masked-ID attack recovers 0 of 500, with and without the birth-date item', async () => {
      let recovered = 0
      for (const items of [WITH_BIRTH, WITHOUT_BIRTH]) {
        const { id: departmentId, consumer } = await township()
        const grant = await subscribe(consumer, items)
        // Unconditional, personal: granted at once, to look up keys it holds, not to sweep.
        expect(grant).toMatchObject({ status: 'granted', accessMode: 'lookup' })

        // Step 1 of the attack, harvesting masked IDs by paging or export, is closed.
        const list = `/api/v1/exchange/resources/${resourceId}`
        expectError(
          await consumer.get(`${list}/records?pageSize=500&caseRef=X`),
          403,
          'EXCHANGE_MODE_NOT_GRANTED',
        )
        expectError(await consumer.get(`${list}/export?caseRef=X`), 403, 'EXCHANGE_MODE_NOT_GRANTED')

        // A key it does hold gives back nothing of the birth date, in any item.
        const known = people[0] as Citizen
        const reply = await consumer.get(recordPath(known.公民身份号码))
        expect(reply.status).toBe(200)
        const text = JSON.stringify(reply.body)
        for (const form of [known.出生日期, known.出生日期.replaceAll('-', '')]) {
          expect(text).not.toContain(form)
        }
        if (items.includes('出生日期')) {
          expect(reply.body.record.出生日期).toBe('**********')
        }

        // Step 2, completing masked IDs by asking candidate keys: at most 20 at a time, and the
        // misses stop the grant for the day.
        const targets = people.slice(1).map((p) => masked(p.公民身份号码))
        const first = [...candidatesOf(targets[0] ?? '')]
        expect(first.length).toBeGreaterThan(2000)
        const batchPath = `/api/v1/exchange/resources/${resourceId}/records/batch`
        expectError(
          await consumer.post(batchPath, { keys: first.slice(0, 1000), caseRef: 'X' }),
          400,
          'EXCHANGE_BATCH_LIMIT',
        )
        let answered = 0
        let stop: { status: number; code?: string } | undefined
        attack: for (const target of targets) {
          const candidates = [...candidatesOf(target)]
          for (let i = 0; i < candidates.length; i += SMALL_BATCH) {
            const keys = candidates.slice(i, i + SMALL_BATCH)
            const batch = await consumer.post(batchPath, { keys, caseRef: 'X' })
            if (batch.status !== 200) {
              stop = { status: batch.status, code: batch.body.error?.code }
              break attack
            }
            answered += keys.length
            for (const item of batch.body.items as Array<{ record: { 公民身份号码: string } }>) {
              // Only a key it sent itself can come back found; count it as recovered if real.
              recovered += keys.filter(
                (key) => byId.has(key) && masked(key) === item.record.公民身份号码,
              ).length
            }
          }
        }
        expect(stop).toEqual({ status: 429, code: 'EXCHANGE_READS_SUSPENDED' })
        expect(answered).toBeLessThanOrEqual(SUSPEND_AT_MISSES + SMALL_BATCH)
        // Stopped for the day on every read path of that grant, its own key included.
        const after = await consumer.get(recordPath(known.公民身份号码))
        expectError(after, 429, 'EXCHANGE_READS_SUSPENDED')
        expect(Number(after.headers.get('retry-after'))).toBeGreaterThan(0)

        // The security officer sees the anomaly; the provider was told.
        const anomalies = (await security.get('/api/v1/oversight/anomalies')).body.items as Array<{
          departmentId: string
          kind: string
          observed: number
          details?: { resourceId: string }
        }>
        const flagged = anomalies.find((a) => a.departmentId === departmentId)
        expect(flagged).toMatchObject({ kind: 'exchange.read.enumeration', details: { resourceId } })
        expect(flagged?.observed).toBeGreaterThanOrEqual(SUSPEND_AT_MISSES)
      }
      expect(recovered).toBe(0)
      const inbox = (await approver.get('/api/v1/notifications')).body.items as Array<{ kind: string }>
      expect(inbox.some((n) => n.kind === 'oversight.anomaly')).toBe(true)
    })

    it('verify answers match / no match and never a stored value; lookup and bulk are refused', async () => {
      const { consumer } = await township()
      const grant = await subscribe(consumer, WITH_BIRTH, { accessMode: 'verify' })
      expect(grant).toMatchObject({ status: 'granted', accessMode: 'verify' })
      const [a, b] = people as [Citizen, Citizen]
      expectError(await consumer.get(recordPath(a.公民身份号码)), 403, 'EXCHANGE_MODE_NOT_GRANTED')
      expectError(
        await consumer.post(`/api/v1/exchange/resources/${resourceId}/records/batch`, {
          keys: [a.公民身份号码],
          caseRef: 'X',
        }),
        403,
        'EXCHANGE_MODE_NOT_GRANTED',
      )
      const unknown = syntheticIdNumber('990102', '1931-03-03', 7)
      const reply = await consumer.post(`/api/v1/exchange/resources/${resourceId}/verify`, {
        caseRef: 'SQ-2026-002',
        checks: [
          { key: a.公民身份号码, items: { 姓名: a.姓名, 出生日期: a.出生日期 } },
          { key: b.公民身份号码, items: { 姓名: '别人', 性别: b.性别 } },
          { key: unknown, items: { 姓名: a.姓名 } },
        ],
      })
      expect(reply.status).toBe(200)
      expect(reply.body.results).toEqual([
        { key: masked(a.公民身份号码), recordFound: true, matches: { 姓名: true, 出生日期: true } },
        { key: masked(b.公民身份号码), recordFound: true, matches: { 姓名: false, 性别: true } },
        { key: masked(unknown), recordFound: false, matches: { 姓名: false } },
      ])
      // No stored value is in the reply (the region code is the part of the key that stays visible).
      const text = JSON.stringify(reply.body)
      for (const person of [a, b]) {
        for (const value of [
          person.公民身份号码,
          person.姓名,
          person.出生日期,
          person.住址,
          person.文化程度,
        ]) {
          expect(text).not.toContain(value)
        }
      }
      expectError(
        await consumer.post(`/api/v1/exchange/resources/${resourceId}/verify`, {
          caseRef: 'X',
          checks: [{ key: a.公民身份号码, items: { 住址: a.住址 } }],
        }),
        400,
        'EXCHANGE_VERIFY_ITEM_NOT_GRANTED',
      )
      // Personal data: the case is required by default.
      expectError(
        await consumer.post(`/api/v1/exchange/resources/${resourceId}/verify`, {
          checks: [{ key: a.公民身份号码, items: { 姓名: a.姓名 } }],
        }),
        400,
        'EXCHANGE_CASE_REF_REQUIRED',
      )
      // Guessing a held key's values fails checks, and failed checks count as misses.
      const guesses = Array.from({ length: SMALL_BATCH }, (_, i) => ({
        key: a.公民身份号码,
        items: { 姓名: `猜测${i}` },
      }))
      let stop = 0
      for (let round = 0; round < 10 && stop === 0; round++) {
        const reply = await consumer.post(`/api/v1/exchange/resources/${resourceId}/verify`, {
          caseRef: 'X',
          checks: guesses,
        })
        stop = reply.status === 200 ? 0 : reply.status
        if (stop !== 0) {
          expect(reply.body.error.code).toBe('EXCHANGE_READS_SUSPENDED')
        }
      }
      expect(stop).toBe(429)
    })

    it('files objections only on records the department was served: no existence oracle outside the meter', async () => {
      const { consumer } = await township()
      await subscribe(consumer, WITHOUT_BIRTH)
      const [read, unread] = people as [Citizen, Citizen]
      const object = (key: string) =>
        consumer.post('/api/v1/quality/objections', { resourceId, key, evidence: '申请人材料与记录不一致' })
      const absent = await object(syntheticIdNumber('990102', '1932-02-02', 3))
      const existing = await object(unread.公民身份号码)
      expectError(absent, 404, 'QUALITY_RECORD_NOT_FOUND')
      expectError(existing, 404, 'QUALITY_RECORD_NOT_FOUND')
      expect(existing.body.error.details).toEqual({ key: masked(unread.公民身份号码) })
      expect((await consumer.get(recordPath(read.公民身份号码))).status).toBe(200)
      expect((await object(read.公民身份号码)).status).toBe(201)
    })

    it('answers the 101st read of a day with 429 under a budget of 100, and logs the refusal', async () => {
      const { consumer } = await township()
      const grant = await subscribe(consumer, WITHOUT_BIRTH)
      const limited = await approver.post(`/api/v1/grants/${grant.grantId}/limits`, {
        dailyBudget: 100,
        reason: '按乡镇办件量核定',
      })
      expect(limited.body).toMatchObject({ dailyBudget: 100, accessMode: 'lookup' })
      for (let i = 0; i < 100; i += 10) {
        const replies = await Promise.all(
          people.slice(i, i + 10).map((p) => consumer.get(recordPath(p.公民身份号码))),
        )
        expect(replies.map((r) => r.status)).toEqual(Array(10).fill(200))
      }
      const refused = await consumer.get(recordPath(people[100]?.公民身份号码 ?? ''))
      expectError(refused, 429, 'EXCHANGE_QUOTA_EXCEEDED')
      expect(refused.body.error.details).toMatchObject({ dailyBudget: 100, used: 100 })
      expect(Date.parse(refused.body.error.details.resetAt)).toBeGreaterThan(Date.now())
      expect(JSON.stringify(refused.body)).not.toContain('测试100号')
      const denied = (await allAuditEntries(await auditorFor(admin), 'action=exchange.denied')).filter(
        (e) => (e.details as { code?: string }).code === 'EXCHANGE_QUOTA_EXCEEDED',
      )
      expect(denied.at(-1)?.details).toMatchObject({ grantId: grant.grantId, records: 0 })
      // Widening is not the limits endpoint's job: bulk of personal data needs a new request.
      expectError(
        await approver.post(`/api/v1/grants/${grant.grantId}/limits`, { accessMode: 'bulk', reason: 'x' }),
        400,
        'SHARING_MODE_NOT_REQUESTED',
      )
    })

    it('lets only the provider set budgets and limits: a consumer cannot raise its own, nor can another department', async () => {
      const { consumer } = await township()
      const grant = await subscribe(consumer, WITHOUT_BIRTH)
      const settingsPath = `/api/v1/exchange/resources/${resourceId}/settings`
      const wider = { dailyBudget: 1_000_000, caseRefRequired: false }
      expectError(await consumer.request('PUT', settingsPath, wider), 403, 'FORBIDDEN')
      expectError(
        await consumer.post(`/api/v1/grants/${grant.grantId}/limits`, {
          dailyBudget: 1_000_000,
          reason: '自己放宽',
        }),
        403,
        'FORBIDDEN',
      )
      const other = await createDepartment(admin, 'city')
      const otherUser = await createUser(admin, other.id, ['cataloger', 'dept_admin'])
      const outsider = await t.login(otherUser.username, otherUser.password)
      // Another department learns nothing of the resource's settings, and changes none.
      expectError(await outsider.get(settingsPath), 403, 'FORBIDDEN')
      expectError(await outsider.request('PUT', settingsPath, wider), 403, 'FORBIDDEN')
      expectError(
        await outsider.post(`/api/v1/grants/${grant.grantId}/limits`, {
          dailyBudget: 1_000_000,
          reason: 'x',
        }),
        404,
        'GRANT_NOT_FOUND',
      )
      const unchanged = await cataloger.get(settingsPath)
      expect(unchanged.body).toMatchObject({ dailyBudget: 1000, caseRefRequired: true })
      const saved = await cataloger.request('PUT', settingsPath, { dailyBudget: 800, caseRefRequired: true })
      expect(saved.body).toMatchObject({ dailyBudget: 800, caseRefRequired: true })
      await cataloger.request('PUT', settingsPath, { dailyBudget: 1000, caseRefRequired: true })
    })

    it('keeps a row-scoped township to its own district on every read path', async () => {
      const { consumer } = await township()
      const asked = await subscribe(consumer, WITHOUT_BIRTH, { accessMode: 'bulk' })
      expect(asked.status).toBe('pending')
      expectError(
        await approver.post(`/api/v1/sharing/requests/${asked.id}/decision`, {
          decision: 'approve',
          accessMode: 'bulk',
          modeReason: '乡镇社会救助年度复核',
          rowScope: { item: '住址', values: ['x'] },
        }),
        400,
        'SHARING_ROW_SCOPE_INVALID',
      )
      const decided = await approver.post(`/api/v1/sharing/requests/${asked.id}/decision`, {
        decision: 'approve',
        accessMode: 'bulk',
        modeReason: '乡镇社会救助年度复核',
        rowScope: { item: '行政区划代码', values: ['990102'] },
      })
      expect(decided.status).toBe(200)
      const grantId = decided.body.grantId
      const own = people.filter((p) => p.行政区划代码 === '990102')
      const other = people.filter((p) => p.行政区划代码 !== '990102')
      const q = `grantId=${grantId}&caseRef=SQ-2026-003`
      const isOwn = (maskedId: string) => maskedId.startsWith('990102')

      // By key: another district's record is answered exactly like no record.
      expect((await consumer.get(recordPath(own[0]?.公民身份号码 ?? '', q))).status).toBe(200)
      const outside = await consumer.get(recordPath(other[0]?.公民身份号码 ?? '', q))
      expectError(outside, 404, 'EXCHANGE_RECORD_NOT_FOUND')
      // Batch.
      const batch = await consumer.post(`/api/v1/exchange/resources/${resourceId}/records/batch`, {
        keys: [...own.slice(0, 3), ...other.slice(0, 3)].map((p) => p.公民身份号码),
        grantId,
        caseRef: 'X',
      })
      expect(batch.body.items.map((i: { key: string }) => isOwn(i.key))).toEqual([true, true, true])
      expect(batch.body.missing).toHaveLength(3)
      // Pages, the total included.
      const page = await consumer.get(`/api/v1/exchange/resources/${resourceId}/records?pageSize=500&${q}`)
      expect(page.body.total).toBe(own.length)
      expect(page.body.items.every((r: { 公民身份号码: string }) => isOwn(r.公民身份号码))).toBe(true)
      // Filters.
      const filters = encodeURIComponent(JSON.stringify({ 文化程度: '高中' }))
      const filtered = await consumer.get(
        `/api/v1/exchange/resources/${resourceId}/records?pageSize=500&filters=${filters}&${q}`,
      )
      expect(filtered.body.total).toBe(own.filter((p) => p.文化程度 === '高中').length)
      expect(filtered.body.items.every((r: { 公民身份号码: string }) => isOwn(r.公民身份号码))).toBe(true)
      // Export.
      const file = await consumer.get(`/api/v1/exchange/resources/${resourceId}/export?${q}`)
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toContain('text/csv')
      const lines = String(file.body)
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
      expect(lines[0]).toBe(WITHOUT_BIRTH.join(','))
      expect(lines.length - 1).toBe(own.length)
      expect(lines.slice(1).every((line) => isOwn(line))).toBe(true)
      expect(String(file.body)).not.toContain(own[0]?.公民身份号码)
      // Verification.
      const verified = await consumer.post(`/api/v1/exchange/resources/${resourceId}/verify`, {
        grantId,
        caseRef: 'X',
        checks: [{ key: other[0]?.公民身份号码, items: { 姓名: other[0]?.姓名 } }],
      })
      expect(verified.body.results[0]).toMatchObject({ recordFound: false, matches: { 姓名: false } })
    })

    it("keeps a row scope on records fetched from the provider's own system (gateway)", async () => {
      const upstream = http.createServer((req, res) => {
        const key = decodeURIComponent((req.url ?? '').split('/').pop() ?? '')
        const found = people.find((p) => p.公民身份号码 === key)
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' })
        res.end(JSON.stringify(found ? { record: found } : { error: 'no such person' }))
      })
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
      try {
        const { port } = upstream.address() as AddressInfo // a listening TCP server has a port
        const gatewayId = await publishResource(cataloger, reviewer, {
          name: '人口网关范围测试',
          shareMethod: 'api',
          items: ITEMS,
        })
        const registered = await cataloger.request(
          'PUT',
          `/api/v1/exchange/resources/${gatewayId}/upstream`,
          {
            url: `http://127.0.0.1:${port}/people`,
            timeoutMs: 1000,
          },
        )
        expect(registered.status).toBe(200)
        const { consumer } = await township()
        const grant = await consumer.post('/api/v1/sharing/requests', {
          resourceId: gatewayId,
          items: WITHOUT_BIRTH,
          purpose: '核验申请人资格',
        })
        // An unconditional grant, narrowed afterwards by the provider to the township's district.
        const scoped = await approver.post(`/api/v1/grants/${grant.body.grantId}/limits`, {
          rowScope: { item: '行政区划代码', values: ['990103'] },
          reason: '乡镇只办理本辖区事项',
        })
        expect(scoped.body.rowScope).toEqual({ item: '行政区划代码', values: ['990103'] })
        const own = people.filter((p) => p.行政区划代码 === '990103')
        const other = people.filter((p) => p.行政区划代码 !== '990103')
        const path = (id: string) =>
          `/api/v1/exchange/resources/${gatewayId}/records/${encodeURIComponent(id)}?caseRef=X`
        const mine = await consumer.get(path(own[0]?.公民身份号码 ?? ''))
        expect(mine.body).toMatchObject({ source: 'upstream' })
        expectError(await consumer.get(path(other[0]?.公民身份号码 ?? '')), 404, 'EXCHANGE_RECORD_NOT_FOUND')
        const batch = await consumer.post(`/api/v1/exchange/resources/${gatewayId}/records/batch`, {
          keys: [own[1]?.公民身份号码, other[1]?.公民身份号码],
          caseRef: 'X',
        })
        expect(batch.body.items).toHaveLength(1)
        expect(batch.body.missing).toEqual([masked(other[1]?.公民身份号码 ?? '')])
      } finally {
        upstream.closeAllConnections()
        await new Promise((resolve) => upstream.close(resolve))
      }
    })

    it('migrates existing grants to lookup, and to bulk where the resource has no personal item', async () => {
      const plainId = await publishResource(cataloger, reviewer, {
        name: '公共设施测试信息',
        items: [
          { name: '设施编码', dataType: 'string', key: true },
          { name: '设施名称', dataType: 'string' },
        ],
      })
      const { consumer } = await township()
      const plain = await consumer.post('/api/v1/sharing/requests', {
        resourceId: plainId,
        items: ['设施编码', '设施名称'],
        purpose: '设施巡查',
      })
      expect(plain.body).toMatchObject({ status: 'granted', accessMode: 'bulk' })
      const personal = await subscribe(consumer, WITHOUT_BIRTH, { accessMode: 'verify' })
      // Undo the migration and run it again over these grants, as on a platform that had them.
      const db = t.platform.handle.db
      // Migrations are written against an untyped Kysely; the platform's handle is the same object.
      const untyped = db as unknown as Kysely<unknown>
      await accessModes.down(untyped)
      await accessModes.up(untyped)
      const rows = await sql<{ id: string; access_mode: string }>`select id, access_mode from grants`.execute(
        db,
      )
      const modeOf = new Map(rows.rows.map((row) => [row.id, row.access_mode]))
      expect(modeOf.get(plain.body.grantId)).toBe('bulk')
      expect(modeOf.get(personal.grantId ?? '')).toBe('lookup')
      const settings = await cataloger.get(`/api/v1/exchange/resources/${resourceId}/settings`)
      // Resources that existed keep caseRef optional, as the contract promised their integrations.
      expect(settings.body).toMatchObject({ dailyBudget: 1000, caseRefRequired: false })
    })
  })
}
