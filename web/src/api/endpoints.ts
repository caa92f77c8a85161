/** One function per API call the portal makes; pages import these, never paths. */
import { api, apiBlob, apiBlobPost, del, get, post, put } from './client'
import type {
  AccessLogEntry,
  ApiClientView,
  AuditEntry,
  CalendarOverride,
  CalendarYear,
  ClientSecurityView,
  CreatedClient,
  DeadlineView,
  DecisionBody,
  Department,
  Dispute,
  EvaluationView,
  ExchangeSettings,
  ExchangeVerifyReply,
  FileReply,
  FreshnessItem,
  Grant,
  GrantLimitsBody,
  ImportSummary,
  KeyReadersReply,
  LoginReply,
  MfaEnrolment,
  NewRequest,
  Notification,
  Objection,
  ObjectionStatus,
  Page,
  RecordPage,
  RecordReply,
  ResourceInput,
  ResourceSummary,
  ResourceView,
  ReviewQueueItem,
  Role,
  RotatedSecret,
  SharedResult,
  SharingRequest,
  SignInEntry,
  StatisticsSummary,
  StatisticsView,
  StatsGroupBy,
  UpkeepReply,
  User,
  VerifyReply,
  VersionView,
  Weights,
} from './types'

const enc = encodeURIComponent
export const CSV_TYPE = 'text/csv'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const auth = {
  login: (username: string, password: string, totp?: string) =>
    post<LoginReply>('/auth/login', { username, password, ...(totp ? { totp } : {}) }),
  startMfa: () => post<MfaEnrolment>('/auth/mfa/enrol'),
  confirmMfa: (code: string) => post<{ recoveryCodes: string[] }>('/auth/mfa/confirm', { code }),
  logout: () => post<void>('/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<void>('/auth/password', { currentPassword, newPassword }),
}

export const org = {
  departments: () => get<{ items: Department[] }>('/departments'),
  createDepartment: (body: { code: string; name: string; level: string; parentId?: string }) =>
    post<Department>('/departments', body),
  users: () => get<{ items: User[] }>('/users'),
  createUser: (body: {
    username: string
    password: string
    displayName?: string
    departmentId: string
    roles: Role[]
  }) => post<User>('/users', body),
  // Issue 13: user upkeep
  disableUser: (id: string) => post<UpkeepReply>(`/users/${enc(id)}/disable`, {}),
  enableUser: (id: string) => post<UpkeepReply>(`/users/${enc(id)}/enable`, {}),
  unlockUser: (id: string) => post<UpkeepReply>(`/users/${enc(id)}/unlock`, {}),
  resetPassword: (id: string) =>
    post<{ user: User; temporaryPassword: string }>(`/users/${enc(id)}/password-reset`, {}),
  setRoles: (id: string, roles: Role[]) => put<UpkeepReply>(`/users/${enc(id)}/roles`, { roles }),
  signIns: (id: string) => get<{ items: SignInEntry[] }>(`/users/${enc(id)}/sign-ins`),
  /** Removes the user's second factor (lost device) and ends their sessions; answers 204. */
  resetMfa: (id: string, reason: string) => post<void>(`/users/${enc(id)}/mfa/reset`, { reason }),
  // Issue 13: API clients (the secret is in the reply once, never again)
  clients: () => get<{ items: ApiClientView[] }>('/clients'),
  client: (id: string) => get<ClientSecurityView>(`/clients/${enc(id)}`),
  createClient: (body: { name: string; departmentId: string; roles: Role[] }) =>
    post<CreatedClient>('/clients', body),
  rotateSecret: (id: string) => post<RotatedSecret>(`/clients/${enc(id)}/rotate-secret`),
  revokeClient: (id: string, reason: string) =>
    post<ClientSecurityView>(`/clients/${enc(id)}/revoke`, { reason }),
  /** null: any address may call. */
  setAllowedAddresses: (id: string, cidrs: string[] | null) =>
    put<ClientSecurityView>(`/clients/${enc(id)}/allowed-addresses`, { cidrs }),
}

export const catalog = {
  shared: (query: Record<string, string | number | undefined>) => get<SharedResult>('/catalog/shared', query),
  mine: (query: { status?: string; page?: number; pageSize?: number }) =>
    get<Page<ResourceSummary>>('/catalog/resources', query),
  resource: (id: string) => get<ResourceView>(`/catalog/resources/${enc(id)}`),
  create: (body: ResourceInput) => post<ResourceView>('/catalog/resources', body),
  update: (id: string, body: ResourceInput) => put<ResourceView>(`/catalog/resources/${enc(id)}`, body),
  submit: (id: string) => post<ResourceView>(`/catalog/resources/${enc(id)}/submit`),
  versions: (id: string) => get<{ items: VersionView[] }>(`/catalog/resources/${enc(id)}/versions`),
  review: (id: string, decision: 'approve' | 'return', comment?: string) =>
    post<ResourceView>(`/catalog/resources/${enc(id)}/review`, { decision, comment }),
  reviewQueue: () => get<{ items: ReviewQueueItem[] }>('/catalog/review-queue'),
  deadlines: (status?: string) => get<{ items: DeadlineView[] }>('/catalog/deadlines', { status }),
  importWorkbook: (data: ArrayBuffer) =>
    api<ImportSummary>('POST', '/catalog/import', { binary: { data, type: XLSX_TYPE } }),
  exportWorkbook: () => apiBlob('/catalog/export'),
}

export const sharing = {
  apply: (body: NewRequest) => post<SharingRequest>('/sharing/requests', body),
  requests: (direction: 'outgoing' | 'incoming', status?: string) =>
    get<Page<SharingRequest>>('/sharing/requests', { direction, status, pageSize: 200 }),
  decide: (id: string, body: DecisionBody) =>
    post<SharingRequest>(`/sharing/requests/${enc(id)}/decision`, body),
  dispute: (id: string, reason: string) =>
    post<SharingRequest>(`/sharing/requests/${enc(id)}/dispute`, { reason }),
  request: (id: string) => get<SharingRequest>(`/sharing/requests/${enc(id)}`),
  disputes: (status?: 'open' | 'resolved') => get<{ items: Dispute[] }>('/sharing/disputes', { status }),
  arbitrate: (
    requestId: string,
    body: { decision: 'grant' | 'partial' | 'uphold'; items?: string[]; reason: string },
  ) => post<SharingRequest>(`/sharing/requests/${enc(requestId)}/arbitration`, body),
  grants: (status?: 'live' | 'expired' | 'revoked') => get<{ items: Grant[] }>('/grants', { status }),
  /** Issue 11: the provider narrows a live grant (mode, daily budget, row scope). */
  limitGrant: (id: string, body: GrantLimitsBody) => post<Grant>(`/grants/${enc(id)}/limits`, body),
}

/** Where a read names the case it serves (办件编号) and the grant it runs under. */
export interface ReadContext {
  grantId?: string
  caseRef?: string
}

export const exchange = {
  record: (resourceId: string, key: string, context: ReadContext = {}) =>
    get<RecordReply>(`/exchange/resources/${enc(resourceId)}/records/${enc(key)}`, { ...context }),
  /** A page of records: bulk grants only. */
  records: (
    resourceId: string,
    query: ReadContext & { page: number; pageSize: number; filters?: Record<string, string> },
  ) =>
    get<RecordPage>(`/exchange/resources/${enc(resourceId)}/records`, {
      ...query,
      filters:
        query.filters && Object.keys(query.filters).length > 0 ? JSON.stringify(query.filters) : undefined,
    }),
  /** Match / no match per item for values the consumer holds; never a stored value. */
  verify: (
    resourceId: string,
    checks: Array<{ key: string; items: Record<string, string> }>,
    context: ReadContext = {},
  ) => post<ExchangeVerifyReply>(`/exchange/resources/${enc(resourceId)}/verify`, { checks, ...context }),
  /** Every record a bulk grant may read, as CSV. */
  exportCsv: (resourceId: string, context: ReadContext & { filters?: Record<string, string> }) =>
    apiBlob(`/exchange/resources/${enc(resourceId)}/export`, {
      ...context,
      filters:
        context.filters && Object.keys(context.filters).length > 0
          ? JSON.stringify(context.filters)
          : undefined,
    }),
  settings: (resourceId: string) => get<ExchangeSettings>(`/exchange/resources/${enc(resourceId)}/settings`),
  saveSettings: (resourceId: string, body: { dailyBudget: number; caseRefRequired: boolean }) =>
    put<ExchangeSettings>(`/exchange/resources/${enc(resourceId)}/settings`, body),
  /** The CSV goes as the raw body: the server streams it into batches. */
  uploadCsv: (resourceId: string, data: ArrayBuffer, dryRun = false) =>
    api<FileReply>('POST', `/exchange/resources/${enc(resourceId)}/records/file`, {
      query: { dryRun: dryRun || undefined },
      binary: { data, type: CSV_TYPE },
    }),
  accessLog: (resourceId: string, limit = 100) =>
    get<{ items: AccessLogEntry[] }>(`/exchange/resources/${enc(resourceId)}/access-log`, { limit }),
  freshness: () => get<{ items: FreshnessItem[] }>('/exchange/freshness'),
  /** The key goes in the body, never the URL: URLs are logged. */
  keyReaders: (resourceId: string, key: string) =>
    post<KeyReadersReply>(`/exchange/resources/${enc(resourceId)}/key-readers`, { key }),
  keyReadersReport: (resourceId: string, key: string, lang: 'zh-CN' | 'en') =>
    apiBlobPost(`/exchange/resources/${enc(resourceId)}/key-readers/report`, { key, lang }),
}

export interface Period {
  from?: string
  to?: string
}

export const statistics = {
  view: (query: Period & { groupBy: StatsGroupBy; departmentId?: string }) =>
    get<StatisticsView>('/statistics', { ...query }),
  summary: () => get<StatisticsSummary>('/statistics/summary'),
  export: (query: Period & { groupBy: StatsGroupBy; format: 'csv' | 'xlsx' }) =>
    apiBlob('/statistics/export', { ...query }),
}

export const evaluation = {
  view: (period: Period) => get<EvaluationView>('/evaluation', { ...period }),
  weights: () => get<Weights>('/evaluation/weights'),
  setWeights: (body: Partial<Weights>) => put<Weights>('/evaluation/weights', body),
  report: (query: Period & { format: 'html' | 'xlsx'; lang: 'zh-CN' | 'en' }) =>
    apiBlob('/evaluation/report', { ...query }),
}

export const quality = {
  objections: (query: { direction: 'outgoing' | 'incoming' | 'all'; status?: ObjectionStatus }) =>
    get<Page<Objection>>('/quality/objections', { ...query, pageSize: 100 }),
  raise: (body: { resourceId: string; key: string; item?: string; evidence: string }) =>
    post<Objection>('/quality/objections', body),
  answer: (id: string, body: { outcome: 'corrected' | 'confirmed'; reason?: string }) =>
    post<Objection>(`/quality/objections/${enc(id)}/answer`, body),
}

export const audit = {
  entries: (query: {
    action?: string
    departmentId?: string
    afterSeq?: number
    page: number
    pageSize: number
  }) => get<Page<AuditEntry>>('/audit/entries', query),
  verify: () => get<VerifyReply>('/audit/verify'),
}

export const calendar = {
  addWorkingDays: (from: string, days: number) =>
    get<{ date: string; provisional: boolean }>('/calendar/add-working-days', { from, days }),
  overrides: (year?: number) => get<{ items: CalendarOverride[] }>('/calendar/overrides', { year }),
  setOverride: (date: string, kind: 'holiday' | 'workday', name?: string) =>
    put<CalendarOverride>(`/calendar/overrides/${enc(date)}`, { kind, name }),
  removeOverride: (date: string) => del<void>(`/calendar/overrides/${enc(date)}`),
  years: () =>
    get<{ currentYear: number; nextYearOfficial: boolean; items: CalendarYear[] }>('/calendar/years'),
}

export const notifications = {
  list: () => get<Page<Notification> & { unread: number }>('/notifications', { pageSize: 10 }),
  markRead: (id: string) => post<unknown>(`/notifications/${enc(id)}/read`),
}
