/** Queries for freshness (Art. 18) over the exchange store: counts by lag, the late arrivals. */
import type { Executor } from '../../../db/database.js'

export interface ArrivalGroup {
  resourceId: string
  deleted: boolean
  /** null for versions stored before lags were kept. */
  lagDays: number | null
  count: number
  lastArrival: string | null
  lastSourceChange: string | null
}

/** Chunks keep each statement under SQLite's bound-parameter limit. */
const CHUNK = 500

function chunks(ids: readonly string[] | undefined): Array<readonly string[] | undefined> {
  if (ids === undefined) {
    return [undefined]
  }
  const out: string[][] = []
  for (let i = 0; i < ids.length; i += CHUNK) {
    out.push(ids.slice(i, i + CHUNK))
  }
  return out
}

/**
 * Current records grouped by resource, deleted flag and lag (undefined ids: every resource):
 * one pass gives the record count, last arrival, last source change and the lag histogram.
 */
export async function currentGroups(db: Executor, resourceIds?: readonly string[]): Promise<ArrivalGroup[]> {
  const groups: ArrivalGroup[] = []
  for (const ids of chunks(resourceIds)) {
    let query = db
      .selectFrom('records')
      .select((eb) => [
        'resource_id',
        'deleted',
        'lag_days',
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('arrived_at').as('last_arrival'),
        eb.fn.max('source_changed_at').as('last_change'),
      ])
      .groupBy(['resource_id', 'deleted', 'lag_days'])
    if (ids !== undefined) {
      query = query.where('resource_id', 'in', ids.length > 0 ? [...ids] : [''])
    }
    for (const row of await query.execute()) {
      groups.push({
        resourceId: row.resource_id,
        deleted: Number(row.deleted) === 1,
        lagDays: row.lag_days === null ? null : Number(row.lag_days),
        count: Number(row.n),
        lastArrival: row.last_arrival,
        lastSourceChange: row.last_change,
      })
    }
  }
  return groups
}

/** Earlier arrivals (replaced versions, deletions excepted) by resource and lag. */
export async function historyLags(
  db: Executor,
  resourceIds?: readonly string[],
): Promise<Array<{ resourceId: string; lagDays: number; count: number }>> {
  const groups: Array<{ resourceId: string; lagDays: number; count: number }> = []
  for (const ids of chunks(resourceIds)) {
    let query = db
      .selectFrom('record_history')
      .select((eb) => ['resource_id', 'lag_days', eb.fn.countAll<number>().as('n')])
      .where('deleted', '=', 0)
      .where('lag_days', 'is not', null)
      .groupBy(['resource_id', 'lag_days'])
    if (ids !== undefined) {
      query = query.where('resource_id', 'in', ids.length > 0 ? [...ids] : [''])
    }
    for (const row of await query.execute()) {
      groups.push({ resourceId: row.resource_id, lagDays: Number(row.lag_days), count: Number(row.n) })
    }
  }
  return groups
}

/**
 * Arrivals (current and replaced versions, deletions aside) whose source change time the provider
 * did not declare, per resource (Art. 18: the arrival time stood in for it).
 */
export async function undeclaredCounts(
  db: Executor,
  resourceIds?: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const ids of chunks(resourceIds)) {
    for (const table of ['records', 'record_history'] as const) {
      let query = db
        .selectFrom(table)
        .select((eb) => ['resource_id', eb.fn.countAll<number>().as('n')])
        .where('deleted', '=', 0)
        .where('change_time_declared', '=', 0)
        .groupBy('resource_id')
      if (ids !== undefined) {
        query = query.where('resource_id', 'in', ids.length > 0 ? [...ids] : [''])
      }
      for (const row of await query.execute()) {
        counts.set(row.resource_id, (counts.get(row.resource_id) ?? 0) + Number(row.n))
      }
    }
  }
  return counts
}

export interface LateArrival {
  arrivedAt: string
  sourceChangedAt: string
  lagDays: number
  version: number
}

/** The latest arrivals later than `moreThan` working days, current and replaced versions alike. */
export async function lateArrivals(
  db: Executor,
  resourceId: string,
  moreThan: number,
  limit: number,
): Promise<LateArrival[]> {
  const columns = ['arrived_at', 'source_changed_at', 'lag_days', 'version'] as const
  const [current, earlier] = await Promise.all([
    db
      .selectFrom('records')
      .select(columns)
      .where('resource_id', '=', resourceId)
      .where('deleted', '=', 0)
      .where('lag_days', '>', moreThan)
      .orderBy('arrived_at', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('record_history')
      .select(columns)
      .where('resource_id', '=', resourceId)
      .where('deleted', '=', 0)
      .where('lag_days', '>', moreThan)
      .orderBy('arrived_at', 'desc')
      .limit(limit)
      .execute(),
  ])
  return [...current, ...earlier]
    .map((row) => ({
      arrivedAt: row.arrived_at,
      sourceChangedAt: row.source_changed_at,
      lagDays: Number(row.lag_days),
      version: Number(row.version),
    }))
    .sort((a, b) => (a.arrivedAt < b.arrivedAt ? 1 : a.arrivedAt > b.arrivedAt ? -1 : b.version - a.version))
    .slice(0, limit)
}

/**
 * Batches (one arrival time per resource) since `since` with versions later than `moreThan`
 * working days, current and replaced alike, deletions aside: how many such versions, the worst lag.
 */
export async function lateBatchesSince(
  db: Executor,
  since: string,
  moreThan: number,
): Promise<Array<{ resourceId: string; arrivedAt: string; count: number; maxLagDays: number }>> {
  const columns = ['resource_id', 'arrived_at', 'lag_days'] as const
  const versions = db
    .selectFrom('records')
    .select(columns)
    .where('deleted', '=', 0)
    .where('arrived_at', '>=', since)
    .where('lag_days', '>', moreThan)
    .unionAll(
      db
        .selectFrom('record_history')
        .select(columns)
        .where('deleted', '=', 0)
        .where('arrived_at', '>=', since)
        .where('lag_days', '>', moreThan),
    )
  const rows = await db
    .selectFrom(versions.as('x'))
    .select((eb) => [
      'x.resource_id',
      'x.arrived_at',
      eb.fn.countAll<number>().as('n'),
      eb.fn.max('x.lag_days').as('max_lag'),
    ])
    .groupBy(['x.resource_id', 'x.arrived_at'])
    .execute()
  return rows.map((row) => ({
    resourceId: row.resource_id,
    arrivedAt: row.arrived_at,
    count: Number(row.n),
    maxLagDays: Number(row.max_lag),
  }))
}

/** The last arrival (deletions included: they keep data current too) of every resource with records. */
export async function lastArrivals(db: Executor): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('records')
    .select((eb) => ['resource_id', eb.fn.max('arrived_at').as('last')])
    .groupBy('resource_id')
    .execute()
  return new Map(rows.map((row) => [row.resource_id, row.last]))
}

/** Resources served live from the provider's own system (an upstream endpoint is registered). */
export async function resourcesServedLive(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('upstream_endpoints').select('resource_id').execute()
  return new Set(rows.map((row) => row.resource_id))
}

/** Resources that have any record (when the catalog's listing is not wired in). */
export async function resourcesWithRecords(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('records').select('resource_id').distinct().execute()
  return rows.map((row) => row.resource_id)
}

export interface ArrivalBatch {
  resourceId: string
  sourceChangedAt: string
  arrivedAt: string
  /** null for versions stored before the exchange kept lags. */
  lagDays: number | null
  /** False when the provider did not declare when the data changed (the arrival time stands in). */
  changeTimeDeclared: boolean
  count: number
}

/** Record versions (current and replaced, deletions aside) that arrived in [start, end), per resource and batch. */
export async function arrivalsBetween(db: Executor, start: string, end: string): Promise<ArrivalBatch[]> {
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
    .where('arrived_at', '>=', start)
    .where('arrived_at', '<', end)
    .unionAll(
      db
        .selectFrom('record_history')
        .select(columns)
        .where('deleted', '=', 0)
        .where('arrived_at', '>=', start)
        .where('arrived_at', '<', end),
    )
  const rows = await db
    .selectFrom(versions.as('x'))
    .select((eb) => [
      'x.resource_id',
      'x.source_changed_at',
      'x.arrived_at',
      'x.lag_days',
      'x.change_time_declared',
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['x.resource_id', 'x.source_changed_at', 'x.arrived_at', 'x.lag_days', 'x.change_time_declared'])
    .execute()
  return rows.map((row) => ({
    resourceId: row.resource_id,
    sourceChangedAt: row.source_changed_at,
    arrivedAt: row.arrived_at,
    lagDays: row.lag_days === null ? null : Number(row.lag_days),
    changeTimeDeclared: Number(row.change_time_declared) !== 0,
    count: Number(row.n),
  }))
}
