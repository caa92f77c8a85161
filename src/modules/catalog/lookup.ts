/** Read-only facts about resources for other modules, which never name the catalog's tables (§37). */
import type { AccessSnapshot } from '../../db/access-cache.js'
import type { Db, Executor } from '../../db/database.js'
import * as facts from './lookup-repo.js'
import * as repo from './repo.js'
import { deadlineStatus } from './rules.js'
import type { DataType, Sensitivity } from './vocabulary.js'

export interface PublishedItem {
  code: string
  name: string
  dataType: DataType
  key: boolean
  sensitivity: Sensitivity
}

export interface PublishedResource {
  id: string
  code: string
  name: string
  providerId: string
  shareType: string
  zone: string
  updateCycle: string
  /** Items of the published version, in their catalog order. */
  items: PublishedItem[]
}

/**
 * Items of published versions, per database handle. A published version's items never change (an
 * edit makes a new version; only drafts and returned versions are edited in place), so every read
 * need not fetch them again. The resource row is still read each time: publishing, withdrawal and
 * share type take effect at once, on every instance.
 */
const publishedItems = new WeakMap<Executor, Map<string, PublishedItem[]>>()
const PUBLISHED_ITEMS_CACHED = 10_000

async function itemsOfPublished(db: Executor, id: string, version: number): Promise<PublishedItem[]> {
  // Only committed data is cached: a transaction may still roll back what it read.
  const cache = db.isTransaction ? undefined : (publishedItems.get(db) ?? new Map<string, PublishedItem[]>())
  const key = `${id}@${version}`
  const known = cache?.get(key)
  if (known) {
    return [...known]
  }
  const items = (await repo.itemsOf(db, id, version)).map((item) => ({
    code: item.code,
    name: item.name,
    dataType: item.data_type,
    key: item.is_key === 1,
    sensitivity: item.sensitivity,
  }))
  if (cache) {
    if (cache.size >= PUBLISHED_ITEMS_CACHED) {
      cache.clear()
    }
    cache.set(key, items)
    publishedItems.set(db, cache)
  }
  return [...items]
}

export interface ServingResource {
  id: string
  name: string
  providerId: string
  updateCycle: string
  publishedAt: string | null
}

/** Every resource serving a published version, with its update cycle: what freshness oversight walks. */
export async function servingResources(db: Executor): Promise<ServingResource[]> {
  return (await facts.servingResources(db)).map((row) => ({
    id: row.id,
    name: row.name,
    providerId: row.provider_id,
    updateCycle: row.update_cycle,
    publishedAt: row.published_at,
  }))
}

/** The serving (published, not withdrawn) version of a resource, or undefined. */
export async function publishedResource(db: Executor, id: string): Promise<PublishedResource | undefined> {
  const resource = await repo.findResource(db, id)
  if (!resource || resource.published_version === null || resource.status === 'withdrawn') {
    return undefined
  }
  const items = await itemsOfPublished(db, id, resource.published_version)
  return {
    id: resource.id,
    code: resource.code,
    name: resource.name,
    providerId: resource.provider_id,
    shareType: resource.share_type,
    zone: resource.zone,
    updateCycle: resource.update_cycle,
    items,
  }
}

/**
 * publishedResource through an access snapshot: every exchange read and ingest batch asks, and the
 * answer holds until the catalog changes (the access epoch moves).
 */
export function cachedPublishedResource(
  snapshot: AccessSnapshot,
  db: Db,
  id: string,
): Promise<PublishedResource | undefined> {
  return snapshot.get(`published:${id}`, () => publishedResource(db, id))
}

/** Name and provider of any resource, published or not (for views of requests and grants). */
export async function resourceBasics(
  db: Executor,
  id: string,
): Promise<{ id: string; name: string; providerId: string } | undefined> {
  const resource = await repo.findResource(db, id)
  return resource && { id: resource.id, name: resource.name, providerId: resource.provider_id }
}

/** Issue 12: id → name and code of any resource, batched (the audit search). */
export async function resourceNames(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { name: string; code: string }>> {
  return new Map((await facts.resourcesByIds(db, ids)).map((r) => [r.id, { name: r.name, code: r.code }]))
}

/** Resources of any status (drafts and withdrawn ones too) whose name or code contains `text`. */
export async function resourcesMatching(db: Executor, text: string, limit: number) {
  return (await facts.resourcesMatching(db, text, limit)).map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    providerId: r.provider_id,
    status: r.status,
  }))
}

export interface ResourceFacts {
  id: string
  code: string
  name: string
  providerId: string
}

/** Code, name and provider of any resources (published or not) by id, batched. */
export async function resourceFacts(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, ResourceFacts>> {
  const rows = await facts.resourcesByIds(db, ids)
  return new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name, providerId: r.provider_id }]))
}

/**
 * The ids of the resources of some providers, as a subquery for `where(column, 'in', …)`: a list
 * filtered by provider stays one statement however many resources the providers have.
 */
export function resourceIdsOfProviders(db: Executor, providerIds: readonly string[]) {
  return facts.resourceIdsOfProviders(db, providerIds)
}

/** Resources serving a published version and the items of those versions, counted now. */
export function publishedTotals(db: Executor): Promise<{ resources: number; items: number }> {
  return facts.publishedTotals(db)
}

/** Item count of every version of some resources, keyed `resourceId@version`. */
export function itemCountsByVersion(
  db: Executor,
  resourceIds: readonly string[],
): Promise<Map<string, number>> {
  return facts.itemCounts(db, resourceIds)
}

export interface OverdueDeadline {
  id: string
  kind: string
  dueDate: string
  departmentId: string
  resourceId: string
  resourceName: string
}

/** Art. 14, 15: stored deadlines overdue on `today` (open past their due date), as the deadline listing says. */
export async function overdueDeadlines(db: Executor, today: string): Promise<OverdueDeadline[]> {
  const rows = await facts.openDeadlinesBefore(db, today)
  return rows
    .filter((d) => deadlineStatus(d.due_date, null, today) === 'overdue')
    .map((d) => ({
      id: d.id,
      kind: d.kind,
      dueDate: d.due_date,
      departmentId: d.department_id,
      resourceId: d.resource_id,
      resourceName: d.resource_name,
    }))
}
