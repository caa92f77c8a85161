/** The gateway's circuit breaker: a provider's system that keeps failing is left alone a while. */
import type { Clock } from '../../../shared/clock.js'

export type BreakerState = 'closed' | 'open' | 'half_open'

export interface BreakerSettings {
  /** Consecutive failures that open the circuit. */
  failuresToOpen: number
  /** How long an open circuit refuses calls before it lets one trial through. */
  openMs: number
}

export const BREAKER_DEFAULTS: BreakerSettings = { failuresToOpen: 5, openMs: 30_000 }
/**
 * Circuit breakers per resource, in this instance's memory: in a cluster each instance learns on
 * its own that an upstream is down (at most a few more failed calls each), which keeps a shared
 * store off the read path. Time comes from the clock so tests can move it.
 */
export function createBreaker(clock: Clock, settings: BreakerSettings = BREAKER_DEFAULTS) {
  const circuits = new Map<string, { failures: number; openedAt: number | null; trial: boolean }>()
  const circuit = (id: string) => {
    let state = circuits.get(id)
    if (!state) {
      state = { failures: 0, openedAt: null, trial: false }
      circuits.set(id, state)
    }
    return state
  }

  function stateOf(id: string): BreakerState {
    const state = circuits.get(id)
    if (!state || state.openedAt === null) {
      return 'closed'
    }
    return clock.now().getTime() - state.openedAt < settings.openMs ? 'open' : 'half_open'
  }

  /** Whether a call may go out now; once the open time is over, exactly one trial at a time. */
  function admit(id: string): boolean {
    const state = stateOf(id)
    if (state === 'closed') {
      return true
    }
    const current = circuit(id)
    if (state === 'open' || current.trial) {
      return false
    }
    current.trial = true
    return true
  }

  function succeeded(id: string): void {
    circuits.delete(id)
  }

  function failed(id: string): void {
    const state = circuit(id)
    state.failures += 1
    if (state.trial || state.failures >= settings.failuresToOpen) {
      state.openedAt = clock.now().getTime()
      state.trial = false
    }
  }

  return { admit, succeeded, failed, stateOf, reset: succeeded }
}
