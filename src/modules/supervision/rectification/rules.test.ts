import { describe, expect, it } from 'vitest'
import {
  anomalyThreshold,
  dedupeKey,
  isAnomalous,
  isDisagreementStale,
  isEscalationDue,
  nextStatus,
  rolesForRoutes,
} from './rules.js'

describe('oversight rules: breach criteria (Art. 40)', () => {
  it('counts a disagreement stale after 10 days', () => {
    expect(isDisagreementStale('2026-01-01', '2026-01-10')).toBe(false)
    expect(isDisagreementStale('2026-01-01', '2026-01-11')).toBe(true)
  })

  it('keys one notice per kind and source', () => {
    expect(dedupeKey('request_unanswered', 'r1')).toBe('request_unanswered:r1')
    expect(dedupeKey('catalog_overdue', 'r1')).not.toBe(dedupeKey('request_unanswered', 'r1'))
  })
})

describe('oversight rules: notice states and escalation', () => {
  it('issues drafts only, takes answers while issued or escalated, closes anything not closed', () => {
    expect(nextStatus('draft', 'issue')).toBe('issued')
    expect(nextStatus('issued', 'respond')).toBe('responded')
    expect(nextStatus('escalated', 'respond')).toBe('responded')
    expect(nextStatus('responded', 'close')).toBe('closed')
    expect(() => nextStatus('issued', 'issue')).toThrow(
      expect.objectContaining({ code: 'OVERSIGHT_NOTICE_STATE' }),
    )
    expect(() => nextStatus('draft', 'respond')).toThrow(
      expect.objectContaining({ code: 'OVERSIGHT_NOTICE_STATE' }),
    )
    expect(() => nextStatus('closed', 'close')).toThrow(
      expect.objectContaining({ code: 'OVERSIGHT_NOTICE_STATE' }),
    )
  })

  it('escalates an issued notice the day after its deadline, never an answered one', () => {
    expect(isEscalationDue('issued', '2026-02-01', '2026-02-01')).toBe(false)
    expect(isEscalationDue('issued', '2026-02-01', '2026-02-02')).toBe(true)
    expect(isEscalationDue('responded', '2026-02-01', '2026-02-02')).toBe(false)
    expect(isEscalationDue('escalated', '2026-02-01', '2026-02-02')).toBe(false)
  })
})

describe('oversight rules: read anomalies (Art. 31)', () => {
  it('needs more than max(3 × mean, mean + 100) reads in 24 hours', () => {
    // Quiet department: mean 2 a day → threshold 102, the margin dominates.
    expect(anomalyThreshold(28)).toEqual({ mean: 2, threshold: 102 })
    expect(isAnomalous(102, 28)).toBe(false)
    expect(isAnomalous(103, 28)).toBe(true)
    // Busy department: mean 100 a day → threshold 300, the factor dominates.
    expect(anomalyThreshold(1400).threshold).toBe(300)
    expect(isAnomalous(300, 1400)).toBe(false)
    expect(isAnomalous(301, 1400)).toBe(true)
    // No history: 100 reads are fine, 101 are not.
    expect(isAnomalous(100, 0)).toBe(false)
    expect(isAnomalous(101, 0)).toBe(true)
  })

  it('routes the bureau to reviewers and admins, the cyberspace office and police to security officers', () => {
    expect(rolesForRoutes(['bureau']).sort()).toEqual(['bureau_reviewer', 'platform_admin'])
    expect(rolesForRoutes(['police', 'cyberspace_office'])).toEqual(['security_officer'])
  })
})
