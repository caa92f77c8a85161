/**
 * Pure freshness rules (Art. 18): data reaches the platform within 5 working days of being
 * produced or changed, and every resource is updated at least once per its catalogued cycle.
 */
import { toDayNumber } from '../../../shared/dates.js'

/** Art. 18: more working days than this between the source change and arrival is late. */
export const MAX_LAG_WORKING_DAYS = 5

/** The longest gap between arrivals each update cycle allows, in calendar days; null: no cycle. */
export const CYCLE_DAYS: Readonly<Record<string, number | null>> = {
  realtime: 1,
  daily: 1,
  weekly: 7,
  monthly: 30,
  quarterly: 90,
  semiannual: 180,
  yearly: 365,
  other: null,
}

/** Clock skew allowed between a provider's system and the platform before a change time counts as future. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000

/** Whether a declared source change time lies later than now plus the allowed clock skew (Art. 18). */
export function isInTheFuture(sourceChangedAt: string, now: string): boolean {
  return Date.parse(sourceChangedAt) - Date.parse(now) > MAX_CLOCK_SKEW_MS
}

export function isLateArrival(lagDays: number): boolean {
  return lagDays > MAX_LAG_WORKING_DAYS
}

export interface LagCount {
  lagDays: number
  count: number
}

export interface LagSummary {
  /** Arrivals whose lag is known. */
  arrivals: number
  medianLagDays: number | null
  maxLagDays: number | null
  lateArrivals: number
}

/** Median, maximum and late count from a histogram of lags (one row per distinct lag). */
export function summarizeLags(histogram: readonly LagCount[]): LagSummary {
  const rows = histogram.filter((row) => row.count > 0).sort((a, b) => a.lagDays - b.lagDays)
  const arrivals = rows.reduce((total, row) => total + row.count, 0)
  const lateArrivals = rows.filter((row) => isLateArrival(row.lagDays)).reduce((t, row) => t + row.count, 0)
  if (arrivals === 0) {
    return { arrivals, medianLagDays: null, maxLagDays: null, lateArrivals }
  }
  // The k-th smallest lag (1-based) by walking the cumulative counts.
  const nth = (k: number): number => {
    let seen = 0
    for (const row of rows) {
      seen += row.count
      if (seen >= k) {
        return row.lagDays
      }
    }
    return rows[rows.length - 1]?.lagDays ?? 0
  }
  const median =
    arrivals % 2 === 1 ? nth((arrivals + 1) / 2) : (nth(arrivals / 2) + nth(arrivals / 2 + 1)) / 2
  return { arrivals, medianLagDays: median, maxLagDays: rows[rows.length - 1]?.lagDays ?? null, lateArrivals }
}

/**
 * Whether a resource went longer than its update cycle without an arrival, by Asia/Shanghai
 * dates. A resource that never received data is overdue; 'other' (no fixed cycle) never is.
 */
export function isCycleOverdue(updateCycle: string, lastArrivalDate: string | null, today: string): boolean {
  const cycle = CYCLE_DAYS[updateCycle] ?? null
  if (cycle === null) {
    return false
  }
  if (lastArrivalDate === null) {
    return true
  }
  return toDayNumber(today) - toDayNumber(lastArrivalDate) > cycle
}
