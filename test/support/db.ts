/** A fresh, migrated database per test file: a temp SQLite file, or a new PostgreSQL schema. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type DbHandle, openDatabase } from '../../src/db/connect.js'
import type { DialectName } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { newId } from '../../src/shared/ids.js'
import { TEST_PG_URL } from './dialects.js'

export interface TestStore {
  dialect: DialectName
  /** Where SQLite keeps its file (also DATA_DIR for a test platform). */
  dataDir: string
  /** Set on PostgreSQL: the schema this test owns. */
  schema?: string
  databaseUrl?: string
  /** Opens another handle on the same store (a second app instance). */
  open(): Promise<DbHandle>
  /** Drops the schema / removes the folder. */
  destroy(): Promise<void>
}

export async function createTestStore(dialect: DialectName): Promise<TestStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-test-'))
  if (dialect === 'sqlite') {
    return {
      dialect,
      dataDir,
      open: () => openDatabase({ dataDir }),
      destroy: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const schema = `t_${newId().replaceAll('-', '').slice(0, 20)}`
  return {
    dialect,
    dataDir,
    schema,
    databaseUrl: TEST_PG_URL,
    open: () => openDatabase({ databaseUrl: TEST_PG_URL, schema, poolSize: 5 }),
    destroy: async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL })
      await client.connect()
      try {
        await client.query(`drop schema if exists ${schema} cascade`)
      } finally {
        await client.end()
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A migrated database handle on a fresh store; `cleanup` closes and destroys it. */
export async function openTestDb(
  dialect: DialectName,
): Promise<{ handle: DbHandle; store: TestStore; cleanup(): Promise<void> }> {
  const store = await createTestStore(dialect)
  const handle = await store.open()
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
