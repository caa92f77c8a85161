/**
 * Pure working-day rules (Art. 14, 15, 18, 25 count their deadlines in working days): weekends
 * are off unless declared make-up working days, official holidays are off, and the bureau's own
 * entries win over both. No I/O: the caller passes the data.
 */

import {
  fromDayNumber,
  isInCalendarRange,
  isIsoDate,
  isWeekend,
  MAX_YEAR,
  monthOf,
  toDayNumber,
  yearOf,
} from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { OFFICIAL_DAYS, OFFICIAL_YEARS } from './official.js'
import { DAY_KINDS, type DayKind, MAX_WORKING_DAYS } from './vocabulary.js'

// Wire vocabulary and limits (the portal imports them) live in vocabulary.ts.
export { DAY_KINDS, type DayKind, MAX_WORKING_DAYS } from './vocabulary.js'

export function isDayKind(value: string): value is DayKind {
  return DAY_KINDS.some((kind) => kind === value)
}

export interface DayEntry {
  kind: DayKind
  name: string | null
}

export interface CalendarData {
  /** Built-in official entries and the years they cover. */
  official: ReadonlyMap<string, DayEntry>
  officialYears: ReadonlySet<number>
  /** The bureau's entries (at least for every date the computation reaches). */
  overrides: ReadonlyMap<string, DayEntry>
  /** Years whose schedule the bureau loaded: it replaces the built-in one for that year. */
  loadedYears: ReadonlySet<number>
}

export type NonWorkingReason = 'weekend' | 'holiday'
export type DayReason = NonWorkingReason | 'makeup_workday'

export interface WorkingDayAnswer {
  workingDay: boolean
  reason?: DayReason
  /** The holiday's (or make-up day's) name, when known. */
  name?: string
  /** The date's year has no official schedule yet: the answer may change. */
  provisional: boolean
}

export interface AddedWorkingDays {
  date: string
  provisional: boolean
}

/** The built-in data with no bureau entries; callers add theirs. */
export function calendarData(
  overrides: ReadonlyMap<string, DayEntry> = new Map(),
  loadedYears: ReadonlySet<number> = new Set(),
): CalendarData {
  return { official: OFFICIAL_DAYS, officialYears: OFFICIAL_YEARS, overrides, loadedYears }
}

export function isOfficialYear(year: number, data: CalendarData): boolean {
  return data.officialYears.has(year) || data.loadedYears.has(year)
}

/** Throws CALENDAR_INVALID_DATE for a malformed or impossible date, CALENDAR_OUT_OF_RANGE outside the range. */
export function assertCalendarDate(date: string, field = 'date'): void {
  if (!isIsoDate(date)) {
    throw new AppError('CALENDAR_INVALID_DATE', { field, value: date })
  }
  if (!isInCalendarRange(date)) {
    throw new AppError('CALENDAR_OUT_OF_RANGE', { field, value: date })
  }
}

/** Throws CALENDAR_OUT_OF_RANGE unless 0 <= days <= MAX_WORKING_DAYS (a whole number). */
export function assertWorkingDayCount(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
    throw new AppError('CALENDAR_OUT_OF_RANGE', { field: 'days', value: days, max: MAX_WORKING_DAYS })
  }
}

/** Whether `date` is a working day, and why not (or why a weekend is one). */
export function isWorkingDay(date: string, data: CalendarData): WorkingDayAnswer {
  assertCalendarDate(date)
  return classify(date, data)
}

/**
 * The `days`-th working day after `from` (`from` itself never counts; 0 days gives `from`).
 * Provisional when any day looked at lies in a year with no official schedule.
 * Throws CALENDAR_INVALID_DATE, CALENDAR_OUT_OF_RANGE.
 */
export function addWorkingDays(from: string, days: number, data: CalendarData): AddedWorkingDays {
  assertCalendarDate(from, 'from')
  assertWorkingDayCount(days)
  let dayNumber = toDayNumber(from)
  let date = from
  let provisional = !isOfficialYear(yearOf(from), data) && days === 0
  let counted = 0
  while (counted < days) {
    dayNumber += 1
    date = fromDayNumber(dayNumber)
    const year = yearOf(date)
    if (year > MAX_YEAR) {
      // Reached only when bureau entries turn (nearly) every day into a holiday.
      throw new AppError('CALENDAR_OUT_OF_RANGE', { field: 'days', value: days })
    }
    const answer = classify(date, data)
    provisional ||= answer.provisional
    if (answer.workingDay) {
      counted += 1
    }
  }
  return { date, provisional }
}

/** How many working days lie after `from` up to and including `to`. */
export interface WorkingDaysBetween {
  days: number
  provisional: boolean
}

/**
 * Working days after `from` up to and including `to` (`from` itself never counts, as in
 * addWorkingDays, so addWorkingDays(from, n) lands on a date n working days after `from`); 0 when
 * `to` is not after `from`. Art. 18 measures how late data arrived this way. Provisional when any
 * day counted lies in a year with no official schedule. Throws CALENDAR_INVALID_DATE, CALENDAR_OUT_OF_RANGE.
 */
export function workingDaysBetween(from: string, to: string, data: CalendarData): WorkingDaysBetween {
  assertCalendarDate(from, 'from')
  assertCalendarDate(to, 'to')
  let days = 0
  let provisional = false
  const last = toDayNumber(to)
  for (let dayNumber = toDayNumber(from) + 1; dayNumber <= last; dayNumber++) {
    const answer = classify(fromDayNumber(dayNumber), data)
    provisional ||= answer.provisional
    if (answer.workingDay) {
      days += 1
    }
  }
  return { days, provisional }
}

/** From 1 November, next year's schedule is due: returns that year while it is still missing. */
export function missingScheduleYear(today: string, data: CalendarData): number | null {
  const next = yearOf(today) + 1
  if (monthOf(today) < 11 || isOfficialYear(next, data)) {
    return null
  }
  return next
}

export interface ScheduleEntry {
  date: string
  kind: DayKind
  name?: string | null
}

/**
 * Checks a year's schedule before it replaces the bureau's entries for that year: real dates,
 * all in that year, each once. Throws CALENDAR_INVALID_SCHEDULE, CALENDAR_OUT_OF_RANGE.
 */
export function checkSchedule(year: number, entries: readonly ScheduleEntry[]): void {
  if (!Number.isInteger(year) || !isInCalendarRange(`${String(year).padStart(4, '0')}-01-01`)) {
    throw new AppError('CALENDAR_OUT_OF_RANGE', { field: 'year', value: year })
  }
  const seen = new Set<string>()
  entries.forEach((entry, index) => {
    const field = `entries.${index}.date`
    if (!isIsoDate(entry.date)) {
      throw new AppError('CALENDAR_INVALID_SCHEDULE', { field, date: entry.date, problem: 'not a date' })
    }
    if (yearOf(entry.date) !== year) {
      throw new AppError('CALENDAR_INVALID_SCHEDULE', { field, date: entry.date, problem: `not in ${year}` })
    }
    if (seen.has(entry.date)) {
      throw new AppError('CALENDAR_INVALID_SCHEDULE', { field, date: entry.date, problem: 'listed twice' })
    }
    if (!isDayKind(entry.kind)) {
      throw new AppError('CALENDAR_INVALID_SCHEDULE', { field: `entries.${index}.kind`, kind: entry.kind })
    }
    seen.add(entry.date)
  })
}

export interface ScheduledDay extends DayEntry {
  date: string
  /** official: the built-in State Council schedule; bureau: an entry the bureau set or loaded. */
  source: 'official' | 'bureau'
}

/** The year's holidays and make-up working days as deadlines see them: the bureau's entries win. */
export function daysOfYear(year: number, data: CalendarData): ScheduledDay[] {
  const days = new Map<string, ScheduledDay>()
  if (!data.loadedYears.has(year)) {
    for (const [date, entry] of data.official) {
      if (yearOf(date) === year) {
        days.set(date, { date, ...entry, source: 'official' })
      }
    }
  }
  for (const [date, entry] of data.overrides) {
    if (yearOf(date) === year) {
      days.set(date, { date, ...entry, source: 'bureau' })
    }
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date))
}

function entryFor(date: string, data: CalendarData): DayEntry | undefined {
  const override = data.overrides.get(date)
  if (override) {
    return override
  }
  return data.loadedYears.has(yearOf(date)) ? undefined : data.official.get(date)
}

function classify(date: string, data: CalendarData): WorkingDayAnswer {
  const provisional = !isOfficialYear(yearOf(date), data)
  const entry = entryFor(date, data)
  const named = entry?.name ? { name: entry.name } : {}
  if (entry?.kind === 'holiday') {
    return { workingDay: false, reason: 'holiday', ...named, provisional }
  }
  const weekend = isWeekend(date)
  if (entry?.kind === 'workday') {
    return weekend
      ? { workingDay: true, reason: 'makeup_workday', ...named, provisional }
      : { workingDay: true, provisional }
  }
  return weekend ? { workingDay: false, reason: 'weekend', provisional } : { workingDay: true, provisional }
}
