/** The portal's own view of the API replies (read from the server's TypeBox schemas). */

export const ROLES = [
  'platform_admin',
  'bureau_reviewer',
  'dept_admin',
  'cataloger',
  'approver',
  'consumer',
  'auditor',
  'security_officer',
  'security_contact',
] as const
export type Role = (typeof ROLES)[number]

export interface SessionUser {
  id: string
  username: string
  displayName: string
  departmentId: string
  roles: Role[]
  mustChangePassword: boolean
}

export interface LoginReply {
  token: string
  expiresAt: string
  user: SessionUser
  /** enrolment_required: the session may only enrol a second factor (issue 13). */
  secondFactor?: 'none' | 'verified' | 'enrolment_required'
}

export interface MfaEnrolment {
  secret: string
  otpauthUri: string
  qrDataUrl: string
}

export interface Page<T> {
  items: T[]
  total: number
}

export interface Department {
  id: string
  code: string
  name: string
  level: 'city' | 'county' | 'township'
  parentId: string | null
  zone: string
  createdAt: string
}

export interface User {
  id: string
  username: string
  displayName: string
  departmentId: string
  roles: Role[]
  status: string
  mustChangePassword: boolean
  createdAt: string
}

/** Issue 13: what a user-upkeep action answers. */
export interface UpkeepReply {
  user: User
  sessionsEnded: number
  wasLocked?: boolean
}

export interface SignInEntry {
  seq: number
  at: string
  action: string
  ok: boolean
  reason: string | null
}

/** Issue 13: an API client (a department system's client-credentials identity). */
export const CLIENT_ROLES = ['cataloger', 'consumer'] as const satisfies readonly Role[]

export interface ApiClientView {
  id: string
  clientId: string
  name: string
  departmentId: string
  roles: Role[]
  /** active | revoked */
  status: string
  createdAt: string
}

/** What creation answers: the view and the secret, shown once. */
export interface CreatedClient extends ApiClientView {
  clientSecret: string
}

/** One client's security settings; allowedCidrs null: any address may call. */
export interface ClientSecurityView {
  id: string
  clientId: string
  name: string
  departmentId: string
  status: string
  createdAt: string
  allowedCidrs: string[] | null
  secretRotatedAt: string | null
}

export interface RotatedSecret {
  clientId: string
  clientSecret: string
}

export const CATEGORIES = ['base', 'theme', 'department'] as const
export const FORMATS = [
  'file',
  'spreadsheet',
  'database',
  'image',
  'stream',
  'self_describing',
  'other',
] as const
export const SHARE_TYPES = ['unconditional', 'conditional', 'none'] as const
export const SHARE_METHODS = ['api', 'database', 'file', 'email', 'media'] as const
export const UPDATE_CYCLES = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'yearly',
  'other',
] as const
export const DATA_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean'] as const
export const SENSITIVITIES = [
  'none',
  'id_number',
  'phone',
  'name',
  'address',
  'bank_card',
  'email',
  'other_personal',
] as const
export const ZONES = ['external', 'internal'] as const
export const RESOURCE_STATUSES = ['draft', 'submitted', 'returned', 'published', 'withdrawn'] as const
export const THEMES = [
  'population',
  'legal_entity',
  'natural_resources',
  'social_credit',
  'e_licence',
  'health',
  'social_security',
  'food_drug',
  'work_safety',
  'prices',
  'energy',
  'urban_construction',
  'community',
  'ecology',
  'emergency',
] as const

export type ShareType = (typeof SHARE_TYPES)[number]

export interface ItemInput {
  name: string
  dataType: (typeof DATA_TYPES)[number]
  key?: boolean
  sensitivity?: (typeof SENSITIVITIES)[number]
  length?: number
  description?: string
}

export interface ResourceInput {
  name: string
  summary: string
  category: (typeof CATEGORIES)[number]
  theme?: (typeof THEMES)[number]
  format: (typeof FORMATS)[number]
  shareType: ShareType
  shareCondition?: string
  legalBasis?: string
  shareMethod: (typeof SHARE_METHODS)[number]
  updateCycle: (typeof UPDATE_CYCLES)[number]
  zone?: (typeof ZONES)[number]
  items: ItemInput[]
}

export interface ItemView {
  id: string
  code: string
  name: string
  dataType: string
  key: boolean
  sensitivity: string
  length: number | null
  description: string | null
  authoritativeItemCode: string | null
}

export interface ResourceView {
  id: string
  code: string
  providerId: string
  status: string
  version: number
  publishedVersion: number | null
  name: string
  summary: string
  category: string
  theme: string | null
  classCode: string
  format: string
  shareType: string
  shareCondition: string | null
  legalBasis: string | null
  shareMethod: string
  openType: string
  updateCycle: string
  zone: string
  publishedAt: string | null
  reviewComment: string | null
  withdrawnReason: string | null
  createdAt: string
  updatedAt: string
  items: ItemView[]
  warnings?: Array<{ code: string; message: string; itemName: string }>
}

export interface ResourceSummary {
  id: string
  code: string
  name: string
  providerId: string
  status: string
  version: number
  publishedVersion: number | null
  category: string
  shareType: string
  updatedAt: string
}

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

export interface VersionView {
  version: number
  status: string
  createdAt: string
  createdBy: string | null
  submittedAt: string | null
  reviewedAt: string | null
  reviewComment: string | null
  changes: FieldChange[]
}

export interface ReviewQueueItem {
  id: string
  code: string
  name: string
  providerId: string
  version: number
  submittedAt: string | null
}

export interface DeadlineView {
  id: string
  kind: 'county_filing' | 'legal_change' | 'annual_confirmation'
  resourceId: string
  resourceCode: string
  resourceName: string
  departmentId: string
  openedOn: string
  dueDate: string
  provisional: boolean
  metAt: string | null
  late: boolean
  status: 'due' | 'overdue' | 'met'
  note: string | null
}

export interface ImportSummary {
  created: number
  updated: number
  unchanged: number
  resources: Array<{ code: string; id: string; action: string }>
}

/** details.problems of CATALOG_IMPORT_INVALID. */
export interface ImportProblem {
  sheet: string
  row: number
  column?: string
  reason: string
  code?: string
}

export interface SharedItem {
  id: string
  code: string
  name: string
  summary: string
  providerId: string
  shareType: string
  category: string
  theme: string | null
  format: string
  updateCycle: string
  zone: string
  publishedAt: string
  score: number
}

export const FACETS = [
  'providerId',
  'category',
  'theme',
  'shareType',
  'format',
  'updateCycle',
  'zone',
] as const
export type Facet = (typeof FACETS)[number]

export interface SharedResult {
  items: SharedItem[]
  total: number
  totalExact: boolean
  facets: Record<Facet, Array<{ value: string; count: number }>>
  page: number
  pageSize: number
}

/** Issue 11: how a grant may be used, least data first; each mode allows the ones before it. */
export const ACCESS_MODES = ['verify', 'lookup', 'bulk'] as const
export type AccessMode = (typeof ACCESS_MODES)[number]

/** Only rows whose (non-personal) item holds one of the values are served. */
export interface RowScope {
  item: string
  values: string[]
}

export interface SharingRequest {
  id: string
  resourceId: string
  resourceName: string
  providerId: string
  consumerId: string
  requester: string
  items: string[]
  purpose: string
  basis: string | null
  validTo: string | null
  status: string
  dueDate: string | null
  dueDateProvisional: boolean
  grantId: string | null
  /** The mode asked for (null on requests older than issue 11). */
  accessMode: AccessMode | null
  decision: {
    decision: string
    items: string[] | null
    reason: string | null
    decidedAt: string
    late: boolean
  } | null
  dispute: {
    id: string
    reason: string
    status: string
    resolution: string | null
    resolutionReason: string | null
  } | null
  createdAt: string
}

export interface Dispute {
  id: string
  requestId: string
  resourceId: string
  resourceName: string
  consumerId: string
  providerId: string
  reason: string
  status: string
  raisedAt: string
  resolution: string | null
  resolutionReason: string | null
}

export interface Grant {
  id: string
  resourceId: string
  resourceName: string
  providerId: string
  consumerId: string
  requestId: string
  items: string[]
  purpose: string
  validTo: string | null
  plain: boolean
  accessMode: AccessMode
  modeReason: string | null
  /** Records a day; null: the resource's default budget. */
  dailyBudget: number | null
  rowScope: RowScope | null
  status: 'live' | 'expired' | 'revoked'
  revokeReason: string | null
  createdAt: string
}

export interface NewRequest {
  resourceId: string
  items: string[]
  purpose: string
  basis?: string
  validTo?: string
  accessMode?: AccessMode
}

export interface DecisionBody {
  decision: 'approve' | 'reject'
  items?: string[]
  reason?: string
  plain?: boolean
  /** At most the mode requested. */
  accessMode?: AccessMode
  /** Required to grant bulk on a resource with personal items. */
  modeReason?: string
  dailyBudget?: number
  rowScope?: RowScope
}

/** The provider narrows a live grant; null clears a budget or a row scope. */
export interface GrantLimitsBody {
  accessMode?: AccessMode
  modeReason?: string
  dailyBudget?: number | null
  rowScope?: RowScope | null
  reason: string
}

export interface RecordReply {
  record: Record<string, unknown>
  grantId: string
  /** Art. 26: true while an objection to this record is open (it is served all the same). */
  underVerification?: boolean
  objectionIds?: string[]
}

export interface RecordPage {
  items: Array<Record<string, unknown>>
  total: number
  grantId: string
}

/** Verification (核验): per key, whether a record exists and whether each value sent matches. */
export interface VerifyCheckResult {
  /** Masked like its item. */
  key: string
  recordFound: boolean
  matches: Record<string, boolean>
}

export interface ExchangeVerifyReply {
  results: VerifyCheckResult[]
  grantId: string
}

/** details of EXCHANGE_QUOTA_EXCEEDED / EXCHANGE_READS_SUSPENDED (429). */
export interface QuotaDetails {
  grantId?: string
  dailyBudget?: number
  used?: number
  resetAt?: string
  retryAfterSeconds?: number
}

export interface ExchangeSettings {
  dailyBudget: number
  caseRefRequired: boolean
  updatedAt: string | null
  updatedBy: string | null
}

export interface AuditEntry {
  seq: number
  at: string
  actor: string
  actorType: string
  departmentId: string | null
  action: string
  object: string | null
  objectType: string | null
  details: unknown
  hash: string
}

export interface VerifyReply {
  ok: boolean
  entries: number
  head?: string
  firstBadSeq?: number
  problem?: string
}

export interface Notification {
  id: string
  kind: string
  titleZh: string
  titleEn: string
  bodyZh: string
  bodyEn: string
  objectType: string | null
  objectId: string | null
  createdAt: string
  readAt: string | null
}

export interface CalendarOverride {
  date: string
  kind: 'holiday' | 'workday'
  name: string | null
  createdAt: string
  createdBy: string
}

export interface CalendarYear {
  year: number
  official: boolean
  source: 'package' | 'bureau' | null
  loadedAt: string | null
}

// Statistics (Art. 27)

export type StatsGroupBy = 'department' | 'resource' | 'month'

export interface StatisticsCounts {
  queries: number
  recordsServed: number
  grantsCreated: number
  requests: number
  resourcesPublished: number
  itemsPublished: number
}

export interface StatisticsRow extends StatisticsCounts {
  key: string
  label: string
}

export interface StatisticsView {
  from: string
  to: string
  groupBy: StatsGroupBy
  departmentId: string | null
  rows: StatisticsRow[]
  totals: StatisticsCounts
}

export interface StatisticsSummary {
  asOf: string
  departments: number
  publishedResources: number
  items: number
  grantsLive: number
  queriesLast30Days: number
}

// Evaluation (Art. 34-35)

export const INDICATOR_KEYS = [
  'participation',
  'catalogEntries',
  'catalogItems',
  'unconditionalShare',
  'answerRate',
  'answerSpeed',
  'onTimeAnswers',
  'updateTimeliness',
  'objectionsOnTime',
  'sharingFrequency',
  'dataUse',
] as const
export type IndicatorKey = (typeof INDICATOR_KEYS)[number]
export type Weights = Record<IndicatorKey, number>

export interface IndicatorView {
  key: IndicatorKey
  zh: string
  en: string
  weight: number
  available: boolean
}

export interface EvaluationRow {
  departmentId: string
  departmentName: string
  rank: number | null
  score: number | null
  values: Record<IndicatorKey, number | null>
  advice: Array<{ indicator: string; value: number; zh: string; en: string }>
}

export interface EvaluationView {
  from: string
  to: string
  weights: Weights
  indicators: IndicatorView[]
  departmentsRanked: number
  items: EvaluationRow[]
}

// Exchange for providers (Art. 9, 18)

export interface FileProblem {
  row: number
  record: number
  item: string
  reason: string
}

export interface FileReply {
  dryRun: boolean
  complete: boolean
  read: number
  skipped: number
  batches: number
  stored: number
  resumeSkip: number
  inserted: number
  updated: number
  unchanged: number
  badRows: number
  problems: FileProblem[]
  missingItems: string[]
  seconds: number
}

export interface AccessLogEntry {
  seq: number
  at: string
  actor: string
  departmentId: string | null
  action: string
  details: unknown
}

/** Issue 11: one read (or refused read) of one person's record, from the audit log. */
export interface KeyReader {
  seq: number
  at: string
  departmentId: string | null
  departmentName: string | null
  actor: string
  action: 'exchange.read' | 'exchange.denied'
  grantId: string | null
  purpose: string | null
  caseRef: string | null
  records: number | null
  keysAsked: number
  code: string | null
}

export interface KeyReadersReply {
  /** Masked like its item: the plain key never comes back. */
  key: string
  resourceId: string
  resourceName: string
  items: KeyReader[]
  capped: boolean
  querySeq: number
}

export interface FreshnessItem {
  resourceId: string
  code: string
  name: string
  providerId: string
  updateCycle: string
  records: number
  lastArrivalAt: string | null
  lastSourceChangeAt: string | null
  medianLagDays: number | null
  maxLagDays: number | null
  lateRecords: number
  cycleOverdue: boolean
}

// Objections (Art. 26)

export type ObjectionStatus = 'open' | 'corrected' | 'confirmed'

export interface Objection {
  id: string
  resourceId: string
  resourceName: string
  providerId: string
  consumerId: string
  maskedKey: string
  item: string | null
  evidence: string
  status: ObjectionStatus
  dueDate: string
  dueDateProvisional: boolean
  overdue: boolean
  raisedBy: string
  recordVersion: number
  answeredAt: string | null
  answeredBy: string | null
  answer: string | null
  late: boolean
  correctionVersion: number | null
  createdAt: string
}
