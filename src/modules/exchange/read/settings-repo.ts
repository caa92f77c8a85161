import type { Selectable } from 'kysely'
import type { Executor } from '../../../db/database.js'
import type { ExchangeTables } from '../tables.js'

export type SettingsRow = Selectable<ExchangeTables['exchange_settings']>

export function findSettings(db: Executor, resourceId: string): Promise<SettingsRow | undefined> {
  return db
    .selectFrom('exchange_settings')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .executeTakeFirst()
}

export async function saveSettings(db: Executor, row: SettingsRow): Promise<void> {
  await db
    .insertInto('exchange_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('resource_id').doUpdateSet({
        daily_budget: row.daily_budget,
        case_ref_required: row.case_ref_required,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute()
}
