import { type Selectable, sql } from 'kysely'
import type { Executor } from '../../db/database.js'
import { isPostgres } from '../../db/dialect.js'
import type { ExchangeTables } from './tables.js'

export type RecordRow = Selectable<ExchangeTables['records']>
export type HistoryRow = Selectable<ExchangeTables['record_history']>

/** The stored rows (deleted ones included) for some keys of a resource. */
export async function recordsByKeys(
  db: Executor,
  resourceId: string,
  keyHashes: readonly string[],
): Promise<RecordRow[]> {
  const rows: RecordRow[] = []
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < keyHashes.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('records')
        .selectAll()
        .where('resource_id', '=', resourceId)
        .where('key_hash', 'in', keyHashes.slice(i, i + 500))
        .execute()),
    )
  }
  return rows
}

export async function replaceRecord(
  db: Executor,
  previous: RecordRow,
  next: RecordRow,
  replacedAt: string,
): Promise<void> {
  await db
    .insertInto('record_history')
    .values({
      resource_id: previous.resource_id,
      key_hash: previous.key_hash,
      version: previous.version,
      data: previous.data,
      source_changed_at: previous.source_changed_at,
      arrived_at: previous.arrived_at,
      deleted: previous.deleted,
      replaced_at: replacedAt,
      lag_days: previous.lag_days,
      change_time_declared: previous.change_time_declared,
    })
    .execute()
  await db
    .updateTable('records')
    .set({
      data: next.data,
      source_changed_at: next.source_changed_at,
      arrived_at: next.arrived_at,
      version: next.version,
      deleted: next.deleted,
      lag_days: next.lag_days,
      change_time_declared: next.change_time_declared,
    })
    .where('resource_id', '=', next.resource_id)
    .where('key_hash', '=', next.key_hash)
    .execute()
}

/** The latest earlier version whose source had changed by `until` (value as of a date). */
export function historyAsOf(
  db: Executor,
  resourceId: string,
  keyHash: string,
  until: string,
): Promise<HistoryRow | undefined> {
  return db
    .selectFrom('record_history')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('key_hash', '=', keyHash)
    .where('source_changed_at', '<=', until)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Live records of a resource, optionally where each item holds one of some values (text
 * comparison): a consumer's filters and its grant's row scope alike.
 */
export async function listRecords(
  db: Executor,
  resourceId: string,
  filters: ReadonlyArray<{ item: string; values: readonly string[] }>,
  page: { offset: number; limit: number },
): Promise<{ rows: RecordRow[]; total: number }> {
  const postgres = isPostgres(db)
  let query = db.selectFrom('records').where('resource_id', '=', resourceId).where('deleted', '=', 0)
  for (const filter of filters) {
    // Item names are JSON keys: pass them as parameters, never into the SQL text.
    query = postgres
      ? query.where(sql<string>`(data::jsonb ->> ${filter.item})`, 'in', filter.values)
      : query.where(
          sql<string>`cast(json_extract(data, ${`$."${filter.item.replaceAll('"', '')}"`}) as text)`,
          'in',
          filter.values,
        )
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('key_hash').offset(page.offset).limit(page.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/** Per-resource ingest facts for freshness (Art. 18). */
export function latestArrival(db: Executor, resourceId: string) {
  return db
    .selectFrom('records')
    .select((eb) => [eb.fn.max('arrived_at').as('last_arrival'), eb.fn.countAll<number>().as('n')])
    .where('resource_id', '=', resourceId)
    .executeTakeFirst()
}

// For the quality module (Art. 17, 26): the version of a record, and records of two resources by key.

export function recordVersion(
  db: Executor,
  resourceId: string,
  keyHash: string,
): Promise<{ version: number; deleted: number } | undefined> {
  return db
    .selectFrom('records')
    .select(['version', 'deleted'])
    .where('resource_id', '=', resourceId)
    .where('key_hash', '=', keyHash)
    .executeTakeFirst()
}

/**
 * Live records present in both resources under the same key hash, in key-hash order after
 * `afterKeyHash` (keyset paging, so a run over millions of records never uses OFFSET).
 */
export function joinedRecords(
  db: Executor,
  leftResourceId: string,
  rightResourceId: string,
  afterKeyHash: string,
  limit: number,
): Promise<Array<{ key_hash: string; left_data: string; right_data: string }>> {
  return db
    .selectFrom('records as l')
    .innerJoin('records as r', (join) =>
      join.onRef('r.key_hash', '=', 'l.key_hash').on('r.resource_id', '=', rightResourceId),
    )
    .select(['l.key_hash as key_hash', 'l.data as left_data', 'r.data as right_data'])
    .where('l.resource_id', '=', leftResourceId)
    .where('l.deleted', '=', 0)
    .where('r.deleted', '=', 0)
    .where('l.key_hash', '>', afterKeyHash)
    .orderBy('l.key_hash')
    .limit(limit)
    .execute()
}
