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

/** Moves the cursor past batch `index` if it is still there; false when another caller took it. */
export async function claimBatch(db: Executor, id: string, index: number): Promise<boolean> {
  const result = await db
    .updateTable('county_migration_runs')
    .set({ cursor: index + 1 })
    .where('id', '=', id)
    .where('cursor', '=', index)
    .where('status', '=', 'running')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
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

/** The latest run of an export started at or after `since` (an upload's runs, not an earlier upload's). */
export function latestRunOf(db: Executor, digest: string, since: string): Promise<RunRow | undefined> {
  return db
    .selectFrom('county_migration_runs')
    .selectAll()
    .where('export_digest', '=', digest)
    .where('started_at', '>=', since)
    .orderBy('started_at', 'desc')
    .executeTakeFirst()
}

export type UploadRow = CountyTables['county_uploads']

export function findUpload(db: Executor, id: string): Promise<UploadRow | undefined> {
  return db.selectFrom('county_uploads').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Stores an upload and its files, replacing an earlier upload of the same export (a new plan). */
export async function saveUpload(
  db: Executor,
  row: UploadRow,
  files: ReadonlyMap<string, Buffer>,
): Promise<void> {
  await db.deleteFrom('county_upload_files').where('upload_id', '=', row.id).execute()
  await db.deleteFrom('county_uploads').where('id', '=', row.id).execute()
  await db.insertInto('county_uploads').values(row).execute()
  for (const [name, content] of files) {
    await db
      .insertInto('county_upload_files')
      .values({ upload_id: row.id, name, content: content.toString('base64') })
      .execute()
  }
}

export async function uploadFiles(db: Executor, id: string): Promise<Map<string, Buffer>> {
  const rows = await db
    .selectFrom('county_upload_files')
    .select(['name', 'content'])
    .where('upload_id', '=', id)
    .execute()
  return new Map(rows.map((row) => [row.name, Buffer.from(row.content, 'base64')]))
}

export async function markApplied(
  db: Executor,
  id: string,
  changes: Pick<UploadRow, 'run_id' | 'result' | 'applied_by' | 'applied_at'>,
): Promise<void> {
  await db.updateTable('county_uploads').set(changes).where('id', '=', id).execute()
}
