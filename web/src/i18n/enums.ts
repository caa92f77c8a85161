/**
 * Labels of the API's closed vocabularies, by kind then value. The server declares each vocabulary
 * with its zh-CN / en labels (vocabulary.ts beside each module's schema.ts); the Excel template uses
 * the same tables, so a value reads the same in the portal and in a department's workbook.
 */
import { DAY_KIND_LABELS } from '../../../src/modules/calendar/vocabulary'
import {
  CATEGORY_LABELS,
  DATA_TYPE_LABELS,
  DEADLINE_KIND_LABELS,
  DEADLINE_STATUS_LABELS,
  FORMAT_LABELS,
  OPEN_TYPE_LABELS,
  RESOURCE_STATUS_LABELS,
  SENSITIVITY_LABELS,
  SHARE_METHOD_LABELS,
  SHARE_TYPE_LABELS,
  THEME_LABELS,
  UPDATE_CYCLE_LABELS,
  ZONE_LABELS,
} from '../../../src/modules/catalog/vocabulary'
import {
  MESSAGE_KIND_LABELS,
  OUTBOX_STATUS_LABELS,
  PEER_ROLE_LABELS,
  PEER_STATE_LABELS,
  REMOTE_REQUEST_STATUS_LABELS,
} from '../../../src/modules/federation/vocabulary'
import { LEVEL_LABELS, ROLE_LABELS } from '../../../src/modules/org/vocabulary'
import { OBJECTION_STATUS_LABELS } from '../../../src/modules/quality/vocabulary'
import {
  ACCESS_MODE_LABELS,
  DECISION_LABELS,
  DISPUTE_STATUS_LABELS,
  GRANT_STATUS_LABELS,
  REQUEST_STATUS_LABELS,
  RESOLUTION_LABELS,
} from '../../../src/modules/sharing/vocabulary'
import {
  INCIDENT_ROUTE_LABELS,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_STATUS_LABELS,
  NOTICE_KIND_LABELS,
  NOTICE_STATUS_LABELS,
  REPORT_STATUS_LABELS,
} from '../../../src/modules/supervision/rectification/vocabulary'
import type { Label } from '../../../src/shared/schema'

type Labels = Record<string, Record<string, string>>

const SERVER_LABELS: Record<string, Readonly<Record<string, Label>>> = {
  role: ROLE_LABELS,
  level: LEVEL_LABELS,
  category: CATEGORY_LABELS,
  theme: THEME_LABELS,
  format: FORMAT_LABELS,
  shareType: SHARE_TYPE_LABELS,
  shareMethod: SHARE_METHOD_LABELS,
  openType: OPEN_TYPE_LABELS,
  updateCycle: UPDATE_CYCLE_LABELS,
  zone: ZONE_LABELS,
  dataType: DATA_TYPE_LABELS,
  sensitivity: SENSITIVITY_LABELS,
  resourceStatus: RESOURCE_STATUS_LABELS,
  deadlineKind: DEADLINE_KIND_LABELS,
  deadlineStatus: DEADLINE_STATUS_LABELS,
  requestStatus: REQUEST_STATUS_LABELS,
  grantStatus: GRANT_STATUS_LABELS,
  decision: DECISION_LABELS,
  disputeStatus: DISPUTE_STATUS_LABELS,
  resolution: RESOLUTION_LABELS,
  accessMode: ACCESS_MODE_LABELS,
  dayKind: DAY_KIND_LABELS,
  objectionStatus: OBJECTION_STATUS_LABELS,
  noticeKind: NOTICE_KIND_LABELS,
  noticeStatus: NOTICE_STATUS_LABELS,
  severity: INCIDENT_SEVERITY_LABELS,
  incidentStatus: INCIDENT_STATUS_LABELS,
  incidentRoute: INCIDENT_ROUTE_LABELS,
  reportStatus: REPORT_STATUS_LABELS,
  peerState: PEER_STATE_LABELS,
  peerRole: PEER_ROLE_LABELS,
  outboxStatus: OUTBOX_STATUS_LABELS,
  messageKind: MESSAGE_KIND_LABELS,
  remoteRequestStatus: REMOTE_REQUEST_STATUS_LABELS,
}

function inLanguage(lang: keyof Label): Labels {
  return Object.fromEntries(
    Object.entries(SERVER_LABELS).map(([kind, labels]) => [
      kind,
      Object.fromEntries(Object.entries(labels).map(([value, label]) => [value, label[lang]])),
    ]),
  )
}

/**
 * Issue 12: what an audit entry is about and the usual fields of its details — words of the audit
 * page only (the server sends no such list); other fields show their own name.
 */
const auditZh: Labels = {
  objectType: {
    resource: '数据资源',
    grant: '共享授权',
    sharing_request: '共享申请',
    user: '用户',
    api_client: '接口客户端',
    department: '部门',
    objection: '数据异议',
    rectification_notice: '整改通知',
    security_incident: '安全事件',
    anomaly: '异常访问',
    annual_report: '年度报告',
    it_project: '信息化项目',
    notification: '通知',
    setting: '平台设置',
    platform_setting: '平台设置',
    audit_quarantine: '隔离的审计记录',
    calendar_day: '日历日期',
    calendar_year: '日历年度',
    catalog_class: '目录分类',
    consistency_check: '一致性比对',
    consistency_run: '一致性比对批次',
    item: '信息项',
    search_synonym: '检索同义词',
  },
  auditDetail: {
    caseRef: '业务编号',
    purpose: '用途',
    grantId: '授权编号',
    records: '记录数',
    keys: '查询标识（已脱敏）',
    key: '查询标识（已脱敏）',
    keyHashes: '标识哈希',
    keyHash: '标识哈希',
    items: '数据项',
    mode: '使用方式',
    code: '结果代码',
    error: '错误代码',
    reason: '理由',
    found: '检索结果数',
    format: '文件格式',
    rows: '行数',
    filters: '检索条件',
  },
}

const auditEn: Labels = {
  objectType: {
    resource: 'Resource',
    grant: 'Grant',
    sharing_request: 'Sharing request',
    user: 'User',
    api_client: 'API client',
    department: 'Department',
    objection: 'Objection',
    rectification_notice: 'Rectification notice',
    security_incident: 'Security incident',
    anomaly: 'Anomaly',
    annual_report: 'Annual report',
    it_project: 'IT project',
    notification: 'Notification',
    setting: 'Platform setting',
    platform_setting: 'Platform setting',
    audit_quarantine: 'Quarantined audit rows',
    calendar_day: 'Calendar day',
    calendar_year: 'Calendar year',
    catalog_class: 'Catalog class',
    consistency_check: 'Consistency check',
    consistency_run: 'Consistency run',
    item: 'Item',
    search_synonym: 'Search synonym',
  },
  auditDetail: {
    caseRef: 'Case reference',
    purpose: 'Purpose',
    grantId: 'Grant',
    records: 'Records',
    keys: 'Keys (masked)',
    key: 'Key (masked)',
    keyHashes: 'Key hashes',
    keyHash: 'Key hash',
    items: 'Items',
    mode: 'Access mode',
    code: 'Result code',
    error: 'Error code',
    reason: 'Reason',
    found: 'Entries found',
    format: 'File format',
    rows: 'Rows',
    filters: 'Search filters',
  },
}

export const enumsZh: Labels = { ...inLanguage('zh'), ...auditZh }
export const enumsEn: Labels = { ...inLanguage('en'), ...auditEn }
