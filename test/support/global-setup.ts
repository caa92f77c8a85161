/**
 * Once per `vitest run`, before any test file (decisions §41). The suite's time went to waiting for
 * the disk: every commit of a test store is flushed, though no test pulls the power. Tests kill
 * processes, never the machine, so the flush proves nothing they check:
 * - SQLite stores live under TMPDIR, set to /dev/shm in vitest.config.ts where it exists;
 * - PostgreSQL sessions of the test database commit without waiting for the WAL flush
 *   (`synchronous_commit = off`: a crash of the server could lose the last commits, a crash of
 *   the app cannot). Only the test database is changed, for new sessions.
 */
import pg from 'pg'
import { DIALECTS, TEST_PG_URL } from './dialects.js'

export default async function setup(): Promise<void> {
  if (!DIALECTS.includes('postgres')) {
    return
  }
  const client = new pg.Client({ connectionString: TEST_PG_URL })
  await client.connect()
  try {
    const { rows } = await client.query<{ db: string }>('select current_database() as db')
    const db = rows[0]?.db
    if (db) {
      await client.query(`alter database "${db.replaceAll('"', '""')}" set synchronous_commit = off`)
    }
  } finally {
    await client.end()
  }
}
