/** Pure sharing rules (Art. 25): the request's state machine, disputes, a grant's state on a day. */
import { AppError } from '../../shared/errors.js'

import type { GrantStatus, RequestStatus } from './vocabulary.js'

export type { GrantStatus, RequestStatus }

/** Working days a provider has to answer a conditional request (Art. 25). */
export const ANSWER_DAYS = 10
/** Working days before expiry when the consumer is reminded to renew. */
export const EXPIRY_NOTICE_DAYS = 10

export interface Decision {
  decision: 'approve' | 'reject'
  items?: string[]
  reason?: string
}

/**
 * The items a decision grants (empty for a refusal). Throws SHARING_ALREADY_DECIDED,
 * SHARING_REASON_REQUIRED, SHARING_ITEMS_NOT_REQUESTED.
 */
export function decide(status: string, requested: readonly string[], decision: Decision): string[] {
  if (status !== 'pending' && status !== 'overdue') {
    throw new AppError('SHARING_ALREADY_DECIDED', { status })
  }
  if (decision.decision === 'reject') {
    if (!decision.reason?.trim()) {
      throw new AppError('SHARING_REASON_REQUIRED', { field: 'reason' })
    }
    return []
  }
  const items =
    decision.items === undefined ? [...requested] : [...new Set(decision.items.map((i) => i.trim()))]
  const extra = items.filter((item) => !requested.includes(item))
  if (extra.length > 0 || items.length === 0) {
    throw new AppError('SHARING_ITEMS_NOT_REQUESTED', { field: 'items', items: extra })
  }
  return items
}

/**
 * Art. 25: the one definition of an overdue request: unanswered past its due date, whether or not
 * the overdue job has marked it yet. The job, disputes and breach detection (Art. 40) all ask this.
 */
export function isRequestOverdue(status: string, dueDate: string | null, today: string): boolean {
  if (status === 'overdue') {
    return true
  }
  return status === 'pending' && dueDate !== null && today > dueDate
}

/** Answered after the due date: accepted, but counted late in evaluation (Art. 35). */
export function isLate(dueDate: string | null, answeredOn: string): boolean {
  return dueDate !== null && answeredOn > dueDate
}

/**
 * Art. 25: a consumer may take a refusal, a partial approval or a request left unanswered past
 * its due date to the bureau.
 */
export function isDisputable(
  request: { status: string; dueDate: string | null; requestedCount: number },
  grantedCount: number,
  today: string,
): boolean {
  switch (request.status) {
    case 'rejected':
      return true
    case 'granted':
      return grantedCount < request.requestedCount
    case 'pending':
    case 'overdue':
      return request.dueDate !== null && isRequestOverdue(request.status, request.dueDate, today)
    default:
      return false
  }
}

/** A grant serves while live and through its last valid day (Asia/Shanghai dates). */
export function grantStatus(grant: { status: string; validTo: string | null }, today: string): GrantStatus {
  if (grant.status === 'revoked') {
    return 'revoked'
  }
  if (grant.validTo !== null && today > grant.validTo) {
    return 'expired'
  }
  return 'live'
}
