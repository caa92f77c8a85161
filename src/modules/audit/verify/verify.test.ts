import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../../test/support/db.js'
import { inTransaction } from '../../../db/transaction.js'
import { SYSTEM_ACTOR } from '../../../shared/actor.js'
import { fixedClock } from '../../../shared/clock.js'
import { createSigner } from '../checkpoints/signing.js'
import { createAuditService } from '../service.js'
import type { AuditEvent } from '../vocabulary.js'
import { planChunks, verifyLogParallel } from './parallel.js'
import { verifyLog, withSqliteSnapshot } from './verify.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'

describe('sqlite: verify with worker threads names what the serial walk names', () => {
  let t: Awaited<ReturnType<typeof openTestDb>>
  let file = ''
  const keys = [createSigner(KEY)].map((s) => ({
    keyId: s.keyId,
    publicKey: s.publicKey,
    algorithm: 'SM2' as const,
  }))

  beforeAll(async () => {
    t = await openTestDb('sqlite')
    if (t.handle.native.dialect !== 'sqlite') {
      throw new Error('sqlite only')
    }
    file = t.handle.native.file
    const audit = createAuditService({
      db: t.handle.db,
      native: t.handle.native,
      clock: fixedClock('2026-12-05T08:00:00Z'),
      signer: createSigner(KEY),
    })
    const events = Array.from({ length: 2500 }, (_, i) => ({
      actor: SYSTEM_ACTOR,
      event: anyEvent('e', { i }),
    }))
    await inTransaction(t.handle.db, (trx) => audit.appendMany(trx, events))
    await audit.checkpoints.makeCheckpoint({ force: true })
    await inTransaction(t.handle.db, (trx) => audit.appendMany(trx, events.slice(0, 300)))
    await sql`drop trigger audit_entries_no_update`.execute(t.handle.db)
    await sql`drop trigger audit_entries_no_delete`.execute(t.handle.db)
  }, 60_000)
  afterAll(() => t?.cleanup())

  const both = () =>
    withSqliteSnapshot(file, async (source) => ({
      serial: await verifyLog(source, keys),
      parallel: await verifyLogParallel(file, source, keys, { workers: 2, chunk: 256 }),
    }))

  it('plans aligned chunks below the checkpoint and plain ones above it', () => {
    expect(planChunks(2500, 2800, 1024).map((c) => [c.start, c.end, c.merkle])).toEqual([
      [0, 1024, true],
      [1024, 2048, true],
      [2048, 2304, true],
      [2304, 2432, true],
      [2432, 2496, true],
      [2496, 2500, true],
      [2500, 2800, false],
    ])
  })

  it('agrees on an intact log and on each kind of damage', async () => {
    const intact = await both()
    expect(intact.parallel).toEqual(intact.serial)
    expect(intact.parallel).toMatchObject({ ok: true, entries: 2800, checkpoint: { treeSize: 2500 } })
    const damages: Array<[string, string, string]> = [
      [
        "update audit_entries set action = 'x' where seq = 1300",
        "update audit_entries set action = 'e' where seq = 1300",
        'hash_mismatch',
      ],
      [
        'update audit_entries set seq = -seq where seq = 257',
        'update audit_entries set seq = -seq where seq = -257',
        'missing_entry',
      ],
      [
        'update audit_entries set seq = -seq where seq = 2700',
        'update audit_entries set seq = -seq where seq = -2700',
        'missing_entry',
      ],
      [
        "update audit_entries set alg = 'MD5' where seq = 513",
        "update audit_entries set alg = 'SM3' where seq = 513",
        'unknown_algorithm',
      ],
      [
        "update audit_entries set prev_hash = 'ab' || substr(prev_hash, 3) where seq = 769",
        'update audit_entries set prev_hash = (select hash from audit_entries where seq = 768) where seq = 769',
        'broken_link',
      ],
    ]
    for (const [damage, repair, problem] of damages) {
      await sql.raw(damage).execute(t.handle.db)
      const { serial, parallel } = await both()
      await sql.raw(repair).execute(t.handle.db)
      expect(serial, damage).toMatchObject({ ok: false, problem })
      expect(parallel, damage).toEqual(serial)
    }
    expect((await both()).parallel).toMatchObject({ ok: true })
  }, 60_000)
})
