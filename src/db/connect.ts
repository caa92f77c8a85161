/**
 * Opens the store: embedded SQLite (WAL) by default, PostgreSQL when a URL is given. The same
 * Kysely code runs on both; `schema` puts a PostgreSQL run in its own schema (tests, tenants).
 */
import fs from 'node:fs'
import path from 'node:path'
import type SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database, Db, DialectName } from './database.js'
import { CachedSqliteDialect } from './sqlite-driver.js'
import { openSqliteFile } from './sqlite-file.js'

/**
 * The driver under Kysely, for the few hot paths that run prepared statements directly (exchange
 * reads, bulk ingest, the read log). On SQLite, `sqlite` is Kysely's own connection: inside a
 * transaction callback it runs in that transaction. `reader` is a second connection that only
 * reads and sees only committed data, whatever transaction the first has open.
 */
export type NativeDb =
  | { dialect: 'sqlite'; sqlite: SqliteDatabase.Database; reader: SqliteDatabase.Database; file: string }
  | { dialect: 'postgres'; pool: pg.Pool }

export interface DbHandle {
  db: Db
  dialect: DialectName
  native: NativeDb
  close(): Promise<void>
}

export interface OpenOptions {
  /** Folder of the SQLite file when no `databaseUrl` is given. */
  dataDir?: string
  /** SQLite file name inside dataDir (default govshare.db). */
  fileName?: string
  databaseUrl?: string
  /** PostgreSQL schema to use (created if missing). */
  schema?: string
  poolSize?: number
}

// PostgreSQL returns bigint (int8) as text by default; our bigints (audit seq, counts) fit in a double.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10))

/** The SQLite file's name inside DATA_DIR. */
export const SQLITE_FILE = 'govshare.db'

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl, options.schema, options.poolSize ?? 10)
  }
  return openSqlite(options.dataDir ?? './data', options.fileName ?? SQLITE_FILE)
}

function openSqlite(dataDir: string, fileName: string): DbHandle {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, fileName)
  const sqlite = openSqliteFile(file)
  sqlite.pragma('foreign_keys = ON')
  const reader = openSqliteFile(file)
  reader.pragma('query_only = ON')
  const db = new Kysely<Database>({ dialect: new CachedSqliteDialect(sqlite) })
  return {
    db,
    dialect: 'sqlite',
    native: { dialect: 'sqlite', sqlite, reader, file },
    close: async () => {
      reader.close()
      await db.destroy()
    },
  }
}

async function openPostgres(url: string, schema: string | undefined, poolSize: number): Promise<DbHandle> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name: ${schema}`)
  }
  if (schema) {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      await admin.query(`create schema if not exists ${schema}`)
    } finally {
      await admin.end()
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgres', native: { dialect: 'postgres', pool }, close: () => db.destroy() }
}
