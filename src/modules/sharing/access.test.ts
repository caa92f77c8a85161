import { describe, expect, it } from 'vitest'
import { approvedMode, checkRowScope, defaultMode, grantableAtOnce, modeAllows } from './access.js'

const PERSONAL = [
  { name: '公民身份号码', sensitivity: 'id_number' },
  { name: '行政区划代码', sensitivity: 'none' },
]
const PLAIN = [{ name: '设施编码', sensitivity: 'none' }]

describe('access modes', () => {
  it('orders verify < lookup < bulk', () => {
    expect(modeAllows('bulk', 'lookup')).toBe(true)
    expect(modeAllows('lookup', 'verify')).toBe(true)
    expect(modeAllows('lookup', 'bulk')).toBe(false)
    expect(modeAllows('verify', 'lookup')).toBe(false)
  })

  it('defaults to lookup where personal items are served, bulk otherwise', () => {
    expect(defaultMode(PERSONAL)).toBe('lookup')
    expect(defaultMode(PLAIN)).toBe('bulk')
    expect(grantableAtOnce('bulk', PERSONAL)).toBe(false)
    expect(grantableAtOnce('lookup', PERSONAL)).toBe(true)
    expect(grantableAtOnce('bulk', PLAIN)).toBe(true)
  })

  it('grants bulk of personal data only when the approver says so, with a reason', () => {
    expect(approvedMode('bulk', PERSONAL, {})).toEqual({ mode: 'lookup', reason: null })
    expect(() => approvedMode('bulk', PERSONAL, { accessMode: 'bulk' })).toThrow(
      expect.objectContaining({ code: 'SHARING_BULK_REASON_REQUIRED' }),
    )
    expect(approvedMode('bulk', PERSONAL, { accessMode: 'bulk', modeReason: ' 年度统计 ' })).toEqual({
      mode: 'bulk',
      reason: '年度统计',
    })
    expect(approvedMode('bulk', PLAIN, {})).toEqual({ mode: 'bulk', reason: null })
    expect(() => approvedMode('verify', PERSONAL, { accessMode: 'lookup' })).toThrow(
      expect.objectContaining({ code: 'SHARING_MODE_NOT_REQUESTED' }),
    )
  })

  it('scopes rows only by a non-personal item with values', () => {
    expect(checkRowScope({ item: ' 行政区划代码', values: ['530102', ' 530102 ', ''] }, PERSONAL)).toEqual({
      item: '行政区划代码',
      values: ['530102'],
    })
    for (const scope of [
      { item: '公民身份号码', values: ['x'] },
      { item: '不存在', values: ['x'] },
      { item: '行政区划代码', values: [' '] },
    ]) {
      expect(() => checkRowScope(scope, PERSONAL)).toThrow(
        expect.objectContaining({ code: 'SHARING_ROW_SCOPE_INVALID' }),
      )
    }
  })
})
