/** Issue 12: the auditor's search of the audit log (GET /audit/search and friends); pages import these, never paths. */
import type {
  ActionCatalog,
  ByKeyBody,
  ResourceMatches,
  SearchFilterQuery,
  SearchPage,
  SearchQuery,
} from '../../../src/modules/audit/search/schema'
import { apiBlob, get, post } from './client'

export const auditSearch = {
  search: (query: SearchQuery) => get<SearchPage>('/audit/search', { ...query }),
  /** The plain key goes in the body, never in a URL (it would sit in logs and history). */
  byKey: (body: ByKeyBody) => post<SearchPage>('/audit/search/by-key', body),
  export: (filters: SearchFilterQuery, format: 'csv' | 'xlsx') =>
    apiBlob('/audit/search/export', { ...filters, format }),
  actions: () => get<ActionCatalog>('/audit/actions'),
  resources: (q: string) => get<ResourceMatches>('/audit/resources', { q }),
}
