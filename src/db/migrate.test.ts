import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openTestDb } from '../../test/support/db.js'
import { DIALECTS } from '../../test/support/dialects.js'
import { migrateToLatest } from './migrate.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: migrations`, () => {
    it('migrate an empty database, and a second run does nothing', async () => {
      const t = await openTestDb(dialect)
      try {
        expect(await migrateToLatest(t.handle.db)).toEqual([])
        const head = await sql<{ seq: number }>`select seq from audit_head where id = 1`.execute(t.handle.db)
        expect(head.rows[0]?.seq).toBe(0)
      } finally {
        await t.cleanup()
      }
    })
  })
}
