/**
 * Issue 14 item 3: the tables whose changes clear the access cache are declared by the modules
 * that own them (`…_ACCESS_TABLES` in their tables.ts); the migrations install the triggers. This
 * holds the two together: a trigger on every declared table, and none on a table nobody declared.
 */
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Db } from '../src/db/database.js'
import { isPostgres } from '../src/db/dialect.js'
import { CATALOG_ACCESS_TABLES } from '../src/modules/catalog/index.js'
import { EXCHANGE_ACCESS_TABLES, UPSTREAM_ACCESS_TABLES } from '../src/modules/exchange/index.js'
import { ORG_ACCESS_TABLES, SECURITY_ACCESS_TABLES } from '../src/modules/org/index.js'
import { QUALITY_ACCESS_TABLES } from '../src/modules/quality/index.js'
import { SHARING_ACCESS_TABLES } from '../src/modules/sharing/index.js'
import { openTestDb } from './support/db.js'
import { DIALECTS } from './support/dialects.js'

const DECLARED = [
  ...ORG_ACCESS_TABLES,
  ...SECURITY_ACCESS_TABLES,
  ...CATALOG_ACCESS_TABLES,
  ...SHARING_ACCESS_TABLES,
  ...EXCHANGE_ACCESS_TABLES,
  ...UPSTREAM_ACCESS_TABLES,
  ...QUALITY_ACCESS_TABLES,
].sort()

/** Tables carrying a trigger that moves the access epoch, as the database itself lists them. */
async function tablesWithEpochTriggers(db: Db): Promise<string[]> {
  const result = isPostgres(db)
    ? await sql<{ name: string }>`
        select distinct event_object_table as name from information_schema.triggers
        where trigger_schema = current_schema() and action_statement like '%bump_access_epoch%'`.execute(db)
    : await sql<{ name: string }>`
        select distinct tbl_name as name from sqlite_master
        where type = 'trigger' and sql like '%access_epoch%'`.execute(db)
  return result.rows.map((row) => row.name).sort()
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: access epoch triggers`, () => {
    it('cover exactly the tables their owners declare', async () => {
      const t = await openTestDb(dialect)
      try {
        expect(await tablesWithEpochTriggers(t.handle.db)).toEqual(DECLARED)
      } finally {
        await t.cleanup()
      }
    })
  })
}
