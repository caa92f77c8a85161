/** Annual reports (Art. 39): the one table supervision writes. */
import type { Selectable } from 'kysely'
import type { Executor } from '../../../db/database.js'
import type { SupervisionTables } from '../tables.js'

export type ReportRow = Selectable<SupervisionTables['annual_reports']>

export function findReport(db: Executor, id: string): Promise<ReportRow | undefined> {
  return db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findReportOf(db: Executor, year: number, scopeKey: string): Promise<ReportRow | undefined> {
  return db
    .selectFrom('annual_reports')
    .selectAll()
    .where('year', '=', year)
    .where('scope_key', '=', scopeKey)
    .executeTakeFirst()
}

export async function insertReport(db: Executor, row: Omit<ReportRow, 'late'>): Promise<void> {
  await db.insertInto('annual_reports').values(row).execute()
}

export async function updateReport(
  db: Executor,
  id: string,
  changes: Partial<
    Pick<
      ReportRow,
      | 'content'
      | 'generated_at'
      | 'generated_by'
      | 'status'
      | 'submitted_at'
      | 'submitted_by'
      | 'late'
      | 'updated_at'
    >
  >,
): Promise<void> {
  await db.updateTable('annual_reports').set(changes).where('id', '=', id).execute()
}

export function listReports(db: Executor, year: number): Promise<ReportRow[]> {
  return db.selectFrom('annual_reports').selectAll().where('year', '=', year).orderBy('kind').execute()
}
