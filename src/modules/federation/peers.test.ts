/**
 * Peers and the outbox on the services, every dialect (Art. 21): the admin alone configures a
 * peer, every change is logged with the whole configuration, keys are never shared; a peer that
 * cannot be reached keeps the queue and is retried 5 s, 10 s, 20 s … later.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { TEST_AUDIT_SIGNING_KEY } from '../../../test/support/platform.js'
import { logged, publish } from '../../../test/support/service-kit.js'
import { type ServiceTest, setup } from '../../../test/support/services.js'
import { AUDIT_DEFAULTS } from '../../config.js'
import { createSigner } from '../audit/index.js'

const peerKey = createSigner('fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210').publicKey
const CLOSED = 'http://127.0.0.1:9'

for (const dialect of DIALECTS) {
  describe(`${dialect}: federation peers and outbox`, () => {
    let t: ServiceTest
    afterEach(async () => {
      await t?.cleanup()
    })
    const start = () =>
      setup(dialect, { config: { audit: { ...AUDIT_DEFAULTS, signingKey: TEST_AUDIT_SIGNING_KEY } } })
    const body = { name: '省级平台', baseUrl: CLOSED, publicKey: peerKey, role: 'province' as const }

    it('lets the system administrator alone configure peers, logged, and refuses shared keys', async () => {
      t = await start()
      const federation = t.services.federation
      const consumer = await t.person(await t.department(), ['consumer'])
      await expect(federation.peers.createPeer(consumer, body)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      expect(() => federation.peers.identity(consumer)).toThrow(
        expect.objectContaining({ code: 'FORBIDDEN' }),
      )
      const own = federation.peers.identity(t.admin)
      expect(own.publicKey).toBe(createSigner(TEST_AUDIT_SIGNING_KEY).publicKey)
      await expect(
        federation.peers.createPeer(t.admin, { ...body, publicKey: own.publicKey }),
      ).rejects.toMatchObject({
        code: 'FEDERATION_PEER_CONFLICT',
      })
      const peer = await federation.peers.createPeer(t.admin, { ...body, departmentCodes: [] })
      expect(peer).toMatchObject({ state: 'unknown', pending: 0, sharesCatalog: true, enabled: true })
      await expect(federation.peers.createPeer(t.admin, body)).rejects.toMatchObject({
        code: 'FEDERATION_PEER_CONFLICT',
      })
      const code = '11530100TD00000X0X'
      const changed = await federation.peers.updatePeer(t.admin, peer.id, {
        departmentCodes: [` ${code.toLowerCase()} `],
      })
      expect(changed.departmentCodes).toEqual([code])
      await expect(federation.peers.updatePeer(t.admin, 'missing', {})).rejects.toMatchObject({
        code: 'FEDERATION_PEER_NOT_FOUND',
      })
      const entries = [
        ...(await logged(t, 'federation.peer.create')),
        ...(await logged(t, 'federation.peer.update')),
      ]
      expect(entries.map((e) => [e.action, e.details.departmentCodes])).toEqual([
        ['federation.peer.create', []],
        ['federation.peer.update', [code]],
      ])
    })

    it('needs a signing key', async () => {
      t = await setup(dialect)
      expect(() => t.services.federation.peers.identity(t.admin)).toThrow(
        expect.objectContaining({ code: 'FEDERATION_SIGNING_KEY_REQUIRED' }),
      )
    })

    it('keeps the queue for a peer that cannot be reached, retrying 5 s, then 10 s later', async () => {
      t = await start()
      const federation = t.services.federation
      const provider = await t.department()
      await publish(
        t,
        await t.person(provider, ['cataloger']),
        await t.person(t.bureauId, ['bureau_reviewer']),
      )
      const peer = await federation.peers.createPeer(t.admin, body)
      // Two syncs at once (the job and the admin's button): one message queued, one attempt made.
      const [first, other] = await Promise.all([federation.sync.syncAll(), federation.sync.syncAll()])
      expect([first.peers[0]?.queued, other.peers[0]?.queued].sort()).toEqual([0, 1])
      expect(first.peers[0]).toMatchObject({ state: 'down', delivered: 0 })
      const queue = async () => (await federation.outbox.listOutbox(t.admin, { peerId: peer.id })).items
      const at = t.clock.now().getTime()
      expect(await queue()).toMatchObject([{ kind: 'catalog', status: 'pending', attempts: 1 }])
      expect(Date.parse((await queue())[0]?.nextAttemptAt ?? '') - at).toBe(5_000)
      t.clock.advance(4_000)
      await federation.sync.syncAll()
      expect((await queue())[0]?.attempts).toBe(1)
      t.clock.advance(1_000)
      const second = await federation.sync.syncAll()
      expect(second.peers[0]).toMatchObject({ queued: 0, delivered: 0 })
      const row = (await queue())[0]
      expect(row?.attempts).toBe(2)
      expect(Date.parse(row?.nextAttemptAt ?? '') - t.clock.now().getTime()).toBe(10_000)
      expect((await federation.peers.getPeer(t.admin, peer.id)).lastError).toMatch(
        /FEDERATION_PEER_UNAVAILABLE/,
      )
      expect((await logged(t, 'federation.catalog.export')).map((e) => e.details.entries)).toEqual([1])
    })
  })
}
