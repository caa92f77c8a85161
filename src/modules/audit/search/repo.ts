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

/** Matching entries in seq order, one page of them. */
export function entriesPage(
  db: Executor,
  filter: SearchFilter,
  page: { order: 'asc' | 'desc'; offset: number; limit: number },
): Promise<EntryRow[]> {
  return filtered(db, filter)
    .selectAll()
    .orderBy('seq', page.order)
    .offset(page.offset)
    .limit(page.limit)
    .execute()
}

/**
 * A page of matching entries and how many match, counted up to `countCap`: past it the count
 * stops (`totalCapped`). A log of 100 M entries would otherwise be counted whole for every page
 * of a broad filter, seconds each (decisions §60), while the page itself walks one index.
 */
export async function searchEntries(
  db: Executor,
  filter: SearchFilter,
  page: { order: 'asc' | 'desc'; offset: number; limit: number },
  countCap: number,
): Promise<{ rows: EntryRow[]; total: number; totalCapped: boolean }> {
  const [rows, counted] = await Promise.all([
    entriesPage(db, filter, page),
    countEntries(db, filter, countCap + 1),
  ])
  return { rows, total: Math.min(counted, countCap), totalCapped: counted > countCap }
}

/** How many entries match, up to `upTo` when given, without reading them (the export checks its cap first). */
export async function countEntries(db: Executor, filter: SearchFilter, upTo?: number): Promise<number> {
  const counted =
    upTo === undefined
      ? filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n'))
      : db
          .selectFrom(filtered(db, filter).select('seq').limit(upTo).as('matching'))
          .select((eb) => eb.fn.countAll<number>().as('n'))
  return Number((await counted.executeTakeFirstOrThrow()).n)
}
