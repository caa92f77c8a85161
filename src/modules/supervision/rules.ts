/**
 * Pure supervision rules (Art. 27, 34-35, 39): the evaluation indicators, each a small function over
 * counts already aggregated, normalised 0–100 (formulas in docs/evaluation.md); the weighted score,
 * the ranking and the advice; periods; annual report due dates and lateness. No I/O, no clock.
 */
import { addDays, isIsoDate, toDayNumber, yearOf } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import {
  DEFAULT_WEIGHTS,
  INDICATOR_KEYS,
  INDICATORS,
  type IndicatorKey,
  type IndicatorValues,
  type Weights,
} from './evaluation/indicators.js'

export {
  DEFAULT_WEIGHTS,
  INDICATOR_KEYS,
  INDICATORS,
  type IndicatorKey,
  type IndicatorSpec,
  type IndicatorValues,
  type Weights,
} from './evaluation/indicators.js'

/** Art. 25: working days a provider has to answer; answer speed reaches 0 at twice that. */
export const ANSWER_DAYS = 10
/** Art. 18: data are updated within 5 working days of being produced or changed. */
export const UPDATE_DAYS = 5
/** Indicators below this value are the weak ones advice is written for. */
export const ADVICE_THRESHOLD = 60
export const MAX_ADVICE = 3
/** The logs are kept 10 years (Art. 27): no period reaches further. */
export const MAX_PERIOD_DAYS = 3660

/** Counts for one department and period, aggregated from the logs and tables by the service. */
export interface DepartmentFacts {
  /** Months of the period in which the department's people or systems worked on sharing. */
  activeMonths: number
  periodMonths: number
  /** In the sharing catalog at the end of the period. */
  resourcesPublished: number
  itemsPublished: number
  unconditionalResources: number
  /** Conditional requests received in the period. */
  requestsReceived: number
  requestsAnswered: number
  /** Received in the period, still unanswered, and past their due date now. */
  requestsOverdue: number
  lateAnswers: number
  medianAnswerDays: number | null
  /** Record versions that arrived in the period, and those within 5 working days (Art. 18). */
  versionsArrived: number
  versionsTimely: number
  /** Of those arrived, the ones whose source change time the provider left out (never timely). */
  versionsUndeclared: number
  /** null when objections are not recorded on this platform (yet). */
  objectionsDue: number | null
  objectionsOnTime: number | null
  queriesServed: number
  recordsServed: number
  queriesMade: number
}

/** The largest value among all departments, for the relative indicators. */
export interface Bests {
  resourcesPublished: number
  itemsPublished: number
  queriesServed: number
  queriesMade: number
}

/** One decimal, as the report shows it; scores are computed from these rounded values. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10
}

function percent(part: number, whole: number): number | null {
  return whole > 0 ? round1((100 * part) / whole) : null
}

/** activeMonths / periodMonths × 100. */
export function participation(activeMonths: number, periodMonths: number): number {
  return percent(activeMonths, periodMonths) ?? 0
}

/** value / best × 100; n/a when no department has any. */
export function relativeVolume(value: number, best: number): number | null {
  return percent(value, best)
}

/** unconditional / published × 100; n/a without published resources. */
export function unconditionalShare(unconditional: number, published: number): number | null {
  return percent(unconditional, published)
}

/** answered / (answered + overdue unanswered) × 100; n/a when nothing was due. */
export function answerRate(answered: number, overdue: number): number | null {
  return percent(answered, answered + overdue)
}

/** 100 × (1 − median / 20), floored at 0: same day 100, the 10-day limit 50. */
export function answerSpeed(medianDays: number | null): number | null {
  if (medianDays === null) {
    return null
  }
  return round1(Math.max(0, 100 * (1 - medianDays / (2 * ANSWER_DAYS))))
}

/** (answered − late) / answered × 100; n/a without answers. */
export function onTimeAnswers(answered: number, late: number): number | null {
  return percent(answered - late, answered)
}

/** versions within 5 working days / versions arrived × 100; n/a when no data arrived. */
export function updateTimeliness(timely: number, arrived: number): number | null {
  return percent(timely, arrived)
}

/** answered on time / objections due × 100; n/a when none was due or objections are not recorded. */
export function objectionsOnTime(onTime: number | null, due: number | null): number | null {
  return onTime === null || due === null ? null : percent(onTime, due)
}

/** The median of some numbers (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null
  }
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const upper = sorted[middle] ?? 0
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2
}

/** Every indicator of one department. */
export function indicatorValues(facts: DepartmentFacts, bests: Bests): IndicatorValues {
  return {
    participation: participation(facts.activeMonths, facts.periodMonths),
    catalogEntries: relativeVolume(facts.resourcesPublished, bests.resourcesPublished),
    catalogItems: relativeVolume(facts.itemsPublished, bests.itemsPublished),
    unconditionalShare: unconditionalShare(facts.unconditionalResources, facts.resourcesPublished),
    answerRate: answerRate(facts.requestsAnswered, facts.requestsOverdue),
    answerSpeed: answerSpeed(facts.medianAnswerDays),
    onTimeAnswers: onTimeAnswers(facts.requestsAnswered, facts.lateAnswers),
    updateTimeliness: updateTimeliness(facts.versionsTimely, facts.versionsArrived),
    objectionsOnTime: objectionsOnTime(facts.objectionsOnTime, facts.objectionsDue),
    sharingFrequency: relativeVolume(facts.queriesServed, bests.queriesServed),
    dataUse: relativeVolume(facts.queriesMade, bests.queriesMade),
  }
}

export function bestsOf(all: readonly DepartmentFacts[]): Bests {
  const max = (pick: (facts: DepartmentFacts) => number) => Math.max(0, ...all.map(pick))
  return {
    resourcesPublished: max((f) => f.resourcesPublished),
    itemsPublished: max((f) => f.itemsPublished),
    queriesServed: max((f) => f.queriesServed),
    queriesMade: max((f) => f.queriesMade),
  }
}

/**
 * Σ weight × value / Σ weight over the indicators that have a value: an indicator that does not
 * apply to a department (n/a) neither helps nor hurts it. null when no weighted indicator applies.
 */
export function weightedScore(values: IndicatorValues, weights: Weights): number | null {
  let weighted = 0
  let total = 0
  for (const key of INDICATOR_KEYS) {
    const value = values[key]
    if (value !== null && weights[key] > 0) {
      weighted += weights[key] * value
      total += weights[key]
    }
  }
  return total > 0 ? round1(weighted / total) : null
}

/** Competition ranking (1, 1, 3) by score, highest first; departments without a score come last, unranked. */
export function rank<T extends { score: number | null; departmentName: string }>(
  rows: readonly T[],
): Array<T & { rank: number | null }> {
  const sorted = [...rows].sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || a.departmentName.localeCompare(b.departmentName, 'zh-CN'),
  )
  return sorted.map((row) => ({
    ...row,
    rank:
      row.score === null
        ? null
        : sorted.filter((other) => (other.score ?? -1) > (row.score ?? -1)).length + 1,
  }))
}

export interface Advice {
  indicator: IndicatorKey
  value: number
  zh: string
  en: string
}

/**
 * Advice for the weakest indicators: those that apply, weigh something and score below 60,
 * lowest first (heavier weight first on a tie), at most three.
 */
export function chooseAdvice(values: IndicatorValues, weights: Weights): Advice[] {
  const weak = INDICATORS.flatMap((spec, order) => {
    const value = values[spec.key]
    return value !== null && value < ADVICE_THRESHOLD && weights[spec.key] > 0 ? [{ spec, value, order }] : []
  })
  weak.sort((a, b) => a.value - b.value || weights[b.spec.key] - weights[a.spec.key] || a.order - b.order)
  return weak
    .slice(0, MAX_ADVICE)
    .map(({ spec, value }) => ({ indicator: spec.key, value, zh: spec.adviceZh, en: spec.adviceEn }))
}

/** The bureau's weights over the defaults. Throws SUPERVISION_INVALID_WEIGHTS. */
export function mergeWeights(current: Weights, changes: Partial<Record<string, number>>): Weights {
  const merged: Weights = { ...current }
  for (const [key, value] of Object.entries(changes)) {
    const known = INDICATOR_KEYS.find((k) => k === key)
    if (!known || value === undefined || !Number.isFinite(value) || value < 0) {
      throw new AppError('SUPERVISION_INVALID_WEIGHTS', { field: key })
    }
    merged[known] = value
  }
  if (INDICATOR_KEYS.every((key) => merged[key] === 0)) {
    throw new AppError('SUPERVISION_INVALID_WEIGHTS', { reason: 'all weights are zero' })
  }
  return merged
}

/** Stored weights as written by mergeWeights; anything unreadable falls back to the defaults. */
export function parseWeights(stored: string | undefined): Weights {
  if (stored === undefined) {
    return { ...DEFAULT_WEIGHTS }
  }
  try {
    const parsed: unknown = JSON.parse(stored)
    if (typeof parsed !== 'object' || parsed === null) {
      return { ...DEFAULT_WEIGHTS }
    }
    const weights: Weights = { ...DEFAULT_WEIGHTS }
    for (const key of INDICATOR_KEYS) {
      const value: unknown = Reflect.get(parsed, key)
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
        weights[key] = value
      }
    }
    return weights
  } catch {
    return { ...DEFAULT_WEIGHTS }
  }
}

// Periods: Asia/Shanghai dates, both ends included.

export interface Period {
  from: string
  to: string
}

/** The period asked for; by default this year up to today. Throws SUPERVISION_INVALID_PERIOD. */
export function resolvePeriod(query: { from?: string; to?: string }, today: string): Period {
  const to = query.to ?? today
  const from = query.from ?? `${to.slice(0, 4)}-01-01`
  if (
    !isIsoDate(from) ||
    !isIsoDate(to) ||
    from > to ||
    toDayNumber(to) - toDayNumber(from) > MAX_PERIOD_DAYS
  ) {
    throw new AppError('SUPERVISION_INVALID_PERIOD', { from, to })
  }
  return { from, to }
}

/** The instant a Shanghai day starts (UTC+8 all year, no daylight saving), as the logs write times. */
export function dayStartIso(date: string): string {
  return `${addDays(date, -1)}T16:00:00.000Z`
}

/** [start, end) instants of a period, for comparing with ISO UTC times. */
export function periodInstants(period: Period): { start: string; end: string } {
  return { start: dayStartIso(period.from), end: dayStartIso(addDays(period.to, 1)) }
}

/** 'YYYY-MM' of each month the period touches. */
export function monthsOf(period: Period): string[] {
  const months: string[] = []
  let year = yearOf(period.from)
  let month = Number(period.from.slice(5, 7))
  const last = period.to.slice(0, 7)
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`
    months.push(key)
    if (key >= last) {
      return months
    }
    month = month === 12 ? 1 : month + 1
    year = month === 1 ? year + 1 : year
  }
}

// Annual reports (Art. 39).

export type ReportKind = 'department' | 'city'

/**
 * "By 5 January" (departments to the bureau) and "by 15 January" (the city to the province) of
 * the next year: calendar days, as the regulation words it, not working days.
 */
export function annualDueDate(year: number, kind: ReportKind): string {
  return `${year + 1}-01-${kind === 'city' ? '15' : '05'}`
}

/** Submitted after the due date, or not submitted and today past it. */
export function isReportLate(dueDate: string, submittedOn: string | null, today: string): boolean {
  return submittedOn === null ? today > dueDate : submittedOn > dueDate
}

/** A year's report can be generated once the year is over. */
export function isYearClosed(year: number, today: string): boolean {
  return yearOf(today) > year
}
