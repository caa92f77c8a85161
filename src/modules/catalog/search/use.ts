/**
 * Search ranks fresh and used resources first (issue 15 item 1). Both count in one sort key, the
 * rank day: the publication day, pushed later by DAYS_PER_CONSUMER for each department that uses
 * the resource, up to MAX_CONSUMERS_COUNTED. So a resource four departments use ranks as if
 * published four months later, and no amount of use lifts an old resource more than a year.
 */
import type { Executor } from '../../../db/database.js'

export const DAYS_PER_CONSUMER = 30
export const MAX_CONSUMERS_COUNTED = 12

export function rankDay(publishedAt: string, consumers: number): number {
  const day = Math.floor(Date.parse(publishedAt) / 86_400_000)
  return day + DAYS_PER_CONSUMER * Math.min(Math.max(0, consumers), MAX_CONSUMERS_COUNTED)
}

export async function consumersOf(db: Executor, resourceId: string): Promise<number> {
  const row = await db
    .selectFrom('catalog_resource_use')
    .select('consumers')
    .where('resource_id', '=', resourceId)
    .executeTakeFirst()
  return row?.consumers ?? 0
}

/**
 * Records how many departments now use a resource, in the transaction that grants or revokes, and
 * moves its search document's rank day with it. The resource's use row is locked before
 * `countConsumers` runs, so on PostgreSQL two grants committing together each count the other.
 */
export async function noteResourceUse(
  db: Executor,
  resourceId: string,
  countConsumers: () => Promise<number>,
  now: string,
): Promise<void> {
  await db
    .insertInto('catalog_resource_use')
    .values({ resource_id: resourceId, consumers: 0, updated_at: now })
    .onConflict((oc) => oc.column('resource_id').doUpdateSet({ updated_at: now }))
    .execute()
  const consumers = await countConsumers()
  await db
    .updateTable('catalog_resource_use')
    .set({ consumers })
    .where('resource_id', '=', resourceId)
    .execute()
  const docs = await db
    .selectFrom('catalog_search_docs')
    .select(['doc_id', 'published_at'])
    .where('resource_id', '=', resourceId)
    .execute()
  for (const doc of docs) {
    await db
      .updateTable('catalog_search_docs')
      .set({ rank_day: rankDay(doc.published_at, consumers) })
      .where('doc_id', '=', doc.doc_id)
      .execute()
  }
}
