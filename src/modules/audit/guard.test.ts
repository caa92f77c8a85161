/**
 * Issue 12: the writers survive rows forged past the head (quarantine, one alarm, a sound chain),
 * and the database keeps entries 10 years (refuses younger deletes, and every update).
 */
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { FORGED_HASH, forgeRowPastHead } from '../../../test/support/audit-kit.js'
import { openTestDb } from '../../../test/support/db.js'
import { DIALECTS } from '../../../test/support/dialects.js'
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../shared/actor.js'
import { fixedClock } from '../../shared/clock.js'
import type { ForeignRowsEvidence } from './foreign-rows.js'
import { createAuditService } from './service.js'
import type { AuditEvent } from './vocabulary.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const auditor: Actor = { ...SYSTEM_ACTOR, kind: 'user', id: 'a1', name: 'auditor', roles: ['auditor'] }
async function count(db: Db, table: 'audit_quarantine' | 'audit_entries'): Promise<number> {
  const rows = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)
  return Number(rows.rows[0]?.n)
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: audit writers and rows past the head (issue 12)`, () => {
    let cleanup: (() => Promise<void>) | undefined
    afterEach(async () => {
      await cleanup?.()
      cleanup = undefined
    })

    async function setup() {
      const t = await openTestDb(dialect)
      const audit = createAuditService({
        db: t.handle.db,
        native: t.handle.native,
        clock: fixedClock('2026-12-05T08:00:00Z'),
      })
      const alarms: ForeignRowsEvidence[] = []
      audit.onForeignRows(async (_trx, evidence) => {
        alarms.push(evidence)
        return { incidentId: `incident-${alarms.length}` }
      })
      cleanup = async () => {
        await audit.close()
        await t.cleanup()
      }
      return { db: t.handle.db, audit, alarms }
    }

    it('moves a forged row aside, raises one alarm, and appends after the true head', async () => {
      const { db, audit, alarms } = await setup()
      await audit.record(SYSTEM_ACTOR, anyEvent('test.before'))
      const forged = await forgeRowPastHead(db)
      const far = await forgeRowPastHead(db, 5)
      const seq = await audit.record(SYSTEM_ACTOR, anyEvent('test.after'))
      await audit.record(SYSTEM_ACTOR, anyEvent('test.again'))
      expect(alarms).toHaveLength(1)
      expect(alarms[0]).toMatchObject({
        count: 2,
        head: { seq: 1 },
        rows: [
          { seq: forged, hash: FORGED_HASH },
          { seq: far, hash: FORGED_HASH },
        ],
      })
      // seq 2 is the platform's own record of the event, then the entry asked for.
      expect(seq).toBe(3)
      const entries = (await audit.listEntries(auditor, { page: 1, pageSize: 10 })).entries
      expect(entries.map((e) => e.action)).toEqual([
        'test.before',
        'audit.foreign_rows',
        'test.after',
        'test.again',
      ])
      expect(JSON.parse(entries[1]?.details ?? '{}')).toMatchObject({
        alarm: 'raised',
        incidentId: 'incident-1',
        count: 2,
      })
      expect(await count(db, 'audit_quarantine')).toBe(2)
      expect(await audit.verify(auditor)).toMatchObject({
        ok: true,
        entries: 4,
        foreignRows: [
          { seq: forged, hash: FORGED_HASH, quarantinedAt: expect.any(String) },
          { seq: far, hash: FORGED_HASH, quarantinedAt: expect.any(String) },
        ],
      })
    })

    it('names a row past the head before any writer has met it', async () => {
      const { db, audit } = await setup()
      await audit.record(SYSTEM_ACTOR, anyEvent('test.before'))
      const forged = await forgeRowPastHead(db)
      expect(await audit.verify(auditor)).toMatchObject({
        ok: true,
        entries: 1,
        foreignRows: [{ seq: forged, hash: FORGED_HASH, quarantinedAt: null }],
      })
    })

    it('undoes the move and the alarm with a failed change, and does both on the next write', async () => {
      const { db, audit, alarms } = await setup()
      await forgeRowPastHead(db)
      await expect(
        inTransaction(db, async (trx) => {
          await audit.append(trx, SYSTEM_ACTOR, anyEvent('test.lost'))
          throw new Error('the change failed')
        }),
      ).rejects.toThrow('the change failed')
      expect(await count(db, 'audit_quarantine')).toBe(0)
      await audit.record(SYSTEM_ACTOR, anyEvent('test.kept'))
      expect(await count(db, 'audit_quarantine')).toBe(1)
      // The listener ran twice, but only the committed alarm exists (it writes in the transaction).
      expect(alarms.at(-1)).toMatchObject({ count: 1 })
      expect(await audit.verify(auditor)).toMatchObject({ ok: true, entries: 2 })
    })

    it('keeps reads going: the read log moves the rows aside and commits', async () => {
      const { db, audit, alarms } = await setup()
      await audit.recordRead(SYSTEM_ACTOR, anyEvent('exchange.read'))
      const forged = await forgeRowPastHead(db)
      const seqs = await Promise.all(
        [1, 2, 3].map(() => audit.recordRead(SYSTEM_ACTOR, anyEvent('exchange.read'))),
      )
      expect(seqs).toEqual([3, 4, 5])
      expect(alarms).toHaveLength(1)
      expect(alarms[0]?.rows[0]).toMatchObject({ seq: forged })
      expect(await audit.verify(auditor)).toMatchObject({ ok: true, entries: 5 })
    })

    it('still appends when the alarm itself fails, and says so in the log', async () => {
      const { db, audit } = await setup()
      audit.onForeignRows(async (trx) => {
        await sql`insert into no_such_table values (1)`.execute(trx)
        return { incidentId: 'never' }
      })
      await forgeRowPastHead(db)
      expect(await audit.record(SYSTEM_ACTOR, anyEvent('test.after'))).toBe(2)
      const entries = (await audit.listEntries(auditor, { page: 1, pageSize: 10 })).entries
      expect(JSON.parse(entries[0]?.details ?? '{}')).toMatchObject({ alarm: 'failed' })
      expect(await audit.verify(auditor)).toMatchObject({ ok: true, entries: 2 })
    })

    it('answers AUDIT_WRITE_FAILED (503), not a bare error, when the log cannot be written', async () => {
      const { db, audit } = await setup()
      await sql`drop table audit_head`.execute(db)
      await expect(audit.record(SYSTEM_ACTOR, anyEvent('test.event'))).rejects.toMatchObject({
        code: 'AUDIT_WRITE_FAILED',
        status: 503,
      })
    })
  })

  describe(`${dialect}: the database keeps entries 10 years (Art. 27)`, () => {
    let cleanup: (() => Promise<void>) | undefined
    afterEach(async () => {
      await cleanup?.()
      cleanup = undefined
    })

    async function setup() {
      const t = await openTestDb(dialect)
      cleanup = t.cleanup
      return t.handle.db
    }

    const OLD = '2015-01-01T00:00:00.000Z'

    it('refuses to delete an entry younger than 10 years, and any update', async () => {
      const db = await setup()
      const young = await forgeRowPastHead(db, 1, new Date(Date.now() - 9.9 * 365 * 86_400_000).toISOString())
      await sql`update audit_head set seq = ${young}, hash = ${FORGED_HASH} where id = 1`.execute(db)
      await expect(sql`delete from audit_entries where seq = ${young}`.execute(db)).rejects.toThrow(
        /AUDIT_IMMUTABLE.*10 years/,
      )
      await expect(
        sql`update audit_entries set action = 'x' where seq = ${young}`.execute(db),
      ).rejects.toThrow(/AUDIT_IMMUTABLE/)
    })

    it('lets an entry older than 10 years leave (archiving), never updated', async () => {
      const db = await setup()
      const old = await forgeRowPastHead(db, 1, OLD)
      await sql`update audit_head set seq = ${old}, hash = ${FORGED_HASH} where id = 1`.execute(db)
      await expect(sql`update audit_entries set action = 'x' where seq = ${old}`.execute(db)).rejects.toThrow(
        /AUDIT_IMMUTABLE/,
      )
      await sql`delete from audit_entries where seq = ${old}`.execute(db)
      expect(await count(db, 'audit_entries')).toBe(0)
    })

    it('counts an `at` that does not parse as young', async () => {
      const db = await setup()
      const odd = await forgeRowPastHead(db, 1, 'yesterday')
      await sql`update audit_head set seq = ${odd}, hash = ${FORGED_HASH} where id = 1`.execute(db)
      await expect(sql`delete from audit_entries where seq = ${odd}`.execute(db)).rejects.toThrow(
        /AUDIT_IMMUTABLE/,
      )
    })

    it('lets a young row past the head go only once its copy is quarantined', async () => {
      const db = await setup()
      const stray = await forgeRowPastHead(db)
      await expect(sql`delete from audit_entries where seq = ${stray}`.execute(db)).rejects.toThrow(
        /AUDIT_IMMUTABLE/,
      )
      await sql`insert into audit_quarantine (id, seq, hash, row, head_seq, head_hash, found_at)
        values ('q1', ${stray}, ${FORGED_HASH}, '{}', 0, 'h', ${new Date().toISOString()})`.execute(db)
      await sql`delete from audit_entries where seq = ${stray}`.execute(db)
      expect(await count(db, 'audit_entries')).toBe(0)
      // The quarantined copy is evidence: kept like an entry.
      await expect(sql`update audit_quarantine set hash = 'x'`.execute(db)).rejects.toThrow(/AUDIT_IMMUTABLE/)
      await expect(sql`delete from audit_quarantine`.execute(db)).rejects.toThrow(/AUDIT_IMMUTABLE/)
    })

    it('never moves the head back, so a chain entry cannot pass for a row past the head', async () => {
      const db = await setup()
      await sql`update audit_head set seq = 5 where id = 1`.execute(db)
      await expect(sql`update audit_head set seq = 4 where id = 1`.execute(db)).rejects.toThrow(
        /AUDIT_IMMUTABLE/,
      )
    })

    it.runIf(dialect === 'postgres')('refuses TRUNCATE, which skips row triggers', async () => {
      const db = await setup()
      await expect(sql`truncate audit_entries`.execute(db)).rejects.toThrow(/AUDIT_IMMUTABLE/)
    })
  })
}
