import { describe, expect, it } from 'vitest'
import {
  classLevelOf,
  isDepartmentItem,
  itemOf,
  nextDepartmentItemCode,
  parentCodeOf,
  relatedCodeProblem,
} from './rules.js'

describe('catalog tree rules', () => {
  it('reads the level and the parent from the code: 类 1, 项 +2, 目 +3, 细目 +3', () => {
    expect(['3', '301', '301001', '301001002', '30'].map(classLevelOf)).toEqual([
      'class',
      'item',
      'entry',
      'sub_entry',
      undefined,
    ])
    expect(['3', '301', '301001', '301001002'].map(parentCodeOf)).toEqual([null, '3', '301', '301001'])
    expect(['1', '101', '101002'].map(itemOf)).toEqual([undefined, '101', '101'])
    expect(['301', '201', '301001'].map(isDepartmentItem)).toEqual([true, false, false])
  })

  it('gives a department the lowest free 项 under 3, and says so when all 99 are taken', () => {
    expect(nextDepartmentItemCode([])).toBe('301')
    expect(nextDepartmentItemCode(['301', '302', '304'])).toBe('303')
    const all = Array.from({ length: 99 }, (_, i) => `3${String(i + 1).padStart(2, '0')}`)
    expect(nextDepartmentItemCode(all.slice(0, 98))).toBe('399')
    expect(() => nextDepartmentItemCode(all)).toThrow(
      expect.objectContaining({ code: 'CATALOG_CLASS_CODES_EXHAUSTED' }),
    )
  })

  it('finds malformed related codes and a resource relating to itself', () => {
    expect(relatedCodeProblem('nonsense', undefined)).toBe('malformed')
    expect(relatedCodeProblem('3/00001', undefined)).toBe('malformed')
    expect(relatedCodeProblem('301/000001', '301/000001')).toBe('self')
    expect(relatedCodeProblem('301/000001', '301/000002')).toBeNull()
    expect(relatedCodeProblem('3/000001', undefined)).toBeNull()
    expect(relatedCodeProblem('101001/000001', undefined)).toBeNull()
  })
})
