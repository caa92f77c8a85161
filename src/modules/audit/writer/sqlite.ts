/**
 * The audit writer's SQLite back-ends (decisions §23, §56). By default a batch commits on the main
 * thread, once per turn of the event loop (sqliteInProcessBackend). With
 * GOVSHARE_READ_LOG_THREAD=worker each batch goes to a worker thread (sqlite-worker.ts) in one
 * message, without waiting for earlier ones, and the worker commits together everything that
 * reached it during its previous commit; if the worker dies, every batch it held fails: it is not
 * known to be committed. Both run the same appender (sqlite-append.ts).
 */
import { Worker } from 'node:worker_threads'
import type SqliteDatabase from 'better-sqlite3'
import type { Db } from '../../../db/database.js'
import type { Clock } from '../../../shared/clock.js'
import type { ReadMeter } from '../meters.js'
import { type ChainEntry, ROWS_PAST_HEAD } from '../rules.js'
import type { LoggedRead } from '../service.js'
import { type CommitBackend, RowsPastHead } from './queue.js'
import { sqliteAppender } from './sqlite-append.js'

/** An entry as the main thread knows it: the worker gives it its place in the chain. */
export type PendingEntry = Omit<ChainEntry, 'seq' | 'prevHash' | 'hash' | 'alg' | 'details'> & {
  details: Record<string, unknown>
  meter?: ReadMeter
}

export interface WorkerRequest {
  id: number
  /** JSON of PendingEntry[]: one string crosses threads faster than a tree of objects. */
  entries: string
}

export type WorkerReply = { id: number; reads: LoggedRead[] } | { id: number; error: string }

/** Most entries in one message. */
const MAX_BATCH = 1000

/**
 * The worker from compiled JavaScript (npm start), or from TypeScript through tsx when the
 * platform runs from its sources (tests, npm run dev).
 */
function startWorker(file: string): Worker {
  const fromSources = import.meta.url.endsWith('.ts')
  const entry = new URL(`./sqlite-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url)
  if (!fromSources) {
    return new Worker(entry, { workerData: { file } })
  }
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}) })`
  return new Worker(boot, { eval: true, workerData: { file } })
}

/** An entry as queued: what the chain needs, stamped when it was appended (both back-ends). */
export function pendingEntry(clock: Clock): CommitBackend<PendingEntry>['prepare'] {
  return (actor, event, meter) => ({
    at: clock.now().toISOString(),
    actorType: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    departmentId: event.departmentId !== undefined ? event.departmentId : actor.departmentId,
    action: event.action,
    objectType: event.objectType ?? null,
    objectId: event.objectId ?? null,
    details: event.details ?? {},
    ...(meter ? { meter } : {}),
  })
}

/**
 * Issue 17: the commit on the main thread, on the platform's own connection, one transaction per
 * turn of the event loop (the queue's batches, not pipelined). The disk wait then stops the event
 * loop, but once per batch rather than once per read, and no entry crosses threads. Kysely's
 * connection lock is held around it, so no transaction of the platform is open meanwhile.
 */
export function sqliteInProcessBackend(
  db: Db,
  sqlite: SqliteDatabase.Database,
  clock: Clock,
): CommitBackend<PendingEntry> {
  const append = sqliteAppender(sqlite)
  return {
    maxBatch: MAX_BATCH,
    pipelined: false,
    prepare: pendingEntry(clock),
    commit: (batch) =>
      db.connection().execute(async () => {
        try {
          return append(batch)
        } catch (error) {
          throw error instanceof Error && error.message === ROWS_PAST_HEAD ? new RowsPastHead() : error
        }
      }),
    close: async () => {},
  }
}

interface Sent {
  resolve(reads: LoggedRead[]): void
  reject(error: unknown): void
}

export function sqliteBackend(file: string, clock: Clock): CommitBackend<PendingEntry> {
  let worker: Worker | undefined
  /** Batches sent to the worker and not answered yet, by message id. */
  const sent = new Map<number, Sent>()
  let nextId = 1

  function workerOrStart(): Worker {
    if (worker) {
      return worker
    }
    const started = startWorker(file)
    started.on('message', (reply: WorkerReply) => settle(reply))
    started.on('error', (error) => fail(started, error))
    started.on('exit', (code) => fail(started, new Error(`read log worker exited with code ${code}`)))
    worker = started
    return started
  }

  function settle(reply: WorkerReply): void {
    const waiting = sent.get(reply.id)
    if (!waiting) {
      return
    }
    sent.delete(reply.id)
    letGoIfIdle()
    if (!('error' in reply)) {
      waiting.resolve(reply.reads)
    } else if (reply.error === ROWS_PAST_HEAD) {
      waiting.reject(new RowsPastHead())
    } else {
      waiting.reject(new Error(`read log commit failed: ${reply.error}`))
    }
  }

  /** The worker is gone: what it held is not known to be committed, so those reads fail. */
  function fail(dead: Worker, error: unknown): void {
    if (worker !== dead) {
      return
    }
    worker = undefined
    const held = [...sent.values()]
    sent.clear()
    for (const waiting of held) {
      waiting.reject(error)
    }
  }

  /** An idle worker never keeps a finished process running. */
  function letGoIfIdle(): void {
    if (sent.size === 0) {
      worker?.unref()
    }
  }

  return {
    maxBatch: MAX_BATCH,
    pipelined: true,
    prepare: pendingEntry(clock),
    commit(batch) {
      return new Promise<LoggedRead[]>((resolve, reject) => {
        const id = nextId++
        sent.set(id, { resolve, reject })
        const request: WorkerRequest = { id, entries: JSON.stringify(batch) }
        const target = workerOrStart()
        // Kept alive while it holds entries: a process with nothing else to do still waits for them.
        target.ref()
        target.postMessage(request)
      })
    },
    async close() {
      const stopping = worker
      worker = undefined
      await stopping?.terminate()
    },
  }
}
