/**
 * Issue 17 item 4: a copy of the whole store taken while the platform runs, and its way back into
 * an empty store. SQLite through its online backup API (a consistent snapshot, WAL included, no
 * pause for writers); PostgreSQL through pg_dump's custom format and pg_restore in one transaction.
 * The keys (data.key, the audit signing key) are not in the store and not in the copy: kept apart.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { SQLITE_FILE } from './connect.js'

export interface StoreLocation {
  dataDir: string
  databaseUrl: string | undefined
}

export class BackupError extends Error {}

export function sqlitePath(store: StoreLocation): string {
  return path.join(store.dataDir, SQLITE_FILE)
}

/** Writes the store to `file` (which must not exist yet) and answers its size in bytes. */
export async function backupStore(store: StoreLocation, file: string): Promise<number> {
  if (fs.existsSync(file)) {
    throw new BackupError(`${file} exists; choose a new file name`)
  }
  if (store.databaseUrl) {
    await runTool(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`],
      store.databaseUrl,
    )
  } else {
    const source = sqlitePath(store)
    if (!fs.existsSync(source)) {
      throw new BackupError(`no database at ${source}`)
    }
    const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true })
    try {
      await db.backup(file)
    } finally {
      db.close()
    }
  }
  fs.chmodSync(file, 0o600)
  return fs.statSync(file).size
}

/** True when the store has no tables at all (a new SQLite file or an empty PostgreSQL database). */
export async function storeIsEmpty(store: StoreLocation): Promise<boolean> {
  if (store.databaseUrl) {
    const client = new pg.Client({ connectionString: store.databaseUrl })
    await client.connect()
    try {
      const result = await client.query<{ n: number }>(
        'select count(*)::int as n from information_schema.tables where table_schema = current_schema()',
      )
      return result.rows[0]?.n === 0
    } finally {
      await client.end()
    }
  }
  const file = sqlitePath(store)
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) {
    return true
  }
  const db = new SqliteDatabase(file, { readonly: true })
  try {
    const row = db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as {
      n: number
    }
    return row.n === 0
  } finally {
    db.close()
  }
}

/**
 * Loads a backup into the store. Refuses a store that holds anything unless `force` (then the
 * store is replaced: stop every instance first). On SQLite the copy is written beside the target
 * and renamed over it, so a failed restore leaves the target as it was.
 */
export async function restoreStore(store: StoreLocation, file: string, force: boolean): Promise<void> {
  if (!fs.existsSync(file)) {
    throw new BackupError(`no backup at ${file}`)
  }
  if (!force && !(await storeIsEmpty(store))) {
    throw new BackupError(
      'the target database is not empty; restore into an empty one, or pass --force to replace it',
    )
  }
  if (store.databaseUrl) {
    const replace = force ? ['--clean', '--if-exists'] : []
    await runTool(
      'pg_restore',
      ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', ...replace, file],
      store.databaseUrl,
    )
    return
  }
  const target = sqlitePath(store)
  const staging = `${target}.restoring`
  fs.mkdirSync(store.dataDir, { recursive: true })
  fs.rmSync(staging, { force: true })
  const source = openBackupFile(file)
  try {
    await source.backup(staging)
  } finally {
    source.close()
  }
  for (const leftover of [`${target}-wal`, `${target}-shm`]) {
    fs.rmSync(leftover, { force: true })
  }
  fs.renameSync(staging, target)
}

function openBackupFile(file: string): SqliteDatabase.Database {
  try {
    const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true })
    db.prepare("select count(*) from sqlite_master where name = 'audit_entries'").get()
    return db
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite backup of govshare (${(error as Error).message})`)
  }
}

/**
 * pg_dump / pg_restore against DATABASE_URL. The password goes in PGPASSWORD, not the command line
 * (which any local user can read in the process list); the rest of the URL is a libpq URI.
 */
function runTool(tool: string, args: string[], databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl)
  const password = decodeURIComponent(url.password)
  url.password = ''
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [`--dbname=${url.toString()}`, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.once('error', (error) =>
      reject(
        new BackupError(
          `${tool} could not be started (${error.message}); install the PostgreSQL client tools`,
        ),
      ),
    )
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${tool} failed (exit ${code}): ${stderr.trim()}`)),
    )
  })
}
