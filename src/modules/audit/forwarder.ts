/**
 * Forwards every committed audit entry to a SIEM (issue 12 item 6). It follows the log instead
 * of hooking the writers: only committed rows are visible to it, so no line is ever sent for an
 * entry that was rolled back, and the head moves in seq order (the head lock is held to commit),
 * so lines leave in seq order. Writers only `poke` it after they commit; it works in batches on
 * its own timer, so no request ever waits for it. A failing target is retried, never fatal: the
 * database is the record. On PostgreSQL one instance at a time holds the target's lease.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Db } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import { newId } from '../../shared/ids.js'
import * as cursors from './forward-repo.js'
import { type ForwardSpec, type ForwardTarget, forwardKey, openForwardTarget } from './forward-target.js'
import * as repo from './repo.js'

export type Warn = (message: string, error?: unknown) => void

/** A poke waits this long, so entries committed together leave together. */
const POKE_DELAY_MS = 20
/** Catches commits a poke ran ahead of, and other instances' entries. */
const POLL_MS = 1000
const BATCH = 500
const LEASE_MS = 30_000
/** The lease is renewed when less than this is left. */
const RENEW_MS = 20_000

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
    let cursor = await cursors.readForwardCursor(db, key)
    if (cursor && cursor.seq >= head.seq) {
      return false
    }
    const now = clock.now().getTime()
    if (!cursor || cursor.holder !== holder || cursor.leaseUntil < new Date(now + RENEW_MS).toISOString()) {
      const until = new Date(now + LEASE_MS).toISOString()
      if (!(await cursors.claimForwardLease(db, key, holder, new Date(now).toISOString(), until))) {
        return false
      }
      cursor = await cursors.readForwardCursor(db, key)
    }
    if (!cursor) {
      return false
    }
    let from = cursor.seq
    if (!fileChecked) {
      // A crash after writing lines and before moving the cursor must not send them twice.
      fileChecked = true
      const held = await target.lastSeq()
      if (held !== undefined && held > from && held <= head.seq) {
        await cursors.advanceForwardCursor(db, key, holder, from, held)
        from = held
      }
    }
    const entries = await repo.entriesBetween(db, from, head.seq, BATCH)
    const last = entries[entries.length - 1]
    if (!last) {
      return false
    }
    await target.send(entries)
    if (!(await cursors.advanceForwardCursor(db, key, holder, from, last.seq))) {
      return false
    }
    return last.seq < head.seq
  }

  /** Forwards everything committed up to now (tests, shutdown); gives up quietly if the target fails. */
  async function flush(): Promise<void> {
    const head = await repo.readHead(db)
    for (let round = 0; round < 1000; round += 1) {
      await run()
      const cursor = await cursors.readForwardCursor(db, key)
      if (failing || !cursor || cursor.seq >= head.seq || cursor.holder !== holder) {
        return
      }
    }
  }

  /** Stops; what it cannot send now the next start sends (the cursor is in the database). */
  async function close(): Promise<void> {
    closed = true
    clearInterval(poll)
    clearTimeout(delay)
    try {
      await flush()
      await cursors.releaseForwardLease(db, key, holder)
    } catch (error) {
      warn(`audit forwarding to ${key} stopped before it caught up`, error)
    }
    await target.close().catch(() => {})
  }

  return { poke, flush, close }
}
