/**
 * Arithmetic on plain 'YYYY-MM-DD' calendar dates (Asia/Shanghai), by integer day numbers only:
 * no Date object and no local time zone, so a server in any zone gets the same answers.
 */

import { MAX_YEAR, MIN_YEAR } from './schema.js'

// The bounds are part of the wire schema (calendar years), so they live in schema.ts.
export { MAX_YEAR, MIN_YEAR }

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real date written 'YYYY-MM-DD' (so 2025-02-29 is false). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value)
  if (!match) {
    return false
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

export function isInCalendarRange(date: string): boolean {
  const year = yearOf(date)
  return year >= MIN_YEAR && year <= MAX_YEAR
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4))
}

export function monthOf(date: string): number {
  return Number(date.slice(5, 7))
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). The date must be valid. */
export function toDayNumber(date: string): number {
  let year = yearOf(date)
  const month = monthOf(date)
  const day = Number(date.slice(8, 10))
  year -= month <= 2 ? 1 : 0
  const era = Math.floor(year / 400)
  const yearOfEra = year - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146097 + dayOfEra - 719468
}

/** The inverse of toDayNumber (civil_from_days). */
export function fromDayNumber(dayNumber: number): string {
  const z = dayNumber + 719468
  const era = Math.floor(z / 146097)
  const dayOfEra = z - era * 146097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days)
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function dayOfWeek(date: string): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7
}

export function isWeekend(date: string): boolean {
  const weekday = dayOfWeek(date)
  return weekday === 0 || weekday === 6
}

/**
 * The Asia/Shanghai calendar date of an instant (the clock's "today" for deadlines). China keeps
 * UTC+8 all year (no daylight saving since 1991), so plain arithmetic: every read asks for it.
 */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** 'YYYY-MM-DD HH:mm:ss' in Beijing time (UTC+8, no daylight saving), whatever the server's zone. */
export function beijingTime(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) {
    return iso
  }
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    return leap ? 29 : 28
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function pad2(value: number): string {
  return String(value).padStart(2, '0')
}
