/** Read-only sharing facts other modules need: which resource a grant or request is about. */
import type { Executor } from '../../db/database.js'
import * as repo from './repo.js'

/** Issue 12: grant or request id → its resource id, batched (the audit search names them by it). */
export async function resourceIdsOf(
  db: Executor,
  ids: { grants: readonly string[]; requests: readonly string[] },
): Promise<Map<string, string>> {
  return new Map((await repo.resourceIdsOf(db, ids)).map((row) => [row.id, row.resource_id]))
}

/** Issue 12: the grants and requests on one resource, so "what happened to it" includes them. */
export function sharingObjectsOf(
  db: Executor,
  resourceId: string,
): Promise<{ grants: string[]; requests: string[] }> {
  return repo.idsOnResource(db, resourceId)
}
