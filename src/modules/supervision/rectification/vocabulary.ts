/** Oversight's closed vocabularies with their labels, shared by the server and the portal (issue 15). */
import type { Labels } from '../../../shared/schema.js'
import type { IncidentRoute, NoticeKind, NoticeStatus } from './rules.js'

export const NOTICE_KIND_LABELS: Labels<NoticeKind> = {
  catalog_overdue: { zh: '目录编制或更新超期', en: 'Catalog compiled or updated late' },
  request_unanswered: { zh: '共享申请逾期未答复', en: 'Sharing request unanswered past due' },
  data_late: { zh: '数据未按期更新', en: 'Data not updated on time' },
  inconsistency: { zh: '数据不一致未处理', en: 'Inconsistent data left unresolved' },
  objection_late: { zh: '数据异议逾期核实', en: 'Objection verified late' },
  misuse: { zh: '超出授权用途使用', en: 'Use outside the granted purpose' },
  other: { zh: '其他', en: 'Other' },
}

export const NOTICE_STATUS_LABELS: Labels<NoticeStatus> = {
  draft: { zh: '待签发', en: 'Draft' },
  issued: { zh: '待答复', en: 'Issued' },
  responded: { zh: '已答复', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed' },
  escalated: { zh: '逾期未答复', en: 'Escalated' },
}

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high'] as const
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number]

export const INCIDENT_SEVERITY_LABELS: Labels<IncidentSeverity> = {
  low: { zh: '一般', en: 'Low' },
  medium: { zh: '较大', en: 'Medium' },
  high: { zh: '重大', en: 'High' },
}

export const INCIDENT_STATUS_LABELS: Labels<'open' | 'closed'> = {
  open: { zh: '处置中', en: 'Open' },
  closed: { zh: '已关闭', en: 'Closed' },
}

export const INCIDENT_ROUTE_LABELS: Labels<IncidentRoute> = {
  bureau: { zh: '大数据局', en: 'The bureau' },
  cyberspace_office: { zh: '网信部门', en: 'Cyberspace office' },
  police: { zh: '公安机关', en: 'Police' },
}

export const REPORT_STATUS_LABELS: Labels<'missing' | 'draft' | 'submitted' | 'returned'> = {
  missing: { zh: '未生成', en: 'Not generated' },
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
}
