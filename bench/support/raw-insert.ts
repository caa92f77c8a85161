/**
 * The exchange benchmark's baseline for ingest: the same rows as the platform stores them (keyed
 * hash, encrypted JSON), inserted by a bare prepared INSERT into a scratch table with the same keys.
 */
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { publishedResource } from '../../src/modules/catalog/index.js'
import { encodeData, keyHashOf } from '../../src/modules/exchange/index.js'
import { fieldKeys } from '../../src/shared/field-crypto.js'
import { TEST_PG_URL } from '../../test/support/dialects.js'
import { TEST_DATA_KEY, type TestPlatform } from '../../test/support/platform.js'
import { person } from './exchange-fixture.js'

const SCRATCH_COLUMNS =
  'resource_id, key_hash, data, source_changed_at, arrived_at, version, deleted, lag_days'
type RawRow = [string, string, string, string, string, number, number, number]

/** The same rows as stored: keyed hash and encrypted JSON made beforehand (not timed). */
async function rawBatches(t: TestPlatform, resourceId: string, records: number, batch: number) {
  const resource = await publishedResource(t.platform.handle.db, resourceId)
  if (!resource) {
    throw new Error('resource not published')
  }
  const keys = fieldKeys([TEST_DATA_KEY])
  const items = resource.items
  const changed = new Date(Date.now() - 86_400_000).toISOString()
  return function* batches(): Generator<RawRow[]> {
    for (let start = 0; start < records; start += batch) {
      const now = new Date().toISOString()
      yield Array.from({ length: Math.min(batch, records - start) }, (_, j): RawRow => {
        const data = person(start + j)
        return [
          resourceId,
          keyHashOf(keys, data.公民身份号码),
          encodeData(keys, items, data),
          changed,
          now,
          1,
          0,
          1,
        ]
      })
    }
  }
}

/** (a) the raw baseline: a prepared INSERT, one transaction per batch, scratch table with the same keys. */
export async function timeRawInsert(
  t: TestPlatform,
  resourceId: string,
  records: number,
  batch: number,
): Promise<number> {
  const batches = await rawBatches(t, resourceId, records, batch)
  const ddl = [
    `create table records_raw (resource_id text not null, key_hash text not null, data text not null,
      source_changed_at text not null, arrived_at text not null, version integer not null,
      deleted integer not null, lag_days integer, primary key (resource_id, key_hash))`,
    'create index records_raw_arrived on records_raw (resource_id, arrived_at)',
  ]
  let ms = 0
  if (t.store.dialect === 'sqlite') {
    const raw = new SqliteDatabase(path.join(t.store.dataDir, 'govshare.db'))
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = FULL')
    raw.pragma('busy_timeout = 5000')
    try {
      for (const statement of ddl) {
        raw.exec(statement)
      }
      const insert = raw.prepare(
        `insert into records_raw (${SCRATCH_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      const insertBatch = raw.transaction((rows: RawRow[]) => {
        for (const row of rows) {
          insert.run(...row)
        }
      })
      for (const rows of batches()) {
        const began = performance.now()
        insertBatch(rows)
        ms += performance.now() - began
      }
    } finally {
      raw.close()
    }
    return ms
  }
  const client = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${t.store.schema}` })
  await client.connect()
  try {
    for (const statement of ddl) {
      await client.query(statement)
    }
    // 100 rows per statement (800 parameters), as the platform's own inserts: a named, prepared statement.
    const per = 100
    const placeholders = Array.from(
      { length: per },
      (_, r) => `(${Array.from({ length: 8 }, (_, c) => `$${r * 8 + c + 1}`).join(', ')})`,
    ).join(', ')
    const text = `insert into records_raw (${SCRATCH_COLUMNS}) values ${placeholders}`
    for (const rows of batches()) {
      const began = performance.now()
      await client.query('begin')
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per)
        if (chunk.length === per) {
          await client.query({ name: 'raw_insert', text, values: chunk.flat() })
        } else {
          for (const row of chunk) {
            await client.query({
              name: 'raw_insert_one',
              text: `insert into records_raw (${SCRATCH_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
              values: row,
            })
          }
        }
      }
      await client.query('commit')
      ms += performance.now() - began
    }
  } finally {
    await client.end()
  }
  return ms
}
