/**
 * The audit writer's committer on SQLite, in a worker thread (sqlite.ts starts it). A commit with
 * synchronous=FULL waits for the disk for a millisecond or more; done on the main thread it would
 * stop every request for that long. Here it waits alone. Each message is a group of read entries;
 * every message that arrived while the previous commit waited for the disk goes into the next
 * commit together (group commit), chained under BEGIN IMMEDIATE (so after any other writer,
 * another process included); each message is answered with its sequence numbers once committed.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import { openSqliteFile } from '../../../db/sqlite-file.js'
import { canonicalJson } from '../../../shared/crypto.js'
import { type MeterCount, meteredEntry, meterLedger } from '../meters.js'
import { type ChainCursor, type ChainEntry, ROWS_PAST_HEAD, sealEntry } from '../rules.js'
import type { LoggedRead } from '../service.js'
import type { PendingEntry, WorkerReply, WorkerRequest } from './sqlite.js'

const port = parentPort
if (!port) {
  throw new Error('sqlite-worker runs as a worker thread')
}
const sqlite = openSqliteFile((workerData as { file: string }).file)
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
  let head: ChainCursor = { seq: found.seq, hash: found.hash }
  const reads: LoggedRead[] = []
  const ledger = meterLedger()
  for (const { meter, ...pendingEntry } of pending) {
    let entry = pendingEntry
    let read: LoggedRead = { seq: Number(head.seq) + 1 }
    if (meter) {
      // Counted in this transaction, after every earlier entry: the same order on every instance.
      if (ledger.needs(meter)) {
        ledger.load(meter, meterCount(meter.key, meter.day))
      }
      const verdict = ledger.count(meter, entry.at)
      entry = meteredEntry(entry, meter, verdict)
      read = { ...read, meter: { ...verdict, limit: meter.limit } }
    }
    const sealed = sealEntry({
      ...entry,
      seq: read.seq,
      details: canonicalJson(entry.details),
      prevHash: head.hash,
    })
    insert.run(sealed)
    head = { seq: sealed.seq, hash: sealed.hash }
    reads.push(read)
  }
  for (const { key, day, count, at } of ledger.changes()) {
    writeMeter.run(key, day, count.units, count.misses, count.suspended ? at : null)
  }
  moveHead.run(head.seq, head.hash)
  return reads
})

port.on('message', (first: WorkerRequest) => {
  const requests = [first]
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    requests.push(next.message as WorkerRequest)
  }
  const groups = requests.map((request) => JSON.parse(request.entries) as PendingEntry[])
  let replies: WorkerReply[]
  try {
    const reads = appendAll.immediate(groups.flat())
    let at = 0
    replies = requests.map((request, i) => {
      const count = groups[i]?.length ?? 0
      at += count
      return { id: request.id, reads: reads.slice(at - count, at) }
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    replies = requests.map((request) => ({ id: request.id, error: message }))
  }
  for (const reply of replies) {
    port.postMessage(reply)
  }
})
