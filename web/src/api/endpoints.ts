/** One function per API call the portal makes; pages import these, never paths. */

import type {
  VerifyReply as ChainVerifyReply,
  EntryPage,
  EntryQuery,
} from '../../../src/modules/audit/schema'
import type {
  AddWorkingDaysReply,
  ImportReply,
  OverrideList,
  OverrideView,
  YearDaysReply,
  YearsReply,
} from '../../../src/modules/calendar/schema'
import type { DayKind } from '../../../src/modules/calendar/vocabulary'
import type { ClassList, ClassView } from '../../../src/modules/catalog/classes/schema'
import type { ElementList } from '../../../src/modules/catalog/elements/schema'
import type { ImportSummary } from '../../../src/modules/catalog/excel/schema'
import type {
  DeadlineList,
  MyResourcesQuery,
  ResourceInput,
  ResourceSummaryPage,
  ResourceView,
  ReviewBody,
  ReviewQueue,
  VersionList,
} from '../../../src/modules/catalog/schema'
import type {
  Facet,
  SearchSynonym,
  SharedQuery,
  SharedResult,
} from '../../../src/modules/catalog/search/schema'
import type { ApplyReply, ImportReport, ImportStatus } from '../../../src/modules/county/schema'
import type { FreshnessList } from '../../../src/modules/exchange/freshness/schema'
import type {
  AccessLogReply,
  FileIngestReply,
  KeyReadersReply,
  ListReply,
  ReadQuery,
  ReadReply,
  SettingsView,
  VerifyReply,
} from '../../../src/modules/exchange/schema'
import type {
  OutboxStatus,
  OutboxView,
  PeerView,
  RemoteReadReply,
  RemoteRequestBody,
  RemoteRequestView,
  RemoteResourceView,
  SyncReply,
} from '../../../src/modules/federation/schema'
import type { NotificationPage, NotificationView } from '../../../src/modules/notifications/schema'
import type {
  ApiClientList,
  ClientSecurityView,
  ConfirmReply,
  CreatedClient,
  DepartmentList,
  DepartmentView,
  EnrolReply,
  LoginReply,
  NewClient,
  NewDepartment,
  NewUser,
  PasswordResetReply,
  RotatedSecret,
  SignInList,
  UpkeepReply,
  UserList,
  UserView,
} from '../../../src/modules/org/schema'
import type {
  AnswerBody,
  NewObjection,
  ObjectionPage,
  ObjectionQuery,
  ObjectionView,
} from '../../../src/modules/quality/schema'
import type {
  ArbitrationBody,
  DecisionBody,
  DecisionReply,
  DisputeList,
  DisputeReply,
  GrantLimitsBody,
  GrantList,
  GrantView,
  NewRequest,
  RequestPage,
  RequestView,
} from '../../../src/modules/sharing/schema'
import type { DisputeStatus, GrantStatus, RequestStatus } from '../../../src/modules/sharing/vocabulary'
import type {
  EvaluationView,
  GroupBy,
  PeriodQuery,
  ReportQuery,
  StatisticsExportQuery,
  StatisticsQuery,
  StatisticsView,
  SummaryView,
  Weights,
  WeightsBody,
} from '../../../src/modules/supervision/schema'
import { CSV_TYPE, type Role, XLSX_TYPE } from '../../../src/shared/schema'
import { api, apiBlob, apiBlobPost, del, get, post, put } from './client'

const enc = encodeURIComponent

export { CSV_TYPE, XLSX_TYPE }

export const auth = {
  login: (username: string, password: string, totp?: string) =>
    post<LoginReply>('/auth/login', { username, password, ...(totp ? { totp } : {}) }),
  startMfa: () => post<EnrolReply>('/auth/mfa/enrol'),
  confirmMfa: (code: string) => post<ConfirmReply>('/auth/mfa/confirm', { code }),
  logout: () => post<void>('/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<void>('/auth/password', { currentPassword, newPassword }),
}

export const org = {
  departments: () => get<DepartmentList>('/departments'),
  createDepartment: (body: NewDepartment) => post<DepartmentView>('/departments', body),
  users: () => get<UserList>('/users'),
  createUser: (body: NewUser) => post<UserView>('/users', body),
  // Issue 13: user upkeep
  disableUser: (id: string) => post<UpkeepReply>(`/users/${enc(id)}/disable`, {}),
  enableUser: (id: string) => post<UpkeepReply>(`/users/${enc(id)}/enable`, {}),
  unlockUser: (id: string) => post<UpkeepReply>(`/users/${enc(id)}/unlock`, {}),
  resetPassword: (id: string) => post<PasswordResetReply>(`/users/${enc(id)}/password-reset`, {}),
  setRoles: (id: string, roles: Role[]) => put<UpkeepReply>(`/users/${enc(id)}/roles`, { roles }),
  signIns: (id: string) => get<SignInList>(`/users/${enc(id)}/sign-ins`),
  /** Removes the user's second factor (lost device) and ends their sessions; answers 204. */
  resetMfa: (id: string, reason: string) => post<void>(`/users/${enc(id)}/mfa/reset`, { reason }),
  // Issue 13: API clients (the secret is in the reply once, never again)
  clients: () => get<ApiClientList>('/clients'),
  client: (id: string) => get<ClientSecurityView>(`/clients/${enc(id)}`),
  createClient: (body: NewClient) => post<CreatedClient>('/clients', body),
  rotateSecret: (id: string) => post<RotatedSecret>(`/clients/${enc(id)}/rotate-secret`),
  revokeClient: (id: string, reason: string) =>
    post<ClientSecurityView>(`/clients/${enc(id)}/revoke`, { reason }),
  /** null: any address may call. */
  setAllowedAddresses: (id: string, cidrs: string[] | null) =>
    put<ClientSecurityView>(`/clients/${enc(id)}/allowed-addresses`, { cidrs }),
}

export const catalog = {
  /** Facet filters hold values the search's own counts sent back (plain strings in SharedResult). */
  shared: (query: Omit<SharedQuery, Facet> & Partial<Record<Facet, string>>) =>
    get<SharedResult>('/catalog/shared', query),
  mine: (query: MyResourcesQuery) => get<ResourceSummaryPage>('/catalog/resources', query),
  resource: (id: string) => get<ResourceView>(`/catalog/resources/${enc(id)}`),
  create: (body: ResourceInput) => post<ResourceView>('/catalog/resources', body),
  update: (id: string, body: ResourceInput) => put<ResourceView>(`/catalog/resources/${enc(id)}`, body),
  submit: (id: string) => post<ResourceView>(`/catalog/resources/${enc(id)}/submit`),
  versions: (id: string) => get<VersionList>(`/catalog/resources/${enc(id)}/versions`),
  review: (id: string, decision: ReviewBody['decision'], comment?: string) =>
    post<ResourceView>(`/catalog/resources/${enc(id)}/review`, { decision, comment }),
  reviewQueue: () => get<ReviewQueue>('/catalog/review-queue'),
  deadlines: (status?: 'due' | 'overdue' | 'all') => get<DeadlineList>('/catalog/deadlines', { status }),
  importWorkbook: (data: ArrayBuffer) =>
    api<ImportSummary>('POST', '/catalog/import', { binary: { data, type: XLSX_TYPE } }),
  exportWorkbook: () => apiBlob('/catalog/export'),
  /** Issue 15: the search dictionary (read by anyone signed in, edited by the bureau). */
  synonyms: () => get<{ items: SearchSynonym[] }>('/catalog/search/synonyms'),
  setSynonym: (term: string, expansions: string[]) =>
    put<SearchSynonym>(`/catalog/search/synonyms/${enc(term)}`, { expansions }),
  removeSynonym: (term: string) => del<void>(`/catalog/search/synonyms/${enc(term)}`),
  /** Art. 16: data elements whose name or a synonym contains `q`, with their authoritative items. */
  elements: (q: string) => get<ElementList>('/catalog/elements', { q, limit: 10 }),
}

/** Issue 15 item 3: the 类/项/目/细目 tree (the bureau adds and renames nodes). */
export const classes = {
  list: () => get<ClassList>('/catalog/classes'),
  create: (code: string, name: string) => post<ClassView>('/catalog/classes', { code, name }),
  rename: (code: string, name: string) => put<ClassView>(`/catalog/classes/${enc(code)}`, { name }),
}

export const sharing = {
  apply: (body: NewRequest) => post<RequestView>('/sharing/requests', body),
  requests: (direction: 'outgoing' | 'incoming', status?: RequestStatus) =>
    get<RequestPage>('/sharing/requests', { direction, status, pageSize: 200 }),
  /** Answers the decision (status, grant, items granted), not the whole request: reload it to show it. */
  decide: (id: string, body: DecisionBody) =>
    post<DecisionReply>(`/sharing/requests/${enc(id)}/decision`, body),
  /** Answers the request's id and its new status (disputed). */
  dispute: (id: string, reason: string) =>
    post<DisputeReply>(`/sharing/requests/${enc(id)}/dispute`, { reason }),
  request: (id: string) => get<RequestView>(`/sharing/requests/${enc(id)}`),
  disputes: (status?: DisputeStatus) => get<DisputeList>('/sharing/disputes', { status }),
  arbitrate: (requestId: string, body: ArbitrationBody) =>
    post<RequestView>(`/sharing/requests/${enc(requestId)}/arbitration`, body),
  grants: (status?: GrantStatus) => get<GrantList>('/grants', { status }),
  /** Issue 11: the provider narrows a live grant (mode, daily budget, row scope). */
  limitGrant: (id: string, body: GrantLimitsBody) => post<GrantView>(`/grants/${enc(id)}/limits`, body),
}

/** Where a read names the case it serves (办件编号) and the grant it runs under. */
export type ReadContext = Pick<ReadQuery, 'grantId' | 'caseRef'>

export const exchange = {
  record: (resourceId: string, key: string, context: ReadContext = {}) =>
    get<ReadReply>(`/exchange/resources/${enc(resourceId)}/records/${enc(key)}`, { ...context }),
  /** A page of records: bulk grants only. */
  records: (
    resourceId: string,
    query: ReadContext & { page: number; pageSize: number; filters?: Record<string, string> },
  ) =>
    get<ListReply>(`/exchange/resources/${enc(resourceId)}/records`, {
      ...query,
      filters:
        query.filters && Object.keys(query.filters).length > 0 ? JSON.stringify(query.filters) : undefined,
    }),
  /** Match / no match per item for values the consumer holds; never a stored value. */
  verify: (
    resourceId: string,
    checks: Array<{ key: string; items: Record<string, string> }>,
    context: ReadContext = {},
  ) => post<VerifyReply>(`/exchange/resources/${enc(resourceId)}/verify`, { checks, ...context }),
  /** Every record a bulk grant may read, as CSV. */
  exportCsv: (resourceId: string, context: ReadContext & { filters?: Record<string, string> }) =>
    apiBlob(`/exchange/resources/${enc(resourceId)}/export`, {
      ...context,
      filters:
        context.filters && Object.keys(context.filters).length > 0
          ? JSON.stringify(context.filters)
          : undefined,
    }),
  settings: (resourceId: string) => get<SettingsView>(`/exchange/resources/${enc(resourceId)}/settings`),
  saveSettings: (resourceId: string, body: { dailyBudget: number; caseRefRequired: boolean }) =>
    put<SettingsView>(`/exchange/resources/${enc(resourceId)}/settings`, body),
  /** The CSV goes as the raw body: the server streams it into batches. */
  uploadCsv: (resourceId: string, data: ArrayBuffer, dryRun = false) =>
    api<FileIngestReply>('POST', `/exchange/resources/${enc(resourceId)}/records/file`, {
      query: { dryRun: dryRun || undefined },
      binary: { data, type: CSV_TYPE },
    }),
  accessLog: (resourceId: string, limit = 100) =>
    get<AccessLogReply>(`/exchange/resources/${enc(resourceId)}/access-log`, { limit }),
  freshness: () => get<FreshnessList>('/exchange/freshness'),
  /** The key goes in the body, never the URL: URLs are logged. */
  keyReaders: (resourceId: string, key: string) =>
    post<KeyReadersReply>(`/exchange/resources/${enc(resourceId)}/key-readers`, { key }),
  keyReadersReport: (resourceId: string, key: string, lang: 'zh-CN' | 'en') =>
    apiBlobPost(`/exchange/resources/${enc(resourceId)}/key-readers/report`, { key, lang }),
}

/** County platform migration (Art. 21): upload → dry run, apply the confirmed plan, its progress. */
export const county = {
  upload: (form: FormData) => api<ImportReport>('POST', '/county/imports', { form }),
  apply: (id: string, plan: string) =>
    api<ApplyReply>('POST', `/county/imports/${enc(id)}/apply`, { query: { plan } }),
  status: (id: string) => get<ImportStatus>(`/county/imports/${enc(id)}`),
}

export const statistics = {
  view: (query: StatisticsQuery & { groupBy: GroupBy }) => get<StatisticsView>('/statistics', { ...query }),
  summary: () => get<SummaryView>('/statistics/summary'),
  export: (query: StatisticsExportQuery & { groupBy: GroupBy; format: 'csv' | 'xlsx' }) =>
    apiBlob('/statistics/export', { ...query }),
}

export const evaluation = {
  view: (period: PeriodQuery) => get<EvaluationView>('/evaluation', { ...period }),
  weights: () => get<Weights>('/evaluation/weights'),
  setWeights: (body: WeightsBody) => put<Weights>('/evaluation/weights', body),
  report: (query: ReportQuery & { format: 'html' | 'xlsx'; lang: 'zh-CN' | 'en' }) =>
    apiBlob('/evaluation/report', { ...query }),
}

export const quality = {
  objections: (query: ObjectionQuery) =>
    get<ObjectionPage>('/quality/objections', { ...query, pageSize: 100 }),
  raise: (body: NewObjection) => post<ObjectionView>('/quality/objections', body),
  answer: (id: string, body: AnswerBody) =>
    post<ObjectionView>(`/quality/objections/${enc(id)}/answer`, body),
}

export const audit = {
  entries: (query: EntryQuery) => get<EntryPage>('/audit/entries', query),
  verify: () => get<ChainVerifyReply>('/audit/verify'),
}

export const calendar = {
  addWorkingDays: (from: string, days: number) =>
    get<AddWorkingDaysReply>('/calendar/add-working-days', { from, days }),
  overrides: (year?: number) => get<OverrideList>('/calendar/overrides', { year }),
  setOverride: (date: string, kind: DayKind, name?: string) =>
    put<OverrideView>(`/calendar/overrides/${enc(date)}`, { kind, name }),
  removeOverride: (date: string) => del<void>(`/calendar/overrides/${enc(date)}`),
  years: () => get<YearsReply>('/calendar/years'),
  yearDays: (year: number) => get<YearDaysReply>(`/calendar/years/${year}/days`),
  importScheduleFile: (year: number, fileName: string, content: string) =>
    post<ImportReply>(`/calendar/years/${year}/schedule-file`, { fileName, content }),
}

export const notifications = {
  list: () => get<NotificationPage>('/notifications', { pageSize: 10 }),
  markRead: (id: string) => post<NotificationView>(`/notifications/${enc(id)}/read`),
}

/** Art. 21 (§52, §58): the link to the provincial platform. */
export const federation = {
  peers: () => get<{ items: PeerView[] }>('/federation/peers'),
  outbox: (query: { peerId?: string; status?: OutboxStatus }) =>
    get<{ items: OutboxView[] }>('/federation/outbox', query),
  requeue: (id: string) => post<OutboxView>(`/federation/outbox/${enc(id)}/requeue`),
  discard: (id: string) => post<OutboxView>(`/federation/outbox/${enc(id)}/discard`),
  sync: () => post<SyncReply>('/federation/sync'),
  remoteResources: (query: { q?: string; page?: number; pageSize?: number }) =>
    get<{ items: RemoteResourceView[] }>('/federation/remote-resources', query),
  apply: (id: string, body: RemoteRequestBody) =>
    post<RemoteRequestView>(`/federation/remote-resources/${enc(id)}/requests`, body),
  requests: () => get<{ items: RemoteRequestView[] }>('/federation/remote-requests'),
  read: (id: string, key: string, caseRef?: string) =>
    get<RemoteReadReply>(`/federation/remote-resources/${enc(id)}/records/${enc(key)}`, {
      ...(caseRef ? { caseRef } : {}),
    }),
}
