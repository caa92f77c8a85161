/**
 * A query's window: the newest `limit` documents matching it, newest first (ascending ids), read
 * from the search index (FTS5 on SQLite, the tsvector's GIN index or id order on PostgreSQL).
 */
import { type RawBuilder, type Selectable, sql } from 'kysely'
import type { Executor } from '../../../db/database.js'
import { isPostgres } from '../../../db/dialect.js'
import type { CatalogSearchTables } from './tables.js'
import { type MatchExpr, toFtsQuery, toTsquery } from './text.js'

type DocRow = Selectable<CatalogSearchTables['catalog_search_docs']>

export interface MatchQuery {
  expr: MatchExpr
  /** Characters the normalised name must also contain (one-character query terms). */
  nameChars: readonly string[]
}

/** PostgreSQL: how many of the newest documents the first, ordered probe reads at most. */
export const PROBE_ROWS = 4096
/**
 * PostgreSQL: what checking one candidate of the GIN bitmap costs, in rows read in id order
 * (measured at 100 000 documents: about 4.5 µs against 0.75 µs; the bitmap's candidates all hold
 * the lexemes, so each needs the phrase positions checked, while most rows in id order fail fast).
 */
const RECHECK_COST = 6

/** A matched document's id and the fields facets count (read by the window's own scan). */
export type WindowRow = Pick<
  DocRow,
  'doc_id' | 'provider_id' | 'category' | 'theme' | 'share_type' | 'format' | 'update_cycle' | 'zone'
>

/** The window's columns, of the documents table `d`. */
const WINDOW_COLUMNS = sql`d.doc_id, d.provider_id, d.category, d.theme, d.share_type, d.format, d.update_cycle, d.zone`

/**
 * The window of a query (ids ascending = newest first), each with its facet fields: the scan that
 * finds a document has its row at hand, so facets cost no second read of the window.
 */
export function matchWindow(
  db: Executor,
  query: MatchQuery,
  limit: number,
  probeRows = PROBE_ROWS,
): Promise<WindowRow[]> {
  return windowOf(db, query, limit, probeRows, true)
}

/**
 * The ids of a query's window, nothing else: on SQLite, where FTS5 holds the ids only, the
 * documents table is then not read at all (unless one-character terms need the name).
 */
export async function matchWindowIds(
  db: Executor,
  query: MatchQuery,
  limit: number,
  probeRows = PROBE_ROWS,
): Promise<number[]> {
  const rows = await windowOf<Pick<WindowRow, 'doc_id'>>(db, query, limit, probeRows, false)
  return rows.map((row) => row.doc_id)
}

async function windowOf<Row extends { doc_id: number }>(
  db: Executor,
  query: MatchQuery,
  limit: number,
  probeRows: number,
  withFacets: boolean,
): Promise<Row[]> {
  const likes = sql.join(
    query.nameChars.map((char) => sql` and d.name_norm like ${`%${char}%`}`),
    sql``,
  )
  const columns = withFacets ? WINDOW_COLUMNS : sql`d.doc_id`
  if (isPostgres(db)) {
    const rows = await postgresWindow<Row>(db, toTsquery(query.expr), likes, limit, probeRows, columns)
    return rows.map((row) => ({ ...row, doc_id: Number(row.doc_id) }))
  }
  // FTS5 walks the doclists in rowid order and stops at the limit.
  const readsDocs = withFacets || query.nameChars.length > 0
  const from = readsDocs
    ? sql`catalog_search_fts f join catalog_search_docs d on d.doc_id = f.rowid`
    : sql`catalog_search_fts f`
  const select = readsDocs ? columns : sql`f.rowid as doc_id`
  const result = await sql<Row>`select ${select} from ${from}
    where catalog_search_fts match ${toFtsQuery(query.expr)}${likes} order by f.rowid limit ${limit}`.execute(
    db,
  )
  return result.rows
}

/**
 * GIN knows which documents hold the lexemes but not where, so a phrase is checked on each
 * candidate row, and the planner, guessing phrases rare, reads every candidate before sorting:
 * tens of milliseconds for a common word. So the newest PROBE_ROWS documents are read in id order
 * first (ts_match_vq: @@ in a form the GIN index cannot serve), which stops at the limit; what
 * the probe found tells whether to go on in id order or let the GIN bitmap find the rarer rest.
 * One statement: both ways on are planned, and a one-time filter runs only the chosen one.
 */
async function postgresWindow<Row>(
  db: Executor,
  tsquery: string,
  likes: ReturnType<typeof sql.join>,
  limit: number,
  probeRows: number,
  columns: RawBuilder<unknown>,
): Promise<Row[]> {
  const inOrder = sql`ts_match_vq(d.tokens, ${tsquery}::tsquery)${likes}`
  // Id order reads about wanted / share rows; the bitmap checks share × remaining candidates.
  // The first wins from share² × RECHECK_COST × remaining ≥ wanted: a fixed share would favour
  // the bitmap too long on a small catalog and too little on a large one. When sparse, `+ 0`
  // keeps the planner from walking the id index (hoping to meet matches soon) instead of asking
  // the GIN index for the few there are, or from ANDing that with a bitmap of every id past the
  // edge (95 000 ids read to drop 4 000).
  const result = await sql<Row>`with b as (
      select min(doc_id) as bottom, max(doc_id) as top from catalog_search_docs
    ), p as (
      select ${columns} from catalog_search_docs d
      where d.doc_id < (select bottom from b) + ${probeRows} and ${inOrder}
      order by d.doc_id limit ${limit}
    ), n as (
      select b.bottom + ${probeRows} as edge, ${limit} - c.found as wanted,
        power(c.found::float8 / ${probeRows}, 2) * ${RECHECK_COST} * (b.top - b.bottom - ${probeRows} + 1)
          >= ${limit} - c.found as dense
      from b, (select count(*) as found from p) c
    )
    select * from p
    union all (
      select ${columns} from catalog_search_docs d
      where (select wanted from n) > 0 and (select dense from n) and d.doc_id >= (select edge from n)
        and ${inOrder}
      order by d.doc_id limit (select wanted from n)
    ) union all (
      select ${columns} from catalog_search_docs d
      where (select wanted from n) > 0 and not (select dense from n) and d.doc_id + 0 >= (select edge from n)
        and d.tokens @@ ${tsquery}::tsquery${likes}
      order by d.doc_id + 0 limit (select wanted from n)
    ) order by doc_id`.execute(db)
  return result.rows
}
