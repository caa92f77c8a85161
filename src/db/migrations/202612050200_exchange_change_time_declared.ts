import type { Kysely } from 'kysely'

/**
 * Art. 18 honest freshness (issue 11): whether the provider declared when each version changed at
 * its source. Left out, the arrival time stands in for it, and supervision must not count that as
 * on time. Existing versions keep 1: until now the field was simply trusted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['records', 'record_history']) {
    await db.schema
      .alterTable(table)
      .addColumn('change_time_declared', 'integer', (c) => c.notNull().defaultTo(1))
      .execute()
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['record_history', 'records']) {
    await db.schema.alterTable(table).dropColumn('change_time_declared').execute()
  }
}
