import { describe, expect, it } from 'vitest'
import { decide, grantStatus, isDisputable, isLate, isRequestOverdue } from './rules.js'

describe('sharing decisions (Art. 25)', () => {
  const requested = ['公民身份号码', '姓名', '住址']

  it('grants all requested items by default, or fewer, never others', () => {
    expect(decide('pending', requested, { decision: 'approve' })).toEqual(requested)
    expect(decide('overdue', requested, { decision: 'approve', items: ['姓名'] })).toEqual(['姓名'])
    expect(() => decide('pending', requested, { decision: 'approve', items: ['电话'] })).toThrow(
      expect.objectContaining({ code: 'SHARING_ITEMS_NOT_REQUESTED' }),
    )
  })

  it('wants a reason for a refusal and refuses a second decision', () => {
    expect(() => decide('pending', requested, { decision: 'reject', reason: ' ' })).toThrow(
      expect.objectContaining({ code: 'SHARING_REASON_REQUIRED' }),
    )
    expect(decide('pending', requested, { decision: 'reject', reason: '超出职责' })).toEqual([])
    for (const status of ['granted', 'rejected', 'disputed']) {
      expect(() => decide(status, requested, { decision: 'approve' })).toThrow(
        expect.objectContaining({ code: 'SHARING_ALREADY_DECIDED' }),
      )
    }
  })

  it('counts an answer after the due date as late', () => {
    expect(isLate('2025-10-16', '2025-10-16')).toBe(false)
    expect(isLate('2025-10-16', '2025-10-17')).toBe(true)
    expect(isLate(null, '2030-01-01')).toBe(false)
  })

  it('lets refusals, partial approvals and overdue silence be disputed, nothing else', () => {
    const base = { dueDate: '2025-10-16', requestedCount: 3 }
    expect(isDisputable({ ...base, status: 'rejected' }, 0, '2025-10-01')).toBe(true)
    expect(isDisputable({ ...base, status: 'granted' }, 2, '2025-10-01')).toBe(true)
    expect(isDisputable({ ...base, status: 'granted' }, 3, '2025-10-01')).toBe(false)
    expect(isDisputable({ ...base, status: 'pending' }, 0, '2025-10-16')).toBe(false)
    expect(isDisputable({ ...base, status: 'pending' }, 0, '2025-10-17')).toBe(true)
    expect(isDisputable({ ...base, status: 'disputed' }, 0, '2025-12-01')).toBe(false)
  })

  it('has one definition of overdue: marked so, or pending past its due date (moved from oversight)', () => {
    expect(isRequestOverdue('overdue', '2026-01-05', '2026-01-05')).toBe(true)
    expect(isRequestOverdue('pending', '2026-01-05', '2026-01-06')).toBe(true)
    expect(isRequestOverdue('pending', '2026-01-05', '2026-01-05')).toBe(false)
    expect(isRequestOverdue('granted', '2026-01-01', '2026-01-06')).toBe(false)
    expect(isRequestOverdue('pending', null, '2026-01-06')).toBe(false)
  })

  it('serves a grant through its last valid day, never once revoked', () => {
    expect(grantStatus({ status: 'live', validTo: '2026-05-08' }, '2026-05-08')).toBe('live')
    expect(grantStatus({ status: 'live', validTo: '2026-05-08' }, '2026-05-09')).toBe('expired')
    expect(grantStatus({ status: 'live', validTo: null }, '2099-01-01')).toBe('live')
    expect(grantStatus({ status: 'revoked', validTo: null }, '2026-01-01')).toBe('revoked')
  })
})
