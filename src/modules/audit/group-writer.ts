/**
 * Group commit for the query log (Art. 27, 29): reads have no transaction of their own, so their
 * entries are collected from concurrent requests and committed together, a batch every few
 * milliseconds, in one transaction that holds the chain head. Each caller's promise settles only
 * when its entry is committed; if the commit fails, every caller in the batch gets the error, and
 * the read fails closed (no data leaves without its log entry).
 */
import type { Db, Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import type { AuditEvent } from './service.js'

interface Waiting {
  actor: Actor
  event: AuditEvent
  resolve(seq: number): void
  reject(error: unknown): void
}

export interface GroupWriterOptions {
  /** Most entries in one commit. */
  maxBatch?: number
  /** How long the first entry of a batch waits for company, in milliseconds. */
  maxDelayMs?: number
}

export type AppendMany = (
  trx: Executor,
  events: ReadonlyArray<{ actor: Actor; event: AuditEvent }>,
) => Promise<number[]>

export function createGroupWriter(db: Db, appendMany: AppendMany, options: GroupWriterOptions = {}) {
  const maxBatch = options.maxBatch ?? 500
  const maxDelayMs = options.maxDelayMs ?? 2
  let queue: Waiting[] = []
  let running: Promise<void> | null = null
  let timer: NodeJS.Timeout | null = null

  function schedule(): void {
    if (running || timer) {
      return
    }
    timer = setTimeout(() => {
      timer = null
      running = flush().finally(() => {
        running = null
        if (queue.length > 0) {
          schedule()
        }
      })
    }, maxDelayMs)
  }

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch)
      queue = queue.slice(batch.length)
      try {
        const seqs = await inTransaction(db, (trx) => appendMany(trx, batch))
        for (const [i, waiting] of batch.entries()) {
          waiting.resolve(seqs[i] ?? 0)
        }
      } catch (error) {
        for (const waiting of batch) {
          waiting.reject(error)
        }
      }
    }
  }

  /** Resolves with the entry's seq once it is committed. */
  function append(actor: Actor, event: AuditEvent): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      queue.push({ actor, event, resolve, reject })
      schedule()
    })
  }

  /** Waits for everything queued to be committed (shutdown). */
  async function drain(): Promise<void> {
    while (queue.length > 0 || running || timer) {
      await (running ?? new Promise((resolve) => setTimeout(resolve, maxDelayMs)))
    }
  }

  return { append, drain }
}

export type GroupWriter = ReturnType<typeof createGroupWriter>
