import { describe, expect, it } from 'vitest'
import {
  addDays,
  dayOfWeek,
  fromDayNumber,
  isIsoDate,
  shanghaiDate,
  toDayNumber,
} from '../../shared/dates.js'
import { OFFICIAL_YEARS } from './official.js'
import {
  addWorkingDays,
  calendarData,
  checkSchedule,
  type DayEntry,
  isWorkingDay,
  missingScheduleYear,
  workingDaysBetween,
} from './rules.js'

const official = calendarData()

function withOverrides(entries: Record<string, DayEntry>, loadedYears: number[] = []) {
  return calendarData(new Map(Object.entries(entries)), new Set(loadedYears))
}

describe('calendar dates (plain YYYY-MM-DD, no time zone)', () => {
  it('runs in a zone far from Asia/Shanghai, as the suite must', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/Los_Angeles')
  })

  it('round-trips day numbers and knows the weekday', () => {
    expect(toDayNumber('1970-01-01')).toBe(0)
    expect(fromDayNumber(0)).toBe('1970-01-01')
    for (const date of ['1900-01-01', '2000-02-29', '2024-12-31', '2025-03-09', '2199-12-31']) {
      expect(fromDayNumber(toDayNumber(date))).toBe(date)
    }
    expect(dayOfWeek('2025-10-11')).toBe(6)
    expect(dayOfWeek('2025-09-28')).toBe(0)
    expect(dayOfWeek('2026-01-15')).toBe(4)
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01')
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
  })

  it('accepts only real dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('1900-02-29')).toBe(false)
    expect(isIsoDate('2025-13-01')).toBe(false)
    expect(isIsoDate('2025-1-01')).toBe(false)
    expect(isIsoDate('2025-01-01T00:00:00Z')).toBe(false)
  })

  it('takes "today" in Asia/Shanghai whatever the server zone', () => {
    expect(shanghaiDate(new Date('2025-10-31T16:30:00Z'))).toBe('2025-11-01')
    expect(shanghaiDate(new Date('2025-10-31T15:59:59Z'))).toBe('2025-10-31')
  })
})

describe('official data from chinese-days', () => {
  it('covers 2004 to 2026, the years the package ships', () => {
    expect(Math.min(...OFFICIAL_YEARS)).toBe(2004)
    expect(Math.max(...OFFICIAL_YEARS)).toBe(2026)
    for (let year = 2019; year <= 2026; year++) {
      expect(OFFICIAL_YEARS.has(year)).toBe(true)
    }
  })
})

describe('isWorkingDay', () => {
  it('counts a make-up Saturday as a working day', () => {
    expect(isWorkingDay('2025-10-11', official)).toEqual({
      workingDay: true,
      reason: 'makeup_workday',
      name: '国庆节',
      provisional: false,
    })
  })

  it('names the holiday of a National Day weekday', () => {
    expect(isWorkingDay('2025-10-01', official)).toEqual({
      workingDay: false,
      reason: 'holiday',
      name: '国庆节',
      provisional: false,
    })
  })

  it('tells a plain weekend and a plain weekday apart', () => {
    expect(isWorkingDay('2025-10-12', official)).toEqual({
      workingDay: false,
      reason: 'weekend',
      provisional: false,
    })
    expect(isWorkingDay('2025-10-13', official)).toEqual({ workingDay: true, provisional: false })
  })

  it('marks a year with no official schedule provisional (2027-01-01 looks like a working day)', () => {
    expect(isWorkingDay('2027-01-01', official)).toEqual({ workingDay: true, provisional: true })
  })

  it("lets the bureau's entry win over the official data", () => {
    const data = withOverrides({
      '2025-10-13': { kind: 'holiday', name: '防汛' },
      '2025-10-01': { kind: 'workday', name: null },
      '2025-10-12': { kind: 'workday', name: '补班' },
    })
    expect(isWorkingDay('2025-10-13', data)).toMatchObject({
      workingDay: false,
      reason: 'holiday',
      name: '防汛',
    })
    expect(isWorkingDay('2025-10-01', data)).toEqual({ workingDay: true, provisional: false })
    expect(isWorkingDay('2025-10-12', data)).toMatchObject({ workingDay: true, reason: 'makeup_workday' })
  })

  it('ignores the built-in schedule of a year the bureau loaded itself', () => {
    const data = withOverrides({ '2026-01-02': { kind: 'holiday', name: '元旦' } }, [2026])
    expect(isWorkingDay('2026-01-01', data)).toEqual({ workingDay: true, provisional: false })
    expect(isWorkingDay('2026-01-02', data)).toMatchObject({ workingDay: false, reason: 'holiday' })
    expect(isWorkingDay('2026-01-04', data)).toMatchObject({ workingDay: false, reason: 'weekend' })
  })

  it('refuses a malformed date and one outside the range', () => {
    expect(() => isWorkingDay('2025-02-30', official)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_INVALID_DATE' }),
    )
    expect(() => isWorkingDay('1800-01-01', official)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_OUT_OF_RANGE' }),
    )
  })
})

describe('addWorkingDays (from itself not counted)', () => {
  it('crosses National Day 2025 with its two make-up working days', () => {
    expect(addWorkingDays('2025-09-26', 10, official)).toEqual({ date: '2025-10-16', provisional: false })
  })

  it('crosses New Year 2026 and its make-up Sunday', () => {
    expect(addWorkingDays('2025-12-31', 10, official)).toEqual({ date: '2026-01-15', provisional: false })
  })

  it('flags a result reached through a year with no official schedule', () => {
    expect(addWorkingDays('2027-03-01', 5, official)).toEqual({ date: '2027-03-08', provisional: true })
    expect(addWorkingDays('2026-12-25', 10, official).provisional).toBe(true)
    expect(addWorkingDays('2026-12-01', 10, official).provisional).toBe(false)
  })

  it('is official again once the bureau loads that year', () => {
    const data = withOverrides({ '2027-01-01': { kind: 'holiday', name: '元旦' } }, [2027])
    expect(addWorkingDays('2026-12-31', 1, data)).toEqual({ date: '2027-01-04', provisional: false })
  })

  it('follows a bureau entry', () => {
    const data = withOverrides({ '2025-10-14': { kind: 'holiday', name: null } })
    expect(addWorkingDays('2025-09-26', 10, data)).toEqual({ date: '2025-10-17', provisional: false })
  })

  it('gives `from` itself for 0 days, and starts counting on the next day', () => {
    expect(addWorkingDays('2025-10-04', 0, official)).toEqual({ date: '2025-10-04', provisional: false })
    expect(addWorkingDays('2025-10-10', 1, official)).toEqual({ date: '2025-10-11', provisional: false })
  })

  it('refuses a bad date, negative or huge counts', () => {
    expect(() => addWorkingDays('2025-9-26', 1, official)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_INVALID_DATE' }),
    )
    expect(() => addWorkingDays('2025-09-26', -1, official)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_OUT_OF_RANGE' }),
    )
    expect(() => addWorkingDays('2025-09-26', 3651, official)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_OUT_OF_RANGE' }),
    )
    expect(() => addWorkingDays('2199-12-01', 100, official)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_OUT_OF_RANGE' }),
    )
  })

  it('agrees with a day-by-day count over every official year', () => {
    let from = '2019-01-01'
    while (from < '2026-12-01') {
      const { date } = addWorkingDays(from, 7, official)
      let counted = 0
      for (let day = addDays(from, 1); day <= date; day = addDays(day, 1)) {
        counted += isWorkingDay(day, official).workingDay ? 1 : 0
      }
      expect(counted, from).toBe(7)
      expect(isWorkingDay(date, official).workingDay).toBe(true)
      from = addDays(from, 3)
    }
  })
})

describe('missingScheduleYear (the reminder from 1 November)', () => {
  it('is quiet before November and when next year is official', () => {
    expect(missingScheduleYear('2026-10-31', official)).toBeNull()
    expect(missingScheduleYear('2025-11-01', official)).toBeNull()
  })

  it('names next year from 1 November until it is loaded', () => {
    expect(missingScheduleYear('2026-11-01', official)).toBe(2027)
    expect(missingScheduleYear('2026-12-31', official)).toBe(2027)
    expect(missingScheduleYear('2026-11-01', withOverrides({}, [2027]))).toBeNull()
  })
})

describe('checkSchedule', () => {
  it('accepts real dates of the year, each once', () => {
    expect(() =>
      checkSchedule(2027, [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-20', kind: 'workday' },
      ]),
    ).not.toThrow()
  })

  it('refuses a date of another year, a repeated date and an impossible one', () => {
    const bad = (entries: Parameters<typeof checkSchedule>[1]) => () => checkSchedule(2027, entries)
    const code = expect.objectContaining({ code: 'CALENDAR_INVALID_SCHEDULE' })
    expect(bad([{ date: '2026-12-31', kind: 'holiday' }])).toThrow(code)
    expect(bad([{ date: '2027-02-29', kind: 'holiday' }])).toThrow(code)
    expect(
      bad([
        { date: '2027-01-01', kind: 'holiday' },
        { date: '2027-01-01', kind: 'workday' },
      ]),
    ).toThrow(code)
  })
})

describe('workingDaysBetween (from itself not counted, to counted)', () => {
  it('crosses National Day 2025: make-up 09-28 and 10-11 count, 10-01..10-08 do not', () => {
    // 09-28 (make-up Sunday), 09-29, 09-30, 10-09, 10-10: five working days.
    expect(workingDaysBetween('2025-09-26', '2025-10-10', official)).toEqual({ days: 5, provisional: false })
    expect(workingDaysBetween('2025-09-26', '2025-10-11', official).days).toBe(6)
    expect(workingDaysBetween('2025-09-30', '2025-10-08', official).days).toBe(0)
  })

  it('is 0 for the same day or a day before', () => {
    expect(workingDaysBetween('2025-10-10', '2025-10-10', official).days).toBe(0)
    expect(workingDaysBetween('2025-10-13', '2025-10-10', official).days).toBe(0)
  })

  it('is the inverse of addWorkingDays over every official year', () => {
    let from = '2019-01-01'
    while (from < '2026-12-01') {
      for (const n of [1, 5, 12]) {
        expect(workingDaysBetween(from, addWorkingDays(from, n, official).date, official).days, from).toBe(n)
      }
      from = addDays(from, 5)
    }
  })

  it('follows a bureau entry and flags a year with no official schedule', () => {
    const data = withOverrides({ '2025-10-14': { kind: 'holiday', name: null } })
    expect(workingDaysBetween('2025-10-10', '2025-10-17', data).days).toBe(5)
    expect(workingDaysBetween('2026-12-30', '2027-01-05', official)).toEqual({ days: 4, provisional: true })
  })

  it('refuses a bad date', () => {
    expect(() => workingDaysBetween('2025-9-26', '2025-10-10', official)).toThrow(
      expect.objectContaining({ code: 'CALENDAR_INVALID_DATE' }),
    )
  })
})
