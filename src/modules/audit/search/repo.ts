/**
 * Issue 12: the auditor's search over audit_entries. Each filter has an index ending in seq
 * (migration 202612050320), so newest-first pages walk one index; the case reference and a key's
 * hash are substring matches on the details text, narrowed by the indexed filters beside them.
 */
import type { Selectable } from 'kysely'
import { containsText } from '../../../db/contains.js'
import type { Executor } from '../../../db/database.js'
import type { AuditTables } from '../tables.js'

export interface SearchFilter {
  /** Any of these actions; an empty list finds nothing. */
  actions?: readonly string[]
  /** Entries by any of these users or clients, or whose actor column holds `actorLogin` (failed sign-ins). */
  actorIds?: readonly string[]
  actorLogin?: string
  actorType?: string
  departmentId?: string
  /** Entries about any of these objects (a resource, and the grants and requests on it). */
  objects?: ReadonlyArray<{ type: string; ids: readonly string[] }>
  /** ISO times: at >= fromAt and at < beforeAt. */
  fromAt?: string
  beforeAt?: string
  /** Texts the canonical details JSON must contain (a case reference, a key's keyed hash). */
  detailsContain?: readonly string[]
}

export type EntryRow = Selectable<AuditTables['audit_entries']>

function filtered(db: Executor, filter: SearchFilter) {
  let query = db.selectFrom('audit_entries')
  if (filter.actions !== undefined) {
    // '' is no action: `in ()` is not valid SQL, and an empty set must find nothing.
    query = query.where('action', 'in', filter.actions.length > 0 ? [...filter.actions] : [''])
  }
  const { actorIds, actorLogin } = filter
  if (actorIds !== undefined || actorLogin !== undefined) {
    query = query.where((eb) =>
      eb.or([
        ...(actorIds && actorIds.length > 0 ? [eb('actor_id', 'in', [...actorIds])] : []),
        eb('actor_name', '=', actorLogin ?? ''),
      ]),
    )
  }
  if (filter.actorType !== undefined) {
    query = query.where('actor_type', '=', filter.actorType)
  }
  if (filter.departmentId !== undefined) {
    query = query.where('department_id', '=', filter.departmentId)
  }
  const objects = filter.objects?.filter((o) => o.ids.length > 0)
  if (objects !== undefined) {
    query = query.where((eb) =>
      eb.or([
        // '' is no object: an empty set must find nothing.
        eb('object_id', '=', ''),
        ...objects.map((o) => eb.and([eb('object_type', '=', o.type), eb('object_id', 'in', [...o.ids])])),
      ]),
    )
  }
  if (filter.fromAt !== undefined) {
    query = query.where('at', '>=', filter.fromAt)
  }
  if (filter.beforeAt !== undefined) {
    query = query.where('at', '<', filter.beforeAt)
  }
  for (const text of filter.detailsContain ?? []) {
    query = query.where(containsText(db, 'details', text))
  }
  return query
}

export async function searchEntries(
  db: Executor,
  filter: SearchFilter,
  page: { order: 'asc' | 'desc'; offset: number; limit: number },
): Promise<{ rows: EntryRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .selectAll()
      .orderBy('seq', page.order)
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}

/** How many entries match, without reading them (the export checks its cap first). */
export async function countEntries(db: Executor, filter: SearchFilter): Promise<number> {
  const count = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(count.n)
}
