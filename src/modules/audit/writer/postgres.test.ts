/**
 * The PostgreSQL back-end of the audit writer (decisions §60): two pipelined round trips a batch
 * on a connection of its own. Several writers on one database (instances) still make one dense
 * chain and count one meter; rows past the head are moved aside and the batch goes again; a lost
 * connection fails its reads closed and the next batch reconnects.
 */
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../../test/support/db.js'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { SYSTEM_ACTOR } from '../../../shared/actor.js'
import { fixedClock } from '../../../shared/clock.js'
import type { ReadMeter } from '../meters.js'
import { sealEntry } from '../rules.js'
import { createAuditService } from '../service.js'
import type { AuditEvent } from '../vocabulary.js'
import { WRITER_NAME } from './postgres.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const read = {
  action: 'exchange.read',
  objectType: 'resource',
  objectId: 'r1',
  details: {},
} as unknown as AuditEvent
const clock = fixedClock('2026-12-06T08:00:00Z')
const meter = (limit: number): ReadMeter => ({
  key: 'grant-1',
  day: '2026-12-06',
  units: 1,
  misses: 0,
  limit,
  suspendAtMisses: 1000,
  refused: {
    action: 'exchange.denied',
    details: { grantId: 'grant-1', records: 0 },
    codes: { over_budget: 'EXCHANGE_QUOTA_EXCEEDED', suspended: 'EXCHANGE_READS_SUSPENDED' },
  },
})

describe.runIf(DIALECTS.includes('postgres'))('postgres: the audit writer', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup()
    }
  })

  async function instances(n: number) {
    const t = await openTestDb('postgres')
    cleanups.push(t.cleanup)
    const audits = []
    for (let i = 0; i < n; i += 1) {
      const handle = i === 0 ? t.handle : await t.store.open()
      const audit = createAuditService({ db: handle.db, native: handle.native, clock })
      cleanups.push(async () => {
        await audit.close()
        if (i > 0) {
          await handle.close()
        }
      })
      audits.push(audit)
    }
    return { db: t.handle.db, audits }
  }

  it('makes one dense chain from three writers, counting one meter exactly to its limit', async () => {
    const { db, audits } = await instances(3)
    const reads = await Promise.all(
      Array.from({ length: 150 }, (_, i) => audits[i % 3]?.recordMeteredRead(SYSTEM_ACTOR, read, meter(100))),
    )
    const outcomes = reads.map((r) => r?.meter?.outcome)
    expect(outcomes.filter((o) => o === 'counted')).toHaveLength(100)
    expect(outcomes.filter((o) => o === 'over_budget')).toHaveLength(50)
    expect(new Set(reads.map((r) => r?.seq)).size).toBe(150)
    const stored = await sql<{ units: number }>`select units from audit_read_meters`.execute(db)
    expect(stored.rows).toEqual([{ units: 100 }])
    const actions = await sql<{ action: string; n: number }>`
      select action, count(*)::int as n from audit_entries group by action order by action`.execute(db)
    expect(actions.rows).toEqual([
      { action: 'exchange.denied', n: 50 },
      { action: 'exchange.read', n: 100 },
    ])
    expect(await audits[0]?.verifyChain()).toMatchObject({ ok: true, entries: 150 })
  })

  it('moves a row forged past the head aside, then commits the batch after it', async () => {
    const { db, audits } = await instances(1)
    const audit = audits[0]
    if (!audit) {
      throw new Error('no writer')
    }
    await audit.recordRead(SYSTEM_ACTOR, read)
    const forged = sealEntry({
      seq: 2,
      at: '2026-12-06T08:00:00.000Z',
      actorType: 'system',
      actorId: null,
      actorName: 'forger',
      departmentId: null,
      action: 'exchange.read',
      objectType: null,
      objectId: null,
      details: '{}',
      prevHash: 'f'.repeat(64),
    })
    await sql`insert into audit_entries (seq, at, actor_type, actor_id, actor_name, department_id, action,
      object_type, object_id, details, prev_hash, hash, alg) values (${forged.seq}, ${forged.at}, ${forged.actorType},
      ${forged.actorId}, ${forged.actorName}, ${forged.departmentId}, ${forged.action}, ${forged.objectType},
      ${forged.objectId}, ${forged.details}, ${forged.prevHash}, ${forged.hash}, ${forged.alg})`.execute(db)
    const seq = await audit.recordRead(SYSTEM_ACTOR, read)
    // Entry 2 is the alarm about the forged row; the read follows it.
    expect(seq).toBe(3)
    const quarantined = await sql<{ seq: number }>`select seq from audit_quarantine`.execute(db)
    expect(quarantined.rows.map((row) => Number(row.seq))).toEqual([2])
    expect(await audit.verifyChain()).toMatchObject({ ok: true, entries: 3 })
  })

  it('fails the reads of a batch whose connection is lost, and reconnects for the next', async () => {
    const { db, audits } = await instances(1)
    const audit = audits[0]
    if (!audit) {
      throw new Error('no writer')
    }
    await audit.recordRead(SYSTEM_ACTOR, read)
    // Another transaction holds the head, so the next batch waits on the writer's connection.
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let locked: () => void = () => {}
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve
    })
    const holder = db.transaction().execute(async (trx) => {
      await sql`select seq from audit_head where id = 1 for update`.execute(trx)
      locked()
      await held
    })
    await isLocked
    const waiting = Promise.allSettled([
      audit.recordRead(SYSTEM_ACTOR, read),
      audit.recordRead(SYSTEM_ACTOR, read),
    ])
    for (let terminated = 0; terminated === 0; ) {
      const ended = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and application_name = ${WRITER_NAME} and wait_event_type = 'Lock'`.execute(
        db,
      )
      terminated = ended.rows[0]?.n ?? 0
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    release()
    await holder
    expect((await waiting).map((s) => s.status)).toEqual(['rejected', 'rejected'])
    expect(await audit.recordRead(SYSTEM_ACTOR, read)).toBe(2)
    expect(await audit.verifyChain()).toMatchObject({ ok: true, entries: 2 })
  })
})
