/**
 * A prepared one-row query on committed data, for the questions every request asks (the access
 * epoch, a record by key): no query building per call. On PostgreSQL it is a named prepared
 * statement on the pool. The SQL uses `?` placeholders.
 *
 * On SQLite it runs on the platform's own connection whenever that connection has no transaction
 * open, and on the query-only connection while one is (a Kysely transaction spans awaits, and its
 * uncommitted rows must not be seen). Why not always the query-only one: SQLite drops a
 * connection's page cache whenever another connection has committed, and the read log commits on
 * the platform's connection every turn of the event loop, so the reads after each commit started
 * cold there: an epoch and a record read took 23–24 µs against 19–20 µs (decisions §62).
 */
import type { NativeDb } from './connect.js'

export function committedRowReader<P extends unknown[], R>(
  native: NativeDb,
  name: string,
  sql: string,
): (...params: P) => Promise<R | undefined> {
  if (native.dialect === 'sqlite') {
    const { sqlite } = native
    const onOwn = sqlite.prepare<P, R>(sql)
    const onReader = native.reader.prepare<P, R>(sql)
    return async (...params) => (sqlite.inTransaction ? onReader : onOwn).get(...params)
  }
  const { pool } = native
  let n = 0
  const text = sql.replace(/\?/g, () => `$${++n}`)
  return async (...params) => (await pool.query<R & object>({ name, text, values: params })).rows[0]
}
