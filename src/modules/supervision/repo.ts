/**
 * Supervision's SQL. Statistics and evaluation only read: they aggregate other modules' tables in
 * SQL, because a reporting module cannot ask ten years of exchange reads through another module's
 * service one by one. The audit log's counts are asked of audit (deps.auditFacts, issue 14). The
 * only table written is annual_reports.
 */
import type { Executor } from '../../db/database.js'

export interface Range {
  /** Inclusive ISO UTC instant. */
  start: string
  /** Exclusive ISO UTC instant. */
  end: string
}

export interface DepartmentRow {
  id: string
  code: string
  name: string
  level: string
  path: string
}

export function listDepartments(db: Executor): Promise<DepartmentRow[]> {
  return db
    .selectFrom('departments')
    .select(['id', 'code', 'name', 'level', 'path'])
    .orderBy('path')
    .execute()
}

export interface ResourceRow {
  id: string
  code: string
  name: string
  provider_id: string
}

export async function resourcesByIds(db: Executor, ids: readonly string[]): Promise<ResourceRow[]> {
  const rows: ResourceRow[] = []
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('resources')
        .select(['id', 'code', 'name', 'provider_id'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    )
  }
  return rows
}

export interface SummaryCounts {
  departments: number
  publishedResources: number
  items: number
  grantsLive: number
}

/** The dashboard's totals: the catalog as it is now, live grants on `today`. */
export async function summaryCounts(db: Executor, today: string): Promise<SummaryCounts> {
  const [departments, resources, items, grants] = await Promise.all([
    db
      .selectFrom('departments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('resources')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('published_version', 'is not', null)
      .where('status', '<>', 'withdrawn')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('items as i')
      .innerJoin('resources as r', (join) =>
        join.onRef('r.id', '=', 'i.resource_id').onRef('r.published_version', '=', 'i.version'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.status', '<>', 'withdrawn')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('grants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'live')
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
      .executeTakeFirstOrThrow(),
  ])
  return {
    departments: Number(departments.n),
    publishedResources: Number(resources.n),
    items: Number(items.n),
    grantsLive: Number(grants.n),
  }
}

/** Item count of every version of some resources, keyed `resourceId@version`. */
export async function itemCounts(db: Executor, resourceIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (let i = 0; i < resourceIds.length; i += 500) {
    const rows = await db
      .selectFrom('items')
      .select((eb) => ['resource_id', 'version', eb.fn.countAll<number>().as('n')])
      .where('resource_id', 'in', resourceIds.slice(i, i + 500))
      .groupBy(['resource_id', 'version'])
      .execute()
    for (const row of rows) {
      counts.set(`${row.resource_id}@${Number(row.version)}`, Number(row.n))
    }
  }
  return counts
}

export interface CohortRequest {
  providerId: string
  createdAt: string
  dueDate: string
  decidedAt: string | null
  late: boolean
}

/** Conditional requests received in the period (they have a due date), with their answer if any. */
export async function requestsReceived(db: Executor, range: Range): Promise<CohortRequest[]> {
  const rows = await db
    .selectFrom('sharing_requests as q')
    .innerJoin('resources as r', 'r.id', 'q.resource_id')
    .leftJoin('sharing_decisions as d', 'd.request_id', 'q.id')
    .select(['r.provider_id', 'q.created_at', 'q.due_date', 'd.decided_at', 'd.late'])
    .where('q.due_date', 'is not', null)
    .where('q.created_at', '>=', range.start)
    .where('q.created_at', '<', range.end)
    .execute()
  return rows.map((row) => ({
    providerId: row.provider_id,
    createdAt: row.created_at,
    dueDate: row.due_date ?? '',
    decidedAt: row.decided_at,
    late: Number(row.late ?? 0) === 1,
  }))
}

export interface ArrivalGroup {
  providerId: string
  sourceChangedAt: string
  arrivedAt: string
  /** null for versions stored before the exchange kept lags. */
  lagDays: number | null
  /** False when the provider did not declare when the data changed (the arrival time stands in). */
  changeTimeDeclared: boolean
  count: number
}

/** Record versions (current and replaced, deletions aside) that arrived in the period, grouped by batch. */
export async function arrivals(db: Executor, range: Range): Promise<ArrivalGroup[]> {
  const columns = [
    'resource_id',
    'source_changed_at',
    'arrived_at',
    'lag_days',
    'change_time_declared',
  ] as const
  const versions = db
    .selectFrom('records')
    .select(columns)
    .where('deleted', '=', 0)
    .where('arrived_at', '>=', range.start)
    .where('arrived_at', '<', range.end)
    .unionAll(
      db
        .selectFrom('record_history')
        .select(columns)
        .where('deleted', '=', 0)
        .where('arrived_at', '>=', range.start)
        .where('arrived_at', '<', range.end),
    )
  const rows = await db
    .selectFrom(versions.as('x'))
    .innerJoin('resources as r', 'r.id', 'x.resource_id')
    .select((eb) => [
      'r.provider_id',
      'x.source_changed_at',
      'x.arrived_at',
      'x.lag_days',
      'x.change_time_declared',
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['r.provider_id', 'x.source_changed_at', 'x.arrived_at', 'x.lag_days', 'x.change_time_declared'])
    .execute()
  return rows.map((row) => ({
    providerId: row.provider_id,
    sourceChangedAt: row.source_changed_at,
    arrivedAt: row.arrived_at,
    lagDays: row.lag_days === null ? null : Number(row.lag_days),
    changeTimeDeclared: Number(row.change_time_declared) !== 0,
    count: Number(row.n),
  }))
}

/** Objections raised in the period against each provider (Art. 26), with their answer time. */
export function objectionsRaised(
  db: Executor,
  range: Range,
): Promise<Array<{ provider_id: string; due_date: string; answered_at: string | null }>> {
  return db
    .selectFrom('objections')
    .select(['provider_id', 'due_date', 'answered_at'])
    .where('created_at', '>=', range.start)
    .where('created_at', '<', range.end)
    .execute()
}
