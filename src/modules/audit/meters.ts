/**
 * Read meters (issue 11, Art. 32): the read log counts, in the very commit of each read's entry,
 * what that read cost against a budget, so a budget holds across instances, a reply never outruns
 * its count, and a caller whose reads mostly miss (keys it guessed) is stopped for the day. The
 * rules here are pure; the SQLite worker and the PostgreSQL writer apply them to stored counts.
 */
import type { DetailsOf } from './vocabulary.js'

/** What one read costs and the limits it is held to; sent with the read's log entry. */
export interface ReadMeter {
  /** What is counted (the exchange counts per grant). */
  key: string
  /** The Asia/Shanghai day the read counts on. */
  day: string
  /** Records asked or served. */
  units: number
  /** Keys asked that matched no record. */
  misses: number
  /** Most units a day. */
  limit: number
  /** Misses a day at which reads stop, once they are at least half of the units. */
  suspendAtMisses: number
  /** The entry written instead when the read is refused: its details, to which the code is added. */
  refused: {
    action: 'exchange.denied'
    details: Omit<DetailsOf<'exchange.denied'>, 'code'>
    codes: { over_budget: string; suspended: string }
  }
}

export interface MeterCount {
  units: number
  misses: number
  suspended: boolean
}

export type MeterOutcome = 'counted' | 'over_budget' | 'suspended'

export interface MeterVerdict {
  outcome: MeterOutcome
  /** The day's count after this read (unchanged when refused). */
  count: MeterCount
  /** This read is the one that crossed the misses limit. */
  suspendedNow: boolean
}

/** What the committed entry of a read says about its meter (undefined for unmetered entries). */
export type MeterReceipt = MeterVerdict & { limit: number }

const NONE: MeterCount = { units: 0, misses: 0, suspended: false }

export function meterVerdict(current: MeterCount | undefined, meter: ReadMeter): MeterVerdict {
  const count = current ?? NONE
  if (count.suspended) {
    return { outcome: 'suspended', count, suspendedNow: false }
  }
  if (count.units + meter.units > meter.limit) {
    return { outcome: 'over_budget', count, suspendedNow: false }
  }
  const units = count.units + meter.units
  const misses = count.misses + meter.misses
  const suspendedNow = misses >= meter.suspendAtMisses && misses * 2 >= units
  return { outcome: 'counted', count: { units, misses, suspended: suspendedNow }, suspendedNow }
}

/** The entry as committed: a refused read is logged as the refusal, with its code. */
export function meteredEntry<T extends { action: string; details: Record<string, unknown> }>(
  entry: T,
  meter: ReadMeter,
  verdict: MeterVerdict,
): T {
  if (verdict.outcome === 'counted') {
    return entry
  }
  return {
    ...entry,
    action: meter.refused.action,
    details: { ...meter.refused.details, code: meter.refused.codes[verdict.outcome] },
  }
}

/**
 * The meters one commit touches, shared by both back-ends of the audit writer: each is read from the store once
 * (`needs` / `load`), counted entry by entry in commit order (`count`), and written back once
 * (`changes`), however many of the commit's reads it meters.
 */
export function meterLedger() {
  const slots = new Map<
    string,
    { key: string; day: string; count: MeterCount | undefined; at: string | null }
  >()
  const idOf = (meter: ReadMeter) => `${meter.key}\u0000${meter.day}`
  return {
    needs: (meter: ReadMeter): boolean => !slots.has(idOf(meter)),
    load(meter: ReadMeter, count: MeterCount | undefined): void {
      slots.set(idOf(meter), { key: meter.key, day: meter.day, count, at: null })
    },
    /** The read's verdict; a counted read moves the count (`at` dates a suspension). */
    count(meter: ReadMeter, at: string): MeterVerdict {
      const slot = slots.get(idOf(meter)) ?? { key: meter.key, day: meter.day, count: undefined, at: null }
      const verdict = meterVerdict(slot.count, meter)
      if (verdict.outcome === 'counted') {
        slots.set(idOf(meter), { ...slot, count: verdict.count, at: slot.at ?? at })
      }
      return verdict
    },
    /** The counts to store: only meters a read moved. */
    changes(): Array<{ key: string; day: string; count: MeterCount; at: string }> {
      return [...slots.values()].flatMap((slot) =>
        slot.count && slot.at ? [{ key: slot.key, day: slot.day, count: slot.count, at: slot.at }] : [],
      )
    },
  }
}
