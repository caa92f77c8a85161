/**
 * The read log's committer on SQLite, in a worker thread (read-log.ts starts it). A commit with
 * synchronous=FULL waits for the disk for a millisecond or more; done on the main thread it would
 * stop every request for that long. Here it waits alone: each message is a batch of read entries,
 * chained under BEGIN IMMEDIATE (so after any other writer, another process included) and
 * answered with their sequence numbers only once committed.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openSqliteFile } from '../../db/sqlite-file.js'
import { canonicalJson } from '../../shared/crypto.js'
import type { PendingEntry, ReadLogReply, ReadLogRequest } from './read-log.js'
import { type ChainEntry, sealEntry } from './rules.js'

const port = parentPort
if (!port) {
  throw new Error('read-log-worker runs as a worker thread')
}
const sqlite = openSqliteFile((workerData as { file: string }).file)
const readHead = sqlite.prepare<[], { seq: number; hash: string }>(
  'select seq, hash from audit_head where id = 1',
)
const insert = sqlite.prepare<ChainEntry>(
  `insert into audit_entries (seq, at, actor_type, actor_id, actor_name, department_id, action,
     object_type, object_id, details, prev_hash, hash, alg)
   values (@seq, @at, @actorType, @actorId, @actorName, @departmentId, @action,
     @objectType, @objectId, @details, @prevHash, @hash, @alg)`,
)
const moveHead = sqlite.prepare<[number, string]>('update audit_head set seq = ?, hash = ? where id = 1')

const appendAll = sqlite.transaction((pending: readonly PendingEntry[]): number[] => {
  let head = readHead.get()
  if (!head) {
    throw new Error('audit_head is missing')
  }
  const seqs: number[] = []
  for (const entry of pending) {
    const sealed = sealEntry({
      ...entry,
      seq: Number(head.seq) + 1,
      details: canonicalJson(entry.details),
      prevHash: head.hash,
    })
    insert.run(sealed)
    head = { seq: sealed.seq, hash: sealed.hash }
    seqs.push(sealed.seq)
  }
  moveHead.run(head.seq, head.hash)
  return seqs
})

port.on('message', (request: ReadLogRequest) => {
  let reply: ReadLogReply
  try {
    reply = { id: request.id, seqs: appendAll.immediate(JSON.parse(request.entries) as PendingEntry[]) }
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(reply)
})
