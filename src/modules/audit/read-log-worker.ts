/**
 * The read log's committer on SQLite, in a worker thread (read-log.ts starts it). A commit with
 * synchronous=FULL waits for the disk for a millisecond or more; done on the main thread it would
 * stop every request for that long. Here it waits alone. Each message is a group of read entries;
 * every message that arrived while the previous commit waited for the disk goes into the next
 * commit together (group commit), chained under BEGIN IMMEDIATE (so after any other writer,
 * another process included); each message is answered with its sequence numbers once committed.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
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

port.on('message', (first: ReadLogRequest) => {
  const requests = [first]
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    requests.push(next.message as ReadLogRequest)
  }
  const groups = requests.map((request) => JSON.parse(request.entries) as PendingEntry[])
  let replies: ReadLogReply[]
  try {
    const seqs = appendAll.immediate(groups.flat())
    let at = 0
    replies = requests.map((request, i) => {
      const count = groups[i]?.length ?? 0
      at += count
      return { id: request.id, seqs: seqs.slice(at - count, at) }
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    replies = requests.map((request) => ({ id: request.id, error: message }))
  }
  for (const reply of replies) {
    port.postMessage(reply)
  }
})
