import type { Db, Trx } from './database.js'

/**
 * The one way services open a transaction: the change and its audit entry commit or fail together.
 * On SQLite, Kysely holds the single connection for the whole callback, so transactions serialise.
 */
export function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work)
}
