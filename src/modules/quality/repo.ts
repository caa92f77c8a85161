/** Kysely queries for the quality tables, and the read-only join over the exchange store they need. */
import type { Selectable, Updateable } from 'kysely'
import type { Executor } from '../../db/database.js'
import { isPostgres } from '../../db/dialect.js'
import type { QualityTables } from './tables.js'

export type ObjectionRow = Selectable<QualityTables['objections']>
export type CheckRow = Selectable<QualityTables['consistency_checks']>
export type RunRow = Selectable<QualityTables['consistency_runs']>
export type DisagreementRow = Selectable<QualityTables['consistency_disagreements']>

interface Page {
  offset: number
  limit: number
}

// Objections (Art. 26)

export async function insertObjection(db: Executor, row: ObjectionRow): Promise<void> {
  await db.insertInto('objections').values(row).execute()
}

export function findObjection(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ObjectionRow | undefined> {
  let query = db.selectFrom('objections').selectAll().where('id', '=', id)
  if (options.lock && isPostgres(db)) {
    query = query.forUpdate()
  }
  return query.executeTakeFirst()
}

export async function updateObjection(
  db: Executor,
  id: string,
  patch: Updateable<QualityTables['objections']>,
): Promise<void> {
  await db.updateTable('objections').set(patch).where('id', '=', id).execute()
}

/** The department's open objection on the same record and item, if any. */
export function openObjectionLike(
  db: Executor,
  target: { resourceId: string; keyHash: string; consumerId: string; itemName: string | null },
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('objections')
    .select('id')
    .where('resource_id', '=', target.resourceId)
    .where('key_hash', '=', target.keyHash)
    .where('status', '=', 'open')
    .where('consumer_id', '=', target.consumerId)
    .where((eb) =>
      target.itemName === null ? eb('item_name', 'is', null) : eb('item_name', '=', target.itemName),
    )
    .executeTakeFirst()
}

/** Ids of the open objections on one record, oldest first. */
/** The open objections on a resource's records, oldest first. */
/** Objections answered late since `answeredSince`, or still open past their due date (Art. 26). */
export function lateObjections(db: Executor, today: string, answeredSince: string) {
  return db
    .selectFrom('objections')
    .select(['id', 'resource_id', 'provider_id', 'consumer_id', 'status', 'due_date', 'answered_at'])
    .where((eb) =>
      eb.or([
        eb.and([eb('late', '=', 1), eb('answered_at', '>=', answeredSince)]),
        eb.and([eb('status', '=', 'open'), eb('due_date', '<', today)]),
      ]),
    )
    .orderBy('id')
    .execute()
}

export function openObjectionsOn(db: Executor, resourceId: string) {
  return db
    .selectFrom('objections')
    .select(['id', 'key_hash'])
    .where('resource_id', '=', resourceId)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** Objections newest first; `departments` narrows to those on one side (or either); none = all. */
export async function listObjections(
  db: Executor,
  filter: Page & {
    departments?: { ids: readonly string[]; side: 'consumer' | 'provider' | 'either' }
    status?: string
    resourceId?: string
  },
): Promise<{ rows: ObjectionRow[]; total: number }> {
  const { departments } = filter
  if (departments?.ids.length === 0) {
    return { rows: [], total: 0 }
  }
  let query = db.selectFrom('objections')
  if (departments !== undefined) {
    const { ids, side } = departments
    query = query.where((eb) =>
      side === 'consumer'
        ? eb('consumer_id', 'in', ids)
        : side === 'provider'
          ? eb('provider_id', 'in', ids)
          : eb.or([eb('consumer_id', 'in', ids), eb('provider_id', 'in', ids)]),
    )
  }
  if (filter.status !== undefined) {
    query = query.where('status', '=', filter.status)
  }
  if (filter.resourceId !== undefined) {
    query = query.where('resource_id', '=', filter.resourceId)
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

// Consistency checks (Art. 17)

export async function insertCheck(db: Executor, row: CheckRow): Promise<void> {
  await db.insertInto('consistency_checks').values(row).execute()
}

export function findCheck(db: Executor, id: string): Promise<CheckRow | undefined> {
  return db.selectFrom('consistency_checks').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listChecks(db: Executor, options: { activeOnly?: boolean } = {}): Promise<CheckRow[]> {
  let query = db.selectFrom('consistency_checks').selectAll()
  if (options.activeOnly) {
    query = query.where('active', '=', 1)
  }
  return query.orderBy('created_at').orderBy('id').execute()
}

export async function insertRun(db: Executor, row: RunRow): Promise<void> {
  await db.insertInto('consistency_runs').values(row).execute()
}

export async function finishRun(
  db: Executor,
  id: string,
  result: { finished_at: string; compared: number; disagreements: number },
): Promise<void> {
  await db.updateTable('consistency_runs').set(result).where('id', '=', id).execute()
}

export function findRun(db: Executor, id: string): Promise<RunRow | undefined> {
  return db.selectFrom('consistency_runs').selectAll().where('id', '=', id).executeTakeFirst()
}

/** A check's runs, oldest first: the trend of disagreements. */
export function runsOf(db: Executor, checkId: string, limit: number): Promise<RunRow[]> {
  return db
    .selectFrom('consistency_runs')
    .selectAll()
    .where('check_id', '=', checkId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
    .then((rows) => rows.reverse())
}

export async function insertDisagreements(db: Executor, rows: readonly DisagreementRow[]): Promise<void> {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('consistency_disagreements')
      .values(rows.slice(i, i + 100))
      .execute()
  }
}

/**
 * Closes what earlier runs of the check left open: superseded where this run found the key again,
 * resolved where it now agrees (or is gone).
 */
export async function closeEarlierDisagreements(db: Executor, checkId: string, runId: string): Promise<void> {
  await db
    .updateTable('consistency_disagreements')
    .set({ status: 'superseded' })
    .where('check_id', '=', checkId)
    .where('run_id', '!=', runId)
    .where('status', '=', 'open')
    .where('key_hash_left', 'in', (eb) =>
      eb
        .selectFrom('consistency_disagreements as now')
        .select('now.key_hash_left')
        .where('now.run_id', '=', runId),
    )
    .execute()
  await db
    .updateTable('consistency_disagreements')
    .set({ status: 'resolved' })
    .where('check_id', '=', checkId)
    .where('run_id', '!=', runId)
    .where('status', '=', 'open')
    .execute()
}

/** Disagreements, newest run first; `departmentIds` narrows to those routed there; none = all. */
export async function listDisagreements(
  db: Executor,
  filter: Page & { departmentIds?: readonly string[]; checkId?: string; runId?: string; status?: string },
): Promise<{ rows: DisagreementRow[]; total: number }> {
  if (filter.departmentIds?.length === 0) {
    return { rows: [], total: 0 }
  }
  let query = db
    .selectFrom('consistency_disagreements as d')
    .innerJoin('consistency_runs as run', 'run.id', 'd.run_id')
    // A run that died part-way left rows no one should act on.
    .where('run.finished_at', 'is not', null)
  if (filter.departmentIds !== undefined) {
    query = query.where('d.routed_to_department_id', 'in', filter.departmentIds)
  }
  if (filter.checkId !== undefined) {
    query = query.where('d.check_id', '=', filter.checkId)
  }
  if (filter.runId !== undefined) {
    query = query.where('d.run_id', '=', filter.runId)
  }
  if (filter.status !== undefined) {
    query = query.where('d.status', '=', filter.status)
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll('d')
      .orderBy('run.started_at', 'desc')
      .orderBy('d.masked_key')
      .orderBy('d.id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/** Open disagreements found by runs started before `before`, counted per check and routed department. */
export async function staleDisagreements(db: Executor, before: string) {
  const rows = await db
    .selectFrom('consistency_disagreements as g')
    .innerJoin('consistency_runs as u', 'u.id', 'g.run_id')
    .innerJoin('consistency_checks as c', 'c.id', 'g.check_id')
    .select((eb) => [
      'g.check_id',
      'c.name as check_name',
      'g.routed_to_department_id as department_id',
      eb.fn.min('u.started_at').as('first_found'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('g.status', '=', 'open')
    .where('u.started_at', '<', before)
    .groupBy(['g.check_id', 'c.name', 'g.routed_to_department_id'])
    .execute()
  return rows.map((row) => ({ ...row, n: Number(row.n) }))
}

/** Objections raised in [start, end) with their provider, due date and answer time (Art. 26, 35). */
export function objectionsRaisedBetween(db: Executor, start: string, end: string) {
  return db
    .selectFrom('objections')
    .select(['provider_id', 'due_date', 'answered_at'])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .execute()
}
