/**
 * Group commit for the query log on SQLite (Art. 27, 29), with the commit in a worker thread
 * (read-log-worker.ts) so that waiting for the disk never stops the main thread. Entries from
 * concurrent reads queue while one batch is being committed and go together in the next; each
 * caller's promise settles only when its entry is committed. If a commit fails, or the worker
 * dies, every caller of that batch gets the error and its read fails closed.
 */
import { Worker } from 'node:worker_threads'
import type { Actor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import type { ChainEntry } from './rules.js'
import type { AuditEvent } from './service.js'

/** An entry as the main thread knows it: the worker gives it its place in the chain. */
export type PendingEntry = Omit<ChainEntry, 'seq' | 'prevHash' | 'hash' | 'alg' | 'details'> & {
  details: Record<string, unknown>
}

export interface ReadLogRequest {
  id: number
  /** JSON of PendingEntry[]: one string crosses threads faster than a tree of objects. */
  entries: string
}

export type ReadLogReply = { id: number; seqs: number[] } | { id: number; error: string }

interface Waiting {
  entry: PendingEntry
  resolve(seq: number): void
  reject(error: unknown): void
}

const MAX_BATCH = 1000

/**
 * The worker from compiled JavaScript (npm start), or from TypeScript through tsx when the
 * platform runs from its sources (tests, npm run dev).
 */
function startWorker(file: string): Worker {
  const fromSources = import.meta.url.endsWith('.ts')
  const entry = new URL(`./read-log-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url)
  if (!fromSources) {
    return new Worker(entry, { workerData: { file } })
  }
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}) })`
  return new Worker(boot, { eval: true, workerData: { file } })
}

export function createWorkerReadLog(file: string, clock: Clock) {
  let worker: Worker | undefined
  let queue: Waiting[] = []
  let committing: { id: number; batch: Waiting[] } | undefined
  let nextId = 1
  let idle: Array<() => void> = []

  function workerOrStart(): Worker {
    if (worker) {
      return worker
    }
    const started = startWorker(file)
    started.unref()
    started.on('message', (reply: ReadLogReply) => settle(reply))
    started.on('error', (error) => fail(started, error))
    started.on('exit', (code) => fail(started, new Error(`read log worker exited with code ${code}`)))
    worker = started
    return started
  }

  function send(): void {
    if (committing || queue.length === 0) {
      return
    }
    const batch = queue.slice(0, MAX_BATCH)
    queue = queue.slice(batch.length)
    committing = { id: nextId++, batch }
    const request: ReadLogRequest = { id: committing.id, entries: JSON.stringify(batch.map((w) => w.entry)) }
    workerOrStart().postMessage(request)
  }

  function settle(reply: ReadLogReply): void {
    const done = committing
    if (!done || done.id !== reply.id) {
      return
    }
    committing = undefined
    if ('error' in reply) {
      const error = new Error(`read log commit failed: ${reply.error}`)
      for (const waiting of done.batch) {
        waiting.reject(error)
      }
    } else {
      for (const [i, waiting] of done.batch.entries()) {
        waiting.resolve(reply.seqs[i] ?? 0)
      }
    }
    afterBatch()
  }

  /** The worker is gone: the batch it held is not known to be committed, so its reads fail. */
  function fail(dead: Worker, error: unknown): void {
    if (worker !== dead) {
      return
    }
    worker = undefined
    const lost = committing
    committing = undefined
    for (const waiting of lost?.batch ?? []) {
      waiting.reject(error)
    }
    afterBatch()
  }

  function afterBatch(): void {
    send()
    if (!committing && queue.length === 0) {
      for (const wake of idle) {
        wake()
      }
      idle = []
    }
  }

  /** Resolves with the entry's seq once it is committed. */
  function append(actor: Actor, event: AuditEvent): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      queue.push({
        entry: {
          at: clock.now().toISOString(),
          actorType: actor.kind,
          actorId: actor.id,
          actorName: actor.name,
          departmentId: event.departmentId !== undefined ? event.departmentId : actor.departmentId,
          action: event.action,
          objectType: event.objectType ?? null,
          objectId: event.objectId ?? null,
          details: event.details ?? {},
        },
        resolve,
        reject,
      })
      send()
    })
  }

  /** Waits for everything queued to be committed (shutdown, tests). */
  function drain(): Promise<void> {
    if (!committing && queue.length === 0) {
      return Promise.resolve()
    }
    return new Promise((resolve) => idle.push(resolve))
  }

  /** Drains, then stops the worker and its connection. */
  async function close(): Promise<void> {
    await drain()
    const stopping = worker
    worker = undefined
    await stopping?.terminate()
  }

  return { append, drain, close }
}
