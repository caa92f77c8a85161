/**
 * Supervision's SQL. Statistics and evaluation only read: they aggregate other modules' tables
 * (the audit log above all) in SQL, because a reporting module cannot ask ten years of exchange
 * reads through another module's service one by one. The only table written is annual_reports.
 *
 * The log's details column is JSON text; the few fields read from it (records, resourceId,
 * version) are extracted with each database's own JSON function (jsonText / jsonInteger), and the
 * month of an instant is taken in Asia/Shanghai (UTC+8, no daylight saving) by each database's own
 * date function. Both are covered by service.test.ts on SQLite and PostgreSQL.
 */
import { type RawBuilder, sql } from 'kysely'
import type { Executor } from '../../db/database.js'
import { isPostgres } from '../../db/dialect.js'

export interface Range {
  /** Inclusive ISO UTC instant. */
  start: string
  /** Exclusive ISO UTC instant. */
  end: string
}

/** The log actions the statistics count (Art. 27: frequency, volume, entries). */
export const STAT_ACTIONS = ['exchange.read', 'grant.create', 'sharing.request', 'catalog.publish'] as const
export type StatAction = (typeof STAT_ACTIONS)[number]

/** Work on sharing: what makes a month count for participation (sign-ins do not). */
const SHARING_WORK = ['catalog.%', 'sharing.%', 'grant.%', 'exchange.%']

// Keys are constants of this file, never caller input; sql.lit inlines them so that PostgreSQL
// sees the select and group-by expressions as the same expression.
function jsonText(db: Executor, column: string, key: string): RawBuilder<string | null> {
  return isPostgres(db)
    ? sql<string | null>`(cast(${sql.ref(column)} as jsonb) ->> ${sql.lit(key)})`
    : sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${key}`)})`
}

function jsonInteger(db: Executor, column: string, key: string): RawBuilder<number | null> {
  return isPostgres(db)
    ? sql<number | null>`cast(cast(${sql.ref(column)} as jsonb) ->> ${sql.lit(key)} as bigint)`
    : sql<number | null>`cast(json_extract(${sql.ref(column)}, ${sql.lit(`$.${key}`)}) as integer)`
}

/** 'YYYY-MM' of an ISO UTC instant in Asia/Shanghai. */
function shanghaiMonth(db: Executor, column: string): RawBuilder<string> {
  // PostgreSQL: a cast to timestamp without time zone ignores the trailing Z, leaving UTC.
  return isPostgres(db)
    ? sql<string>`to_char(cast(${sql.ref(column)} as timestamp) + interval '8 hours', 'YYYY-MM')`
    : sql<string>`strftime('%Y-%m', ${sql.ref(column)}, '+8 hours')`
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

export interface EventCount {
  action: string
  resourceId: string
  month: string
  count: number
  records: number
}

/** Counted log events per action, resource and month: one pass over the period's entries. */
export async function statisticsEvents(db: Executor, range: Range): Promise<EventCount[]> {
  const resource = sql<string>`case when action in ('grant.create', 'sharing.request') then ${jsonText(
    db,
    'details',
    'resourceId',
  )} else object_id end`
  const records = sql<number>`sum(case when action = 'exchange.read' then coalesce(${jsonInteger(
    db,
    'details',
    'records',
  )}, 0) else 0 end)`
  const rows = await db
    .selectFrom('audit_entries')
    .select((eb) => [
      'action',
      resource.as('rid'),
      shanghaiMonth(db, 'at').as('mon'),
      eb.fn.countAll<number>().as('n'),
      records.as('records'),
    ])
    .where('action', 'in', [...STAT_ACTIONS])
    .where('at', '>=', range.start)
    .where('at', '<', range.end)
    .groupBy(['action', sql`rid`, sql`mon`])
    .execute()
  return rows.flatMap((row) =>
    row.rid === null
      ? []
      : [
          {
            action: row.action,
            resourceId: row.rid,
            month: row.mon,
            count: Number(row.n),
            records: Number(row.records ?? 0),
          },
        ],
  )
}

/** Items of the versions published in the period, per resource and month. */
export async function publishedItems(
  db: Executor,
  range: Range,
): Promise<Array<{ resourceId: string; month: string; items: number }>> {
  const rows = await db
    .selectFrom('audit_entries as a')
    .innerJoin('items as i', (join) =>
      join
        .onRef('i.resource_id', '=', 'a.object_id')
        .on((eb) => eb('i.version', '=', jsonInteger(db, 'a.details', 'version'))),
    )
    .select((eb) => [
      'a.object_id as rid',
      shanghaiMonth(db, 'a.at').as('mon'),
      eb.fn.count<number>('i.id').as('n'),
    ])
    .where('a.action', '=', 'catalog.publish')
    .where('a.at', '>=', range.start)
    .where('a.at', '<', range.end)
    .groupBy(['a.object_id', sql`mon`])
    .execute()
  return rows.flatMap((row) =>
    row.rid === null ? [] : [{ resourceId: row.rid, month: row.mon, items: Number(row.n) }],
  )
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
  queriesSince: number
}

/** The dashboard's totals: the catalog as it is now, live grants on `today`, reads since an instant. */
export async function summaryCounts(db: Executor, today: string, since: string): Promise<SummaryCounts> {
  const [departments, resources, items, grants, queries] = await Promise.all([
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
    db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'exchange.read')
      .where('at', '>=', since)
      .executeTakeFirstOrThrow(),
  ])
  return {
    departments: Number(departments.n),
    publishedResources: Number(resources.n),
    items: Number(items.n),
    grantsLive: Number(grants.n),
    queriesSince: Number(queries.n),
  }
}

/** Per department, the months of the period with sharing work done by its people or systems. */
export async function activeMonths(db: Executor, range: Range): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('audit_entries')
    .select(['department_id', sql<number>`count(distinct ${shanghaiMonth(db, 'at')})`.as('months')])
    .where('at', '>=', range.start)
    .where('at', '<', range.end)
    .where('department_id', 'is not', null)
    .where('actor_type', 'in', ['user', 'client'])
    .where((eb) => eb.or(SHARING_WORK.map((pattern) => eb('action', 'like', pattern))))
    .groupBy('department_id')
    .execute()
  return new Map(rows.map((row) => [row.department_id ?? '', Number(row.months)]))
}

export interface CatalogEvent {
  resourceId: string
  action: string
  details: string
}

/**
 * Publications and withdrawals before an instant, in log order: the catalog as it stood then.
 * Catalog changes number in the thousands, not millions, so the caller folds them in memory.
 */
export async function catalogEventsBefore(db: Executor, end: string): Promise<CatalogEvent[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .select(['object_id', 'action', 'details'])
    .where('action', 'in', ['catalog.publish', 'catalog.withdraw'])
    .where('at', '<', end)
    .orderBy('seq')
    .execute()
  return rows.flatMap((row) =>
    row.object_id === null ? [] : [{ resourceId: row.object_id, action: row.action, details: row.details }],
  )
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

/** Exchange reads of each provider's resources in the period, and the records they returned. */
export async function queriesServed(
  db: Executor,
  range: Range,
): Promise<Map<string, { queries: number; records: number }>> {
  const rows = await db
    .selectFrom('audit_entries as a')
    .innerJoin('resources as r', 'r.id', 'a.object_id')
    .select((eb) => [
      'r.provider_id',
      eb.fn.countAll<number>().as('n'),
      sql<number>`sum(coalesce(${jsonInteger(db, 'a.details', 'records')}, 0))`.as('records'),
    ])
    .where('a.action', '=', 'exchange.read')
    .where('a.at', '>=', range.start)
    .where('a.at', '<', range.end)
    .groupBy('r.provider_id')
    .execute()
  return new Map(
    rows.map((row) => [row.provider_id, { queries: Number(row.n), records: Number(row.records ?? 0) }]),
  )
}

/** Exchange reads each department made in the period (Art. 35: the use it made of shared data). */
export async function queriesMade(db: Executor, range: Range): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('audit_entries')
    .select((eb) => ['department_id', eb.fn.countAll<number>().as('n')])
    .where('action', '=', 'exchange.read')
    .where('at', '>=', range.start)
    .where('at', '<', range.end)
    .where('department_id', 'is not', null)
    .groupBy('department_id')
    .execute()
  return new Map(rows.map((row) => [row.department_id ?? '', Number(row.n)]))
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
