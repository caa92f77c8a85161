/** Issue 12: the auditor's search of the audit log (GET /audit/search and friends); pages import these, never paths. */
import { apiBlob, get, post } from './client'

export interface AuditFilters {
  actor?: string
  actorType?: 'user' | 'client'
  departmentId?: string
  resourceId?: string
  action?: string
  category?: string
  /** YYYY-MM-DD, Beijing time, both days included. */
  from?: string
  to?: string
  caseRef?: string
}

export interface AuditSearchEntry {
  seq: number
  at: string
  actorType: string
  actorId: string | null
  actor: string
  actorName: string | null
  departmentId: string | null
  departmentName: string | null
  action: string
  actionLabel: string
  category: string | null
  categoryLabel: string | null
  objectType: string | null
  objectId: string | null
  objectName: string | null
  details: unknown
  hash: string
}

export interface AuditSearchPage {
  items: AuditSearchEntry[]
  total: number
  /** A search by key: the key as logged (masked) and the search's own log entry. */
  key?: string
  querySeq?: number
}

export interface AuditActionCatalog {
  categories: Array<{ code: string; zh: string; en: string }>
  actions: Array<{ code: string; category: string; zh: string; en: string }>
}

export interface AuditResourceMatch {
  id: string
  code: string
  name: string
  providerId: string
  status: string
}

type Paging = { page: number; pageSize: number }

export const auditSearch = {
  search: (filters: AuditFilters & Paging) => get<AuditSearchPage>('/audit/search', { ...filters }),
  /** The plain key goes in the body, never in a URL (it would sit in logs and history). */
  byKey: (key: string, filters: AuditFilters & Paging) =>
    post<AuditSearchPage>('/audit/search/by-key', { ...filters, key }),
  export: (filters: AuditFilters, format: 'csv' | 'xlsx') =>
    apiBlob('/audit/search/export', { ...filters, format }),
  actions: () => get<AuditActionCatalog>('/audit/actions'),
  resources: (q: string) => get<{ items: AuditResourceMatch[] }>('/audit/resources', { q }),
}
