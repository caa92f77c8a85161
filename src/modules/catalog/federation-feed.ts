/**
 * Art. 21: the sharing catalog a peer platform (the province) receives, changed after a cursor.
 * A resource is in it while it serves a published version that is shared (not "none") and not of
 * the internal zone; one that leaves (withdrawn, unshared, re-zoned) comes as a withdrawal by id.
 */
import type { Executor } from '../../db/database.js'
import { departmentCards } from '../org/index.js'
import { publishedPage } from './feed-repo.js'
import { publishedResource } from './lookup.js'

export interface FeedResource {
  kind: 'resource'
  id: string
  code: string
  name: string
  summary: string
  shareType: string
  providerCode: string
  providerName: string
  items: Array<{ name: string; dataType: string; key: boolean; sensitivity: string }>
  updatedAt: string
}

export interface FeedWithdrawal {
  kind: 'withdrawal'
  id: string
  updatedAt: string
}

export type FeedEntry = FeedResource | FeedWithdrawal

/** Entries per page: a page stays a few megabytes, well under a request body's limit. */
export const FEED_PAGE = 500

/**
 * The catalog's changes after `since` (all when null), oldest first, a page at a time, and the
 * new cursor; `more` when another page follows. A page never ends between two changes of the
 * same instant: the cursor is a time, and the next page starts after it.
 */
export async function catalogFeedSince(
  db: Executor,
  since: string | null,
  pageSize = FEED_PAGE,
): Promise<{ entries: FeedEntry[]; cursor: string | null; more: boolean }> {
  const { rows, more } = await publishedPage(db, since, pageSize)
  const cards = new Map(
    (
      await departmentCards(
        db,
        rows.map((row) => row.provider_id),
      )
    ).map((card) => [card.id, card]),
  )
  const entries: FeedEntry[] = []
  let cursor = since
  for (const row of rows) {
    cursor = row.updated_at
    const serving = await publishedResource(db, row.id)
    const provider = cards.get(row.provider_id)
    if (!serving || serving.shareType === 'none' || serving.zone === 'internal' || !provider) {
      entries.push({ kind: 'withdrawal', id: row.id, updatedAt: row.updated_at })
      continue
    }
    entries.push({
      kind: 'resource',
      id: row.id,
      code: serving.code,
      name: serving.name,
      summary: row.summary,
      shareType: serving.shareType,
      providerCode: provider.code,
      providerName: provider.name,
      items: serving.items.map((item) => ({
        name: item.name,
        dataType: item.dataType,
        key: item.key,
        sensitivity: item.sensitivity,
      })),
      updatedAt: row.updated_at,
    })
  }
  return { entries, cursor, more }
}
