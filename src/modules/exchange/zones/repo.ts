/** Records that cross to the external instance (Art. 20, 33): by arrival, oldest first. */
import type { Executor } from '../../../db/database.js'

export function recordsArrivedSince(db: Executor, resourceId: string, since: string | null) {
  let query = db
    .selectFrom('records')
    .select(['data', 'source_changed_at', 'arrived_at', 'deleted'])
    .where('resource_id', '=', resourceId)
  if (since !== null) {
    query = query.where('arrived_at', '>', since)
  }
  return query.orderBy('arrived_at').orderBy('key_hash').execute()
}
