/**
 * Kysely's SQLite driver with two changes that matter under load:
 *  - transactions start with BEGIN IMMEDIATE, so a transaction that reads and then writes cannot
 *    fail with SQLITE_BUSY_SNAPSHOT when another connection (the audit log writer, a CLI import)
 *    committed in between; it waits for the write lock up to busy_timeout instead;
 *  - prepared statements are kept by SQL text (Kysely prepares every query afresh otherwise),
 *    which is most of the cost of a short query.
 */
import type SqliteDatabase from 'better-sqlite3'
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
} from 'kysely'
import { StatementCache } from './statement-cache.js'

class CachedConnection implements DatabaseConnection {
  readonly statements: StatementCache

  constructor(sqlite: SqliteDatabase.Database) {
    this.statements = new StatementCache(sqlite)
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.statements.get(compiled.sql)
    const parameters = compiled.parameters as unknown[]
    if (statement.reader) {
      return { rows: statement.all(parameters) as R[] }
    }
    const { changes, lastInsertRowid } = statement.run(parameters)
    return {
      numAffectedRows: BigInt(changes),
      insertId: lastInsertRowid === undefined ? undefined : BigInt(lastInsertRowid),
      rows: [],
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) {
      throw new Error('SQLite streams only select queries')
    }
    // A statement that is iterating is busy: stream from one of its own, not the cached one.
    const statement = this.statements.fresh(compiled.sql)
    for (const row of statement.iterate(compiled.parameters as unknown[])) {
      yield { rows: [row as R] }
    }
  }
}

/** One connection; Kysely's runtime hands it to one user at a time (SQLite has no pool). */
class CachedSqliteDriver implements Driver {
  readonly #sqlite: SqliteDatabase.Database
  readonly #connection: CachedConnection

  constructor(sqlite: SqliteDatabase.Database) {
    this.#sqlite = sqlite
    this.#connection = new CachedConnection(sqlite)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection
  }

  async releaseConnection(): Promise<void> {}

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async destroy(): Promise<void> {
    this.#sqlite.close()
  }
}

export class CachedSqliteDialect extends SqliteDialect {
  readonly #sqlite: SqliteDatabase.Database

  constructor(sqlite: SqliteDatabase.Database) {
    super({ database: sqlite })
    this.#sqlite = sqlite
  }

  override createDriver(): Driver {
    return new CachedSqliteDriver(this.#sqlite)
  }
}
