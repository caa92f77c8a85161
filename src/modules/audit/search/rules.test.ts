import { describe, expect, it } from 'vitest'
import { actionSet, caseRefNeedle, shanghaiDayStart, timeRange } from './rules.js'

describe('audit search rules', () => {
  it('turns Beijing-time days into a half-open UTC range, both days included', () => {
    expect(shanghaiDayStart('2026-12-05')).toBe('2026-12-04T16:00:00.000Z')
    expect(timeRange('2026-12-05', '2026-12-05')).toEqual({
      fromAt: '2026-12-04T16:00:00.000Z',
      beforeAt: '2026-12-05T16:00:00.000Z',
    })
    expect(timeRange(undefined, '2026-12-31')).toEqual({
      fromAt: undefined,
      beforeAt: '2026-12-31T16:00:00.000Z',
    })
    expect(() => timeRange('2026-12-06', '2026-12-05')).toThrow(
      expect.objectContaining({ code: 'AUDIT_SEARCH_BAD_RANGE' }),
    )
  })

  it('narrows actions by action, category and keyed reads together', () => {
    expect(actionSet({})).toBeUndefined()
    expect(actionSet({ action: 'sharing.decide' })).toEqual(['sharing.decide'])
    expect(actionSet({ category: 'exchange' })).toContain('exchange.read')
    expect(actionSet({ category: 'exchange', keyed: true })).toEqual(['exchange.read', 'exchange.denied'])
    expect(actionSet({ action: 'sharing.decide', category: 'exchange' })).toEqual([])
    expect(actionSet({ action: 'exchange.denied', keyed: true })).toEqual(['exchange.denied'])
  })

  it('matches a case reference as its canonical JSON field, escapes included', () => {
    expect(caseRefNeedle('A-1')).toBe('"caseRef":"A-1"')
    expect(caseRefNeedle('民"1\\')).toBe('"caseRef":"民\\"1\\\\"')
  })
})
