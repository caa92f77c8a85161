import { describe, expect, it } from 'vitest'
import {
  annualDueDate,
  answerRate,
  answerSpeed,
  bestsOf,
  chooseAdvice,
  DEFAULT_WEIGHTS,
  type DepartmentFacts,
  dayStartIso,
  INDICATOR_KEYS,
  indicatorValues,
  isReportLate,
  isYearClosed,
  median,
  mergeWeights,
  monthsOf,
  objectionsOnTime,
  onTimeAnswers,
  parseWeights,
  participation,
  periodInstants,
  rank,
  relativeVolume,
  resolvePeriod,
  unconditionalShare,
  updateTimeliness,
  weightedScore,
} from './rules.js'
import { foldCatalog } from './statistics/facts.js'

/** The three departments of test/scenario/supervision.test.ts, October–November 2025. */
const A: DepartmentFacts = {
  activeMonths: 2,
  periodMonths: 2,
  resourcesPublished: 2,
  itemsPublished: 7,
  unconditionalResources: 1,
  requestsReceived: 2,
  requestsAnswered: 2,
  requestsOverdue: 0,
  lateAnswers: 1,
  medianAnswerDays: 7.5,
  versionsArrived: 5,
  versionsTimely: 3,
  versionsUndeclared: 0,
  objectionsDue: 0,
  objectionsOnTime: 0,
  queriesServed: 3,
  recordsServed: 5,
  queriesMade: 0,
}
const B: DepartmentFacts = {
  ...A,
  activeMonths: 1,
  resourcesPublished: 1,
  itemsPublished: 2,
  unconditionalResources: 0,
  requestsReceived: 1,
  requestsAnswered: 0,
  requestsOverdue: 1,
  lateAnswers: 0,
  medianAnswerDays: null,
  versionsArrived: 2,
  versionsTimely: 2,
  queriesServed: 0,
  recordsServed: 0,
}
const C: DepartmentFacts = {
  ...B,
  resourcesPublished: 0,
  itemsPublished: 0,
  requestsReceived: 0,
  requestsOverdue: 0,
  versionsArrived: 0,
  versionsTimely: 0,
  queriesMade: 3,
}

describe('evaluation indicators (Art. 35), each on hand-computed numbers', () => {
  it('participation = active months / months × 100', () => {
    expect(participation(1, 2)).toBe(50) // 1/2
    expect(participation(2, 3)).toBe(66.7) // 2/3 = 66.66… → one decimal
    expect(participation(0, 12)).toBe(0)
  })

  it('catalog entries, items, frequency and data use = value / best × 100, n/a when nobody has any', () => {
    expect(relativeVolume(1, 2)).toBe(50)
    expect(relativeVolume(2, 7)).toBe(28.6) // 200/7 = 28.571…
    expect(relativeVolume(7, 7)).toBe(100)
    expect(relativeVolume(0, 0)).toBeNull()
  })

  it('unconditional share = unconditional / published × 100', () => {
    expect(unconditionalShare(1, 2)).toBe(50)
    expect(unconditionalShare(0, 1)).toBe(0)
    expect(unconditionalShare(0, 0)).toBeNull()
  })

  it('requests answered = answered / (answered + overdue unanswered) × 100', () => {
    expect(answerRate(2, 0)).toBe(100)
    expect(answerRate(3, 1)).toBe(75) // 3/4
    expect(answerRate(0, 1)).toBe(0)
    expect(answerRate(0, 0)).toBeNull()
  })

  it('answer speed = 100 × (1 − median working days / 20), floored at 0', () => {
    expect(answerSpeed(7.5)).toBe(62.5) // 100 × (1 − 0.375)
    expect(answerSpeed(0)).toBe(100)
    expect(answerSpeed(10)).toBe(50) // the legal limit
    expect(answerSpeed(25)).toBe(0)
    expect(answerSpeed(null)).toBeNull()
    expect(median([13, 2])).toBe(7.5) // (2 + 13) / 2
    expect(median([4, 1, 9])).toBe(4)
    expect(median([])).toBeNull()
  })

  it('answers on time = (answered − late) / answered × 100', () => {
    expect(onTimeAnswers(2, 1)).toBe(50)
    expect(onTimeAnswers(3, 0)).toBe(100)
    expect(onTimeAnswers(0, 0)).toBeNull()
  })

  it('update timeliness = versions within 5 working days / versions arrived × 100 (Art. 18)', () => {
    expect(updateTimeliness(3, 5)).toBe(60)
    expect(updateTimeliness(2, 3)).toBe(66.7)
    expect(updateTimeliness(0, 0)).toBeNull()
  })

  it('objections on time = answered on time / due × 100; n/a when none or not recorded', () => {
    expect(objectionsOnTime(3, 4)).toBe(75)
    expect(objectionsOnTime(0, 0)).toBeNull()
    expect(objectionsOnTime(null, null)).toBeNull()
  })

  it('puts every indicator of a department together against the best department', () => {
    const bests = bestsOf([A, B, C])
    expect(bests).toEqual({ resourcesPublished: 2, itemsPublished: 7, queriesServed: 3, queriesMade: 3 })
    expect(indicatorValues(A, bests)).toEqual({
      participation: 100, // 2/2
      catalogEntries: 100, // 2/2
      catalogItems: 100, // 7/7
      unconditionalShare: 50, // 1/2
      answerRate: 100, // 2/(2+0)
      answerSpeed: 62.5, // median(2, 13) = 7.5
      onTimeAnswers: 50, // (2−1)/2
      updateTimeliness: 60, // 3/5
      objectionsOnTime: null, // none due
      sharingFrequency: 100, // 3/3
      dataUse: 0, // 0/3
    })
    expect(indicatorValues(B, bests)).toMatchObject({
      participation: 50,
      catalogEntries: 50,
      catalogItems: 28.6,
      unconditionalShare: 0,
      answerRate: 0,
      answerSpeed: null,
      onTimeAnswers: null,
      updateTimeliness: 100,
    })
  })
})

describe('weighted score, ranking and advice (Art. 34)', () => {
  const bests = bestsOf([A, B, C])

  it('has default weights summing to 100', () => {
    expect(INDICATOR_KEYS.reduce((sum, key) => sum + DEFAULT_WEIGHTS[key], 0)).toBe(100)
  })

  it('averages the applicable indicators by weight, leaving n/a out of numerator and denominator', () => {
    // A: 10×(100+100+100+50+100+62.5+50+60+0) + 5×100 = 6225 + 500 = 6725 over weights 9×10 + 5 = 95.
    expect(weightedScore(indicatorValues(A, bests), DEFAULT_WEIGHTS)).toBe(70.8) // 6725/95 = 70.79
    // B: 10×(50+50+28.6+0+0+100+0) + 5×0 = 2286 over 7×10 + 5 = 75.
    expect(weightedScore(indicatorValues(B, bests), DEFAULT_WEIGHTS)).toBe(30.5) // 30.48
    // C: participation 50, entries 0, items 0, frequency 0 (w5), data use 100: 1500 over 45.
    expect(weightedScore(indicatorValues(C, bests), DEFAULT_WEIGHTS)).toBe(33.3)
    const onlyDataUse = { ...mergeWeights(DEFAULT_WEIGHTS, {}), ...zeroWeights(), dataUse: 1 }
    expect(weightedScore(indicatorValues(C, bests), onlyDataUse)).toBe(100)
    expect(weightedScore(indicatorValues(C, bests), { ...zeroWeights(), answerSpeed: 1 })).toBeNull()
  })

  it('ranks by score with shared ranks on a tie, unscored last', () => {
    const ranked = rank([
      { departmentName: '乙', score: 80 },
      { departmentName: '丙', score: null },
      { departmentName: '甲', score: 90 },
      { departmentName: '丁', score: 80 },
    ])
    expect(ranked.map((r) => [r.score, r.rank])).toEqual([
      [90, 1],
      [80, 2],
      [80, 2],
      [null, null],
    ])
  })

  it('advises on the three weakest weighted indicators under 60, heavier weight first on a tie', () => {
    // B's zeros: unconditional share, answer rate, data use (weight 10) and frequency (weight 5).
    const advice = chooseAdvice(indicatorValues(B, bests), DEFAULT_WEIGHTS)
    expect(advice.map((a) => [a.indicator, a.value])).toEqual([
      ['unconditionalShare', 0],
      ['answerRate', 0],
      ['dataUse', 0],
    ])
    expect(advice[0]?.zh).toMatch(/无条件共享/)
    // A: data use (0), then unconditional share and answers on time (50 each, same weight: list order).
    expect(chooseAdvice(indicatorValues(A, bests), DEFAULT_WEIGHTS).map((a) => a.indicator)).toEqual([
      'dataUse',
      'unconditionalShare',
      'onTimeAnswers',
    ])
    // An indicator the bureau weighs 0 gets no advice.
    expect(chooseAdvice(indicatorValues(A, bests), { ...DEFAULT_WEIGHTS, dataUse: 0 })).toHaveLength(2)
  })

  it('merges the bureau weights and refuses unknown, negative or all-zero ones', () => {
    expect(mergeWeights(DEFAULT_WEIGHTS, { dataUse: 20 })).toEqual({ ...DEFAULT_WEIGHTS, dataUse: 20 })
    expect(() => mergeWeights(DEFAULT_WEIGHTS, { speed: 1 })).toThrow(/SUPERVISION_INVALID_WEIGHTS/)
    expect(() => mergeWeights(DEFAULT_WEIGHTS, { dataUse: -1 })).toThrow(/SUPERVISION_INVALID_WEIGHTS/)
    expect(() => mergeWeights(DEFAULT_WEIGHTS, zeroWeights())).toThrow(/SUPERVISION_INVALID_WEIGHTS/)
    expect(parseWeights(undefined)).toEqual(DEFAULT_WEIGHTS)
    expect(parseWeights('not json')).toEqual(DEFAULT_WEIGHTS)
    expect(parseWeights('{"dataUse":3,"participation":-1}')).toEqual({ ...DEFAULT_WEIGHTS, dataUse: 3 })
  })
})

describe('periods (Asia/Shanghai dates)', () => {
  it('defaults to this year to date and refuses reversed or over-long periods', () => {
    expect(resolvePeriod({}, '2025-12-10')).toEqual({ from: '2025-01-01', to: '2025-12-10' })
    expect(resolvePeriod({ to: '2024-03-01' }, '2025-12-10')).toEqual({
      from: '2024-01-01',
      to: '2024-03-01',
    })
    expect(() => resolvePeriod({ from: '2025-12-01', to: '2025-11-01' }, '2025-12-10')).toThrow(
      /SUPERVISION_INVALID_PERIOD/,
    )
    expect(() => resolvePeriod({ from: '2025-02-30', to: '2025-03-01' }, '2025-12-10')).toThrow(
      /SUPERVISION_INVALID_PERIOD/,
    )
    expect(() => resolvePeriod({ from: '2010-01-01', to: '2025-01-01' }, '2025-12-10')).toThrow(
      /SUPERVISION_INVALID_PERIOD/,
    )
  })

  it('turns a period into UTC instants (UTC+8) and lists its months', () => {
    expect(dayStartIso('2025-11-01')).toBe('2025-10-31T16:00:00.000Z')
    expect(periodInstants({ from: '2025-10-01', to: '2025-11-30' })).toEqual({
      start: '2025-09-30T16:00:00.000Z',
      end: '2025-11-30T16:00:00.000Z',
    })
    expect(monthsOf({ from: '2025-10-15', to: '2026-02-01' })).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ])
    expect(monthsOf({ from: '2025-11-03', to: '2025-11-03' })).toEqual(['2025-11'])
  })
})

describe('annual reports (Art. 39)', () => {
  it('is due on 5 January (departments) and 15 January (the city), calendar days', () => {
    expect(annualDueDate(2025, 'department')).toBe('2026-01-05')
    expect(annualDueDate(2025, 'city')).toBe('2026-01-15')
  })

  it('is late when submitted after the due date, or unsubmitted once it has passed', () => {
    expect(isReportLate('2026-01-05', '2026-01-05', '2026-02-01')).toBe(false)
    expect(isReportLate('2026-01-05', '2026-01-06', '2026-01-06')).toBe(true)
    expect(isReportLate('2026-01-05', null, '2026-01-05')).toBe(false)
    expect(isReportLate('2026-01-05', null, '2026-01-06')).toBe(true)
  })

  it('can be generated once the year is over', () => {
    expect(isYearClosed(2025, '2025-12-31')).toBe(false)
    expect(isYearClosed(2025, '2026-01-01')).toBe(true)
  })
})

describe('the catalog at a point in the log', () => {
  it('keeps each resource’s last publication unless it was withdrawn after it', () => {
    const state = foldCatalog([
      { resourceId: 'r1', action: 'catalog.publish', shareType: 'conditional', version: 1 },
      { resourceId: 'r2', action: 'catalog.publish', shareType: 'unconditional', version: 1 },
      { resourceId: 'r1', action: 'catalog.publish', shareType: 'unconditional', version: 2 },
      { resourceId: 'r2', action: 'catalog.withdraw' },
    ])
    expect(state.get('r1')).toEqual({ published: true, version: 2, shareType: 'unconditional' })
    expect(state.get('r2')?.published).toBe(false)
  })
})

function zeroWeights() {
  return Object.fromEntries(INDICATOR_KEYS.map((key) => [key, 0])) as typeof DEFAULT_WEIGHTS
}
