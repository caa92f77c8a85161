/**
 * "column contains this text", exact and case-sensitive on both databases, with no LIKE wildcards
 * to escape: instr() on SQLite, strpos() on PostgreSQL. Not index-served: use it with filters that
 * narrow the rows first, or on small tables (names of users, departments, resources).
 */
import { type Expression, type SqlBool, sql } from 'kysely'
import type { Executor } from './database.js'
import { isPostgres } from './dialect.js'

export function containsText(db: Executor, column: string, text: string): Expression<SqlBool> {
  const ref = sql.ref(column)
  return isPostgres(db) ? sql<SqlBool>`strpos(${ref}, ${text}) > 0` : sql<SqlBool>`instr(${ref}, ${text}) > 0`
}
