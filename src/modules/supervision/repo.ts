/**
 * Supervision's SQL over the audit log: statistics and evaluation aggregate ten years of entries in
 * SQL. Every other module's facts come through its index (catalog, sharing, exchange, quality, org).
 * Issue 14 item 2 moves these reads into the audit module (typed details); until then the table
 * check lists them as pending (scripts/check-table-owners.ts).
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

/** Exchange reads logged since an instant (the dashboard's last 30 days). */
export async function readsSince(db: Executor, since: string): Promise<number> {
  const row = await db
    .selectFrom('audit_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'exchange.read')
    .where('at', '>=', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
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
