/**
 * The one audit writer for reads (Art. 27, 29): reads have no transaction of their own, so their
 * entries are collected from concurrent requests and committed together (group commit) by a
 * back-end: an in-process transaction on PostgreSQL (postgres.ts), a worker thread on SQLite
 * (sqlite.ts). The contract, for both:
 * - the entries appended in one turn of the event loop leave together, in append order, at most
 *   `maxBatch` to a commit; the chain is computed in that order under the head lock;
 * - each caller's promise settles only when its entry is committed, with its seq and its meter's
 *   verdict (the meters are counted in that same commit);
 * - if a commit fails, every caller in it gets the error and its read fails closed: no data leaves
 *   without its log entry;
 * - if a back-end refuses a commit because rows lie past the head (issue 12), the rows are moved
 *   aside once (with the alarm) and the entries go again; after MAX_REFUSALS they fail closed.
 */
import type { Actor } from '../../../shared/actor.js'
import type { ReadMeter } from '../meters.js'
import type { LoggedRead } from '../service.js'
import type { AuditEvent } from '../vocabulary.js'

/** Where committed batches go: each back-end keeps of an entry what its commit needs. */
export interface CommitBackend<Entry> {
  /** Most entries in one commit. */
  maxBatch: number
  /**
   * True when a batch may leave before the earlier ones are committed (the SQLite worker takes
   * them in order and commits what arrived meanwhile together); false: one commit at a time.
   */
  pipelined: boolean
  /** The entry as queued, made once when it is appended. */
  prepare(actor: Actor, event: AuditEvent, meter: ReadMeter | undefined): Entry
  /** Commits a batch in order; one LoggedRead per entry. Rejects with RowsPastHead to ask for a repair. */
  commit(batch: readonly Entry[]): Promise<LoggedRead[]>
  /** Lets go of what the back-end holds (a worker thread); called once everything is committed. */
  close(): Promise<void>
}

/** A back-end's refusal: rows lie past the chain head and nothing was committed (issue 12). */
export class RowsPastHead extends Error {
  constructor() {
    super('rows lie past the audit head')
  }
}

export interface WriterHooks {
  /** Told after each commit (the forwarder follows the log, issue 12 item 6). */
  committed(): void
  /** Moves rows past the head aside, raising the alarm, in a transaction of its own. */
  moveForeignRowsAside(): Promise<void>
}

/** No one to tell (tests, tools): nothing forwards, and rows past the head fail reads closed. */
export const NO_HOOKS: WriterHooks = {
  committed: () => {},
  moveForeignRowsAside: async () => {},
}

/** After this many refusals in a row the read fails closed: the rows could not be moved. */
const MAX_REFUSALS = 3

interface Waiting<Entry> {
  entry: Entry
  resolve(read: LoggedRead): void
  reject(error: unknown): void
  refusals: number
}

export type AuditWriter = ReturnType<typeof createAuditWriter>

export function createAuditWriter<Entry>(backend: CommitBackend<Entry>, hooks: WriterHooks = NO_HOOKS) {
  let queue: Array<Waiting<Entry>> = []
  let inFlight = 0
  let sendScheduled = false
  /** Set while rows past the head are moved aside; nothing leaves meanwhile. */
  let repairing: Promise<void> | undefined
  let idle: Array<() => void> = []

  function scheduleSend(): void {
    if (!sendScheduled) {
      sendScheduled = true
      // Entries appended in this same turn of the event loop go in this batch too.
      setImmediate(send)
    }
  }

  function send(): void {
    sendScheduled = false
    while (queue.length > 0 && !repairing && (backend.pipelined || inFlight === 0)) {
      const batch = queue.slice(0, backend.maxBatch)
      queue = queue.slice(batch.length)
      inFlight += 1
      backend.commit(batch.map((waiting) => waiting.entry)).then(
        (reads) => settle(batch, reads),
        (error: unknown) => settle(batch, error),
      )
    }
  }

  function settle(batch: Array<Waiting<Entry>>, outcome: LoggedRead[] | unknown): void {
    inFlight -= 1
    if (Array.isArray(outcome)) {
      hooks.committed()
      for (const [i, waiting] of batch.entries()) {
        waiting.resolve(outcome[i] ?? { seq: 0 })
      }
    } else if (outcome instanceof RowsPastHead) {
      retryAfterRepair(batch)
    } else {
      for (const waiting of batch) {
        waiting.reject(outcome)
      }
    }
    if (queue.length > 0) {
      scheduleSend()
    }
    wakeIfIdle()
  }

  /** The rows are moved aside once, then the batch goes again, first; reads wait, they do not fail. */
  function retryAfterRepair(batch: Array<Waiting<Entry>>): void {
    const again: Array<Waiting<Entry>> = []
    for (const waiting of batch) {
      waiting.refusals += 1
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
        // The retries will be refused again and the reads fail closed; nothing more to do here.
      })
      .finally(() => {
        repairing = undefined
        send()
        wakeIfIdle()
      })
  }

  function wakeIfIdle(): void {
    if (inFlight === 0 && queue.length === 0 && !repairing) {
      for (const wake of idle) {
        wake()
      }
      idle = []
    }
  }

  /** Resolves with the entry's seq (and meter verdict) once it is committed. */
  function append(actor: Actor, event: AuditEvent, meter?: ReadMeter): Promise<LoggedRead> {
    return new Promise<LoggedRead>((resolve, reject) => {
      queue.push({ entry: backend.prepare(actor, event, meter), resolve, reject, refusals: 0 })
      scheduleSend()
    })
  }

  /** Waits for everything queued to be committed (shutdown, tests). */
  function drain(): Promise<void> {
    if (inFlight === 0 && queue.length === 0 && !repairing) {
      return Promise.resolve()
    }
    return new Promise((resolve) => idle.push(resolve))
  }

  /** Drains, then lets the back-end go (the process is ending). */
  async function close(): Promise<void> {
    await drain()
    await backend.close()
  }

  return { append, drain, close }
}
