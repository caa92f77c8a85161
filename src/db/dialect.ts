import { PostgresAdapter } from 'kysely'

interface HasExecutor {
  getExecutor(): { readonly adapter: unknown }
}

/** Row locks (`for update`), triggers in PL/pgSQL and similar exist only on PostgreSQL. */
export function isPostgres(db: HasExecutor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}
