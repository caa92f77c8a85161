import type { Kysely } from 'kysely'

/**
 * Art. 18 freshness: how many working days after its source change each version arrived, computed
 * once at ingest (the calendar is needed for it, so SQL could not derive it when asked). Null for
 * versions stored before this column existed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('records').addColumn('lag_days', 'integer').execute()
  await db.schema.alterTable('record_history').addColumn('lag_days', 'integer').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('record_history').dropColumn('lag_days').execute()
  await db.schema.alterTable('records').dropColumn('lag_days').execute()
}
