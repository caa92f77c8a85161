/**
 * Once per `vitest run`, before any test file (decisions §41).
 *
 * Migrated templates: every test store starts as a copy of a database migrated here once, a file
 * copy on SQLite and `CREATE DATABASE … TEMPLATE` on PostgreSQL (tens of milliseconds, against
 * a few hundred for the migrations). test/support/db.ts clones them; without them (a test file
 * run outside this setup) it migrates from scratch.
 *
 * No waiting for the disk: tests kill processes, never the machine, so flushing every commit
 * proves nothing they check. SQLite stores live under TMPDIR (/dev/shm where it exists, set in
 * the vitest configs); PostgreSQL test databases commit without waiting for the WAL flush
 * (`synchronous_commit = off`: a crash of the server could lose the last commits, a crash of the
 * app cannot).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/db/connect.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { DIALECTS, databaseUrlFor, TEST_PG_URL } from './dialects.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding the migrated SQLite file (govshare.db). */
    sqliteTemplateDir: string
    /** Name of the migrated PostgreSQL template database, on TEST_PG_URL's server. */
    postgresTemplate: string
  }
}

async function sqliteTemplate(): Promise<{ dir: string; drop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'govshare-tpl-'))
  const handle = await openDatabase({ dataDir: dir })
  await migrateToLatest(handle.db)
  // One self-contained file: the write-ahead log is folded in and switched off for the copy.
  if (handle.native.dialect === 'sqlite') {
    handle.native.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  }
  await handle.close()
  return { dir, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) }
}

async function postgresTemplate(admin: pg.Client): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `govshare_tpl_${process.pid}_${Date.now().toString(36)}`
  await admin.query(`create database ${name}`)
  const handle = await openDatabase({ databaseUrl: databaseUrlFor(name), poolSize: 2 })
  try {
    await migrateToLatest(handle.db)
  } finally {
    await handle.close()
  }
  return { name, drop: async () => void (await admin.query(`drop database if exists ${name} with (force)`)) }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const teardown: Array<() => Promise<void>> = []
  if (DIALECTS.includes('sqlite')) {
    const template = await sqliteTemplate()
    project.provide('sqliteTemplateDir', template.dir)
    teardown.push(template.drop)
  }
  if (DIALECTS.includes('postgres')) {
    const admin = new pg.Client({ connectionString: TEST_PG_URL })
    await admin.connect()
    // The shared test database too: some tests open stores of their own on it (durability).
    const { rows } = await admin.query<{ db: string }>('select current_database() as db')
    await admin.query(`alter database "${rows[0]?.db ?? 'test'}" set synchronous_commit = off`)
    const template = await postgresTemplate(admin)
    project.provide('postgresTemplate', template.name)
    teardown.push(template.drop, () => admin.end())
  }
  return async () => {
    for (const step of teardown) {
      await step().catch(() => {})
    }
  }
}
