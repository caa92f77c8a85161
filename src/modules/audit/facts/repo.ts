/**
 * Issue 14: the counts other modules take from the audit log (statistics Art. 27, evaluation
 * Art. 35), answered by audit, which owns audit_entries. Each is one aggregate in SQL over the
 * (action, seq) / (at) indexes: ten years of reads are never walked row by row in a service.
 *
 * The details column is JSON text; the few keys read from it are named through `detailKey`, so a
 * key the catalog (vocabulary.ts) does not declare for that action is a compile error. They are
 * extracted with each database's own JSON function, and the month of an instant is taken in
 * Asia/Shanghai (UTC+8, no daylight saving) by each database's own date function; both are covered
 * by supervision's service.test.ts on SQLite and PostgreSQL.
 */
import { type RawBuilder, sql } from 'kysely'
import type { Executor } from '../../../db/database.js'
import { isPostgres } from '../../../db/dialect.js'
import type { AuditAction, DetailsOf } from '../vocabulary.js'

/** A half-open period of ISO UTC instants: `start` inclusive, `end` exclusive. */
export interface Range {
  start: string
  end: string
}

/** The log actions the statistics count (Art. 27: frequency, volume, entries). */
export const STAT_ACTIONS = ['exchange.read', 'grant.create', 'sharing.request', 'catalog.publish'] as const
export type StatAction = (typeof STAT_ACTIONS)[number]

/** Work on sharing: what makes a month count for participation (sign-ins do not). */
const SHARING_WORK = ['catalog.%', 'sharing.%', 'grant.%', 'exchange.%']

/** A detail key of an action, checked against the catalog at compile time. */
function detailKey<A extends AuditAction>(_action: A, key: keyof DetailsOf<A> & string): string {
  return key
}

const READ_RECORDS = detailKey('exchange.read', 'records')
// Grants and requests are about a resource named in their details, not their object.
const GRANT_RESOURCE = detailKey('grant.create', 'resourceId')
const REQUEST_RESOURCE = detailKey('sharing.request', 'resourceId')
const PUBLISHED_VERSION = detailKey('catalog.publish', 'version')
const PUBLISHED_SHARE_TYPE = detailKey('catalog.publish', 'shareType')

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
  action: StatAction
  resourceId: string
  month: string
  count: number
  /** Records served, for exchange reads; 0 otherwise. */
  records: number
}

/** Counted log events per action, resource and month: one pass over the period's entries. */
export async function statisticsEvents(db: Executor, range: Range): Promise<EventCount[]> {
  // Both keys are `resourceId` today; a case per action keeps them free to differ.
  const resource = sql<string | null>`case when action = 'grant.create' then ${jsonText(
    db,
    'details',
    GRANT_RESOURCE,
  )} when action = 'sharing.request' then ${jsonText(db, 'details', REQUEST_RESOURCE)} else object_id end`
  const records = sql<number>`sum(case when action = 'exchange.read' then coalesce(${jsonInteger(
    db,
    'details',
    READ_RECORDS,
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
  return rows.flatMap((row) => {
    const action = STAT_ACTIONS.find((known) => known === row.action)
    return row.rid === null || action === undefined
      ? []
      : [
          {
            action,
            resourceId: row.rid,
            month: row.mon,
            count: Number(row.n),
            records: Number(row.records ?? 0),
          },
        ]
  })
}

/** Versions published in the period: resource, version and Shanghai month of each publication. */
export async function publishedVersions(
  db: Executor,
  range: Range,
): Promise<Array<{ resourceId: string; version: number; month: string }>> {
  const rows = await db
    .selectFrom('audit_entries')
    .select([
      'object_id',
      jsonInteger(db, 'details', PUBLISHED_VERSION).as('version'),
      shanghaiMonth(db, 'at').as('mon'),
    ])
    .where('action', '=', 'catalog.publish')
    .where('at', '>=', range.start)
    .where('at', '<', range.end)
    .execute()
  return rows.flatMap((row) =>
    row.object_id === null || row.version === null
      ? []
      : [{ resourceId: row.object_id, version: Number(row.version), month: row.mon }],
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

/** A publication (its version and share type) or a withdrawal, as the catalog logged it. */
export type CatalogEvent =
  | ({ resourceId: string; action: 'catalog.publish' } & Pick<
      DetailsOf<'catalog.publish'>,
      'version' | 'shareType'
    >)
  | { resourceId: string; action: 'catalog.withdraw' }

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
  return rows.flatMap((row): CatalogEvent[] => {
    if (row.object_id === null) {
      return []
    }
    if (row.action === 'catalog.withdraw') {
      return [{ resourceId: row.object_id, action: 'catalog.withdraw' }]
    }
    const details: unknown = JSON.parse(row.details)
    const version = Number(Reflect.get(Object(details), PUBLISHED_VERSION))
    const shareType = String(Reflect.get(Object(details), PUBLISHED_SHARE_TYPE) ?? '')
    // An entry is never rewritten: one without a usable version is skipped, not trusted.
    return Number.isInteger(version)
      ? [{ resourceId: row.object_id, action: 'catalog.publish', version, shareType }]
      : []
  })
}

/** Exchange reads of each resource in the period, and the records they returned. */
export async function readsPerResource(
  db: Executor,
  range: Range,
): Promise<Map<string, { queries: number; records: number }>> {
  const rows = await db
    .selectFrom('audit_entries')
    .select((eb) => [
      'object_id',
      eb.fn.countAll<number>().as('n'),
      sql<number>`sum(coalesce(${jsonInteger(db, 'details', READ_RECORDS)}, 0))`.as('records'),
    ])
    .where('action', '=', 'exchange.read')
    .where('at', '>=', range.start)
    .where('at', '<', range.end)
    .where('object_id', 'is not', null)
    .groupBy('object_id')
    .execute()
  return new Map(
    rows.map((row) => [row.object_id ?? '', { queries: Number(row.n), records: Number(row.records ?? 0) }]),
  )
}

/** Exchange reads each department made in the period (Art. 35: the use it made of shared data). */
export async function readsPerDepartment(db: Executor, range: Range): Promise<Map<string, number>> {
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
