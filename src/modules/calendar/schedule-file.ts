/**
 * Reads a year's schedule file for `govshare calendar import`: JSON
 * `{"year":2027,"entries":[{"date":"2027-01-01","kind":"holiday","name":"元旦"}]}` or CSV lines
 * `date,kind,name` (an optional header line, blank lines and `#` comments are skipped).
 * Pure; every problem is AppError CALENDAR_INVALID_FILE naming the line or entry.
 */

import { isIsoDate, yearOf } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { isDayKind, type ScheduleEntry } from './rules.js'

export interface ScheduleFile {
  year: number
  entries: ScheduleEntry[]
}

export function parseScheduleFile(text: string): ScheduleFile {
  const content = text.replace(/^\uFEFF/, '')
  return content.trimStart().startsWith('{') ? parseJson(content) : parseCsv(content)
}

function invalid(where: string, problem: string): AppError {
  return new AppError('CALENDAR_INVALID_FILE', { where, problem })
}

function parseJson(content: string): ScheduleFile {
  let data: unknown
  try {
    data = JSON.parse(content)
  } catch (error) {
    throw invalid('file', `not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!isRecord(data) || !Number.isInteger(data.year) || !Array.isArray(data.entries)) {
    throw invalid('file', 'expected {"year": <number>, "entries": [...]}')
  }
  const year = Number(data.year)
  const entries = data.entries.map((raw: unknown, index: number) => {
    const where = `entries[${index}]`
    if (!isRecord(raw) || typeof raw.date !== 'string' || typeof raw.kind !== 'string') {
      throw invalid(where, 'expected {"date": "YYYY-MM-DD", "kind": "holiday|workday", "name": "…"}')
    }
    if (raw.name !== undefined && raw.name !== null && typeof raw.name !== 'string') {
      throw invalid(where, 'name must be text')
    }
    return entryOf(where, raw.date, raw.kind, typeof raw.name === 'string' ? raw.name : '', year)
  })
  return { year, entries: nonEmpty(entries) }
}

function parseCsv(content: string): ScheduleFile {
  const entries: ScheduleEntry[] = []
  let year: number | undefined
  content.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim()
    if (line === '' || line.startsWith('#') || (entries.length === 0 && /^date\s*,/i.test(line))) {
      return
    }
    const where = `line ${index + 1}`
    const [rawDate = '', rawKind = '', ...rest] = line.split(',')
    const date = rawDate.trim()
    // The name is the rest of the line: it may hold commas, quoted or not.
    const name = rest
      .join(',')
      .trim()
      .replace(/^"(.*)"$/, '$1')
    if (!isIsoDate(date)) {
      throw invalid(where, `"${date}" is not a date (YYYY-MM-DD)`)
    }
    year ??= yearOf(date)
    entries.push(entryOf(where, date, rawKind.trim(), name, year))
  })
  return { year: year ?? 0, entries: nonEmpty(entries) }
}

function entryOf(where: string, date: string, kind: string, name: string, year: number): ScheduleEntry {
  if (!isIsoDate(date)) {
    throw invalid(where, `"${date}" is not a date (YYYY-MM-DD)`)
  }
  if (yearOf(date) !== year) {
    throw invalid(where, `${date} is not in ${year} (one file holds one year)`)
  }
  if (!isDayKind(kind)) {
    throw invalid(where, `kind "${kind}" must be holiday or workday`)
  }
  return { date, kind, name: name.trim() || null }
}

function nonEmpty(entries: ScheduleEntry[]): ScheduleEntry[] {
  if (entries.length === 0) {
    throw invalid('file', 'no entries')
  }
  return entries
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
