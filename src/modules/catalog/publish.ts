/** Publishing a version (Art. 14-15): what the bureau's approval and a county migration both do. */
import type { Executor } from '../../db/database.js'
import type { Actor } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import type { CatalogDeps } from './deps.js'
import * as repo from './repo.js'
import { indexResource } from './search/index-writer.js'
import { parseMetadata } from './views.js'

export interface Review {
  reviewed_at: string
  reviewed_by: string | null
  review_comment: string | null
}

/**
 * Makes `version` the served one inside the caller's transaction: the previous one superseded, the
 * row mirroring the new one, the search index and listeners told, `catalog.publish` logged.
 * Throws CATALOG_RESOURCE_NOT_FOUND when the version is missing.
 */
export async function publishVersion(
  deps: Pick<CatalogDeps, 'audit' | 'listeners'>,
  trx: Executor,
  actor: Actor,
  current: repo.ResourceRow,
  version: number,
  review: Review,
): Promise<repo.ResourceRow> {
  const id = current.id
  const now = review.reviewed_at
  if (current.published_version !== null && current.published_version !== version) {
    await repo.updateVersion(trx, id, current.published_version, { status: 'superseded' })
  }
  await repo.updateVersion(trx, id, version, { status: 'published', ...review })
  const versionRow = await repo.findVersion(trx, id, version)
  const meta = versionRow ? parseMetadata(versionRow) : undefined
  if (!meta) {
    throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id, version })
  }
  const published: Partial<repo.ResourceRow> = {
    status: 'published',
    published_version: version,
    name: meta.name.trim(),
    summary: meta.summary.trim(),
    category: meta.category,
    theme: meta.theme ?? null,
    share_type: meta.shareType,
    format: meta.format,
    update_cycle: meta.updateCycle,
    zone: meta.zone ?? current.zone,
    open_type: meta.openType ?? 'not_open',
    published_at: now,
    confirmed_at: now,
    updated_at: now,
  }
  await repo.updateResource(trx, id, published)
  const items = await repo.itemsOf(trx, id, version)
  // None-type resources are indexed too: their provider and the bureau still search them.
  await indexResource(trx, {
    resourceId: id,
    name: meta.name,
    summary: meta.summary,
    itemNames: items.map((item) => item.name),
  })
  await deps.listeners?.onPublished?.(trx, {
    resourceId: id,
    shareType: meta.shareType,
    itemCodes: items.map((item) => item.code),
  })
  await deps.audit.append(trx, actor, {
    action: 'catalog.publish',
    objectType: 'resource',
    objectId: id,
    details: { version, previous: current.published_version, shareType: meta.shareType },
  })
  return { ...current, ...published }
}
