/** Sharing's closed vocabularies and their labels, shared by the server and the portal. */
import type { Labels } from '../../shared/schema.js'

/** Issue 11: how a grant may be used, least data first; each mode allows the ones before it. */
export const ACCESS_MODES = ['verify', 'lookup', 'bulk'] as const
export type AccessMode = (typeof ACCESS_MODES)[number]

export const REQUEST_STATUSES = ['pending', 'overdue', 'granted', 'rejected', 'disputed'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

export const GRANT_STATUSES = ['live', 'expired', 'revoked'] as const
export type GrantStatus = (typeof GRANT_STATUSES)[number]

export const DECISIONS = ['approve', 'reject'] as const
export type Decision = (typeof DECISIONS)[number]

export const DISPUTE_STATUSES = ['open', 'resolved'] as const
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number]

/** How the bureau settles a dispute (Art. 25). */
export const RESOLUTIONS = ['grant', 'partial', 'uphold'] as const
export type Resolution = (typeof RESOLUTIONS)[number]

export const ACCESS_MODE_LABELS: Labels<AccessMode> = {
  verify: { zh: '核验', en: 'Verify' },
  lookup: { zh: '查询', en: 'Look up' },
  bulk: { zh: '批量', en: 'Bulk' },
}

export const REQUEST_STATUS_LABELS: Labels<RequestStatus> = {
  pending: { zh: '待审批', en: 'Pending' },
  overdue: { zh: '已超期', en: 'Overdue' },
  granted: { zh: '已授权', en: 'Granted' },
  rejected: { zh: '已拒绝', en: 'Refused' },
  disputed: { zh: '争议中', en: 'Disputed' },
}

export const GRANT_STATUS_LABELS: Labels<GrantStatus> = {
  live: { zh: '有效', en: 'Live' },
  expired: { zh: '已过期', en: 'Expired' },
  revoked: { zh: '已撤销', en: 'Revoked' },
}

/** A decision as a request shows it; `partial` is an approval of fewer items than asked. */
export const DECISION_LABELS: Labels<Decision | 'partial'> = {
  approve: { zh: '同意', en: 'Approved' },
  reject: { zh: '拒绝', en: 'Refused' },
  partial: { zh: '部分同意', en: 'Partly approved' },
}

export const DISPUTE_STATUS_LABELS: Labels<DisputeStatus> = {
  open: { zh: '待仲裁', en: 'Open' },
  resolved: { zh: '已裁决', en: 'Resolved' },
}

export const RESOLUTION_LABELS: Labels<Resolution> = {
  grant: { zh: '予以授权', en: 'Grant' },
  partial: { zh: '部分授权', en: 'Partial grant' },
  uphold: { zh: '维持原决定', en: 'Uphold' },
}
