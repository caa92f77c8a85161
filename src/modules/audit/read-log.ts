/**
 * Group commit for the query log on SQLite (Art. 27, 29), with the commit in a worker thread
 * (read-log-worker.ts) so that waiting for the disk never stops the main thread. The entries of
 * one turn of the event loop go to the worker in one message, without waiting for earlier ones;
 * the worker commits together everything that reached it during its previous commit. Each
 * caller's promise settles only when its entry is committed. If a commit fails, or the worker
 * dies, every caller whose entry it held gets the error and its read fails closed.
 */
import { Worker } from 'node:worker_threads'
import type { Actor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import type { ReadMeter } from './meters.js'
import { type ChainEntry, ROWS_PAST_HEAD } from './rules.js'
import type { AuditEvent, LoggedRead } from './service.js'

/** An entry as the main thread knows it: the worker gives it its place in the chain. */
export type PendingEntry = Omit<ChainEntry, 'seq' | 'prevHash' | 'hash' | 'alg' | 'details'> & {
  details: Record<string, unknown>
  meter?: ReadMeter
}

export interface ReadLogRequest {
  id: number
  /** JSON of PendingEntry[]: one string crosses threads faster than a tree of objects. */
  entries: string
}

export type ReadLogReply = { id: number; reads: LoggedRead[] } | { id: number; error: string }

interface Waiting {
  entry: PendingEntry
  resolve(read: LoggedRead): void
  reject(error: unknown): void
  /** Commits refused because rows lay past the head (issue 12). */
  refusals?: number
}

export interface ReadLogHooks {
  /** Told after each commit (the forwarder follows the log). */
  committed(): void
  /** Moves rows past the head aside, raising the alarm, in the main thread's transaction. */
  moveForeignRowsAside(): Promise<void>
}

const MAX_BATCH = 1000
/** After this many refusals in a row the read fails closed: the rows could not be moved. */
const MAX_REFUSALS = 3

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

/** A read log with no one to tell (tests, tools): nothing forwards, rows past the head fail reads closed. */
const NO_HOOKS: ReadLogHooks = {
  committed: () => {},
  moveForeignRowsAside: async () => {},
}

export function createWorkerReadLog(file: string, clock: Clock, hooks: ReadLogHooks = NO_HOOKS) {
  let worker: Worker | undefined
  let queue: Waiting[] = []
  let sendScheduled = false
  /** Set while the main thread moves rows past the head aside; nothing is sent meanwhile. */
  let repairing: Promise<void> | undefined
  /** Groups sent to the worker and not answered yet, by message id. */
  const sent = new Map<number, Waiting[]>()
  let nextId = 1
  let idle: Array<() => void> = []

  function workerOrStart(): Worker {
    if (worker) {
      return worker
    }
    const started = startWorker(file)
    started.on('message', (reply: ReadLogReply) => settle(reply))
    started.on('error', (error) => fail(started, error))
    started.on('exit', (code) => fail(started, new Error(`read log worker exited with code ${code}`)))
    worker = started
    return started
  }

  /** Sends what this turn of the event loop queued, as one message. */
  function send(): void {
    sendScheduled = false
    if (repairing) {
      return
    }
    while (queue.length > 0) {
      const group = queue.slice(0, MAX_BATCH)
      queue = queue.slice(group.length)
      const id = nextId++
      sent.set(id, group)
      const request: ReadLogRequest = { id, entries: JSON.stringify(group.map((w) => w.entry)) }
      const target = workerOrStart()
      // Kept alive while it holds entries (a process with nothing else to do still waits for
      // them), let go when idle (an idle worker never keeps a finished process running).
      target.ref()
      target.postMessage(request)
    }
  }

  function settle(reply: ReadLogReply): void {
    const group = sent.get(reply.id)
    if (!group) {
      return
    }
    sent.delete(reply.id)
    if ('error' in reply && reply.error === ROWS_PAST_HEAD) {
      retryAfterRepair(group)
    } else if ('error' in reply) {
      const error = new Error(`read log commit failed: ${reply.error}`)
      for (const waiting of group) {
        waiting.reject(error)
      }
    } else {
      for (const [i, waiting] of group.entries()) {
        waiting.resolve(reply.reads[i] ?? { seq: 0 })
      }
      hooks.committed()
    }
    wakeIfIdle()
  }

  /**
   * Issue 12: the worker found rows past the head and committed nothing. The main thread moves
   * them aside (with the alarm) once, then the group goes again; reads wait, they do not fail.
   */
  function retryAfterRepair(group: Waiting[]): void {
    const again: Waiting[] = []
    for (const waiting of group) {
      waiting.refusals = (waiting.refusals ?? 0) + 1
      if (waiting.refusals > MAX_REFUSALS) {
        waiting.reject(new Error('read log commit failed: rows past the audit head could not be moved aside'))
      } else {
        again.push(waiting)
      }
    }
    queue = [...again, ...queue]
    repairing ??= hooks
      .moveForeignRowsAside()
      .catch(() => {
        // The retries will fail again and the reads fail closed; nothing more to do here.
      })
      .finally(() => {
        repairing = undefined
        send()
      })
  }

  /** The worker is gone: what it held is not known to be committed, so those reads fail. */
  function fail(dead: Worker, error: unknown): void {
    if (worker !== dead) {
      return
    }
    worker = undefined
    for (const group of sent.values()) {
      for (const waiting of group) {
        waiting.reject(error)
      }
    }
    sent.clear()
    wakeIfIdle()
  }

  function wakeIfIdle(): void {
    if (sent.size === 0) {
      worker?.unref()
    }
    if (sent.size === 0 && queue.length === 0) {
      for (const wake of idle) {
        wake()
      }
      idle = []
    }
  }

  /** Resolves with the entry's seq (and meter verdict) once it is committed. */
  function append(actor: Actor, event: AuditEvent, meter?: ReadMeter): Promise<LoggedRead> {
    return new Promise<LoggedRead>((resolve, reject) => {
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
          ...(meter ? { meter } : {}),
        },
        resolve,
        reject,
      })
      if (!sendScheduled) {
        sendScheduled = true
        setImmediate(send)
      }
    })
  }

  /** Waits for everything queued to be committed (shutdown, tests). */
  function drain(): Promise<void> {
    if (sent.size === 0 && queue.length === 0) {
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
