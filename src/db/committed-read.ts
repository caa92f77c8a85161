/**
 * A prepared one-row query on committed data, for the questions every request asks (the access
 * epoch, a record by key): no query building per call. On SQLite the statement runs on the
 * query-only connection, which never sees a transaction the main connection has open; on
 * PostgreSQL it is a named prepared statement on the pool. The SQL uses `?` placeholders.
 */
import type { NativeDb } from './connect.js'

export function committedRowReader<P extends unknown[], R>(
  native: NativeDb,
  name: string,
  sql: string,
): (...params: P) => Promise<R | undefined> {
  if (native.dialect === 'sqlite') {
    const statement = native.reader.prepare<P, R>(sql)
    return async (...params) => statement.get(...params)
  }
  const { pool } = native
  let n = 0
  const text = sql.replace(/\?/g, () => `$${++n}`)
  return async (...params) => (await pool.query<R & object>({ name, text, values: params })).rows[0]
}
