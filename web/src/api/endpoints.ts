/** One function per API call the portal makes; pages import these, never paths. */
import { api, apiBlob, del, get, post, put } from './client'
import type {
  AuditEntry,
  CalendarOverride,
  CalendarYear,
  DeadlineView,
  Department,
  Dispute,
  Grant,
  ImportSummary,
  LoginReply,
  Notification,
  Page,
  RecordReply,
  ResourceInput,
  ResourceSummary,
  ResourceView,
  ReviewQueueItem,
  Role,
  SharedResult,
  SharingRequest,
  User,
  VerifyReply,
  VersionView,
} from './types'

const enc = encodeURIComponent
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export const auth = {
  login: (username: string, password: string) => post<LoginReply>('/auth/login', { username, password }),
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
  apply: (body: { resourceId: string; items: string[]; purpose: string; basis?: string; validTo?: string }) =>
    post<SharingRequest>('/sharing/requests', body),
  requests: (direction: 'outgoing' | 'incoming', status?: string) =>
    get<Page<SharingRequest>>('/sharing/requests', { direction, status, pageSize: 200 }),
  decide: (
    id: string,
    body: { decision: 'approve' | 'reject'; items?: string[]; reason?: string; plain?: boolean },
  ) => post<SharingRequest>(`/sharing/requests/${enc(id)}/decision`, body),
  dispute: (id: string, reason: string) =>
    post<SharingRequest>(`/sharing/requests/${enc(id)}/dispute`, { reason }),
  request: (id: string) => get<SharingRequest>(`/sharing/requests/${enc(id)}`),
  disputes: (status?: 'open' | 'resolved') => get<{ items: Dispute[] }>('/sharing/disputes', { status }),
  arbitrate: (
    requestId: string,
    body: { decision: 'grant' | 'partial' | 'uphold'; items?: string[]; reason: string },
  ) => post<SharingRequest>(`/sharing/requests/${enc(requestId)}/arbitration`, body),
  grants: (status?: 'live' | 'expired' | 'revoked') => get<{ items: Grant[] }>('/grants', { status }),
}

export const exchange = {
  record: (resourceId: string, key: string, grantId?: string) =>
    get<RecordReply>(`/exchange/resources/${enc(resourceId)}/records/${enc(key)}`, { grantId }),
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
