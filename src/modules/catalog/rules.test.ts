import { describe, expect, it } from 'vitest'
import {
  annualConfirmationDue,
  deadlineStatus,
  diffVersions,
  resourceCode,
  validateResource,
} from './rules.js'
import type { ResourceInput } from './schema.js'

function input(overrides: Partial<ResourceInput> = {}): ResourceInput {
  return {
    name: '人口基础信息',
    summary: '全市户籍人口的公民身份号码、姓名、住址',
    category: 'department',
    format: 'database',
    shareType: 'unconditional',
    shareMethod: 'api',
    updateCycle: 'daily',
    items: [
      { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
      { name: '姓名', dataType: 'string', sensitivity: 'name' },
    ],
    ...overrides,
  }
}

describe('validateResource (Art. 12-13)', () => {
  it('accepts an unconditional resource with a key item', () => {
    expect(() => validateResource(input())).not.toThrow()
  })

  it('wants a legal basis for conditional and none', () => {
    for (const shareType of ['conditional', 'none'] as const) {
      expect(() => validateResource(input({ shareType }))).toThrow(
        expect.objectContaining({ code: 'CATALOG_LEGAL_BASIS_REQUIRED' }),
      )
      expect(() => validateResource(input({ shareType, legalBasis: '  ' }))).toThrow(
        expect.objectContaining({ code: 'CATALOG_LEGAL_BASIS_REQUIRED' }),
      )
      expect(() =>
        validateResource(input({ shareType, legalBasis: '《中华人民共和国居民身份证法》第十三条' })),
      ).not.toThrow()
    }
  })

  it('keeps base resources unconditional, checked after the legal basis', () => {
    expect(() =>
      validateResource(input({ category: 'base', shareType: 'conditional', legalBasis: '某法' })),
    ).toThrow(expect.objectContaining({ code: 'CATALOG_BASE_MUST_BE_UNCONDITIONAL' }))
    expect(() => validateResource(input({ category: 'base', shareType: 'conditional' }))).toThrow(
      expect.objectContaining({ code: 'CATALOG_LEGAL_BASIS_REQUIRED' }),
    )
  })

  it('wants a key item and unique item names', () => {
    expect(() => validateResource(input({ items: [{ name: '姓名', dataType: 'string' }] }))).toThrow(
      expect.objectContaining({ code: 'CATALOG_KEY_REQUIRED' }),
    )
    expect(() =>
      validateResource(
        input({
          items: [
            { name: '姓名', dataType: 'string', key: true },
            { name: '姓名 ', dataType: 'string' },
          ],
        }),
      ),
    ).toThrow(expect.objectContaining({ code: 'CATALOG_DUPLICATE_ITEM' }))
  })

  it('matches theme and class code to the category', () => {
    expect(() => validateResource(input({ category: 'base', theme: 'health' }))).toThrow(
      expect.objectContaining({ code: 'CATALOG_THEME_MISMATCH' }),
    )
    expect(() => validateResource(input({ category: 'base', theme: 'population' }))).not.toThrow()
    expect(() => validateResource(input({ classCode: '101' }))).toThrow(
      expect.objectContaining({ code: 'CATALOG_CLASS_MISMATCH' }),
    )
  })
})

describe('codes and diffs', () => {
  it('formats resource codes as class code / 6-digit sequence', () => {
    expect(resourceCode('301001', 42)).toBe('301001/000042')
  })

  it('reports metadata and item changes field by field', () => {
    const before = {
      metadata: { name: 'A', shareType: 'unconditional' },
      items: [
        { name: 'x', dataType: 'string' },
        { name: 'y', dataType: 'date' },
      ],
    }
    const after = {
      metadata: { name: 'B', shareType: 'unconditional' },
      items: [
        { name: 'x', dataType: 'integer' },
        { name: 'z', dataType: 'date' },
      ],
    }
    expect(diffVersions(before, after)).toEqual([
      { field: 'name', before: 'A', after: 'B' },
      { field: 'items.x.dataType', before: 'string', after: 'integer' },
      { field: 'items.z', before: null, after: { name: 'z', dataType: 'date' } },
      { field: 'items.y', before: { name: 'y', dataType: 'date' }, after: null },
    ])
  })
})

describe('deadline states (Art. 14, 15, 19)', () => {
  it('is due until the due date, overdue after, and overdue when met late', () => {
    expect(deadlineStatus('2025-10-16', null, '2025-10-16')).toBe('due')
    expect(deadlineStatus('2025-10-16', null, '2025-10-17')).toBe('overdue')
    expect(deadlineStatus('2025-10-16', '2025-10-16', '2025-11-01')).toBe('met')
    expect(deadlineStatus('2025-10-16', '2025-10-17', '2025-11-01')).toBe('overdue')
  })

  it('owes a confirmation for each calendar year after the last one', () => {
    expect(annualConfirmationDue('2026-03-01', '2026-11-25')).toBeNull()
    expect(annualConfirmationDue('2025-03-01', '2026-11-25')).toBe('2026-12-31')
    expect(annualConfirmationDue('2024-03-01', '2026-11-25')).toBe('2025-12-31')
  })
})
