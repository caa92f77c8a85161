/**
 * Dead letters (Art. 21, §58), every dialect, with a fake peer in place of HTTP: a message the peer
 * refuses is dead at once, one it cannot be given for a week is dead after its last try; dead
 * messages are not retried, show on the peer, and the administrator alone requeues or discards
 * each one, logged.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { TEST_AUDIT_SIGNING_KEY } from '../../../test/support/platform.js'
import { logged, publish } from '../../../test/support/service-kit.js'
import { type ServiceTest, setup } from '../../../test/support/services.js'
import { AUDIT_DEFAULTS } from '../../config.js'
import { AppError } from '../../shared/errors.js'
import { createSigner } from '../audit/index.js'
import { parseMessage, sealMessage } from './envelope.js'
import { createFederationModule } from './index.js'
import { DEAD_AFTER_ATTEMPTS, DEAD_AFTER_MS, exhausted } from './rules.js'
import { type PeerAnswer, postMessage } from './transport.js'

const peerSigner = createSigner('fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210')
const ourKeyId = createSigner(TEST_AUDIT_SIGNING_KEY).keyId
const DAY = 24 * 60 * 60 * 1000

const PROVINCE_CATALOG = [
  {
    kind: 'resource',
    id: 'province-resource-1',
    code: '530000/000001',
    name: '省级人口基础信息',
    summary: '全省户籍人口基础信息',
    shareType: 'conditional',
    providerCode: '11530000MB0000000X',
    providerName: '省公安厅',
    items: [{ name: '姓名', dataType: 'string', key: false, sensitivity: 'name' }],
    updatedAt: '2026-11-20T00:00:00.000Z',
  },
]

/** A peer that answers as `mode` says and keeps every text it was sent. */
function fakePeer(t: ServiceTest) {
  const peer = {
    mode: 'refuse' as 'refuse' | 'down' | 'accept',
    /** The outbox's messages (catalog pages) it was sent; pulls are answered, not kept. */
    received: [] as string[],
    post: async (_url: string, text: string): Promise<PeerAnswer> => {
      const message = parseMessage(text)
      if (message.kind === 'catalog') {
        peer.received.push(text)
      }
      if (peer.mode === 'down') {
        throw new AppError('FEDERATION_PEER_UNAVAILABLE', { reason: 'connect ECONNREFUSED' })
      }
      if (peer.mode === 'refuse') {
        return { ok: false, code: 'FEDERATION_PEER_UNKNOWN' }
      }
      const body =
        message.kind === 'catalog.pull'
          ? { entries: PROVINCE_CATALOG, cursor: PROVINCE_CATALOG[0]?.updatedAt, more: false }
          : message.kind === 'request'
            ? { status: 'pending', requestId: 'province-request-1' }
            : { applied: 1 }
      const reply = sealMessage(peerSigner, ourKeyId, 'reply', body, t.clock.now(), message.id)
      return { ok: true, text: reply.text }
    },
  }
  return peer
}

describe('when a message is tried for the last time', () => {
  it('after a week since it was queued, or after 200 tries', () => {
    const queued = '2026-11-25T02:00:00.000Z'
    const at = (ms: number) => new Date(Date.parse(queued) + ms)
    expect(exhausted(queued, 2, at(DEAD_AFTER_MS - 1))).toBe(false)
    expect(exhausted(queued, 2, at(DEAD_AFTER_MS))).toBe(true)
    expect(exhausted(queued, DEAD_AFTER_ATTEMPTS - 1, at(0))).toBe(false)
    expect(exhausted(queued, DEAD_AFTER_ATTEMPTS, at(0))).toBe(true)
  })
})

describe('a peer answering 408 or 429', () => {
  it('is busy, not refusing: the message is tried again later', async () => {
    let status = 429
    const server = createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { code: 'RATE_LIMITED' } }))
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      await expect(postMessage(url, '{}')).rejects.toMatchObject({ code: 'FEDERATION_PEER_UNAVAILABLE' })
      status = 408
      await expect(postMessage(url, '{}')).rejects.toMatchObject({ code: 'FEDERATION_PEER_UNAVAILABLE' })
      status = 400
      await expect(postMessage(url, '{}')).resolves.toEqual({ ok: false, code: 'RATE_LIMITED' })
    } finally {
      server.close()
    }
  })
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: federation dead letters`, () => {
    let t: ServiceTest
    afterEach(async () => {
      await t?.cleanup()
    })

    async function start() {
      t = await setup(dialect, {
        config: { audit: { ...AUDIT_DEFAULTS, signingKey: TEST_AUDIT_SIGNING_KEY } },
      })
      const fake = fakePeer(t)
      const { services } = t
      const federation = createFederationModule({
        db: services.db,
        clock: t.clock,
        audit: services.audit,
        signer: services.signer,
        sharing: services.sharing,
        exchange: services.exchange,
        reports: services.supervision.annualReports,
        post: fake.post,
      })
      const provider = await t.department()
      await publish(
        t,
        await t.person(provider, ['cataloger']),
        await t.person(t.bureauId, ['bureau_reviewer']),
      )
      const peer = await federation.peers.createPeer(t.admin, {
        name: '省级平台',
        baseUrl: 'https://province.example.gov.cn',
        publicKey: peerSigner.publicKey,
        role: 'province',
      })
      const queue = async () => (await federation.outbox.listOutbox(t.admin, { peerId: peer.id })).items
      return { federation, fake, peer, queue }
    }

    it('buries a refused message at once, retries it no more, and lets the admin alone requeue it', async () => {
      const { federation, fake, peer, queue } = await start()
      await federation.sync.syncAll()
      const [dead] = await queue()
      expect(dead).toMatchObject({ kind: 'catalog', status: 'dead', attempts: 1 })
      expect(dead?.lastError).toBe('FEDERATION_PEER_REFUSED: FEDERATION_PEER_UNKNOWN')
      expect(dead?.deadAt).toBe(t.clock.now().toISOString())
      expect(await federation.peers.getPeer(t.admin, peer.id)).toMatchObject({
        pending: 0,
        queued: 0,
        failing: 0,
        dead: 1,
        nextAttemptAt: null,
      })
      expect((await federation.outbox.listOutbox(t.admin, { status: 'dead' })).items).toHaveLength(1)
      expect((await federation.outbox.listOutbox(t.admin, { status: 'pending' })).items).toHaveLength(0)

      t.clock.advance(2 * DAY)
      await federation.sync.syncAll()
      expect(fake.received).toHaveLength(1)
      expect((await queue())[0]?.status).toBe('dead')

      const consumer = await t.person(await t.department(), ['consumer'])
      await expect(federation.outbox.requeue(consumer, dead?.id ?? '')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(federation.outbox.requeue(t.admin, 'missing')).rejects.toMatchObject({
        code: 'FEDERATION_OUTBOX_NOT_FOUND',
      })
      fake.mode = 'accept'
      const requeued = await federation.outbox.requeue(t.admin, dead?.id ?? '')
      expect(requeued).toMatchObject({ status: 'pending', attempts: 0, deadAt: null })
      expect(requeued.lastError).toBe(dead?.lastError)
      await expect(federation.outbox.requeue(t.admin, dead?.id ?? '')).rejects.toMatchObject({
        code: 'FEDERATION_OUTBOX_NOT_DEAD',
      })
      await federation.sync.syncAll()
      expect((await queue())[0]).toMatchObject({ status: 'delivered', attempts: 1, lastError: null })
      // The same signed bytes both times: the peer recognises a repeat by the message id.
      expect(fake.received[1]).toBe(fake.received[0])
      await expect(federation.outbox.discard(t.admin, dead?.id ?? '')).rejects.toMatchObject({
        code: 'FEDERATION_OUTBOX_NOT_DEAD',
      })
      expect(
        (await logged(t, 'federation.outbox.dead')).map((e) => [e.details.kind, e.details.attempts]),
      ).toEqual([['catalog', 1]])
      expect((await logged(t, 'federation.outbox.requeue')).map((e) => e.details)).toEqual([
        {
          peerId: peer.id,
          kind: 'catalog',
          attempts: 1,
          lastError: 'FEDERATION_PEER_REFUSED: FEDERATION_PEER_UNKNOWN',
          resealed: false,
        },
      ])
    })

    it('signs a requeued message anew when the peer was given another key meanwhile', async () => {
      const { federation, fake, peer, queue } = await start()
      await federation.sync.syncAll()
      const other = createSigner('a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90')
      await federation.peers.updatePeer(t.admin, peer.id, { publicKey: other.publicKey })
      const requeued = await federation.outbox.requeue(t.admin, (await queue())[0]?.id ?? '')
      expect(requeued.status).toBe('pending')
      fake.mode = 'down'
      await federation.sync.syncAll()
      const [first, second] = fake.received.map(parseMessage)
      expect(first?.to).toBe(peerSigner.keyId)
      expect(second?.to).toBe(other.keyId)
      expect(second?.body).toEqual(first?.body)
      expect((await logged(t, 'federation.outbox.requeue'))[0]?.details.resealed).toBe(true)
    })

    it('buries a message still undelivered a week after it was queued, and lets the admin discard it', async () => {
      const { federation, fake, peer, queue } = await start()
      fake.mode = 'down'
      await federation.sync.syncAll()
      expect((await queue())[0]).toMatchObject({ status: 'pending', attempts: 1 })
      t.clock.advance(DEAD_AFTER_MS - 60_000)
      await federation.sync.syncAll()
      expect((await queue())[0]).toMatchObject({ status: 'pending', attempts: 2 })
      expect(await federation.peers.getPeer(t.admin, peer.id)).toMatchObject({
        state: 'down',
        pending: 1,
        queued: 0,
        failing: 1,
        dead: 0,
      })
      t.clock.advance(60 * 60 * 1000)
      await federation.sync.syncAll()
      const [dead] = await queue()
      expect(dead).toMatchObject({ status: 'dead', attempts: 3 })
      expect(dead?.lastError).toMatch(/^FEDERATION_PEER_UNAVAILABLE: connect ECONNREFUSED/)
      expect(await federation.peers.getPeer(t.admin, peer.id)).toMatchObject({ failing: 0, dead: 1 })
      t.clock.advance(DAY)
      await federation.sync.syncAll()
      expect(fake.received).toHaveLength(3)

      const discarded = await federation.outbox.discard(t.admin, dead?.id ?? '')
      expect(discarded.status).toBe('discarded')
      await expect(federation.outbox.requeue(t.admin, dead?.id ?? '')).rejects.toMatchObject({
        code: 'FEDERATION_OUTBOX_NOT_DEAD',
      })
      expect(await federation.peers.getPeer(t.admin, peer.id)).toMatchObject({ pending: 0, dead: 0 })
      expect((await logged(t, 'federation.outbox.discard')).map((e) => e.details)).toEqual([
        { peerId: peer.id, kind: 'catalog', attempts: 3, lastError: dead?.lastError },
      ])
    })

    it('tells an application its message died, and sends it again on requeue', async () => {
      const { federation, fake, peer } = await start()
      fake.mode = 'accept'
      await federation.sync.syncAll()
      const consumer = await t.person(await t.department(), ['consumer'])
      const [mirrored] = (await federation.remote.listRemoteResources(consumer, {})).items
      expect(mirrored?.name).toBe('省级人口基础信息')
      fake.mode = 'refuse'
      const applied = await federation.remote.applyForRemote(consumer, mirrored?.id ?? '', {
        items: ['姓名'],
        purpose: '核验户籍信息',
      })
      expect(applied.id).toBeTruthy()
      const mine = async () => (await federation.remote.listRemoteRequests(consumer)).items[0]
      expect(await mine()).toMatchObject({
        status: 'refused',
        peerName: '省级平台',
        resourceName: '省级人口基础信息',
        requesterName: consumer.name,
      })
      const [dead] = (await federation.outbox.listOutbox(t.admin, { peerId: peer.id, status: 'dead' })).items
      expect(dead?.kind).toBe('request')
      await federation.outbox.requeue(t.admin, dead?.id ?? '')
      expect((await mine())?.status).toBe('sending')
      fake.mode = 'accept'
      await federation.sync.syncAll()
      expect(await mine()).toMatchObject({ status: 'pending', peerRequestId: 'province-request-1' })
    })
  })
}
