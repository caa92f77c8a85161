import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../test/support/db.js'
import { DIALECTS } from '../../../test/support/dialects.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../shared/actor.js'
import { fixedClock } from '../../shared/clock.js'
import { createAuditService } from './service.js'
import type { AuditEvent } from './vocabulary.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const auditor: Actor = { ...SYSTEM_ACTOR, kind: 'user', id: 'a1', name: 'auditor', roles: ['auditor'] }
const cataloger: Actor = { ...SYSTEM_ACTOR, kind: 'user', id: 'c1', name: 'cat', roles: ['cataloger'] }

for (const dialect of DIALECTS) {
  describe(`${dialect}: audit service`, () => {
    let cleanup: (() => Promise<void>) | undefined
    afterEach(async () => {
      await cleanup?.()
      cleanup = undefined
    })

    async function setup() {
      const t = await openTestDb(dialect)
      cleanup = t.cleanup
      const audit = createAuditService({
        db: t.handle.db,
        native: t.handle.native,
        clock: fixedClock('2026-11-25T08:00:00Z'),
      })
      return { db: t.handle.db, audit }
    }

    it('keeps seq dense under concurrent appends and the chain verifies', async () => {
      const { audit } = await setup()
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => audit.record(SYSTEM_ACTOR, anyEvent('test.event', { i }))),
      )
      const result = await audit.verify(auditor)
      expect(result).toMatchObject({ ok: true, entries: 40 })
      const page = await audit.listEntries(auditor, { page: 1, pageSize: 500 })
      expect(page.entries.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    })

    it('drops the entry together with the change it records when the transaction fails', async () => {
      const { db, audit } = await setup()
      await expect(
        inTransaction(db, async (trx) => {
          await audit.append(trx, SYSTEM_ACTOR, anyEvent('test.lost'))
          throw new Error('the change failed')
        }),
      ).rejects.toThrow('the change failed')
      const seq = await audit.record(SYSTEM_ACTOR, anyEvent('test.kept'))
      expect(seq).toBe(1)
      expect(await audit.verify(auditor)).toMatchObject({ ok: true, entries: 1 })
    })

    it('refuses an UPDATE or DELETE of an entry in the database itself', async () => {
      const { db, audit } = await setup()
      await audit.record(SYSTEM_ACTOR, anyEvent('test.event'))
      await expect(sql`update audit_entries set action = 'x' where seq = 1`.execute(db)).rejects.toThrow(
        /AUDIT_IMMUTABLE/,
      )
      await expect(sql`delete from audit_entries where seq = 1`.execute(db)).rejects.toThrow(
        /AUDIT_IMMUTABLE/,
      )
    })

    it('lets only auditors and platform admins read or verify', async () => {
      const { audit } = await setup()
      await expect(audit.listEntries(cataloger, { page: 1, pageSize: 10 })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(audit.verify(cataloger)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    })
  })
}
