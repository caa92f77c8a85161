import http from 'node:http'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../../test/support/db.js'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { inTransaction } from '../../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../../shared/actor.js'
import { type Clock, fixedClock } from '../../../shared/clock.js'
import { createAuditService } from '../service.js'
import type { AuditEvent } from '../vocabulary.js'
import { leafHash, verifyConsistency, verifyInclusion } from './merkle.js'
import { isSignedBy, sm3Tree } from './rules.js'
import { createSigner } from './signing.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
const OLD_KEY = 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210'
const auditor: Actor = { ...SYSTEM_ACTOR, kind: 'user', id: 'a1', name: 'auditor', roles: ['auditor'] }
const consumer: Actor = { ...SYSTEM_ACTOR, kind: 'user', id: 'c1', name: 'c', roles: ['consumer'] }
const buf = (h: string) => Buffer.from(h, 'hex')

for (const dialect of DIALECTS) {
  describe(`${dialect}: audit checkpoints`, () => {
    let cleanup: (() => Promise<void>) | undefined
    afterEach(async () => {
      await cleanup?.()
      cleanup = undefined
    })

    async function setup(options: { key?: string; oldKeys?: string[]; clock?: Clock } = {}) {
      const t = await openTestDb(dialect)
      cleanup = t.cleanup
      const make = (key: string | undefined, oldKeys = options.oldKeys ?? []) =>
        createAuditService({
          db: t.handle.db,
          native: t.handle.native,
          clock: options.clock ?? fixedClock('2026-12-05T08:00:00Z'),
          signer: key ? createSigner(key) : undefined,
          settings: {
            checkpointEntries: 100,
            checkpointMinutes: 10,
            witnessUrls: [],
            oldPublicKeys: oldKeys,
          },
        })
      const audit = make(options.key ?? KEY)
      const add = (n: number) =>
        inTransaction(t.handle.db, (trx) =>
          audit.appendMany(
            trx,
            Array.from({ length: n }, (_, i) => ({
              actor: SYSTEM_ACTOR,
              event: anyEvent('test.event', { i }),
            })),
          ),
        )
      return { db: t.handle.db, native: t.handle.native, audit, add, make }
    }

    it('makes a checkpoint every N entries, extends it from the right edge, and verifies proofs', async () => {
      const { audit, add } = await setup()
      await add(1)
      // The first entry gets a checkpoint at once: a witness has something to hold from day one.
      expect((await audit.checkpoints.makeCheckpoint())?.treeSize).toBe(1)
      await add(99)
      expect(await audit.checkpoints.makeCheckpoint()).toBeUndefined()
      await add(1)
      const first = await audit.checkpoints.makeCheckpoint()
      expect(first).toMatchObject({ treeSize: 101, hashAlg: 'SM3', sigAlg: 'SM2' })
      await add(649)
      const second = await audit.checkpoints.makeCheckpoint()
      expect(second?.treeSize).toBe(750)
      if (!first || !second) {
        throw new Error('no checkpoint')
      }
      expect(isSignedBy(second, audit.checkpoints.publicKeys())).toBe(true)

      const consistency = await audit.checkpoints.consistencyProof(101, 750)
      const ok = verifyConsistency(
        sm3Tree,
        101,
        750,
        buf(first.root),
        buf(second.root),
        consistency.proof.map(buf),
      )
      expect(ok).toBe(true)
      for (const seq of [1, 256, 257, 512, 700, 750]) {
        const p = await audit.checkpoints.inclusionProofFor(auditor, seq, 750)
        const leaf = leafHash(sm3Tree, buf(p.leaf))
        expect(
          verifyInclusion(sm3Tree, seq - 1, 750, leaf, p.proof.map(buf), buf(second.root)),
          `seq ${seq}`,
        ).toBe(true)
      }
      await expect(audit.checkpoints.inclusionProofFor(consumer, 1, 750)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(audit.checkpoints.consistencyProof(101, 751)).rejects.toMatchObject({
        code: 'AUDIT_PROOF_OUT_OF_RANGE',
      })
      expect(await audit.verifyChain()).toMatchObject({
        ok: true,
        entries: 750,
        checkpoint: { treeSize: 750 },
      })
    })

    it('refuses to change or delete a checkpoint or a stored subtree in the database itself', async () => {
      const { db, audit, add } = await setup()
      await add(300)
      await audit.checkpoints.makeCheckpoint({ force: true })
      await expect(sql`update audit_checkpoints set root = 'x'`.execute(db)).rejects.toThrow(
        /AUDIT_IMMUTABLE/,
      )
      await expect(sql`delete from audit_checkpoints`.execute(db)).rejects.toThrow(/AUDIT_IMMUTABLE/)
      await expect(sql`delete from audit_merkle_nodes`.execute(db)).rejects.toThrow(/AUDIT_IMMUTABLE/)
    })

    it('pushes each new checkpoint to the witnesses, and names one that did not take it', async () => {
      const received: unknown[] = []
      const server = http.createServer((req, res) => {
        let body = ''
        req.on('data', (chunk) => {
          body += chunk
        })
        req.on('end', () => {
          received.push(JSON.parse(body))
          res.end()
        })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      try {
        const { db, native, add } = await setup()
        const pushing = createAuditService({
          db,
          native,
          clock: fixedClock('2026-12-05T08:00:00Z'),
          signer: createSigner(KEY),
          settings: {
            checkpointEntries: 1,
            checkpointMinutes: 10,
            oldPublicKeys: [],
            witnessUrls: [`http://127.0.0.1:${port}/checkpoints`, 'http://127.0.0.1:1/down'],
          },
        })
        await add(2)
        await expect(pushing.checkpoints.makeCheckpoint()).rejects.toThrow(
          /not pushed to: http:\/\/127.0.0.1:1\/down/,
        )
        expect(received).toEqual([await pushing.checkpoints.latest()])
      } finally {
        server.close()
      }
    })

    it('makes a checkpoint after M minutes even with fewer than N new entries', async () => {
      let now = Date.parse('2026-12-05T08:00:00Z')
      const { audit, add } = await setup({ clock: { now: () => new Date(now) } })
      await add(3)
      expect((await audit.checkpoints.makeCheckpoint())?.treeSize).toBe(3)
      await add(2)
      now += 9 * 60_000
      expect(await audit.checkpoints.makeCheckpoint()).toBeUndefined()
      now += 60_000
      expect((await audit.checkpoints.makeCheckpoint())?.treeSize).toBe(5)
    })

    it('keeps verifying checkpoints of a retired key, and refuses one no trusted key signed', async () => {
      const { audit, add, make } = await setup({ key: OLD_KEY })
      await add(5)
      await audit.checkpoints.makeCheckpoint({ force: true })
      const rotated = make(KEY)
      expect(await rotated.verifyChain()).toMatchObject({ ok: false, problem: 'checkpoint_signature' })
      const withOld = make(KEY, [createSigner(OLD_KEY).publicKey])
      expect(await withOld.verifyChain()).toMatchObject({ ok: true, entries: 5 })
      await add(1)
      expect((await withOld.checkpoints.makeCheckpoint({ force: true }))?.keyId).toBe(createSigner(KEY).keyId)
      expect(await withOld.verifyChain()).toMatchObject({ ok: true, entries: 6, checkpoint: { treeSize: 6 } })
    })
  })
}
