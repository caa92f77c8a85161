/**
 * What the stripped-down servers of floor-servers.ts read and write, on either database: the
 * platform's records and access epoch (read only), and a log of their own (a scratch SQLite file,
 * or a scratch PostgreSQL schema), so the platform's chain is left alone.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { coalesced } from '../../src/db/access-cache.js'
import type { NativeDb } from '../../src/db/connect.js'
import { recordLookup } from '../../src/modules/exchange/index.js'

/** An entry as the floors store it: already chained. */
export interface LoggedRow {
  seq: number
  at: string
  actorId: string
  action: string
  objectId: string
  details: string
  prevHash: string
  hash: string
}

export interface MeterMove {
  key: string
  day: string
  units: number
}

export interface MinimalStore {
  readRecord(resourceId: string, keyHash: string): Promise<{ data: string; version: number } | undefined>
  readEpoch(): Promise<unknown>
  /** One transaction: the rows and the meter, committed (synchronous commit) before it resolves. */
  commit(rows: readonly LoggedRow[], meter: MeterMove | undefined): Promise<void>
  close(): Promise<void>
}

const logTables = (
  prefix: string,
) => `create table ${prefix}entries (seq bigint primary key, at text not null,
    actor_id text, action text not null, object_id text, details text not null,
    prev_hash text not null, hash text not null);
  create table ${prefix}meters (meter_key text, day text, units bigint, primary key (meter_key, day))`

/**
 * SQLite: reads on a read-only connection of the platform's file (whose page cache no commit of
 * these floors ever drops, as their log is in another file), the log in a scratch file.
 */
export function sqliteMinimalStore(file: string, tag: string): MinimalStore {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `govshare-${tag}-`))
  const read = new SqliteDatabase(file, { readonly: true })
  read.pragma('busy_timeout = 5000')
  const record = read.prepare<[string, string], { data: string; version: number }>(
    'select data, version from records where resource_id = ? and key_hash = ? and deleted = 0',
  )
  const epoch = read.prepare('select epoch from access_epoch where id = 1')
  const log = new SqliteDatabase(path.join(scratch, 'log.db'))
  log.pragma('journal_mode = WAL')
  log.pragma('synchronous = FULL')
  log.exec(logTables(''))
  const insert = log.prepare<LoggedRow>(
    `insert into entries (seq, at, actor_id, action, object_id, details, prev_hash, hash)
     values (@seq, @at, @actorId, @action, @objectId, @details, @prevHash, @hash)`,
  )
  const meter = log.prepare<[string, string, number]>(
    `insert into meters (meter_key, day, units) values (?, ?, ?)
     on conflict (meter_key, day) do update set units = units + excluded.units`,
  )
  const commit = log.transaction((rows: readonly LoggedRow[], move: MeterMove | undefined) => {
    for (const row of rows) {
      insert.run(row)
    }
    if (move) {
      meter.run(move.key, move.day, move.units)
    }
  })
  return {
    readRecord: async (resourceId, keyHash) => record.get(resourceId, keyHash),
    readEpoch: async () => epoch.get(),
    commit: async (rows, move) => commit.immediate(rows, move),
    async close() {
      read.close()
      log.close()
      fs.rmSync(scratch, { recursive: true, force: true })
    },
  }
}

/**
 * PostgreSQL: record reads as the platform batches them (one statement per turn), epoch reads
 * coalesced as the platform's (a caller waits for a read that began after it came), and each batch's rows and meter in one statement (one round
 * trip), in a scratch schema of the same database.
 */
export async function postgresMinimalStore(
  native: Extract<NativeDb, { dialect: 'postgres' }>,
  url: string,
  tag: string,
): Promise<MinimalStore> {
  const schema = `bench_${tag}_${process.pid}`.replace(/[^a-z0-9_]/g, '_')
  const log = new pg.Pool({ connectionString: url, max: 2 })
  await log.query(`create schema ${schema}; ${logTables(`${schema}.`)}`)
  const findRecord = recordLookup(native)
  const readEpoch = coalesced(() =>
    native.pool.query({ name: 'bench_minimal_epoch', text: 'select epoch from access_epoch where id = 1' }),
  )
  return {
    async readRecord(resourceId, keyHash) {
      const row = await findRecord(resourceId, keyHash)
      return row && row.deleted === 0 ? { data: row.data, version: row.version } : undefined
    },
    readEpoch,
    async commit(rows, move) {
      const column = <K extends keyof LoggedRow>(key: K) => rows.map((row) => row[key])
      await log.query({
        name: 'bench_minimal_commit',
        text: `with logged as (
            insert into ${schema}.entries (seq, at, actor_id, action, object_id, details, prev_hash, hash)
            select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
            returning 1)
          insert into ${schema}.meters (meter_key, day, units)
          select $9, $10, $11 where $9::text is not null and exists (select 1 from logged)
          on conflict (meter_key, day) do update set units = ${schema}.meters.units + excluded.units`,
        values: [
          column('seq'),
          column('at'),
          column('actorId'),
          column('action'),
          column('objectId'),
          column('details'),
          column('prevHash'),
          column('hash'),
          move?.key ?? null,
          move?.day ?? null,
          move?.units ?? 0,
        ],
      })
    },
    async close() {
      await log.query(`drop schema if exists ${schema} cascade`)
      await log.end()
    },
  }
}
