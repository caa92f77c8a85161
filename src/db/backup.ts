/**
 * Issue 17 item 4: a copy of the whole store taken while the platform runs, and its way back into
 * an empty store. SQLite through its online backup API (a consistent snapshot, WAL included, no
 * pause for writers); PostgreSQL through pg_dump's custom format and pg_restore in one transaction.
 * The keys (data.key, the audit signing key) are not in the store and not in the copy: kept apart.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
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
    if (force) {
      await restoreReplacing(store.databaseUrl, file)
      return
    }
    await runTool(
      'pg_restore',
      ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', file],
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
  const { url, env } = toolTarget(databaseUrl)
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [`--dbname=${url}`, ...args], {
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

function toolTarget(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl)
  const password = decodeURIComponent(url.password)
  url.password = ''
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } }
}

/**
 * `restore --force` on PostgreSQL. pg_restore --clean drops each partition's primary key on its
 * own, which PostgreSQL refuses: it belongs to the parent's (the partitioned tables of decisions
 * §60). So the clean script goes through psql, in one transaction as before, without those
 * statements; dropping the parent removes them.
 */
async function restoreReplacing(databaseUrl: string, file: string): Promise<void> {
  const inherited = await inheritedConstraints(databaseUrl)
  const { url, env } = toolTarget(databaseUrl)
  const restore = spawn(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--file=-', file],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const psql = spawn(
    'psql',
    [`--dbname=${url}`, '--single-transaction', '--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1'],
    { env, stdio: ['pipe', 'ignore', 'pipe'] },
  )
  const finished = Promise.all([exited('pg_restore', restore), exited('psql', psql)])
  // psql stopping on an error closes its input; its exit code says why.
  psql.stdin.on('error', () => {})
  let cleaning = true
  const drop = /^ALTER TABLE IF EXISTS ONLY (\S+) DROP CONSTRAINT IF EXISTS (\S+);$/
  for await (const line of readline.createInterface({
    input: restore.stdout,
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    // The drops come first; nothing after the first CREATE is filtered (COPY data included).
    cleaning &&= !line.startsWith('CREATE ')
    const match = cleaning ? drop.exec(line) : null
    if (match && inherited.has(`${match[1]} ${match[2]}`)) {
      continue
    }
    if (!psql.stdin.write(`${line}\n`)) {
      await new Promise((resolve) => psql.stdin.once('drain', resolve))
    }
  }
  psql.stdin.end()
  await finished
}

/** `schema.table constraint` of every constraint a partition holds for its parent. */
async function inheritedConstraints(databaseUrl: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const rows = await client.query<{ name: string }>(
      `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' ' || quote_ident(k.conname) as name
       from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
       where k.conparentid <> 0`,
    )
    return new Set(rows.rows.map((row) => row.name))
  } finally {
    await client.end()
  }
}

function exited(tool: string, child: ReturnType<typeof spawn>): Promise<void> {
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
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
