/** Turning stored rows into the API's views and the diff's snapshots. */
import type { ItemRow, ResourceRow, VersionRow } from './repo.js'
import type { VersionSnapshot } from './rules.js'
import type { ItemView, ResourceInput, ResourceView } from './schema.js'
import type { ResourceStatus } from './vocabulary.js'

/** What resource_versions.metadata holds: the resource's input without its items. */
export type StoredMetadata = Omit<ResourceInput, 'items'>

export function parseMetadata(version: VersionRow): StoredMetadata {
  return JSON.parse(version.metadata) as StoredMetadata // written only by storeMetadata below
}

export function storeMetadata(input: ResourceInput): string {
  const { items: _items, ...metadata } = input
  return JSON.stringify(metadata)
}

export function toItemView(row: ItemRow): ItemView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    dataType: row.data_type,
    key: row.is_key === 1,
    sensitivity: row.sensitivity,
    length: row.length,
    description: row.description,
    authoritativeItemCode: row.authoritative_item_code,
    elementCode: row.element_code,
  }
}

/** The resource as of one version: its metadata, that version's items, the resource's own state. */
export function toResourceView(
  resource: ResourceRow,
  version: VersionRow,
  items: ItemRow[],
  providerCode: string,
): ResourceView {
  const meta = parseMetadata(version)
  const isLatest = version.version === resource.latest_version
  return {
    id: resource.id,
    code: resource.code,
    providerId: resource.provider_id,
    providerCode,
    status: (isLatest ? resource.status : 'published') as ResourceStatus, // only RESOURCE_STATUSES are stored
    version: version.version,
    publishedVersion: resource.published_version,
    name: meta.name,
    summary: meta.summary,
    category: meta.category,
    theme: meta.theme ?? null,
    classCode: resource.class_code,
    format: meta.format,
    shareType: meta.shareType,
    shareCondition: meta.shareCondition ?? null,
    legalBasis: meta.legalBasis ?? null,
    shareMethod: meta.shareMethod,
    openType: meta.openType ?? 'not_open',
    openCondition: meta.openCondition ?? null,
    updateCycle: meta.updateCycle,
    relatedCodes: meta.relatedCodes ?? [],
    zone: meta.zone ?? resource.zone,
    contact: meta.contact ?? {},
    publishedAt: resource.published_at,
    confirmedAt: resource.confirmed_at,
    withdrawnReason: resource.withdrawn_reason,
    reviewComment: version.review_comment,
    createdAt: resource.created_at,
    updatedAt: resource.updated_at,
    items: items.map(toItemView),
  }
}

export function toSnapshot(version: VersionRow, items: ItemRow[]): VersionSnapshot {
  return {
    metadata: parseMetadata(version),
    items: items.map((item) => {
      const view = toItemView(item)
      return {
        name: view.name,
        dataType: view.dataType,
        key: view.key,
        sensitivity: view.sensitivity,
        length: view.length,
        description: view.description,
        authoritativeItemCode: view.authoritativeItemCode,
      }
    }),
  }
}
