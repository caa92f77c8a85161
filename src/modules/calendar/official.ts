/**
 * The State Council's published schedules (holidays and make-up working days), as shipped in the
 * chinese-days package's data. Only its data is used: its date functions compute in the process's
 * local time zone and give wrong answers on a server outside Asia/Shanghai.
 */
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import type { DayEntry } from './rules.js'

interface PackageData {
  /** date → 'English name,中文名,days' */
  holidays: Record<string, string>
  workdays: Record<string, string>
}

function build(data: PackageData): { days: ReadonlyMap<string, DayEntry>; years: ReadonlySet<number> } {
  const days = new Map<string, DayEntry>()
  const years = new Set<number>()
  for (const [kind, entries] of [
    ['holiday', data.holidays],
    ['workday', data.workdays],
  ] as const) {
    for (const [date, label] of Object.entries(entries)) {
      days.set(date, { kind, name: label.split(',')[1] || null })
      years.add(Number(date.slice(0, 4)))
    }
  }
  return { days, years }
}

const official = build(packageData)

/** Official entries by date, for every year the package covers. */
export const OFFICIAL_DAYS: ReadonlyMap<string, DayEntry> = official.days

/** Years with a published schedule in the package (2004–2026 in chinese-days 1.5.7). */
export const OFFICIAL_YEARS: ReadonlySet<number> = official.years
