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
 * Adds documents (none of them indexed yet) in one statement per table; later documents get
 * higher ids. Used by indexResource and by the benchmark's bulk load.
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
  // SQLite: ids are given explicitly so that the FTS rows can carry the same ones.
  const top = await db
    .selectFrom('catalog_search_docs')
    .select((eb) => eb.fn.max('doc_id').as('top'))
    .executeTakeFirst()
  const first = Number(top?.top ?? 0) + 1
  await db
    .insertInto('catalog_search_docs')
    .values(prepared.map(({ row }, index) => ({ doc_id: first + index, ...row })))
    .execute()
  const ftsRows = prepared.map(
    ({ indexed }, index) => sql`(${first + index}, ${ftsColumn(indexed.name)}, ${ftsColumn(indexed.summary)},
      ${ftsColumn(indexed.items)}, ${ftsColumn(indexed.title)}, ${indexed.tags.join(' ')})`,
  )
  await sql`insert into catalog_search_fts (rowid, name, summary, items, title, tags)
    values ${sql.join(ftsRows)}`.execute(db)
}

/**
 * The newest `limit` documents matching `expr` whose normalised name also contains each of
 * `nameChars`, newest (highest doc id) first.
 */
export async function matchDocuments(
  db: Executor,
  expr: MatchExpr,
  nameChars: readonly string[],
  limit: number,
): Promise<MatchRow[]> {
  const likes = nameChars.map((char) => sql` and d.name_norm like ${`%${char}%`}`)
  const columns = sql`d.doc_id, d.resource_id, d.provider_id, d.share_type, d.category, d.theme, d.format,
    d.update_cycle, d.zone, d.published_at`
  if (isPostgres(db)) {
    const result = await sql<MatchRow>`select ${columns} from catalog_search_docs d
      where d.tokens @@ ${toTsquery(expr)}::tsquery${sql.join(likes, sql``)}
      order by d.doc_id desc limit ${limit}`.execute(db)
    return result.rows
  }
  const result = await sql<MatchRow>`select ${columns} from catalog_search_fts
      join catalog_search_docs d on d.doc_id = catalog_search_fts.rowid
      where catalog_search_fts match ${toFtsQuery(expr)}${sql.join(likes, sql``)}
      order by catalog_search_fts.rowid desc limit ${limit}`.execute(db)
  return result.rows
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
