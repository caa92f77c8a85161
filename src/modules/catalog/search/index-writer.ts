/**
 * The sharing catalog's search index and its queries (this module's repo code for search). Kept
 * in step with publication inside the same transaction: a published resource is (re)indexed, a
 * withdrawn one removed. Both databases index the same tokens (text.ts): an FTS5 table on SQLite,
 * a tsvector with a GIN index on PostgreSQL.
 */
import { type Selectable, sql } from 'kysely'
import type { Executor } from '../../../db/database.js'
import { isPostgres } from '../../../db/dialect.js'
import { AppError } from '../../../shared/errors.js'
import type { CatalogSearchTables } from './tables.js'
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
import { consumersOf, rankDay } from './use.js'

export interface SearchDoc {
  resourceId: string
  name: string
  summary: string
  itemNames: string[]
}

type DocRow = Selectable<CatalogSearchTables['catalog_search_docs']>
/** A document's row without its id: what the index stores for filters, facets and sorting. */
export type DocFields = Omit<DocRow, 'doc_id'>
/** A matched document, without what only the query needs (normalised name, rank day, summary). */
export type MatchRow = Omit<DocRow, 'name_norm' | 'rank_day' | 'summary_lower'>

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
    {
      fields: { resource_id: doc.resourceId, ...resource, published_at: resource.published_at },
      text: doc,
      consumers: await consumersOf(db, doc.resourceId),
    },
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
  docs: ReadonlyArray<{
    fields: Omit<DocFields, 'name_norm' | 'rank_day' | 'summary_lower'>
    text: SearchText
    /** Departments using the resource (use.ts); 0 when left out. */
    consumers?: number
  }>,
): Promise<void> {
  if (docs.length === 0) {
    return
  }
  const prepared = docs.map(({ fields, text, consumers }) => ({
    row: {
      ...fields,
      name_norm: normalizeText(text.name),
      // As stored, not normalised: relevance's summary tier has always compared it so.
      summary_lower: text.summary.toLowerCase(),
      rank_day: rankDay(fields.published_at, consumers ?? 0),
    },
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
        ${row.rank_day}, ${row.summary_lower}, ${tsvectorLiteral(indexed)}::tsvector)`,
    )
    await sql`insert into catalog_search_docs (resource_id, provider_id, share_type, category, theme, format,
      update_cycle, zone, published_at, name_norm, rank_day, summary_lower, tokens) values ${sql.join(values)}`.execute(
      db,
    )
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

// Queries over a window's documents (window.ts finds the window).

/** Which of the documents match `expr` (they are few: a page). */
export async function matchingAmong(
  db: Executor,
  expr: MatchExpr,
  docIds: readonly number[],
): Promise<number[]> {
  if (docIds.length === 0) {
    return []
  }
  const result = isPostgres(db)
    ? await sql<{ doc_id: number }>`select doc_id from catalog_search_docs
        where ${inIds(db, 'doc_id', docIds)} and ts_match_vq(tokens, ${toTsquery(expr)}::tsquery)`.execute(db)
    : await sql<{ doc_id: number }>`select rowid as doc_id from catalog_search_fts
        where catalog_search_fts match ${toFtsQuery(expr)} and ${inIds(db, 'rowid', docIds)}`.execute(db)
  return result.rows.map((row) => Number(row.doc_id))
}

/**
 * For each expression, which of the documents match it (they are few: a page). PostgreSQL tests
 * them all in one statement; SQLite, in process, asks FTS5 once per expression, as it must.
 */
export async function matchingEach(
  db: Executor,
  exprs: readonly MatchExpr[],
  docIds: readonly number[],
): Promise<number[][]> {
  if (exprs.length === 0 || docIds.length === 0) {
    return exprs.map(() => [])
  }
  if (!isPostgres(db)) {
    return Promise.all(exprs.map((expr) => matchingAmong(db, expr, docIds)))
  }
  const tests = exprs.map(
    (expr, index) => sql`ts_match_vq(tokens, ${toTsquery(expr)}::tsquery) as ${sql.ref(`m${index}`)}`,
  )
  const result = await sql<Record<string, unknown>>`select doc_id, ${sql.join(tests)} from catalog_search_docs
    where ${inIds(db, 'doc_id', docIds)}`.execute(db)
  return exprs.map((_, index) =>
    result.rows.filter((row) => row[`m${index}`] === true).map((row) => Number(row.doc_id)),
  )
}

/** PostgreSQL: the ids as a one-column (`doc_id`) table, from one parameter. */
function idList(ids: readonly number[]) {
  return sql`select unnest(${[...ids]}::bigint[]) as doc_id`
}

/** `column IN ids`, with the ids as one parameter. */
function inIds(db: Executor, column: string, ids: readonly number[]) {
  return isPostgres(db)
    ? sql`${sql.ref(column)} = any(${[...ids]}::bigint[])`
    : sql`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`
}

/** A result on the page: the document, its score, and the resource's display fields. */
export type PageRow = MatchRow & {
  score: number
  code: string
  name: string
  summary: string
  status: string
  published_version: number | null
}

/**
 * One page of the documents, ordered by relevance: name matches (`nameIds`, score 2) first, then
 * (issue 15) those whose summary holds every query word (`summaryWords`: per word, its
 * alternatives), then within each tier the latest rank day (freshness and use, use.ts); by date:
 * newest publication. Ties: newest publication, then resource id. By relevance the name matches
 * join the window so that, past the cap, a name match is not lost behind newer summary matches.
 * The page's resources are joined after the limit: their display fields come in the same trip.
 */
export async function pageOfMatches(
  db: Executor,
  docIds: readonly number[],
  nameIds: readonly number[] | undefined,
  options: { offset: number; pageSize: number; byRelevance: boolean; summaryWords?: string[][] },
): Promise<PageRow[]> {
  const ids = options.byRelevance && nameIds ? [...new Set([...docIds, ...nameIds])] : docIds
  if (ids.length === 0) {
    return []
  }
  // PostgreSQL's collation could order text differently from SQLite's byte order.
  const collate = isPostgres(db) ? sql` collate "C"` : sql``
  const hasNames = nameIds !== undefined && nameIds.length > 0
  // PostgreSQL: a join, not `= any(array)` per row, which scans the array whole for every row.
  // SQLite: `in`, for which it builds an index, not a join, which scans json_each for every row.
  const joinNames = hasNames && isPostgres(db)
  const names = joinNames ? sql` left join (${idList(nameIds ?? [])}) nm on nm.doc_id = d.doc_id` : sql``
  const isName = joinNames ? sql`nm.doc_id is not null` : sql`${inIds(db, 'd.doc_id', nameIds ?? [])}`
  const score = hasNames ? sql`case when ${isName} then 2 else 1 end` : sql`1`
  const words = options.byRelevance ? (options.summaryWords ?? []) : []
  // The summary as stored, not normalised: a traditional-character summary ranks as item-only.
  // Kept in the index (summary_lower): a join to resources per document cost most of a query.
  const inSummary = sql.join(
    words.map(
      (alternatives) =>
        sql`(${sql.join(
          alternatives.map((word) => sql`d.summary_lower like ${`%${word}%`}`),
          sql` or `,
        )})`,
    ),
    sql` and `,
  )
  const summaryRank =
    words.length > 0 ? sql`case when ${score} = 1 and ${inSummary} then 1 else 0 end` : sql`0`
  // The same order twice: inside, to cut the page; outside, for the rows the join returns.
  const inner = options.byRelevance ? sql`score desc, summary_rank desc, d.rank_day desc, ` : sql``
  const outer = options.byRelevance ? sql`p.score desc, p.summary_rank desc, p.rank_day desc, ` : sql``
  const tieBreak = (table: string) =>
    sql`${sql.ref(`${table}.published_at`)}${collate} desc, ${sql.ref(`${table}.resource_id`)}${collate}`
  const result = await sql<PageRow>`select p.doc_id, p.resource_id, p.provider_id, p.share_type, p.category,
      p.theme, p.format, p.update_cycle, p.zone, p.published_at, p.score,
      r.code, r.name, r.summary, r.status, r.published_version
    from (
      select d.doc_id, d.resource_id, d.provider_id, d.share_type, d.category, d.theme, d.format,
        d.update_cycle, d.zone, d.published_at, d.rank_day, ${score} as score, ${summaryRank} as summary_rank
      from catalog_search_docs d${names} where ${inIds(db, 'd.doc_id', ids)}
      order by ${inner}${tieBreak('d')}
      limit ${options.pageSize} offset ${options.offset}
    ) p join resources r on r.id = p.resource_id
    order by ${outer}${tieBreak('p')}`.execute(db)
  return result.rows.map((row) => ({ ...row, score: Number(row.score) }))
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
