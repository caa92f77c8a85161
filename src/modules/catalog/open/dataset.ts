/** One resource of the open catalog as both export formats describe it (pure; decisions §50). */
import type { StoredMetadata } from '../views.js'
import {
  CATEGORY_LABELS,
  type Category,
  type OpenType,
  THEME_LABELS,
  type Theme,
  type UpdateCycle,
} from '../vocabulary.js'
import type { OpenResourceRow } from './repo.js'

export interface OpenProvider {
  id: string
  /** Unified social credit code (GB 32100-2015). */
  code: string
  name: string
  createdAt: string
}

export interface OpenDataset {
  id: string
  code: string
  title: string
  summary: string
  category: Category
  theme: Theme | null
  format: string
  shareType: string
  shareMethod: string
  updateCycle: UpdateCycle
  openType: Extract<OpenType, 'open' | 'conditional'>
  openCondition: string | null
  contact: { name?: string; phone?: string; email?: string }
  version: number
  createdAt: string
  /** First publication. */
  issued: string
  /** Publication of the version served now. */
  modified: string
  keywords: string[]
  provider: OpenProvider
}

/** Where the platform serves things, from the caller's own view of it (scheme and host). */
export interface OpenLinks {
  base: string
}

/** The CKAN `name` of a resource: its code made URL-safe (`202/000001` → `202-000001`). */
export function slugOf(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')
}

/** The code a CKAN name stands for: codes hold digits and one `/`, so the first `-` was it. */
export function codeOfSlug(slug: string): string {
  return slug.replace('-', '/')
}

/** The CKAN name of a department: its USCC lower-cased (unique, stable, URL-safe). */
export function organizationNameOf(provider: Pick<OpenProvider, 'code'>): string {
  return provider.code.toLowerCase()
}

export function toOpenDataset(
  row: OpenResourceRow,
  facts: { provider: OpenProvider; issued: string | undefined; itemNames: readonly string[] },
): OpenDataset {
  const meta = JSON.parse(row.metadata) as StoredMetadata // written by views.ts storeMetadata only
  const contact = meta.contact ?? {}
  const theme = (row.theme ?? null) as Theme | null // the row mirrors the validated metadata
  const category = row.category as Category
  const labels = [CATEGORY_LABELS[category]?.zh, theme ? THEME_LABELS[theme]?.zh : undefined]
  return {
    id: row.id,
    code: row.code,
    title: row.name,
    summary: row.summary,
    category,
    theme,
    format: row.format,
    shareType: row.share_type,
    shareMethod: meta.shareMethod,
    updateCycle: row.update_cycle as UpdateCycle,
    openType: row.open_type === 'open' ? 'open' : 'conditional',
    openCondition: meta.openCondition?.trim() || null,
    contact: {
      ...(contact.name ? { name: contact.name } : {}),
      ...(contact.phone ? { phone: contact.phone } : {}),
      ...(contact.email ? { email: contact.email } : {}),
    },
    version: row.published_version ?? 1,
    createdAt: row.created_at,
    issued: facts.issued ?? row.published_at ?? row.created_at,
    modified: row.published_at ?? row.created_at,
    keywords: [...new Set([...labels.filter((l): l is string => Boolean(l)), ...facts.itemNames])],
    provider: facts.provider,
  }
}

/** The exchange API a consumer reads the records through (under a grant). */
export function recordsUrl(links: OpenLinks, dataset: Pick<OpenDataset, 'id'>): string {
  return `${links.base}/api/v1/exchange/resources/${dataset.id}/records`
}

/** The CKAN action that shows this dataset: its IRI in the DCAT export too. */
export function datasetUrl(links: OpenLinks, dataset: Pick<OpenDataset, 'code'>): string {
  return `${links.base}/api/3/action/package_show?id=${slugOf(dataset.code)}`
}
