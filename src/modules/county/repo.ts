/** SQL of the county migration's own tables. */
import type { Executor } from '../../db/database.js'
import type { CountyTables } from './tables.js'

export type RunRow = CountyTables['county_migration_runs']

export function runningRun(db: Executor, countyCode: string): Promise<RunRow | undefined> {
  return db
    .selectFrom('county_migration_runs')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('status', '=', 'running')
    .executeTakeFirst()
}

export async function insertRun(db: Executor, row: RunRow): Promise<void> {
  await db.insertInto('county_migration_runs').values(row).execute()
}

export async function updateRun(db: Executor, id: string, changes: Partial<RunRow>): Promise<void> {
  await db.updateTable('county_migration_runs').set(changes).where('id', '=', id).execute()
}

export function findRun(db: Executor, id: string): Promise<RunRow | undefined> {
  return db.selectFrom('county_migration_runs').selectAll().where('id', '=', id).executeTakeFirst()
}

/** source key → target id of one kind of a county's migrated rows. */
export async function keysOf(db: Executor, countyCode: string, kind: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('county_migration_keys')
    .select(['source_key', 'target_id'])
    .where('county_code', '=', countyCode)
    .where('kind', '=', kind)
    .execute()
  return new Map(rows.map((row) => [row.source_key, row.target_id]))
}

export async function insertKey(
  db: Executor,
  row: { county_code: string; kind: string; source_key: string; target_id: string; created_at: string },
): Promise<void> {
  await db.insertInto('county_migration_keys').values(row).execute()
}
