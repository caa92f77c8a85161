/** Prepared SQLite statements kept by their SQL text, the oldest dropped past a bound. */
import type SqliteDatabase from 'better-sqlite3'

const MAX_STATEMENTS = 500

export class StatementCache {
  readonly #sqlite: SqliteDatabase.Database
  readonly #statements = new Map<string, SqliteDatabase.Statement>()

  constructor(sqlite: SqliteDatabase.Database) {
    this.#sqlite = sqlite
  }

  get(sql: string): SqliteDatabase.Statement {
    let statement = this.#statements.get(sql)
    if (!statement) {
      // Queries built with varying IN-lists have many texts: a bound keeps memory flat.
      if (this.#statements.size >= MAX_STATEMENTS) {
        const oldest = this.#statements.keys().next().value
        if (oldest !== undefined) {
          this.#statements.delete(oldest)
        }
      }
      statement = this.#sqlite.prepare(sql)
      this.#statements.set(sql, statement)
    }
    return statement
  }

  /** A statement of its own, for a caller that keeps it busy (iterating). */
  fresh(sql: string): SqliteDatabase.Statement {
    return this.#sqlite.prepare(sql)
  }
}
