/**
 * Oversight's SQL. Detection only reads other modules' tables (sharing requests, catalog
 * deadlines, consistency disagreements, the audit log), as supervision's repo does: a watchdog
 * cannot ask every module for its breaches one by one. It writes only its own three tables.
 */
import type { Insertable, Selectable } from 'kysely'
import type { Executor } from '../../../db/database.js'
import type { RectificationTables } from './tables.js'

export type NoticeRow = Selectable<RectificationTables['rectification_notices']>
export type IncidentRow = Selectable<RectificationTables['security_incidents']>
export type AnomalyRow = Selectable<RectificationTables['anomalies']>

// Detection sources

// Notices

/** Inserts unless the dedupe key exists; true when inserted. */
export async function insertNoticeIfNew(
  db: Executor,
  row: Insertable<RectificationTables['rectification_notices']>,
) {
  const result = await db
    .insertInto('rectification_notices')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

export function findNotice(db: Executor, id: string): Promise<NoticeRow | undefined> {
  return db.selectFrom('rectification_notices').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Updates only while the notice is still in `fromStatus`: a concurrent change makes it a no-op (false). */
export async function updateNotice(
  db: Executor,
  id: string,
  fromStatus: string,
  changes: Partial<NoticeRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('rectification_notices')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export interface NoticeFilter {
  status?: string
  departmentId?: string
  /** undefined = every department. */
  departmentIds?: readonly string[]
  /** Statuses a department never sees (its drafts are the bureau's working papers). */
  excludeStatuses?: readonly string[]
}

export function listNotices(db: Executor, filter: NoticeFilter): Promise<NoticeRow[]> {
  let query = db.selectFrom('rectification_notices').selectAll()
  if (filter.status !== undefined) {
    query = query.where('status', '=', filter.status)
  }
  if (filter.departmentId !== undefined) {
    query = query.where('department_id', '=', filter.departmentId)
  }
  if (filter.departmentIds !== undefined) {
    if (filter.departmentIds.length === 0) {
      return Promise.resolve([])
    }
    query = query.where('department_id', 'in', [...filter.departmentIds])
  }
  if (filter.excludeStatuses !== undefined && filter.excludeStatuses.length > 0) {
    query = query.where('status', 'not in', [...filter.excludeStatuses])
  }
  return query.orderBy('created_at', 'desc').orderBy('id').limit(1000).execute()
}

export function issuedPastDue(db: Executor, today: string): Promise<NoticeRow[]> {
  return db
    .selectFrom('rectification_notices')
    .selectAll()
    .where('status', '=', 'issued')
    .where('due_date', '<', today)
    .execute()
}

// Incidents

export async function insertIncident(db: Executor, row: IncidentRow): Promise<void> {
  await db.insertInto('security_incidents').values(row).execute()
}

export function findIncident(db: Executor, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('security_incidents').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function closeIncident(db: Executor, id: string, at: string, by: string): Promise<boolean> {
  const result = await db
    .updateTable('security_incidents')
    .set({ status: 'closed', closed_at: at, closed_by: by })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export function listIncidents(db: Executor, status: string | undefined): Promise<IncidentRow[]> {
  let query = db.selectFrom('security_incidents').selectAll()
  if (status !== undefined) {
    query = query.where('status', '=', status)
  }
  return query.orderBy('created_at', 'desc').orderBy('id').limit(1000).execute()
}

/** Issue 13: a department's incidents recorded in [from, to): for its annual report (Art. 31, 39). */
export async function incidentCounts(
  db: Executor,
  departmentId: string,
  from: string,
  to: string,
): Promise<{ reported: number; high: number; closed: number }> {
  const rows = await db
    .selectFrom('security_incidents')
    .select(['severity', 'status'])
    .where('department_id', '=', departmentId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute()
  return {
    reported: rows.length,
    high: rows.filter((row) => row.severity === 'high').length,
    closed: rows.filter((row) => row.status === 'closed').length,
  }
}

// Anomalies

/** Inserts unless the department was already flagged that day; true when inserted. */
export async function insertAnomalyIfNew(db: Executor, row: AnomalyRow): Promise<boolean> {
  const result = await db
    .insertInto('anomalies')
    .values(row)
    .onConflict((oc) => oc.columns(['department_id', 'day', 'kind']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

export function listAnomalies(db: Executor): Promise<AnomalyRow[]> {
  return db
    .selectFrom('anomalies')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1000)
    .execute()
}
