/**
 * The bulk SQL of ingest: a batch's stored rows in one statement, and its inserts and
 * replacements without building a query per row. On SQLite the statements are prepared once and
 * run on the native connection, inside the transaction the caller opened (Kysely holds the single
 * connection for the callback); on PostgreSQL they go through the transaction, arrays as
 * parameters, so one statement serves any batch size.
 */
import { sql } from 'kysely'
import type { NativeDb } from '../../../db/connect.js'
import type { Trx } from '../../../db/database.js'
import { StatementCache } from '../../../db/statement-cache.js'
import type { RecordRow } from '../repo.js'

export interface Replacement {
  previous: RecordRow
  next: RecordRow
}

export interface IngestRepo {
  /** The stored rows (deleted ones included) for these keys of a resource. */
  recordsByKeys(trx: Trx, resourceId: string, keyHashes: readonly string[]): Promise<RecordRow[]>
  insertRecords(trx: Trx, rows: readonly RecordRow[]): Promise<void>
  /** Inserts the rows whose key is not stored yet and returns those keys' hashes; skips the rest. */
  insertNewRecords(trx: Trx, rows: readonly RecordRow[]): Promise<string[]>
  /** Moves each previous row to the history and stores the next one in its place. */
  replaceRecords(trx: Trx, replacements: readonly Replacement[], replacedAt: string): Promise<void>
}

export function createIngestRepo(native: NativeDb): IngestRepo {
  return native.dialect === 'sqlite' ? sqliteRepo(native) : postgresRepo()
}

const SELECT_BY_KEYS = `select * from records where resource_id = ?
  and key_hash in (select value from json_each(?))`
const INSERT_RECORD = `insert into records
  (resource_id, key_hash, data, source_changed_at, arrived_at, version, deleted, lag_days, change_time_declared)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?)`
const INSERT_NEW_RECORD = `${INSERT_RECORD} on conflict (resource_id, key_hash) do nothing`
const INSERT_HISTORY = `insert into record_history
  (resource_id, key_hash, version, data, source_changed_at, arrived_at, deleted, replaced_at, lag_days,
  change_time_declared) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
const UPDATE_RECORD = `update records set data = ?, source_changed_at = ?, arrived_at = ?, version = ?,
  deleted = ?, lag_days = ?, change_time_declared = ? where resource_id = ? and key_hash = ?`

function values(r: RecordRow) {
  return [
    r.resource_id,
    r.key_hash,
    r.data,
    r.source_changed_at,
    r.arrived_at,
    r.version,
    r.deleted,
    r.lag_days,
    r.change_time_declared,
  ]
}

function sqliteRepo(native: Extract<NativeDb, { dialect: 'sqlite' }>): IngestRepo {
  const statements = new StatementCache(native.sqlite)
  // The native connection is Kysely's: outside a transaction these would commit on their own.
  const inTransaction = () => {
    if (!native.sqlite.inTransaction) {
      throw new Error('ingest statements run only inside a transaction')
    }
  }
  return {
    async recordsByKeys(_trx, resourceId, keyHashes) {
      inTransaction()
      // The statement's rows are the records table's columns.
      return statements.get(SELECT_BY_KEYS).all(resourceId, JSON.stringify(keyHashes)) as RecordRow[]
    },
    async insertRecords(_trx, rows) {
      inTransaction()
      const insert = statements.get(INSERT_RECORD)
      for (const row of rows) {
        insert.run(...values(row))
      }
    },
    async insertNewRecords(_trx, rows) {
      inTransaction()
      const insert = statements.get(INSERT_NEW_RECORD)
      return rows.filter((row) => insert.run(...values(row)).changes > 0).map((row) => row.key_hash)
    },
    async replaceRecords(_trx, replacements, replacedAt) {
      inTransaction()
      const history = statements.get(INSERT_HISTORY)
      const update = statements.get(UPDATE_RECORD)
      for (const { previous: p, next: n } of replacements) {
        history.run(
          p.resource_id,
          p.key_hash,
          p.version,
          p.data,
          p.source_changed_at,
          p.arrived_at,
          p.deleted,
          replacedAt,
          p.lag_days,
          p.change_time_declared,
        )
        update.run(
          n.data,
          n.source_changed_at,
          n.arrived_at,
          n.version,
          n.deleted,
          n.lag_days,
          n.change_time_declared,
          p.resource_id,
          p.key_hash,
        )
      }
    },
  }
}

const insertColumns = sql.raw(
  '(resource_id, key_hash, data, source_changed_at, arrived_at, version, deleted, lag_days, change_time_declared)',
)

/** The rows as one array parameter per column, unnested back into rows (any batch size). */
function unnestRows(rows: readonly RecordRow[]) {
  const column = <K extends keyof RecordRow>(name: K) => rows.map((row) => row[name])
  return sql`unnest(${column('resource_id')}::text[], ${column('key_hash')}::text[], ${column('data')}::text[],
    ${column('source_changed_at')}::text[], ${column('arrived_at')}::text[], ${column('version')}::integer[],
    ${column('deleted')}::integer[], ${column('lag_days')}::integer[], ${column('change_time_declared')}::integer[])`
}

function postgresRepo(): IngestRepo {
  return {
    async recordsByKeys(trx, resourceId, keyHashes) {
      // A probe of the primary key per key: with `key_hash = any(...)` the planner may scan the
      // whole resource instead (it does on fresh statistics), which grows with the table.
      const result = await sql<RecordRow>`select r.* from unnest(${keyHashes}::text[]) as k(key_hash)
        cross join lateral (select * from records
          where resource_id = ${resourceId} and key_hash = k.key_hash offset 0) as r`.execute(trx)
      return result.rows
    },
    async insertRecords(trx, rows) {
      if (rows.length > 0) {
        await sql`insert into records ${insertColumns} select * from ${unnestRows(rows)}`.execute(trx)
      }
    },
    async insertNewRecords(trx, rows) {
      if (rows.length === 0) {
        return []
      }
      const result = await sql<{ key_hash: string }>`insert into records ${insertColumns}
        select * from ${unnestRows(rows)}
        on conflict (resource_id, key_hash) do nothing returning key_hash`.execute(trx)
      return result.rows.map((row) => row.key_hash)
    },
    async replaceRecords(trx, replacements, replacedAt) {
      if (replacements.length === 0) {
        return
      }
      const previous = <K extends keyof RecordRow>(name: K) => replacements.map((r) => r.previous[name])
      const next = <K extends keyof RecordRow>(name: K) => replacements.map((r) => r.next[name])
      await sql`insert into record_history
        (resource_id, key_hash, version, data, source_changed_at, arrived_at, deleted, replaced_at, lag_days,
          change_time_declared)
        select resource_id, key_hash, version, data, source_changed_at, arrived_at, deleted, ${replacedAt}, lag_days,
          change_time_declared
        from unnest(${previous('resource_id')}::text[], ${previous('key_hash')}::text[],
          ${previous('version')}::integer[], ${previous('data')}::text[], ${previous('source_changed_at')}::text[],
          ${previous('arrived_at')}::text[], ${previous('deleted')}::integer[], ${previous('lag_days')}::integer[],
          ${previous('change_time_declared')}::integer[])
          as p(resource_id, key_hash, version, data, source_changed_at, arrived_at, deleted, lag_days,
            change_time_declared)`.execute(trx)
      await sql`update records set data = n.data, source_changed_at = n.source_changed_at,
          arrived_at = n.arrived_at, version = n.version, deleted = n.deleted, lag_days = n.lag_days,
          change_time_declared = n.change_time_declared
        from unnest(${next('resource_id')}::text[], ${next('key_hash')}::text[], ${next('data')}::text[],
          ${next('source_changed_at')}::text[], ${next('arrived_at')}::text[], ${next('version')}::integer[],
          ${next('deleted')}::integer[], ${next('lag_days')}::integer[], ${next('change_time_declared')}::integer[])
          as n(resource_id, key_hash, data, source_changed_at, arrived_at, version, deleted, lag_days,
            change_time_declared)
        where records.resource_id = n.resource_id and records.key_hash = n.key_hash`.execute(trx)
    },
  }
}
