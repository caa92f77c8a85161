/** Catalog rows the zone bundles read and the zone check lists (Art. 20, 33). */
import type { Executor } from '../../../db/database.js'
import type { ResourceRow } from '../repo.js'

/** Resources that were ever published, changed after `since` (all when null), oldest change first. */
export function publishedSince(db: Executor, since: string | null): Promise<ResourceRow[]> {
  let query = db.selectFrom('resources').selectAll().where('published_version', 'is not', null)
  if (since !== null) {
    query = query.where('updated_at', '>', since)
  }
  return query.orderBy('updated_at').orderBy('id').execute()
}

/** Resources an external instance must not hold: internal zone, or of an internal department. */
export function internalResources(
  db: Executor,
  internalDepartmentIds: readonly string[],
): Promise<Array<Pick<ResourceRow, 'id' | 'code' | 'name' | 'provider_id' | 'zone' | 'status'>>> {
  return db
    .selectFrom('resources')
    .select(['id', 'code', 'name', 'provider_id', 'zone', 'status'])
    .where((eb) =>
      internalDepartmentIds.length > 0
        ? eb.or([eb('zone', '=', 'internal'), eb('provider_id', 'in', [...internalDepartmentIds])])
        : eb('zone', '=', 'internal'),
    )
    .orderBy('code')
    .execute()
}
