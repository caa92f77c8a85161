import type { Selectable } from 'kysely'
import type { Executor } from '../../db/database.js'
import type { CalendarTables } from './tables.js'

export type OverrideRow = Selectable<CalendarTables['calendar_overrides']>
export type YearRow = Selectable<CalendarTables['calendar_years']>

/** The bureau's entries for dates in [from, to] ('YYYY-MM-DD' strings sort as dates). */
export function overridesBetween(db: Executor, from: string, to: string): Promise<OverrideRow[]> {
  return db
    .selectFrom('calendar_overrides')
    .selectAll()
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute()
}

export function listOverrides(db: Executor, year: number | undefined): Promise<OverrideRow[]> {
  let query = db.selectFrom('calendar_overrides').selectAll()
  if (year !== undefined) {
    query = query.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`)
  }
  return query.orderBy('date').execute()
}

export async function upsertOverride(db: Executor, row: OverrideRow): Promise<void> {
  await db
    .insertInto('calendar_overrides')
    .values(row)
    .onConflict((oc) =>
      oc.column('date').doUpdateSet({
        kind: row.kind,
        name: row.name,
        created_at: row.created_at,
        created_by: row.created_by,
      }),
    )
    .execute()
}

/** Returns how many rows went (0 or 1). */
export async function deleteOverride(db: Executor, date: string): Promise<number> {
  const result = await db.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function replaceOverridesOfYear(db: Executor, year: number, rows: OverrideRow[]): Promise<void> {
  await db
    .deleteFrom('calendar_overrides')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute()
  if (rows.length > 0) {
    await db.insertInto('calendar_overrides').values(rows).execute()
  }
}

export function listYears(db: Executor): Promise<YearRow[]> {
  return db.selectFrom('calendar_years').selectAll().orderBy('year').execute()
}

export async function upsertYear(db: Executor, row: YearRow): Promise<void> {
  await db
    .insertInto('calendar_years')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('year')
        .doUpdateSet({ source: row.source, loaded_at: row.loaded_at, loaded_by: row.loaded_by }),
    )
    .execute()
}
