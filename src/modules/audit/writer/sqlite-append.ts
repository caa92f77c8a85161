/**
 * Appends a group of read entries to the chain in one SQLite transaction under BEGIN IMMEDIATE (so
 * after any other writer, another process included), with their meters counted in the same commit.
 * Run by the worker thread (sqlite-worker.ts) or on the main thread (sqlite.ts), on a connection of
 * its own that no Kysely transaction shares.
 */
import type SqliteDatabase from 'better-sqlite3'
import type { MeterCount } from '../meters.js'
import { type ChainEntry, ROWS_PAST_HEAD } from '../rules.js'
import type { LoggedRead } from '../service.js'
import { chainBatch } from './chain-batch.js'
import type { PendingEntry } from './sqlite.js'

/** Throws ROWS_PAST_HEAD (as the message) when rows lie past the head; nothing is then committed. */
export type AppendEntries = (pending: readonly PendingEntry[]) => LoggedRead[]

export function sqliteAppender(sqlite: SqliteDatabase.Database): AppendEntries {
  // `past`: rows past the head (issue 12) would collide with the next seq or be chained over.
  const readHead = sqlite.prepare<[], { seq: number; hash: string; past: number }>(
    `select seq, hash, exists (select 1 from audit_entries e where e.seq > audit_head.seq) as past
     from audit_head where id = 1`,
  )
  const insert = sqlite.prepare<ChainEntry>(
    `insert into audit_entries (seq, at, actor_type, actor_id, actor_name, department_id, action,
       object_type, object_id, details, prev_hash, hash, alg)
     values (@seq, @at, @actorType, @actorId, @actorName, @departmentId, @action,
       @objectType, @objectId, @details, @prevHash, @hash, @alg)`,
  )
  const moveHead = sqlite.prepare<[number, string]>('update audit_head set seq = ?, hash = ? where id = 1')
  const readMeter = sqlite.prepare<
    [string, string],
    { units: number; misses: number; suspended_at: string | null }
  >('select units, misses, suspended_at from audit_read_meters where meter_key = ? and day = ?')
  const writeMeter = sqlite.prepare<[string, string, number, number, string | null]>(
    `insert into audit_read_meters (meter_key, day, units, misses, suspended_at) values (?, ?, ?, ?, ?)
     on conflict (meter_key, day) do update set units = excluded.units, misses = excluded.misses,
       suspended_at = coalesce(audit_read_meters.suspended_at, excluded.suspended_at)`,
  )

  function meterCount(key: string, day: string): MeterCount | undefined {
    const row = readMeter.get(key, day)
    return row && { units: row.units, misses: row.misses, suspended: row.suspended_at !== null }
  }

  const appendAll = sqlite.transaction((pending: readonly PendingEntry[]): LoggedRead[] => {
    const found = readHead.get()
    if (!found) {
      throw new Error('audit_head is missing')
    }
    if (found.past) {
      throw new Error(ROWS_PAST_HEAD)
    }
    // Metered in this transaction, after every earlier entry: the same order on every instance.
    const batch = chainBatch({ seq: Number(found.seq), hash: found.hash }, pending, meterCount)
    for (const entry of batch.entries) {
      insert.run(entry)
    }
    for (const { key, day, count, at } of batch.meters) {
      writeMeter.run(key, day, count.units, count.misses, count.suspended ? at : null)
    }
    moveHead.run(batch.head.seq, batch.head.hash)
    return batch.reads
  })
  return (pending) => appendAll.immediate(pending)
}
