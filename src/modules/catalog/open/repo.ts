/**
 * The open part of the catalog (Art. 23; decisions §50): published, not withdrawn, not of the
 * internal network zone, open type `open`, or `conditional` when its share type is not `none`.
 * Every query of the open catalog starts from `openPart`, so no reply can reach past it.
 */
import { type ExpressionBuilder, sql } from 'kysely'
import type { Database, Executor } from '../../../db/database.js'
import { isPostgres } from '../../../db/dialect.js'

type Eb = ExpressionBuilder<Database, 'resources'>

function isOpen(eb: Eb) {
  return eb.and([
    eb('resources.published_version', 'is not', null),
    eb('resources.status', '!=', 'withdrawn'),
    eb('resources.zone', '!=', 'internal'),
    eb.or([
      eb('resources.open_type', '=', 'open'),
      eb.and([eb('resources.open_type', '=', 'conditional'), eb('resources.share_type', '!=', 'none')]),
    ]),
  ])
}

export type OpenOrder = 'modified_desc' | 'modified_asc' | 'name_asc' | 'name_desc'

export interface OpenFilter {
  /** Only these resources (a text search's matches); undefined: all. */
  resourceIds?: readonly string[]
  providerIds?: readonly string[]
  /** One resource by its id or its code. */
  idOrCode?: string
  /** Published (this version) at or after / at or before, ISO UTC. */
  modifiedFrom?: string
  modifiedTo?: string
}

/** `column IN list`, the list as one parameter (a search may match thousands). */
function inList(db: Executor, column: string, values: readonly string[]) {
  return isPostgres(db)
    ? sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])`
    : sql<boolean>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`
}

function openPart(db: Executor, filter: OpenFilter) {
  let query = db.selectFrom('resources').where(isOpen)
  if (filter.resourceIds) {
    query = query.where(inList(db, 'resources.id', filter.resourceIds))
  }
  if (filter.providerIds) {
    query = query.where(inList(db, 'resources.provider_id', filter.providerIds))
  }
  if (filter.modifiedFrom) {
    query = query.where('resources.published_at', '>=', filter.modifiedFrom)
  }
  if (filter.modifiedTo) {
    query = query.where('resources.published_at', '<=', filter.modifiedTo)
  }
  const one = filter.idOrCode
  if (one !== undefined) {
    query = query.where((eb) => eb.or([eb('resources.id', '=', one), eb('resources.code', '=', one)]))
  }
  return query
}

export async function countOpen(db: Executor, filter: OpenFilter): Promise<number> {
  const row = await openPart(db, filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** A page of open resources with their published version's metadata. */
export async function openResources(
  db: Executor,
  filter: OpenFilter,
  page: { order: OpenOrder; limit: number; offset: number },
) {
  // PostgreSQL's collation could order codes differently from SQLite's byte order.
  const collate = isPostgres(db) ? sql` collate "C"` : sql``
  const order = {
    modified_desc: sql`resources.published_at desc, resources.code${collate}`,
    modified_asc: sql`resources.published_at asc, resources.code${collate}`,
    name_asc: sql`resources.code${collate} asc`,
    name_desc: sql`resources.code${collate} desc`,
  }[page.order]
  return openPart(db, filter)
    .innerJoin('resource_versions as v', (join) =>
      join.onRef('v.resource_id', '=', 'resources.id').onRef('v.version', '=', 'resources.published_version'),
    )
    .select([
      'resources.id',
      'resources.code',
      'resources.provider_id',
      'resources.name',
      'resources.summary',
      'resources.category',
      'resources.theme',
      'resources.share_type',
      'resources.format',
      'resources.update_cycle',
      'resources.open_type',
      'resources.created_at',
      'resources.published_at',
      'resources.published_version',
      'v.metadata',
    ])
    .orderBy(order)
    .limit(page.limit)
    .offset(page.offset)
    .execute()
}

export type OpenResourceRow = Awaited<ReturnType<typeof openResources>>[number]

/** When each resource was first published (its earliest reviewed, published version). */
export async function firstPublished(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map()
  }
  const rows = await db
    .selectFrom('resource_versions')
    .select(['resource_id', (eb) => eb.fn.min('reviewed_at').as('first')])
    .where('resource_id', 'in', [...ids])
    .where('status', 'in', ['published', 'superseded'])
    .groupBy('resource_id')
    .execute()
  return new Map(rows.flatMap((r) => (r.first ? [[r.resource_id, String(r.first)] as const] : [])))
}

/** Item names of the published versions, in position order: the datasets' keywords. */
export async function publishedItemNames(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>()
  if (ids.length === 0) {
    return names
  }
  const items = await db
    .selectFrom('items')
    .innerJoin('resources', (join) =>
      join
        .onRef('resources.id', '=', 'items.resource_id')
        .onRef('resources.published_version', '=', 'items.version'),
    )
    .select(['items.resource_id', 'items.name'])
    .where('items.resource_id', 'in', [...ids])
    .orderBy('items.resource_id')
    .orderBy('items.position')
    .execute()
  for (const item of items) {
    names.set(item.resource_id, [...(names.get(item.resource_id) ?? []), item.name])
  }
  return names
}

/** Providers of the open part with how many open resources each has. */
export async function openProviders(db: Executor): Promise<Array<{ providerId: string; count: number }>> {
  const rows = await openPart(db, {})
    .select(['resources.provider_id', (eb) => eb.fn.countAll().as('n')])
    .groupBy('resources.provider_id')
    .execute()
  return rows.map((row) => ({ providerId: row.provider_id, count: Number(row.n) }))
}

/** The search index's documents of open resources (their names, for one-character query terms). */
export async function openDocuments(db: Executor, nameChars: readonly string[]) {
  let query = db
    .selectFrom('catalog_search_docs as d')
    .innerJoin('resources', 'resources.id', 'd.resource_id')
    .where(isOpen)
    .select(['d.doc_id', 'd.resource_id'])
  for (const char of nameChars) {
    query = query.where('d.name_norm', 'like', `%${char}%`)
  }
  return (await query.execute()).map((row) => ({ docId: Number(row.doc_id), resourceId: row.resource_id }))
}
