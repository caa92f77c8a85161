import { describe, expect, it } from 'vitest'
import {
  answerObjection,
  DEFAULT_OBJECTION_DAYS,
  isLate,
  isOverdue,
  nonAuthoritative,
  normaliseValue,
  objectionDaysOf,
  valuesDisagree,
} from './rules.js'

describe('quality rules: objections (Art. 26)', () => {
  it('counts an answer late only on a day after the due date', () => {
    expect(isLate('2026-12-02', '2026-12-01')).toBe(false)
    expect(isLate('2026-12-02', '2026-12-02')).toBe(false)
    expect(isLate('2026-12-02', '2026-12-03')).toBe(true)
    expect(isLate('2026-12-31', '2027-01-04')).toBe(true)
  })

  it('calls an objection overdue only while it is open past its due date', () => {
    expect(isOverdue('open', '2026-12-02', '2026-12-03')).toBe(true)
    expect(isOverdue('open', '2026-12-02', '2026-12-02')).toBe(false)
    expect(isOverdue('confirmed', '2026-12-02', '2026-12-03')).toBe(false)
  })

  it('reads the bureau setting, falling back to 5 working days', () => {
    expect(objectionDaysOf(undefined)).toBe(DEFAULT_OBJECTION_DAYS)
    expect(objectionDaysOf('3')).toBe(3)
    expect(objectionDaysOf('0')).toBe(5)
    expect(objectionDaysOf('x')).toBe(5)
    expect(objectionDaysOf('2.5')).toBe(5)
  })

  it('accepts corrected only once the record has a newer version, and links it', () => {
    const open = { status: 'open', recordVersion: 2 }
    expect(() => answerObjection(open, { outcome: 'corrected' }, 2)).toThrow(
      expect.objectContaining({ code: 'QUALITY_NOT_CORRECTED' }),
    )
    expect(() => answerObjection(open, { outcome: 'corrected' }, undefined)).toThrow(
      expect.objectContaining({ code: 'QUALITY_NOT_CORRECTED' }),
    )
    expect(answerObjection(open, { outcome: 'corrected' }, 4)).toEqual({
      status: 'corrected',
      correctionVersion: 4,
    })
  })

  it('needs a reason to confirm, and refuses a second answer', () => {
    const open = { status: 'open', recordVersion: 1 }
    expect(() => answerObjection(open, { outcome: 'confirmed', reason: '  ' }, 1)).toThrow(
      expect.objectContaining({ code: 'QUALITY_REASON_REQUIRED' }),
    )
    expect(answerObjection(open, { outcome: 'confirmed', reason: '与户籍档案一致' }, 1)).toEqual({
      status: 'confirmed',
      correctionVersion: null,
    })
    expect(() =>
      answerObjection({ status: 'confirmed', recordVersion: 1 }, { outcome: 'confirmed', reason: 'x' }, 1),
    ).toThrow(expect.objectContaining({ code: 'QUALITY_ALREADY_ANSWERED' }))
  })
})

describe('quality rules: comparison (Art. 16-17)', () => {
  it('ignores differences of whitespace only, full-width spaces included', () => {
    expect(normaliseValue('  云南省昆明市  五华区\u3000测试路1号 ')).toBe('云南省昆明市五华区测试路1号')
    expect(normaliseValue(' Kunming   City\t')).toBe('Kunming City')
    expect(normaliseValue('Wang Li 王丽')).toBe('Wang Li王丽')
    expect(valuesDisagree('云南省昆明市 五华区', '云南省昆明市\u3000五华区')).toBe(false)
    expect(valuesDisagree('Wang Li', 'WangLi')).toBe(true)
    expect(valuesDisagree('云南省昆明市五华区', '云南省昆明市盘龙区')).toBe(true)
  })

  it('compares numbers with their text, and a missing value with a present one as a disagreement', () => {
    expect(valuesDisagree(12, '12')).toBe(false)
    expect(valuesDisagree(null, undefined)).toBe(false)
    expect(valuesDisagree('', null)).toBe(false)
    expect(valuesDisagree(null, '五华区')).toBe(true)
  })

  it('routes to the side that is not the authoritative source', () => {
    expect(nonAuthoritative('left')).toBe('right')
    expect(nonAuthoritative('right')).toBe('left')
  })
})
