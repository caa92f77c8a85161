/**
 * A fresh, migrated database per test store: a copy of the run's migrated template (a SQLite file,
 * or a PostgreSQL database cloned from the template database), see global-setup.ts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { type DbHandle, openDatabase } from '../../src/db/connect.js'
import type { DialectName } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { newId } from '../../src/shared/ids.js'
import { databaseUrlFor, TEST_PG_URL } from './dialects.js'

export interface TestStore {
  dialect: DialectName
  /** Where SQLite keeps its file (also DATA_DIR for a test platform). */
  dataDir: string
  /** Set on PostgreSQL: the database this store owns. */
  databaseUrl?: string
  /** Set when the store is a schema of the shared test database (no template available). */
  schema?: string
  /** Opens another handle on the same store (a second app instance). */
  open(): Promise<DbHandle>
  /** Drops the database / removes the folder. */
  destroy(): Promise<void>
}

/** The run's templates, or undefined outside `vitest run` with the global setup (e.g. a bench). */
function template<K extends 'sqliteTemplateDir' | 'postgresTemplate'>(key: K): string | undefined {
  try {
    return inject(key)
  } catch {
    return undefined
  }
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * Drops a store's database once its connections are gone. pg's pool.end() resolves before its
 * clients have finished closing; forcing the drop at once would terminate one mid-goodbye, an
 * uncaught error in the test's process. Forced only when they linger (a test that leaked a pool).
 */
export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt += 1) {
    try {
      await client.query(`drop database if exists ${name}`)
      return
    } catch (error) {
      // 55006 object_in_use: "is being accessed by other users".
      if ((error as { code?: string }).code !== '55006') {
        throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  await client.query(`drop database if exists ${name} with (force)`)
}

export async function createTestStore(dialect: DialectName): Promise<TestStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-test-'))
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true })
  if (dialect === 'sqlite') {
    const templateDir = template('sqliteTemplateDir')
    if (templateDir) {
      fs.copyFileSync(path.join(templateDir, 'govshare.db'), path.join(dataDir, 'govshare.db'))
    }
    return { dialect, dataDir, open: () => openDatabase({ dataDir }), destroy: async () => removeDir() }
  }
  const name = `t_${newId().replaceAll('-', '').slice(0, 20)}`
  const templateDb = template('postgresTemplate')
  if (templateDb) {
    await onServer(async (client) => {
      await client.query(`create database ${name} template ${templateDb}`)
      await client.query(`alter database ${name} set synchronous_commit = off`)
    })
    const databaseUrl = databaseUrlFor(name)
    return {
      dialect,
      dataDir,
      databaseUrl,
      open: () => openDatabase({ databaseUrl, poolSize: 5 }),
      destroy: async () => {
        await onServer((client) => dropDatabase(client, name))
        removeDir()
      },
    }
  }
  return {
    dialect,
    dataDir,
    schema: name,
    databaseUrl: TEST_PG_URL,
    open: () => openDatabase({ databaseUrl: TEST_PG_URL, schema: name, poolSize: 5 }),
    destroy: async () => {
      await onServer((client) => client.query(`drop schema if exists ${name} cascade`))
      removeDir()
    },
  }
}

/** A migrated database handle on a fresh store; `cleanup` closes and destroys it. */
export async function openTestDb(
  dialect: DialectName,
): Promise<{ handle: DbHandle; store: TestStore; cleanup(): Promise<void> }> {
  const store = await createTestStore(dialect)
  const handle = await store.open()
  // A no-op on a copy of the template; the whole migration otherwise.
  await migrateToLatest(handle.db)
  return {
    handle,
    store,
    cleanup: async () => {
      await handle.close()
      await store.destroy()
    },
  }
}
