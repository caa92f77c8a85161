/**
 * Answers about access (whose token this is, which grant a department holds, what a published
 * resource looks like) kept in memory while the database's access epoch stays the same. Triggers
 * move the epoch on every change to those tables (migration 202611260100), and every use reads
 * it first, so an instance never serves an answer older than the start of the request using it,
 * whichever instance or process made the change. Time-bound validity (expiry) stays with the
 * caller: cache what the database said, decide against the clock at each use.
 */
import { committedRowReader } from './committed-read.js'
import type { NativeDb } from './connect.js'

/** The entries valid for one operation; `load` runs only on a miss, once however many ask. */
export interface AccessSnapshot {
  get<V>(key: string, load: () => Promise<V>): Promise<V>
}

export interface AccessCache {
  /** Reads the epoch (one prepared single-row read) and returns the entries valid at it. */
  snapshot(): Promise<AccessSnapshot>
}

/** Past this many answers the cache starts over (keys are per token and per department). */
const MAX_ENTRIES = 50_000

/** `looked` is told of every lookup, found or loaded (the /metrics hit rate). */
export function createAccessCache(
  readEpoch: () => Promise<number>,
  looked: (hit: boolean) => void = () => {},
): AccessCache {
  let epoch = Number.NaN
  let entries = new Map<string, Promise<unknown>>()

  async function snapshot(): Promise<AccessSnapshot> {
    const now = await readEpoch()
    if (now !== epoch) {
      epoch = now
      entries = new Map()
    }
    const mine = entries
    return {
      get<V>(key: string, load: () => Promise<V>): Promise<V> {
        const hit = mine.get(key) as Promise<V> | undefined
        looked(hit !== undefined)
        if (hit) {
          return hit
        }
        if (mine.size >= MAX_ENTRIES) {
          mine.clear()
        }
        const loading = load()
        mine.set(key, loading)
        // A failed load is not an answer: the next caller tries again.
        loading.catch(() => mine.delete(key))
        return loading
      },
    }
  }

  return { snapshot }
}

/** The epoch as committed now: a connection that sees only committed data (never a transaction's own). */
export function epochReader(native: NativeDb): () => Promise<number> {
  const read = committedRowReader<[], { epoch: number }>(
    native,
    'govshare_access_epoch',
    'select epoch from access_epoch where id = 1',
  )
  const epoch = async () => Number((await read())?.epoch)
  // SQLite answers synchronously; a PostgreSQL round trip is worth sharing.
  return native.dialect === 'sqlite' ? epoch : coalesced(epoch)
}

/**
 * Callers share reads: one arriving while a read is in flight waits for the next one, which starts
 * after that read ends and so after the caller arrived (a read already under way might not see a
 * change committed just before the caller came).
 */
export function coalesced<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined
  let queued: Promise<T> | undefined
  const start = (): Promise<T> => {
    const running = read().finally(() => {
      if (inFlight === running) {
        inFlight = undefined
      }
    })
    inFlight = running
    return running
  }
  return () => {
    if (!inFlight) {
      return start()
    }
    const ignore = () => {}
    queued ??= inFlight.then(ignore, ignore).then(() => {
      queued = undefined
      return start()
    })
    return queued
  }
}
