/**
 * Share method "api" (Art. 22, 29, 32-33): reads forwarded to the provider's own system, started
 * here on 127.0.0.1 with synthetic records, and shaped, masked and logged like stored reads.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { fixedClock } from '../../src/shared/clock.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  type ApiReply,
  startTestPlatform,
  type TestPlatform,
} from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
} from '../support/scenario-kit.js'

const SIX_ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '联系电话', dataType: 'string', sensitivity: 'phone' },
  { name: '出生日期', dataType: 'date' },
  { name: '性别', dataType: 'string' },
  { name: '住址', dataType: 'string', sensitivity: 'address' },
]
const GRANTED = ['公民身份号码', '姓名', '性别']
const PURPOSE = '社会救助资格核验'
/** The case most reads here serve (reads of personal items name one, issue 11). */
const CASE = 'BJ-2026-0100'
const SECRET = 'Bearer gw-secret-7f3a9c'

function person(i: number) {
  return {
    公民身份号码: syntheticIdNumber('530102', '1990-01-01', i),
    姓名: `测试${i}号`,
    联系电话: `199000${String(i).padStart(5, '0')}`,
    出生日期: '1990-01-01',
    性别: i % 2 ? '男' : '女',
    住址: `云南省昆明市五华区测试路${i}号`,
  }
}
const PEOPLE = Array.from({ length: 10 }, (_, i) => person(i))

type Mode = 'ok' | 'slow' | 'fail' | 'extra' | 'bad_type'

/** The provider's system: serves PEOPLE at /people/{id}, and misbehaves on demand. */
async function startUpstream() {
  const state = {
    mode: 'ok' as Mode,
    calls: 0,
    seen: [] as Array<{ path: string; headers: http.IncomingHttpHeaders }>,
  }
  const server = http.createServer((req, res) => {
    state.calls += 1
    state.seen.push({ path: req.url ?? '', headers: req.headers })
    const key = decodeURIComponent((req.url ?? '').split('/').pop() ?? '')
    const found = PEOPLE.find((p) => p.公民身份号码 === key)
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    switch (state.mode) {
      case 'fail':
        return json(500, { error: 'database down' })
      case 'slow':
        setTimeout(() => (found ? json(200, { record: found }) : json(404, {})), 1500)
        return
      default:
        break
    }
    if (!found) {
      return json(404, { error: 'no such person' })
    }
    if (state.mode === 'extra') {
      return json(200, { record: { ...found, 内部备注: '仅供内部使用', 银行卡号: '6222020000000000001' } })
    }
    if (state.mode === 'bad_type') {
      return json(200, { record: { ...found, 出生日期: '1990-02-30' } })
    }
    return json(200, { record: found })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    state,
    url: `http://127.0.0.1:${port}/people`,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: exchange gateway (share method api)`, () => {
    const clock = fixedClock('2026-11-25T09:00:00+08:00')
    let t: TestPlatform
    let upstream: Awaited<ReturnType<typeof startUpstream>>
    let cataloger: ApiClient
    let consumer: ApiClient
    let outsider: ApiClient
    let consumerDeptId: string
    let resourceId: string
    let grantId: string
    /** Every reply the platform gave in this file, to look for the secret. */
    const replies: string[] = []
    let consumerReads = 0
    const track = (reply: ApiReply) => {
      replies.push(JSON.stringify(reply.body))
      return reply
    }
    const read = async (key: string, query = `?caseRef=${CASE}`) => {
      consumerReads += 1
      return track(
        await consumer.get(
          `/api/v1/exchange/resources/${resourceId}/records/${encodeURIComponent(key)}${query}`,
        ),
      )
    }
    const upstreamPath = () => `/api/v1/exchange/resources/${resourceId}/upstream`

    beforeAll(async () => {
      upstream = await startUpstream()
      t = await startTestPlatform(dialect, { clock })
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      const consumerDept = await createDepartment(admin, 'city')
      const outsiderDept = await createDepartment(admin, 'city')
      consumerDeptId = consumerDept.id
      const login = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      const reviewer = await login(bureauId, ['bureau_reviewer'])
      cataloger = await login(provider.id, ['cataloger'])
      const approver = await login(provider.id, ['approver'])
      consumer = await login(consumerDept.id, ['consumer'])
      outsider = await login(outsiderDept.id, ['consumer'])
      const created = await cataloger.post(
        '/api/v1/catalog/resources',
        resourceBody({ name: '人口网关测试信息', shareMethod: 'api', items: SIX_ITEMS }),
      )
      resourceId = created.body.id
      await cataloger.post(`/api/v1/catalog/resources/${resourceId}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${resourceId}/review`, { decision: 'approve' })
      // Bulk (paging asked below): personal data, so the provider's approver grants it with a reason.
      const request = await consumer.post('/api/v1/sharing/requests', {
        resourceId,
        items: GRANTED,
        purpose: PURPOSE,
        accessMode: 'bulk',
      })
      expect(request.body.status).toBe('pending')
      const approved = await approver.post(`/api/v1/sharing/requests/${request.body.id}/decision`, {
        decision: 'approve',
        accessMode: 'bulk',
        modeReason: '网关分页能力测试',
      })
      grantId = approved.body.grantId
      expect(grantId).toBeTruthy()
    })
    afterAll(async () => {
      await t?.close()
      await upstream?.close()
    })

    it('lets only the provider register an http(s) endpoint, and never shows its auth header', async () => {
      const body = { url: upstream.url, timeoutMs: 300, authHeader: SECRET }
      expectError(track(await consumer.request('PUT', upstreamPath(), body)), 403, 'FORBIDDEN')
      expectError(
        track(await cataloger.request('PUT', upstreamPath(), { ...body, url: 'ftp://127.0.0.1/people' })),
        400,
        'VALIDATION_FAILED',
      )
      // Only hosts on GOVSHARE_UPSTREAM_HOSTS (here 127.0.0.1): not cloud metadata, not localhost by name.
      for (const url of ['http://169.254.169.254/latest/meta-data', 'http://localhost:5432/']) {
        const refused = track(await cataloger.request('PUT', upstreamPath(), { ...body, url }))
        expectError(refused, 400, 'EXCHANGE_UPSTREAM_HOST_NOT_ALLOWED')
      }
      expectError(
        track(await cataloger.request('PUT', upstreamPath(), { ...body, timeoutMs: 50 })),
        400,
        'VALIDATION_FAILED',
      )
      const saved = track(await cataloger.request('PUT', upstreamPath(), body))
      expect(saved.status).toBe(200)
      expect(saved.body).toMatchObject({ resourceId, url: upstream.url, timeoutMs: 300, hasAuthHeader: true })
      const shown = track(await cataloger.get(upstreamPath()))
      expect(shown.body).toMatchObject({ url: upstream.url, hasAuthHeader: true, circuit: 'closed' })
      expectError(track(await outsider.get(upstreamPath())), 403, 'FORBIDDEN')

      const stored = await sql<{ auth_header: string }>`select auth_header from upstream_endpoints`.execute(
        t.platform.handle.db,
      )
      expect(stored.rows[0]?.auth_header).toMatch(/^SM4-CBC\/HMAC-SM3:/)
      expect(stored.rows[0]?.auth_header).not.toContain('gw-secret')
      expect(upstream.state.calls).toBe(0)
    })

    it('forwards a granted read with purpose, consumer and grant; serves the granted items only, masked', async () => {
      const p = PEOPLE[3]!
      const reply = await read(p.公民身份号码, '?caseRef=BJ-2026-0003')
      expect(reply.status).toBe(200)
      expect(Object.keys(reply.body.record).sort()).toEqual([...GRANTED].sort())
      expect(reply.body.record).toEqual({
        公民身份号码: `${p.公民身份号码.slice(0, 6)}********${p.公民身份号码.slice(14)}`,
        姓名: '测***',
        // Linked to the masked ID number (docs/masking.md).
        性别: '*',
      })
      expect(reply.body).toMatchObject({ grantId, source: 'upstream' })
      expect(JSON.stringify(reply.body)).not.toContain(p.公民身份号码)

      const call = upstream.state.seen.at(-1)!
      expect(call.path).toBe(`/people/${p.公民身份号码}`)
      expect(call.headers).toMatchObject({
        accept: 'application/json',
        authorization: SECRET,
        'x-govshare-consumer': consumerDeptId,
        'x-govshare-grant': grantId,
      })
      expect(decodeURIComponent(String(call.headers['x-govshare-purpose']))).toBe(PURPOSE)
      expect(decodeURIComponent(String(call.headers['x-govshare-case']))).toBe('BJ-2026-0003')
    })

    it('strips the fields the upstream adds, and refuses a record that does not fit the items', async () => {
      upstream.state.mode = 'extra'
      const reply = await read(PEOPLE[4]!.公民身份号码)
      expect(reply.status).toBe(200)
      expect(Object.keys(reply.body.record).sort()).toEqual([...GRANTED].sort())
      expect(JSON.stringify(reply.body)).not.toMatch(/内部备注|仅供内部|6222020000000000001|1990000/)

      upstream.state.mode = 'bad_type'
      expectError(await read(PEOPLE[4]!.公民身份号码), 502, 'EXCHANGE_UPSTREAM_FAILED')
      upstream.state.mode = 'ok'
    })

    it('passes a 404 through as EXCHANGE_RECORD_NOT_FOUND', async () => {
      const calls = upstream.state.calls
      expectError(await read(syntheticIdNumber('530102', '1980-05-05', 1)), 404, 'EXCHANGE_RECORD_NOT_FOUND')
      expect(upstream.state.calls).toBe(calls + 1)
    })

    it('refuses a department without a live grant with 403, without calling the upstream', async () => {
      const calls = upstream.state.calls
      expectError(
        track(
          await outsider.get(`/api/v1/exchange/resources/${resourceId}/records/${PEOPLE[1]!.公民身份号码}`),
        ),
        403,
        'GRANT_REQUIRED',
      )
      expect(upstream.state.calls).toBe(calls)
    })

    it('answers 504 when the upstream is slower than the endpoint timeout', async () => {
      upstream.state.mode = 'slow'
      const started = Date.now()
      expectError(await read(PEOPLE[5]!.公民身份号码), 504, 'EXCHANGE_UPSTREAM_TIMEOUT')
      expect(Date.now() - started).toBeLessThan(1400)
      upstream.state.mode = 'ok'
      expect((await read(PEOPLE[5]!.公民身份号码)).status).toBe(200)
    })

    it('looks up a batch through the upstream, but cannot page it', async () => {
      const keys = [
        PEOPLE[6]!.公民身份号码,
        PEOPLE[7]!.公民身份号码,
        syntheticIdNumber('530102', '1970-01-01', 9),
      ]
      consumerReads += 1
      const batch = track(
        await consumer.post(`/api/v1/exchange/resources/${resourceId}/records/batch`, {
          keys,
          caseRef: CASE,
        }),
      )
      expect(batch.status).toBe(200)
      expect(batch.body.items).toHaveLength(2)
      expect(batch.body.missing).toEqual([`530102********${keys[2]!.slice(14)}`])
      consumerReads += 1
      expectError(
        track(await consumer.get(`/api/v1/exchange/resources/${resourceId}/records?caseRef=${CASE}`)),
        409,
        'EXCHANGE_UPSTREAM_UNSUPPORTED',
      )
      expectError(
        await read(PEOPLE[6]!.公民身份号码, `?asOf=2026-11-01&caseRef=${CASE}`),
        409,
        'EXCHANGE_UPSTREAM_UNSUPPORTED',
      )
    })

    it('opens the circuit after 5 failures (503 with no call), and closes it after a trial 30 s later', async () => {
      const key = PEOPLE[8]!.公民身份号码
      upstream.state.mode = 'fail'
      const calls = upstream.state.calls
      for (let i = 0; i < 5; i++) {
        expectError(await read(key), 502, 'EXCHANGE_UPSTREAM_FAILED')
      }
      expect(upstream.state.calls).toBe(calls + 5)
      upstream.state.mode = 'ok'
      expectError(await read(key), 503, 'EXCHANGE_UPSTREAM_UNAVAILABLE')
      expect(upstream.state.calls).toBe(calls + 5)
      expect(track(await cataloger.get(upstreamPath())).body.circuit).toBe('open')

      clock.advance(29_000)
      expectError(await read(key), 503, 'EXCHANGE_UPSTREAM_UNAVAILABLE')
      expect(upstream.state.calls).toBe(calls + 5)
      clock.advance(1_000)
      expect((await read(key)).status).toBe(200)
      expect(upstream.state.calls).toBe(calls + 6)
      expect(track(await cataloger.get(upstreamPath())).body.circuit).toBe('closed')
      expect((await read(key)).status).toBe(200)
      expect(upstream.state.calls).toBe(calls + 7)
    })

    it('has every forwarded read in the access log, failures with records 0 and their code', async () => {
      const log = track(await cataloger.get(`/api/v1/exchange/resources/${resourceId}/access-log?limit=1000`))
      const reads = log.body.items.filter((e: { action: string }) => e.action === 'exchange.read')
      expect(reads).toHaveLength(consumerReads)
      expect(reads.every((e: { details: { source: string } }) => e.details.source === 'upstream')).toBe(true)
      const errors = reads.map((e: { details: { error?: string } }) => e.details.error).filter(Boolean)
      expect(errors.sort()).toEqual(
        [
          'EXCHANGE_UPSTREAM_FAILED', // bad type
          'EXCHANGE_UPSTREAM_TIMEOUT',
          'EXCHANGE_UPSTREAM_UNSUPPORTED', // list
          'EXCHANGE_UPSTREAM_UNSUPPORTED', // asOf
          ...Array(5).fill('EXCHANGE_UPSTREAM_FAILED'),
          'EXCHANGE_UPSTREAM_UNAVAILABLE',
          'EXCHANGE_UPSTREAM_UNAVAILABLE',
        ].sort(),
      )
      for (const entry of reads.filter((e: { details: { error?: string } }) => e.details.error)) {
        expect(entry.details).toMatchObject({ records: 0, grantId, purpose: PURPOSE })
      }
      const caseRead = reads.find(
        (e: { details: { caseRef: string } }) => e.details.caseRef === 'BJ-2026-0003',
      )
      expect(caseRead.details).toMatchObject({ records: 1, items: GRANTED })
      expect(JSON.stringify(caseRead.details)).not.toContain(PEOPLE[3]!.公民身份号码)
      expect(log.body.items.some((e: { action: string }) => e.action === 'exchange.denied')).toBe(true)
    })

    it('never shows the auth header in any reply, audit entries included; removal goes back to the store', async () => {
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const entries = await allAuditEntries(await auditorFor(admin))
      replies.push(JSON.stringify(entries))
      expect(entries.some((e) => e.action === 'exchange.upstream_register' && e.object === resourceId)).toBe(
        true,
      )
      expect(upstream.state.seen.every((s) => s.headers.authorization === SECRET)).toBe(true)
      for (const text of replies) {
        expect(text).not.toContain('gw-secret')
      }

      const calls = upstream.state.calls
      const removed = await cataloger.request('DELETE', upstreamPath())
      expect(removed.status).toBe(204)
      expectError(await cataloger.get(upstreamPath()), 404, 'EXCHANGE_UPSTREAM_NOT_FOUND')
      expectError(await cataloger.request('DELETE', upstreamPath()), 404, 'EXCHANGE_UPSTREAM_NOT_FOUND')
      const stored = await read(PEOPLE[3]!.公民身份号码)
      expectError(stored, 404, 'EXCHANGE_RECORD_NOT_FOUND')
      expect(upstream.state.calls).toBe(calls)
    })
  })
}
