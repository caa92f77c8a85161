/**
 * Issue 16 item 1 (Art. 21, 39): two platforms on 127.0.0.1, a city and a province, each on its own
 * database. The city's catalog reaches the province in one sync; a city consumer is granted a
 * provincial resource and reads it masked through the city platform, both logs naming the read by
 * one correlation id; a tampered message is refused and logged; a province that cannot be reached
 * leaves the city's messages queued, and they go once it is back.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUDIT_DEFAULTS } from '../../src/config.js'
import { createSigner } from '../../src/modules/audit/index.js'
import { catalogFeedSince } from '../../src/modules/catalog/index.js'
import { sealMessage } from '../../src/modules/federation/index.js'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import type { Clock } from '../../src/shared/clock.js'
import { publishResource } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  startTestPlatform,
  TEST_AUDIT_SIGNING_KEY,
  type TestPlatform,
} from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
} from '../support/scenario-kit.js'

const PROVINCE_KEY = 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210'

const PROVINCE_ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '性别', dataType: 'string' },
]

/** The city's clock runs ahead on demand: backoff waits pass without sleeping. */
function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0
  return { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) }
}

async function signIn(t: TestPlatform, roles: string[], departmentId: string): Promise<ApiClient> {
  const admin = await t.login('admin', ADMIN_PASSWORD)
  const user = await createUser(admin, departmentId, roles, roles[0])
  return t.login(user.username, user.password)
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: federation between a city and a province`, () => {
    let city: TestPlatform
    let province: TestPlatform
    let cityAdmin: ApiClient
    let provinceAdmin: ApiClient
    let cityPeerId: string
    let provincePeerId: string
    let cityDept: { id: string; code: string; name: string }
    let cityConsumer: ApiClient
    let cityReviewer: ApiClient
    let cityCataloger: ApiClient
    let provinceResourceId: string
    let mirroredId: string
    let grantId: string
    let provinceApprover: ApiClient
    const clock = movableClock()

    beforeAll(async () => {
      province = await startTestPlatform(dialect, {
        config: { audit: { ...AUDIT_DEFAULTS, signingKey: PROVINCE_KEY } },
      })
      city = await startTestPlatform(dialect, { clock })
      cityAdmin = await city.login('admin', ADMIN_PASSWORD)
      provinceAdmin = await province.login('admin', ADMIN_PASSWORD)
      const cityKey = (await cityAdmin.get('/api/v1/federation/identity')).body
      const provinceKey = (await provinceAdmin.get('/api/v1/federation/identity')).body
      expect(cityKey.keyId).not.toBe(provinceKey.keyId)

      cityDept = await createDepartment(cityAdmin, 'city')
      // The province registers the city department under its unified code, as zones do (§51).
      const registered = await provinceAdmin.post('/api/v1/departments', {
        code: cityDept.code,
        name: cityDept.name,
        level: 'city',
      })
      expect(registered.status).toBe(201)

      const cityMe = (await cityAdmin.get('/api/v1/auth/me')).body
      cityReviewer = await signIn(city, ['bureau_reviewer'], cityMe.departmentId)
      cityCataloger = await signIn(city, ['cataloger'], cityDept.id)
      cityConsumer = await signIn(city, ['consumer'], cityDept.id)
      await publishResource(cityCataloger, cityReviewer, {
        name: '市级企业登记信息',
        shareType: 'unconditional',
      })

      const provinceMe = (await provinceAdmin.get('/api/v1/auth/me')).body
      const provinceDept = await createDepartment(provinceAdmin, 'city')
      const provinceReviewer = await signIn(province, ['bureau_reviewer'], provinceMe.departmentId)
      const provinceCataloger = await signIn(province, ['cataloger'], provinceDept.id)
      provinceResourceId = await publishResource(provinceCataloger, provinceReviewer, {
        name: '省级人口基础信息',
        shareType: 'conditional',
        legalBasis: '《政务信息资源共享管理暂行办法》',
        shareCondition: '仅用于政务服务办理',
        items: PROVINCE_ITEMS,
      })
      const loaded = await provinceCataloger.post(
        `/api/v1/exchange/resources/${provinceResourceId}/records`,
        {
          records: [0, 1, 2].map((i) => ({
            公民身份号码: syntheticIdNumber('530102', '1990-01-01', i),
            姓名: `测试${i}号`,
            性别: i % 2 ? '男' : '女',
          })),
        },
      )
      expect(loaded.status).toBe(200)

      const provincePeer = await cityAdmin.post('/api/v1/federation/peers', {
        name: '省级平台',
        baseUrl: province.baseUrl,
        publicKey: provinceKey.publicKey,
        role: 'province',
        sharesCatalog: true,
      })
      expect(provincePeer.status).toBe(201)
      provincePeerId = provincePeer.body.id
      const cityPeer = await provinceAdmin.post('/api/v1/federation/peers', {
        name: '昆明市平台',
        baseUrl: city.baseUrl,
        publicKey: cityKey.publicKey,
        role: 'city',
        sharesCatalog: true,
        departmentCodes: [cityDept.code],
      })
      expect(cityPeer.status).toBe(201)
      cityPeerId = cityPeer.body.id
    })

    afterAll(async () => {
      await city?.close()
      await province?.close()
    })

    it('cascades the city catalog to the province in one sync, and mirrors the province catalog', async () => {
      const sync = await cityAdmin.post('/api/v1/federation/sync')
      expect(sync.status).toBe(200)
      expect(sync.body.peers[0]).toMatchObject({ state: 'up', error: null })
      const onProvince = await provinceAdmin.get('/api/v1/federation/remote-resources?q=市级企业')
      expect(onProvince.body.items.map((r: { name: string }) => r.name)).toEqual(['市级企业登记信息'])
      expect(onProvince.body.items[0].peerId).toBe(cityPeerId)
      const onCity = await cityConsumer.get('/api/v1/federation/remote-resources?q=省级人口')
      expect(onCity.body.items).toHaveLength(1)
      expect(onCity.body.items[0]).toMatchObject({ remoteId: provinceResourceId, peerId: provincePeerId })
      // A second sync sends nothing new and changes nothing.
      const again = await cityAdmin.post('/api/v1/federation/sync')
      expect(again.body.peers[0]).toMatchObject({ queued: 0, delivered: 0, pulled: 0 })
      const peers = await cityAdmin.get('/api/v1/federation/peers')
      expect(peers.body.items[0]).toMatchObject({ state: 'up', pending: 0, lastError: null })
      const consumerPeers = await cityConsumer.get('/api/v1/federation/peers')
      expectError(consumerPeers, 403, 'FORBIDDEN')
    })

    it('lets a city consumer apply, the province decide, and the read go masked through both with one correlation id', async () => {
      const mirrored = (await cityConsumer.get('/api/v1/federation/remote-resources?q=省级人口')).body
        .items[0]
      const key = syntheticIdNumber('530102', '1990-01-01', 1)
      const early = await cityConsumer.get(
        `/api/v1/federation/remote-resources/${mirrored.id}/records/${encodeURIComponent(key)}`,
      )
      expectError(early, 403, 'FEDERATION_GRANT_REQUIRED')

      const applied = await cityConsumer.post(`/api/v1/federation/remote-resources/${mirrored.id}/requests`, {
        items: ['公民身份号码', '姓名', '性别'],
        purpose: '核验户籍信息办理业务',
      })
      expect(applied.status).toBe(201)
      expect(applied.body).toMatchObject({ status: 'pending', peerRequestId: expect.any(String) })

      // The province decides on its own platform, as its approver.
      provinceApprover = await signIn(
        province,
        ['approver'],
        (await provinceAdmin.get(`/api/v1/catalog/resources/${provinceResourceId}`)).body.providerId,
      )
      const decided = await provinceApprover.post(
        `/api/v1/sharing/requests/${applied.body.peerRequestId}/decision`,
        { decision: 'approve' },
      )
      expect(decided.status).toBe(200)
      grantId = decided.body.grantId
      mirroredId = mirrored.id
      const synced = await cityAdmin.post('/api/v1/federation/sync')
      expect(synced.body.peers[0].error).toBeNull()
      const mine = await cityConsumer.get('/api/v1/federation/remote-requests')
      expect(mine.body.items[0]).toMatchObject({ status: 'granted', grantId: decided.body.grantId })

      const read = await cityConsumer.get(
        `/api/v1/federation/remote-resources/${mirrored.id}/records/${encodeURIComponent(key)}?caseRef=SX-2026-01`,
      )
      expect(read.status).toBe(200)
      // Masked by the province's rules (性别 too: the ID number's 17th digit gives it away).
      expect(Object.keys(read.body.record).sort()).toEqual(['公民身份号码', '姓名', '性别'].sort())
      expect(read.body.record.公民身份号码).toContain('*')
      expect(read.body.record.公民身份号码).not.toBe(key)
      expect(read.body.record.姓名).not.toBe('测试1号')
      const correlationId = read.body.correlationId

      const provinceLog = await allAuditEntries(await auditorFor(provinceAdmin), 'action=exchange.read')
      const provinceEntry = provinceLog.find((e) => e.details.correlationId === correlationId)
      expect(provinceEntry?.details).toMatchObject({
        grantId: decided.body.grantId,
        caseRef: 'SX-2026-01',
        records: 1,
      })
      expect(provinceEntry?.actor).toContain('昆明市平台')
      const cityLog = await allAuditEntries(await auditorFor(cityAdmin), 'action=federation.read')
      const cityEntry = cityLog.find((e) => e.details.correlationId === correlationId)
      expect(cityEntry?.details).toMatchObject({
        peerId: provincePeerId,
        records: 1,
        grantId: decided.body.grantId,
      })
      expect(JSON.stringify(cityEntry)).not.toContain(key)
    })

    it('refuses a tampered message, logged, and the same message untouched is accepted', async () => {
      const provinceKeyId = (await provinceAdmin.get('/api/v1/federation/identity')).body.keyId
      const signer = createSigner(TEST_AUDIT_SIGNING_KEY)
      const good = sealMessage(signer, provinceKeyId, 'catalog.pull', { since: null }, new Date())
      const accepted = await province.api.post('/api/v1/federation/messages', { message: good.text })
      expect(accepted.status).toBe(200)
      const at = good.text.indexOf('"since"') + 2
      const flipped =
        good.text.slice(0, at) + String.fromCharCode(good.text.charCodeAt(at) ^ 1) + good.text.slice(at + 1)
      const refused = await province.api.post('/api/v1/federation/messages', { message: flipped })
      expectError(refused, 400, 'FEDERATION_MESSAGE_INVALID')
      const body = good.text.replace('"since":null', '"since":"2000-01-01T00:00:00.000Z"')
      expectError(
        await province.api.post('/api/v1/federation/messages', { message: body }),
        400,
        'FEDERATION_MESSAGE_INVALID',
      )
      const stranger = sealMessage(
        createSigner('11'.repeat(32)),
        provinceKeyId,
        'catalog.pull',
        {},
        new Date(),
      )
      expectError(
        await province.api.post('/api/v1/federation/messages', { message: stranger.text }),
        403,
        'FEDERATION_PEER_UNKNOWN',
      )
      const log = await allAuditEntries(await auditorFor(provinceAdmin), 'action=federation.refused')
      expect(log.map((e) => e.details.code)).toEqual(
        expect.arrayContaining(['FEDERATION_MESSAGE_INVALID', 'FEDERATION_PEER_UNKNOWN']),
      )
      expect(
        log.filter((e) => e.details.code === 'FEDERATION_MESSAGE_INVALID').length,
      ).toBeGreaterThanOrEqual(2)
    })

    it('queues for a province that cannot be reached, shows it down, and catches up when it is back', async () => {
      const closed = 'http://127.0.0.1:9'
      await cityAdmin.request('PATCH', `/api/v1/federation/peers/${provincePeerId}`, { baseUrl: closed })
      await publishResource(cityCataloger, cityReviewer, {
        name: '市级社保参保信息',
        shareType: 'unconditional',
      })
      const down = await cityAdmin.post('/api/v1/federation/sync')
      expect(down.body.peers[0]).toMatchObject({ state: 'down', queued: 1, delivered: 0 })
      const peer = (await cityAdmin.get(`/api/v1/federation/peers/${provincePeerId}`)).body
      expect(peer).toMatchObject({ state: 'down', pending: 1 })
      expect(peer.lastError).toContain('FEDERATION_PEER_UNAVAILABLE')
      const queue = (await cityAdmin.get(`/api/v1/federation/outbox?peerId=${provincePeerId}`)).body.items
      expect(queue[0]).toMatchObject({ kind: 'catalog', status: 'pending', attempts: 1 })
      expect(queue[0].nextAttemptAt > queue[0].createdAt).toBe(true)
      // A sync before the backoff passes does not try again.
      await cityAdmin.post('/api/v1/federation/sync')
      expect(
        (await cityAdmin.get(`/api/v1/federation/outbox?peerId=${provincePeerId}`)).body.items[0].attempts,
      ).toBe(1)
      expect((await provinceAdmin.get('/api/v1/federation/remote-resources?q=社保')).body.items).toHaveLength(
        0,
      )

      await cityAdmin.request('PATCH', `/api/v1/federation/peers/${provincePeerId}`, {
        baseUrl: province.baseUrl,
      })
      clock.advance(60_000)
      const back = await cityAdmin.post('/api/v1/federation/sync')
      expect(back.body.peers[0]).toMatchObject({ state: 'up', delivered: 1, error: null })
      expect((await provinceAdmin.get('/api/v1/federation/remote-resources?q=社保')).body.items).toHaveLength(
        1,
      )
      expect((await cityAdmin.get(`/api/v1/federation/peers/${provincePeerId}`)).body).toMatchObject({
        state: 'up',
        pending: 0,
      })
      // Each change of reachability is logged once, however many calls saw it.
      const states = await allAuditEntries(await auditorFor(cityAdmin), 'action=federation.peer.state')
      expect(states.map((e) => e.details.state)).toEqual(['up', 'down', 'up'])
    })

    it("sends the city's annual report to the province (Art. 39) and keeps the province's receipt", async () => {
      const generated = await cityReviewer.post('/api/v1/reports/annual/2025/generate', { kind: 'city' })
      expect(generated.status).toBe(200)
      const reportId = generated.body.id
      expectError(
        await cityReviewer.post(`/api/v1/federation/reports/${reportId}/send`, { peerId: provincePeerId }),
        409,
        'FEDERATION_REPORT_NOT_READY',
      )
      expect((await cityReviewer.post(`/api/v1/reports/annual/${reportId}/submit`)).status).toBe(200)
      expectError(
        await cityConsumer.post(`/api/v1/federation/reports/${reportId}/send`, { peerId: provincePeerId }),
        403,
        'FORBIDDEN',
      )
      const sent = await cityReviewer.post(`/api/v1/federation/reports/${reportId}/send`, {
        peerId: provincePeerId,
      })
      expect(sent.status).toBe(200)
      expect(sent.body.items[0]).toMatchObject({ kind: 'report', status: 'delivered', attempts: 1 })
      const receipt = sent.body.items[0].reply
      expect(receipt).toMatchObject({
        receiptId: expect.any(String),
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      })
      const deliveries = await cityReviewer.get(`/api/v1/federation/reports/${reportId}/deliveries`)
      expect(deliveries.body.items[0].reply).toEqual(receipt)

      const provinceMe = (await provinceAdmin.get('/api/v1/auth/me')).body
      const provinceReviewer = await signIn(province, ['bureau_reviewer'], provinceMe.departmentId)
      const received = (await provinceReviewer.get('/api/v1/federation/received-reports')).body.items
      expect(received).toHaveLength(1)
      expect(received[0]).toMatchObject({ peerId: cityPeerId, year: 2025, digest: receipt.digest })
      expect(received[0].report).toMatchObject({ id: reportId, kind: 'city', status: 'submitted' })
      const provinceLog = await allAuditEntries(
        await auditorFor(provinceAdmin),
        'action=federation.report.receive',
      )
      expect(provinceLog[0]?.details).toMatchObject({ receiptId: receipt.receiptId, year: 2025 })
      const cityLog = await allAuditEntries(await auditorFor(cityAdmin), 'action=federation.report.receipt')
      expect(cityLog[0]?.details).toMatchObject({ receiptId: receipt.receiptId, reportId })
    })

    it('pages the catalog feed without losing a change between pages', async () => {
      const db = city.platform.handle.db
      const all = await catalogFeedSince(db, null)
      expect(all.entries.map((e) => e.kind)).toEqual(['resource', 'resource'])
      const first = await catalogFeedSince(db, null, 1)
      expect([first.entries.length, first.more]).toEqual([1, true])
      const second = await catalogFeedSince(db, first.cursor, 1)
      expect([second.entries.length, second.more, second.cursor]).toEqual([1, false, all.cursor])
      expect([...first.entries, ...second.entries]).toEqual(all.entries)
      // Two changes of one instant never straddle a page: the cursor is a time.
      await sql`update resources set updated_at = ${all.cursor}`.execute(db)
      const tied = await catalogFeedSince(db, null, 1)
      expect([tied.entries.length, tied.more, tied.cursor]).toEqual([2, false, all.cursor])
    })

    it("carries the province's refusals back, logged on both sides: a revoked grant, a department not shared", async () => {
      const provinceKeyId = (await provinceAdmin.get('/api/v1/federation/identity')).body.keyId
      const signer = createSigner(TEST_AUDIT_SIGNING_KEY)
      const unshared = sealMessage(
        signer,
        provinceKeyId,
        'read',
        {
          correlationId: 'c-1',
          departmentCode: '115301000000000000',
          requester: 'x',
          resourceId: provinceResourceId,
          key: 'k',
        },
        new Date(),
      )
      expectError(
        await province.api.post('/api/v1/federation/messages', { message: unshared.text }),
        403,
        'FEDERATION_NOT_ALLOWED',
      )
      expectError(
        await province.api.post('/api/v1/federation/messages', { message: unshared.text }),
        400,
        'FEDERATION_MESSAGE_INVALID',
      )

      expect(
        (await provinceApprover.post(`/api/v1/grants/${grantId}/revoke`, { reason: '停止共享' })).status,
      ).toBe(200)
      const key = syntheticIdNumber('530102', '1990-01-01', 2)
      const refused = await cityConsumer.get(
        `/api/v1/federation/remote-resources/${mirroredId}/records/${encodeURIComponent(key)}`,
      )
      expectError(refused, 403, 'FEDERATION_PEER_REFUSED')
      expect(refused.body.error.details.code).toBe('GRANT_REQUIRED')
      const cityLog = await allAuditEntries(await auditorFor(cityAdmin), 'action=federation.read')
      const cityEntry = cityLog.find((e) => e.details.error === 'GRANT_REQUIRED')
      const provinceLog = await allAuditEntries(await auditorFor(provinceAdmin), 'action=exchange.denied')
      expect(provinceLog.map((e) => e.details.correlationId)).toContain(cityEntry?.details.correlationId)
      const refusedLog = await allAuditEntries(await auditorFor(provinceAdmin), 'action=federation.refused')
      expect(refusedLog.map((e) => e.details.code)).toContain('FEDERATION_NOT_ALLOWED')
    })

    it('puts a message the province refuses with the dead letters, which the city admin alone requeues (§58)', async () => {
      await provinceAdmin.request('PATCH', `/api/v1/federation/peers/${cityPeerId}`, { enabled: false })
      await publishResource(cityCataloger, cityReviewer, {
        name: '市级公积金缴存信息',
        shareType: 'unconditional',
      })
      await cityAdmin.post('/api/v1/federation/sync')
      expect((await cityAdmin.get(`/api/v1/federation/peers/${provincePeerId}`)).body).toMatchObject({
        state: 'up',
        pending: 0,
        dead: 1,
      })
      const [dead] = (await cityAdmin.get('/api/v1/federation/outbox?status=dead')).body.items
      expect(dead).toMatchObject({ kind: 'catalog', status: 'dead', attempts: 1 })
      expect(dead.lastError).toContain('FEDERATION_PEER_UNKNOWN')
      // Not retried: the province still does not have it after the backoff.
      clock.advance(3_600_000)
      await cityAdmin.post('/api/v1/federation/sync')
      expect(
        (await provinceAdmin.get('/api/v1/federation/remote-resources?q=公积金')).body.items,
      ).toHaveLength(0)

      const refused = await cityConsumer.post(`/api/v1/federation/outbox/${dead.id}/requeue`)
      expectError(refused, 403, 'FORBIDDEN')
      const denied = await allAuditEntries(await auditorFor(cityAdmin), 'action=access.denied')
      expect(denied.map((e) => e.details.url)).toContain(`/api/v1/federation/outbox/${dead.id}/requeue`)

      await provinceAdmin.request('PATCH', `/api/v1/federation/peers/${cityPeerId}`, { enabled: true })
      const requeued = await cityAdmin.post(`/api/v1/federation/outbox/${dead.id}/requeue`)
      expect(requeued.body).toMatchObject({ status: 'pending', attempts: 0 })
      const back = await cityAdmin.post('/api/v1/federation/sync')
      expect(back.body.peers[0]).toMatchObject({ delivered: 1 })
      expect(
        (await provinceAdmin.get('/api/v1/federation/remote-resources?q=公积金')).body.items,
      ).toHaveLength(1)
      const log = async (action: string) =>
        (await allAuditEntries(await auditorFor(cityAdmin), `action=${action}`)).map((e) => [
          e.details.peerId,
          e.details.kind,
        ])
      expect(await log('federation.outbox.dead')).toEqual([[provincePeerId, 'catalog']])
      expect(await log('federation.outbox.requeue')).toEqual([[provincePeerId, 'catalog']])
    })
  })
}
