/**
 * The sharing catalog's search index and its queries (this module's repo code for search). Kept
 * in step with publication inside the same transaction: a published resource is (re)indexed, a
 * withdrawn one removed. Both databases index the same tokens (text.ts): an FTS5 table on SQLite,
 * a tsvector with a GIN index on PostgreSQL.
 */
import { type Selectable, sql } from 'kysely'
import type { Executor } from '../../db/database.js'
import { isPostgres } from '../../db/dialect.js'
import { AppError } from '../../shared/errors.js'
import type { CatalogSearchTables } from './search-tables.js'
import {
  ftsColumn,
  indexDocument,
  type MatchExpr,
  normalizeText,
  type SearchText,
  toFtsQuery,
  toTsquery,
  tsvectorLiteral,
} from './text.js'

export interface SearchDoc {
  resourceId: string
  name: string
  summary: string
  itemNames: string[]
}

type DocRow = Selectable<CatalogSearchTables['catalog_search_docs']>
/** A document's row without its id: what the index stores for filters, facets and sorting. */
export type DocFields = Omit<DocRow, 'doc_id'>
/** A matched document, without the normalised name nobody needs past the query. */
export type MatchRow = Omit<DocRow, 'name_norm'>

/** (Re)indexes a published resource: its filter fields are read from the resource row. */
export async function indexResource(db: Executor, doc: SearchDoc): Promise<void> {
  const resource = await db
    .selectFrom('resources')
    .select([
      'provider_id',
      'share_type',
      'category',
      'theme',
      'format',
      'update_cycle',
      'zone',
      'published_at',
    ])
    .where('id', '=', doc.resourceId)
    .executeTakeFirst()
  if (!resource || resource.published_at === null) {
    throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id: doc.resourceId, reason: 'not published' })
  }
  await unindexResource(db, doc.resourceId)
  await insertSearchDocuments(db, [
    { fields: { resource_id: doc.resourceId, ...resource, published_at: resource.published_at }, text: doc },
  ])
}

export async function unindexResource(db: Executor, resourceId: string): Promise<void> {
  if (!isPostgres(db)) {
    await sql`delete from catalog_search_fts where rowid in
      (select doc_id from catalog_search_docs where resource_id = ${resourceId})`.execute(db)
  }
  await db.deleteFrom('catalog_search_docs').where('resource_id', '=', resourceId).execute()
}

/**
 * Adds documents (none of them indexed yet) in one statement per table; each gets a lower id
 * than every document before it (newest first = ascending ids). Used by indexResource and by the
 * benchmark's bulk load.
 */
export async function insertSearchDocuments(
  db: Executor,
  docs: ReadonlyArray<{ fields: Omit<DocFields, 'name_norm'>; text: SearchText }>,
): Promise<void> {
  if (docs.length === 0) {
    return
  }
  const prepared = docs.map(({ fields, text }) => ({
    row: { ...fields, name_norm: normalizeText(text.name) },
    indexed: indexDocument(text, {
      providerId: fields.provider_id,
      shareType: fields.share_type,
      category: fields.category,
      theme: fields.theme,
      format: fields.format,
      updateCycle: fields.update_cycle,
      zone: fields.zone,
    }),
  }))
  if (isPostgres(db)) {
    const values = prepared.map(
      ({ row, indexed }) => sql`(${row.resource_id}, ${row.provider_id}, ${row.share_type}, ${row.category},
        ${row.theme}, ${row.format}, ${row.update_cycle}, ${row.zone}, ${row.published_at}, ${row.name_norm},
        ${tsvectorLiteral(indexed)}::tsvector)`,
    )
    await sql`insert into catalog_search_docs (resource_id, provider_id, share_type, category, theme, format,
      update_cycle, zone, published_at, name_norm, tokens) values ${sql.join(values)}`.execute(db)
    return
  }
  // SQLite: ids are given explicitly so that the FTS rows carry the same ones. Writers are
  // serialised, so reading the lowest id first is safe.
  const bottom = await db
    .selectFrom('catalog_search_docs')
    .select((eb) => eb.fn.min('doc_id').as('bottom'))
    .executeTakeFirst()
  const first = Math.min(0, Number(bottom?.bottom ?? 0)) - 1
  await db
    .insertInto('catalog_search_docs')
    .values(prepared.map(({ row }, index) => ({ doc_id: first - index, ...row })))
    .execute()
  const ftsRows = prepared.map(
    ({ indexed }, index) => sql`(${first - index}, ${ftsColumn(indexed.name)}, ${ftsColumn(indexed.summary)},
      ${ftsColumn(indexed.items)}, ${ftsColumn(indexed.title)}, ${indexed.tags.join(' ')})`,
  )
  await sql`insert into catalog_search_fts (rowid, name, summary, items, title, tags)
    values ${sql.join(ftsRows)}`.execute(db)
}

// Queries. A "window" is the ids of the newest `limit` documents matching a query.

export interface MatchQuery {
  expr: MatchExpr
  /** Characters the normalised name must also contain (one-character query terms). */
  nameChars: readonly string[]
}

function windowOf(db: Executor, query: MatchQuery, limit: number) {
  const likes = sql.join(
    query.nameChars.map((char) => sql` and d.name_norm like ${`%${char}%`}`),
    sql``,
  )
  if (isPostgres(db)) {
    return sql`select d.doc_id from catalog_search_docs d
      where d.tokens @@ ${toTsquery(query.expr)}::tsquery${likes} order by d.doc_id limit ${limit}`
  }
  const join = query.nameChars.length > 0 ? sql` join catalog_search_docs d on d.doc_id = f.rowid` : sql``
  return sql`select f.rowid as doc_id from catalog_search_fts f${join}
    where catalog_search_fts match ${toFtsQuery(query.expr)}${likes} order by f.rowid limit ${limit}`
}

/** How many documents match, counting no further than `limit`. */
export async function countMatches(db: Executor, query: MatchQuery, limit: number): Promise<number> {
  const result = await sql<{
    n: number
  }>`select count(*) as n from (${windowOf(db, query, limit)}) w`.execute(db)
  return Number(result.rows[0]?.n ?? 0)
}

export interface FacetRow {
  dimension: string
  value: string
  n: number
}

/** Per filter column, how many documents of the window have each value. */
export async function countFacets(db: Executor, query: MatchQuery, limit: number): Promise<FacetRow[]> {
  const columns = [
    ['providerId', 'provider_id'],
    ['category', 'category'],
    ['theme', 'theme'],
    ['shareType', 'share_type'],
    ['format', 'format'],
    ['updateCycle', 'update_cycle'],
    ['zone', 'zone'],
  ] as const
  const groups = columns.map(
    ([dimension, column]) => sql`select ${dimension} as dimension, ${sql.ref(column)} as value, count(*) as n
      from w where ${sql.ref(column)} is not null group by ${sql.ref(column)}`,
  )
  const result = await sql<FacetRow>`with w as materialized (
      select d.provider_id, d.category, d.theme, d.share_type, d.format, d.update_cycle, d.zone
      from (${windowOf(db, query, limit)}) m join catalog_search_docs d on d.doc_id = m.doc_id
    ) ${sql.join(groups, sql` union all `)}`.execute(db)
  return result.rows.map((row) => ({ ...row, n: Number(row.n) }))
}

export type PageRow = MatchRow & { score: number }

/**
 * One page of the window, ordered: name matches first (score 2, when `inName` is given), then
 * newest publication, then resource id. The name window joins in so that, past the cap, a name
 * match is not lost behind newer summary matches.
 */
export async function pageOfMatches(
  db: Executor,
  query: MatchQuery,
  inName: MatchQuery | undefined,
  options: { limit: number; offset: number; pageSize: number; byRelevance: boolean },
): Promise<PageRow[]> {
  // PostgreSQL's collation could order text differently from SQLite's byte order.
  const collate = isPostgres(db) ? sql` collate "C"` : sql``
  const ids = inName ? sql`select doc_id from w union select doc_id from n` : sql`select doc_id from w`
  const names = inName ? sql`, n as (${windowOf(db, inName, options.limit)})` : sql``
  const score = inName ? sql`case when n.doc_id is null then 1 else 2 end` : sql`1`
  const nameJoin = inName ? sql` left join n on n.doc_id = u.doc_id` : sql``
  const order = options.byRelevance ? sql`score desc, ` : sql``
  const result = await sql<PageRow>`with w as (${windowOf(db, query, options.limit)})${names}
    select d.doc_id, d.resource_id, d.provider_id, d.share_type, d.category, d.theme, d.format,
      d.update_cycle, d.zone, d.published_at, ${score} as score
    from (${ids}) u join catalog_search_docs d on d.doc_id = u.doc_id${nameJoin}
    order by ${order}d.published_at${collate} desc, d.resource_id${collate}
    limit ${options.pageSize} offset ${options.offset}`.execute(db)
  return result.rows.map((row) => ({ ...row, score: Number(row.score) }))
}

/** The display fields of the resources on a result page. */
export function resourcesForPage(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) {
    return Promise.resolve([])
  }
  return db
    .selectFrom('resources')
    .select(['id', 'code', 'name', 'summary', 'status', 'published_version'])
    .where('id', 'in', [...ids])
    .execute()
}

/** The benchmark's yardstick: how many documents the index alone matches, nothing else. */
export async function countBareMatches(db: Executor, expr: MatchExpr): Promise<number> {
  const query = isPostgres(db)
    ? sql<{
        n: number
      }>`select count(*) as n from catalog_search_docs where tokens @@ ${toTsquery(expr)}::tsquery`
    : sql<{
        n: number
      }>`select count(*) as n from catalog_search_fts where catalog_search_fts match ${toFtsQuery(expr)}`
  const result = await query.execute(db)
  return Number(result.rows[0]?.n ?? 0)
}
