/**
 * Forwards every committed audit entry to a SIEM (issue 12 item 6). It follows the log instead
 * of hooking the writers: only committed rows are visible to it, so no line is ever sent for an
 * entry that was rolled back, and the head moves in seq order (the head lock is held to commit),
 * so lines leave in seq order. Writers only `poke` it after they commit; it works in batches on
 * its own timer, so no request ever waits for it. A failing target is retried, never fatal: the
 * database is the record. On PostgreSQL one instance at a time holds the target's lease.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Db } from '../../../db/database.js'
import type { Clock } from '../../../shared/clock.js'
import { newId } from '../../../shared/ids.js'
import * as repo from '../repo.js'
import * as cursors from './repo.js'
import { type ForwardSpec, type ForwardTarget, forwardKey, openForwardTarget } from './target.js'

export type Warn = (message: string, error?: unknown) => void

/** A poke waits this long, so entries committed together leave together. */
const POKE_DELAY_MS = 20
/** Catches commits a poke ran ahead of, and other instances' entries. */
const POLL_MS = 1000
const BATCH = 500
const LEASE_MS = 30_000
/** An idle holder renews its lease this often. */
const RENEW_MS = 10_000
/** A busy holder saves its position (and renews) this often: after a crash, at most this much is sent again. */
const SAVE_MS = 5_000

/** Where this instance got to while it holds the lease; saved to the database every SAVE_MS. */
interface Held {
  seq: number
  savedSeq: number
  savedAt: number
}

export type Forwarder = ReturnType<typeof createForwarder>

export function createForwarder(deps: {
  db: Db
  clock: Clock
  spec: ForwardSpec
  warn: Warn
  target?: ForwardTarget
}) {
  const { db, clock, warn } = deps
  const key = forwardKey(deps.spec)
  const target = deps.target ?? openForwardTarget(deps.spec)
  const holder = newId()
  let running: Promise<void> | undefined
  let again = false
  let delay: NodeJS.Timeout | undefined
  let failing = false
  let fileChecked = false
  let held: Held | undefined
  let closed = false
  const poll = setInterval(() => void run(), POLL_MS)
  poll.unref()

  /** Called by a writer after its entries committed (or may have). Never waits. */
  function poke(): void {
    if (closed || delay) {
      return
    }
    delay = setTimeout(() => {
      delay = undefined
      void run()
    }, POKE_DELAY_MS)
    delay.unref()
  }

  /** Runs passes until caught up; a run asked for while one runs makes it go round again. */
  function run(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await catchUp()
      } while (again)
    })().finally(() => {
      running = undefined
    })
    return running
  }

  async function catchUp(): Promise<void> {
    try {
      while (await pass()) {
        // Lets requests in between batches when far behind (first start, a long outage).
        await nextTurn()
      }
      if (failing) {
        failing = false
        warn(`audit forwarding to ${key} works again`)
      }
    } catch (error) {
      if (!failing) {
        warn(
          `audit forwarding to ${key} failed; retrying every ${POLL_MS} ms (the database keeps the log)`,
          error,
        )
      }
      failing = true
    }
  }

  /** Sends one batch; true when more may be waiting. */
  async function pass(): Promise<boolean> {
    const head = await repo.readHead(db)
    const now = clock.now().getTime()
    const mine = await hold(now)
    if (!mine || mine.seq >= head.seq) {
      return false
    }
    if (!fileChecked) {
      // A crash after writing lines and before saving the cursor must not send them twice.
      fileChecked = true
      const written = await target.lastSeq()
      if (written !== undefined && written > mine.seq && written <= head.seq) {
        mine.seq = written
      }
    }
    const entries = await repo.entriesBetween(db, mine.seq, head.seq, BATCH)
    const last = entries[entries.length - 1]
    if (!last) {
      return false
    }
    await target.send(entries)
    mine.seq = last.seq
    return last.seq < head.seq
  }

  /**
   * Takes the lease, or renews it and saves how far we got when that is due: the main thread
   * writes (and on SQLite waits for the disk) every SAVE_MS at most, not once per batch. Forgets
   * the position when another instance holds the lease.
   */
  async function hold(now: number): Promise<Held | undefined> {
    if (held) {
      const due = held.seq !== held.savedSeq ? SAVE_MS : RENEW_MS
      if (now - held.savedAt < due) {
        return held
      }
      return (await save(now, new Date(now + LEASE_MS).toISOString())) ? held : undefined
    }
    const cursor = await cursors.readForwardCursor(db, key)
    const nowIso = new Date(now).toISOString()
    if (cursor && cursor.holder !== holder && cursor.leaseUntil >= nowIso) {
      return undefined
    }
    if (!(await cursors.claimForwardLease(db, key, holder, nowIso, new Date(now + LEASE_MS).toISOString()))) {
      return undefined
    }
    const claimed = await cursors.readForwardCursor(db, key)
    held = claimed && { seq: claimed.seq, savedSeq: claimed.seq, savedAt: now }
    return held
  }

  async function save(now: number, leaseUntil: string): Promise<boolean> {
    if (!held) {
      return false
    }
    const seq = held.seq
    if (!(await cursors.saveForwardCursor(db, key, holder, seq, leaseUntil))) {
      held = undefined
      return false
    }
    held.savedSeq = seq
    held.savedAt = now
    return true
  }

  /** Forwards everything committed up to now and saves the cursor (tests, shutdown); quiet if the target fails. */
  async function flush(): Promise<void> {
    const head = await repo.readHead(db)
    for (let round = 0; round < 1000; round += 1) {
      await run()
      if (failing || !held || held.seq >= head.seq) {
        break
      }
    }
    const now = clock.now().getTime()
    await save(now, new Date(now + LEASE_MS).toISOString())
  }

  /** Stops and hands the lease over; what it could not send the next start sends. */
  async function close(): Promise<void> {
    closed = true
    clearInterval(poll)
    clearTimeout(delay)
    try {
      await flush()
      // An empty lease end has lapsed for every reader: the next instance need not wait.
      await save(clock.now().getTime(), '')
    } catch (error) {
      warn(`audit forwarding to ${key} stopped before it caught up`, error)
    }
    await target.close().catch(() => {})
  }

  return { poke, flush, close }
}
