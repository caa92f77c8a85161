/**
 * Issue 12: a DBA with full SQL access (triggers dropped) tampers with the audit log in random
 * ways; `verifyChain` or a witness that has seen the latest signed checkpoint must catch every
 * one. Each mutation runs in a transaction that is rolled back, so the store is built once.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Executor, Trx } from '../../src/db/database.js'
import { inTransaction } from '../../src/db/transaction.js'
import {
  type AuditEvent,
  type AuditService,
  type ChainEntry,
  createAuditService,
  createSigner,
  GENESIS_HASH,
  ProofUnavailable,
  sealEntry,
  type WitnessPlatform,
  type WitnessState,
  witnessOnce,
} from '../../src/modules/audit/index.js'
import { SYSTEM_ACTOR } from '../../src/shared/actor.js'
import { fixedClock } from '../../src/shared/clock.js'
import { AppError } from '../../src/shared/errors.js'
import { openTestDb } from '../support/db.js'
import { DIALECTS } from '../support/dialects.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'
const SIZE = 300
const MUTATIONS = 1000
const KINDS = [
  'edit_field',
  'delete_row',
  'reorder_rows',
  'truncate_tail',
  'rewrite_tail',
  'forge_past_head',
  'drop_latest_checkpoints',
  'edit_checkpoint',
] as const
type Kind = (typeof KINDS)[number]

class Rollback extends Error {}

for (const dialect of DIALECTS) {
  describe(`${dialect}: tampering with the audit log`, () => {
    let t: Awaited<ReturnType<typeof openTestDb>>
    let audit: AuditService
    let witness: WitnessState

    beforeAll(async () => {
      t = await openTestDb(dialect)
      audit = createAuditService({
        db: t.handle.db,
        native: t.handle.native,
        clock: fixedClock('2026-12-05T08:00:00Z'),
        signer: createSigner(KEY),
      })
      for (let i = 0; i < 3; i++) {
        await inTransaction(t.handle.db, (trx) =>
          audit.appendMany(
            trx,
            Array.from({ length: SIZE / 3 }, (_, j) => ({
              actor: SYSTEM_ACTOR,
              event: { ...anyEvent('test.event', { j }), objectId: `o${i}-${j}` },
            })),
          ),
        )
        await audit.checkpoints.makeCheckpoint({ force: true })
      }
      const first = await witnessOnce({ keys: [] }, platformOn(t.handle.db))
      if (first.outcome !== 'verdict' || !first.verdict.ok) {
        throw new Error('the untouched log should satisfy the witness')
      }
      witness = first.state
    }, 60_000)
    afterAll(() => t?.cleanup())

    function platformOn(on: Executor): WitnessPlatform {
      return {
        keys: async () => audit.checkpoints.publicKeys(),
        latest: () => audit.checkpoints.latest(on),
        consistency: async (from, to) => {
          try {
            return (await audit.checkpoints.consistencyProof(from, to, on)).proof
          } catch (error) {
            throw error instanceof AppError ? new ProofUnavailable(error.code) : error
          }
        },
      }
    }

    it('the untouched log verifies and satisfies the witness', async () => {
      expect(await audit.verifyChain()).toMatchObject({
        ok: true,
        entries: SIZE,
        checkpoint: { treeSize: SIZE },
      })
      expect(witness.checkpoint?.treeSize).toBe(SIZE)
    })

    it(`detects ${MUTATIONS} random mutations, by verify or by the witness`, async () => {
      const rng = seeded(dialect === 'sqlite' ? 1 : 2)
      const pick = (n: number) => Math.floor(rng() * n)
      const missed: string[] = []
      const byVerify = new Map<Kind, number>()
      let byWitness = 0
      for (let i = 0; i < MUTATIONS; i++) {
        const kind = KINDS[i % KINDS.length] ?? 'edit_field'
        let label = ''
        try {
          await inTransaction(t.handle.db, async (trx) => {
            await dropTriggers(trx, dialect)
            label = await mutate(trx, kind, pick)
            // What `govshare audit verify` reports: the walk, and rows past the head beside it (§33).
            const result = await audit.verifyChain(trx)
            const pastHead = (await audit.foreignRows(trx)).some((row) => row.quarantinedAt === null)
            if (!result.ok || pastHead) {
              byVerify.set(kind, (byVerify.get(kind) ?? 0) + 1)
              throw new Rollback()
            }
            // The platform's job may run after the tampering and sign whatever is there now.
            // (Not after only dropping checkpoints: re-signing the untouched log restores them as they were.)
            if (kind !== 'drop_latest_checkpoints' && pick(2) === 0) {
              await audit.checkpoints.makeCheckpoint({ force: true, on: trx }).catch(() => undefined)
            }
            const run = await witnessOnce(witness, platformOn(trx))
            if (run.outcome === 'verdict' && !run.verdict.ok) {
              byWitness += 1
            } else {
              missed.push(label)
            }
            throw new Rollback()
          })
        } catch (error) {
          if (!(error instanceof Rollback)) {
            throw error
          }
        }
      }
      const detected = MUTATIONS - missed.length
      console.log(
        `tamper (${dialect}): ${detected}/${MUTATIONS} detected (verify ${MUTATIONS - byWitness - missed.length}, ` +
          `witness ${byWitness}); by verify per kind ${JSON.stringify(Object.fromEntries(byVerify))}`,
      )
      expect(missed).toEqual([])
      expect(await audit.verifyChain()).toMatchObject({ ok: true, entries: SIZE })
    }, 120_000)
  })
}

async function dropTriggers(trx: Trx, dialect: string): Promise<void> {
  if (dialect === 'postgres') {
    await sql`drop trigger audit_entries_immutable on audit_entries`.execute(trx)
    await sql`drop trigger audit_head_forward on audit_head`.execute(trx)
    await sql`drop trigger audit_checkpoints_immutable on audit_checkpoints`.execute(trx)
  } else {
    await sql`drop trigger audit_entries_no_update`.execute(trx)
    await sql`drop trigger audit_entries_no_delete`.execute(trx)
    await sql`drop trigger audit_head_forward`.execute(trx)
    await sql`drop trigger audit_checkpoints_no_update`.execute(trx)
    await sql`drop trigger audit_checkpoints_no_delete`.execute(trx)
  }
}

/** Applies one mutation as a DBA would, and says what it did. */
async function mutate(trx: Trx, kind: Kind, pick: (n: number) => number): Promise<string> {
  const seq = 1 + pick(SIZE)
  switch (kind) {
    case 'edit_field': {
      const field = (['action', 'details', 'actor_name', 'at', 'object_id'] as const)[pick(5)] ?? 'action'
      await sql`update audit_entries set ${sql.ref(field)} = ${`forged-${seq}`} where seq = ${seq}`.execute(
        trx,
      )
      return `${kind} ${field} @${seq}`
    }
    case 'delete_row':
      await sql`delete from audit_entries where seq = ${seq}`.execute(trx)
      return `${kind} @${seq}`
    case 'reorder_rows': {
      const other = seq === SIZE ? seq - 1 : seq + 1 + pick(SIZE - seq)
      await sql`update audit_entries set seq = -1 where seq = ${seq}`.execute(trx)
      await sql`update audit_entries set seq = ${seq} where seq = ${other}`.execute(trx)
      await sql`update audit_entries set seq = ${other} where seq = -1`.execute(trx)
      return `${kind} @${seq}<->${other}`
    }
    case 'truncate_tail': {
      const keep = seq - 1
      await sql`delete from audit_entries where seq > ${keep}`.execute(trx)
      await moveHead(trx, keep)
      if (pick(2) === 0) {
        await sql`delete from audit_checkpoints where tree_size > ${keep}`.execute(trx)
      }
      return `${kind} to ${keep}`
    }
    case 'rewrite_tail': {
      const rows = await entriesFrom(trx, seq)
      let prevHash = seq === 1 ? GENESIS_HASH : ((await entriesFrom(trx, seq - 1))[0]?.hash ?? GENESIS_HASH)
      await sql`delete from audit_entries where seq >= ${seq}`.execute(trx)
      for (const [i, row] of rows.entries()) {
        const forged = sealEntry({ ...row, prevHash, details: i === 0 ? '{"forged":true}' : row.details })
        await insertEntry(trx, forged)
        prevHash = forged.hash
      }
      await moveHead(trx, SIZE)
      if (pick(2) === 0) {
        await sql`delete from audit_checkpoints where tree_size >= ${seq}`.execute(trx)
      }
      return `${kind} from ${seq}`
    }
    case 'forge_past_head': {
      const [last] = await entriesFrom(trx, SIZE)
      const forged = sealEntry({ ...(last ?? BLANK), seq: SIZE + 1, prevHash: last?.hash ?? GENESIS_HASH })
      await insertEntry(trx, forged)
      return kind
    }
    case 'drop_latest_checkpoints':
      await sql`delete from audit_checkpoints where tree_size >= ${seq}`.execute(trx)
      return `${kind} >= ${seq}`
    case 'edit_checkpoint':
      await sql`update audit_checkpoints set root = ${'0'.repeat(64)} where tree_size = ${SIZE}`.execute(trx)
      return kind
  }
}

const BLANK: ChainEntry = {
  seq: 0,
  at: '2026-12-05T08:00:00.000Z',
  actorType: 'system',
  actorId: null,
  actorName: 'system',
  departmentId: null,
  action: 'test.forged',
  objectType: null,
  objectId: null,
  details: '{}',
  prevHash: GENESIS_HASH,
  hash: '',
  alg: 'SM3',
}

async function entriesFrom(trx: Trx, seq: number): Promise<ChainEntry[]> {
  const rows = await trx
    .selectFrom('audit_entries')
    .selectAll()
    .where('seq', '>=', seq)
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.actor_name,
    departmentId: r.department_id,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
    alg: r.alg,
  }))
}

async function insertEntry(trx: Trx, e: ChainEntry): Promise<void> {
  await trx
    .insertInto('audit_entries')
    .values({
      seq: e.seq,
      at: e.at,
      actor_type: e.actorType,
      actor_id: e.actorId,
      actor_name: e.actorName,
      department_id: e.departmentId,
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId,
      details: e.details,
      prev_hash: e.prevHash,
      hash: e.hash,
      alg: e.alg,
    })
    .execute()
}

async function moveHead(trx: Trx, seq: number): Promise<void> {
  const [row] = seq === 0 ? [] : await entriesFrom(trx, seq)
  await trx
    .updateTable('audit_head')
    .set({ seq, hash: row?.hash ?? GENESIS_HASH })
    .where('id', '=', 1)
    .execute()
}

function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}
