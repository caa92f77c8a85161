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
import type { PendingEntry, WorkerReply, WorkerRequest } from './sqlite.js'
import { sqliteAppender } from './sqlite-append.js'

const port = parentPort
if (!port) {
  throw new Error('sqlite-worker runs as a worker thread')
}
const appendAll = sqliteAppender(openSqliteFile((workerData as { file: string }).file))

port.on('message', (first: WorkerRequest) => {
  const requests = [first]
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    requests.push(next.message as WorkerRequest)
  }
  const groups = requests.map((request) => JSON.parse(request.entries) as PendingEntry[])
  let replies: WorkerReply[]
  try {
    const reads = appendAll(groups.flat())
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
