/**
 * Open datasets in CKAN 2.10's own dictionaries (package, resource, tag, organization), so that
 * CKAN clients and harvesters read the catalog unchanged (Art. 23; decisions §50). Pure.
 */
import { createHash } from 'node:crypto'
import {
  datasetUrl,
  type OpenDataset,
  type OpenLinks,
  type OpenProvider,
  organizationNameOf,
  recordsUrl,
  slugOf,
} from './dataset.js'

/** CKAN's timestamps: UTC without an offset, six fractional digits (`2026-11-25T02:00:00.000000`). */
export function ckanTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 23)}000`
}

/** A stable UUID-shaped id for what has none of its own (a distribution, a tag), from its name. */
export function derivedId(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** CKAN's tag rule: letters, digits, spaces, `-`, `_` and `.`, 2 to 100 characters. */
export function tagNameOf(keyword: string): string | null {
  const name = keyword
    .replace(/[^\p{L}\p{N} _.-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
  return Array.from(name).length >= 2 ? name : null
}

export function toCkanOrganization(provider: OpenProvider) {
  return {
    id: provider.id,
    name: organizationNameOf(provider),
    title: provider.name,
    type: 'organization',
    description: '',
    image_url: '',
    created: ckanTime(provider.createdAt),
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
  }
}

/** organization_list with all_fields: the organization dict plus its counts. */
export function toCkanOrganizationSummary(provider: OpenProvider, packageCount: number) {
  return {
    ...toCkanOrganization(provider),
    display_name: provider.name,
    image_display_url: '',
    package_count: packageCount,
    num_followers: 0,
  }
}

const LICENSES = {
  open: { license_id: 'other-open', license_title: 'Other (Open)', isopen: true },
  conditional: { license_id: 'other-closed', license_title: 'Other (Not Open)', isopen: false },
} as const

export function toCkanPackage(dataset: OpenDataset, links: OpenLinks) {
  const tags = [...new Set(dataset.keywords.map(tagNameOf).filter((t): t is string => t !== null))]
  const resources = [toCkanResource(dataset, links)]
  const extras: Array<[string, string | null]> = [
    ['category', dataset.category],
    ['code', dataset.code],
    ['open_condition', dataset.openCondition],
    ['open_type', dataset.openType],
    ['provider_uscc', dataset.provider.code],
    ['resource_format', dataset.format],
    ['share_method', dataset.shareMethod],
    ['share_type', dataset.shareType],
    ['theme', dataset.theme],
    ['update_cycle', dataset.updateCycle],
  ]
  return {
    author: dataset.provider.name,
    author_email: null,
    creator_user_id: null,
    id: dataset.id,
    ...LICENSES[dataset.openType],
    maintainer: dataset.contact.name ?? null,
    maintainer_email: dataset.contact.email ?? null,
    metadata_created: ckanTime(dataset.createdAt),
    metadata_modified: ckanTime(dataset.modified),
    name: slugOf(dataset.code),
    notes: dataset.summary,
    num_resources: resources.length,
    num_tags: tags.length,
    organization: toCkanOrganization(dataset.provider),
    owner_org: dataset.provider.id,
    private: false,
    state: 'active',
    title: dataset.title,
    type: 'dataset',
    url: datasetUrl(links, dataset),
    version: String(dataset.version),
    extras: extras.flatMap(([key, value]) => (value === null ? [] : [{ key, value }])),
    groups: [],
    relationships_as_object: [],
    relationships_as_subject: [],
    resources,
    tags: tags.map((name) => ({
      display_name: name,
      id: derivedId(`tag:${name}`),
      name,
      state: 'active',
      vocabulary_id: null,
    })),
  }
}

export type CkanPackage = ReturnType<typeof toCkanPackage>

/** The one distribution: the exchange API that serves the records under a grant. */
function toCkanResource(dataset: OpenDataset, links: OpenLinks) {
  return {
    cache_last_updated: null,
    cache_url: null,
    created: ckanTime(dataset.issued),
    datastore_active: false,
    description:
      dataset.openType === 'open'
        ? '数据接口（按共享平台授权读取）/ Data API (read under a grant of the sharing platform)'
        : `有条件开放：${dataset.openCondition ?? ''} / Open on conditions: ${dataset.openCondition ?? ''}`,
    format: 'JSON',
    hash: '',
    id: derivedId(`distribution:${dataset.id}:api`),
    last_modified: ckanTime(dataset.modified),
    metadata_modified: ckanTime(dataset.modified),
    mimetype: 'application/json',
    mimetype_inner: null,
    name: `${dataset.title}（数据接口 / API）`,
    package_id: dataset.id,
    position: 0,
    resource_type: 'api',
    size: null,
    state: 'active',
    url: recordsUrl(links, dataset),
    url_type: null,
  }
}
