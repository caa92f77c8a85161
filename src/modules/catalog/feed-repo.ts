/** Catalog rows the federation feed reads (Art. 21, §52): a page of published resources by change time. */
import type { Executor } from '../../db/database.js'
import type { ResourceRow } from './repo.js'

/**
 * Up to `limit` resources ever published, changed after `since`, oldest change first — then every
 * other row of the last page's instant, so a page never ends inside one instant. `more` when rows
 * changed after the page's last instant remain.
 */
export async function publishedPage(
  db: Executor,
  since: string | null,
  limit: number,
): Promise<{ rows: ResourceRow[]; more: boolean }> {
  let query = db.selectFrom('resources').selectAll().where('published_version', 'is not', null)
  if (since !== null) {
    query = query.where('updated_at', '>', since)
  }
  const rows = await query
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute()
  if (rows.length <= limit) {
    return { rows, more: false }
  }
  const last = rows[limit - 1]?.updated_at ?? ''
  const sameInstant = await db
    .selectFrom('resources')
    .selectAll()
    .where('published_version', 'is not', null)
    .where('updated_at', '=', last)
    .orderBy('id')
    .execute()
  const later = await db
    .selectFrom('resources')
    .select('id')
    .where('published_version', 'is not', null)
    .where('updated_at', '>', last)
    .limit(1)
    .executeTakeFirst()
  return { rows: [...rows.filter((row) => row.updated_at < last), ...sameInstant], more: later !== undefined }
}
