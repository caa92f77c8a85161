/**
 * Rate limits shared by every instance: fixed-window counters in the database (rate_counters).
 * A caller takes a unit before the costly or guessable work and gives it back when the attempt
 * turns out well, so the count is of failures, yet parallel attempts cannot all slip under it.
 */
import type { Db } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import { AppError } from '../../shared/errors.js'
import * as repo from './security-repo.js'

export interface RateLimit {
  /** e.g. `signin:addr`; the subject (address, username) is added per call. */
  name: string
  limit: number
  windowSeconds: number
}

/** A unit taken under a limit, to give back if the attempt succeeds. */
export interface Taken {
  key: string
  windowStart: string
}

export type RateLimiter = ReturnType<typeof createRateLimiter>

export function createRateLimiter(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps
  let lastSweep = 0

  function windowOf(limit: RateLimit): { start: Date; end: Date } {
    const ms = limit.windowSeconds * 1000
    const start = Math.floor(clock.now().getTime() / ms) * ms
    return { start: new Date(start), end: new Date(start + ms) }
  }

  /**
   * Takes one unit; throws AUTH_RATE_LIMITED (with Retry-After) when that passes the window's
   * limit, giving the unit straight back: a refused attempt did no work and is no failure.
   */
  async function take(limit: RateLimit, subject: string): Promise<Taken> {
    const taken = unitOf(limit, subject)
    const count = await repo.addToCounter(db, taken.key, taken.windowStart, 1)
    await sweep()
    if (count > limit.limit) {
      await giveBack(taken)
      throw limited(limit)
    }
    return taken
  }

  /** Counts one failure that happened (a bad token); throws when that passes the limit. */
  async function count(limit: RateLimit, subject: string): Promise<void> {
    const unit = unitOf(limit, subject)
    if ((await repo.addToCounter(db, unit.key, unit.windowStart, 1)) > limit.limit) {
      throw limited(limit)
    }
  }

  function unitOf(limit: RateLimit, subject: string): Taken {
    return { key: `${limit.name}:${subject}`, windowStart: windowOf(limit).start.toISOString() }
  }

  async function giveBack(taken: Taken): Promise<void> {
    await repo.addToCounter(db, taken.key, taken.windowStart, -1)
  }

  function limited(limit: RateLimit): AppError {
    const end = windowOf(limit).end
    const retryAfterSeconds = Math.max(1, Math.ceil((end.getTime() - clock.now().getTime()) / 1000))
    return new AppError('AUTH_RATE_LIMITED', { limit: limit.name, retryAfterSeconds })
  }

  /** Old windows go at most once an hour per instance; a day of history is kept for inspection. */
  async function sweep(): Promise<void> {
    const now = clock.now().getTime()
    if (Math.abs(now - lastSweep) < 3_600_000) {
      return
    }
    lastSweep = now
    await repo.deleteCountersBefore(db, new Date(now - 86_400_000).toISOString())
  }

  return { take, count, giveBack }
}
