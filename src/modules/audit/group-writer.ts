/**
 * Group commit for the query log on PostgreSQL (Art. 27, 29): reads have no transaction of their
 * own, so their entries are collected from concurrent requests and committed together in one
 * transaction that holds the chain head. A batch leaves as soon as the previous one is committed
 * (entries that arrive meanwhile wait for the next), so a lone read waits for one commit and a
 * busy platform commits many reads each time. Each caller's promise settles only when its entry is
 * committed; if the commit fails, every caller in the batch gets the error, and the read fails
 * closed (no data leaves without its log entry). SQLite uses read-log.ts instead (same contract,
 * the commit in a worker thread).
 */
import type { Db, Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import type { ReadMeter } from './meters.js'
import type { AuditEvent, LoggedRead, MeteredEvent } from './service.js'

interface Waiting extends MeteredEvent {
  resolve(read: LoggedRead): void
  reject(error: unknown): void
}

/** Most entries in one commit. */
const MAX_BATCH = 500

export type AppendReads = (trx: Executor, events: readonly MeteredEvent[]) => Promise<LoggedRead[]>

/** `committed` is told after each commit (the forwarder follows the log, issue 12 item 6). */
export function createGroupWriter(db: Db, appendReads: AppendReads, committed?: () => void) {
  let queue: Waiting[] = []
  let running: Promise<void> | null = null

  function start(): void {
    if (running || queue.length === 0) {
      return
    }
    running = flush().finally(() => {
      running = null
      start()
    })
  }

  async function flush(): Promise<void> {
    // Entries appended in this same turn of the event loop go in this batch too.
    await new Promise((resolve) => setImmediate(resolve))
    const batch = queue.slice(0, MAX_BATCH)
    queue = queue.slice(batch.length)
    try {
      const reads = await inTransaction(db, (trx) => appendReads(trx, batch))
      committed?.()
      for (const [i, waiting] of batch.entries()) {
        waiting.resolve(reads[i] ?? { seq: 0 })
      }
    } catch (error) {
      for (const waiting of batch) {
        waiting.reject(error)
      }
    }
  }

  /** Resolves with the entry's seq (and meter verdict) once it is committed. */
  function append(actor: Actor, event: AuditEvent, meter?: ReadMeter): Promise<LoggedRead> {
    return new Promise<LoggedRead>((resolve, reject) => {
      queue.push({ actor, event, meter, resolve, reject })
      start()
    })
  }

  /** Waits for everything queued to be committed (shutdown). */
  async function drain(): Promise<void> {
    while (running) {
      await running
    }
  }

  return { append, drain }
}

export type GroupWriter = ReturnType<typeof createGroupWriter>
