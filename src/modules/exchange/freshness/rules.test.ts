import { describe, expect, it } from 'vitest'
import { isCycleOverdue, isInTheFuture, isLateArrival, summarizeLags } from './rules.js'

describe('isLateArrival (Art. 18: within 5 working days)', () => {
  it('allows exactly 5 working days and no more', () => {
    expect(isLateArrival(0)).toBe(false)
    expect(isLateArrival(5)).toBe(false)
    expect(isLateArrival(6)).toBe(true)
  })
})

describe('isInTheFuture (5 minutes of clock skew allowed)', () => {
  it('accepts up to 5 minutes ahead of now, offsets considered, and refuses more', () => {
    const now = '2025-10-10T02:00:00.000Z'
    expect(isInTheFuture('2025-10-10T10:05:00+08:00', now)).toBe(false)
    expect(isInTheFuture('2025-10-10T10:05:01+08:00', now)).toBe(true)
    expect(isInTheFuture('2025-10-09T02:00:00Z', now)).toBe(false)
  })
})

describe('summarizeLags', () => {
  it('finds the median and maximum of a histogram, and counts the late arrivals', () => {
    // Lags 0,0,0,1,1,5,6,9 (8 arrivals): the 4th and 5th are both 1.
    expect(
      summarizeLags([
        { lagDays: 6, count: 1 },
        { lagDays: 0, count: 3 },
        { lagDays: 9, count: 1 },
        { lagDays: 1, count: 2 },
        { lagDays: 5, count: 1 },
      ]),
    ).toEqual({ arrivals: 8, medianLagDays: 1, maxLagDays: 9, lateArrivals: 2 })
  })

  it('averages the two middle lags of an even count, and takes the middle of an odd one', () => {
    expect(
      summarizeLags([
        { lagDays: 2, count: 1 },
        { lagDays: 5, count: 1 },
      ]).medianLagDays,
    ).toBe(3.5)
    expect(
      summarizeLags([
        { lagDays: 2, count: 2 },
        { lagDays: 7, count: 1 },
      ]),
    ).toEqual({ arrivals: 3, medianLagDays: 2, maxLagDays: 7, lateArrivals: 1 })
  })

  it('has no median or maximum without arrivals', () => {
    expect(summarizeLags([])).toEqual({ arrivals: 0, medianLagDays: null, maxLagDays: null, lateArrivals: 0 })
  })
})

describe('isCycleOverdue (calendar days since the last arrival, Asia/Shanghai dates)', () => {
  it('gives a daily resource one day', () => {
    expect(isCycleOverdue('daily', '2025-10-10', '2025-10-11')).toBe(false)
    expect(isCycleOverdue('daily', '2025-10-10', '2025-10-12')).toBe(true)
    expect(isCycleOverdue('realtime', '2025-10-10', '2025-10-10')).toBe(false)
  })

  it('gives longer cycles their length, up to a year', () => {
    expect(isCycleOverdue('weekly', '2025-10-10', '2025-10-17')).toBe(false)
    expect(isCycleOverdue('weekly', '2025-10-10', '2025-10-18')).toBe(true)
    expect(isCycleOverdue('monthly', '2025-10-10', '2025-11-09')).toBe(false)
    expect(isCycleOverdue('monthly', '2025-10-10', '2025-11-10')).toBe(true)
    expect(isCycleOverdue('yearly', '2024-10-10', '2025-10-10')).toBe(false)
    expect(isCycleOverdue('yearly', '2024-10-10', '2025-10-11')).toBe(true)
  })

  it("calls a resource that never received data overdue, except one with cycle 'other'", () => {
    expect(isCycleOverdue('monthly', null, '2025-10-10')).toBe(true)
    expect(isCycleOverdue('other', null, '2025-10-10')).toBe(false)
    expect(isCycleOverdue('other', '2000-01-01', '2025-10-10')).toBe(false)
  })
})
