/**
 * The sharing catalog (Art. 17-18): published resources found by any substring of two or more
 * characters of their name, summary or item names, with filters, facets, paging and sorting.
 *
 * Work per query is bounded: at most `matchCap` matching documents are read, newest first (the
 * index's own order, so the database stops early). Up to the cap, `total` and the facets are
 * exact (`totalExact: true`); past it they describe the newest `matchCap` matches, and paging ends
 * there — refine the query or add a filter to reach older ones.
 */
import type { Db } from '../../../db/database.js'
import type { Actor } from '../../../shared/actor.js'
import { departmentCodes, departmentsInScope } from '../../org/index.js'
import { matchingAmong, matchingEach, pageOfMatches } from './index-writer.js'
import { MATCH_CAP, MAX_PAGE_SIZE } from './schema.js'
import { synonymsFor } from './synonym-repo.js'
import { alternativesOf, expandedMatch, phraseOf, type RunAlternatives } from './synonyms.js'
import {
  ALL_TAG,
  type MatchExpr,
  queryTerms,
  runLength,
  type SearchTags,
  tagToken,
  term,
  textRuns,
} from './text.js'
import { matchWindow, matchWindowIds, PROBE_ROWS, type WindowRow } from './window.js'

// Wire limits (the portal and the route schema read them) live in schema.ts; see the file comment.
export { MATCH_CAP, MAX_PAGE_SIZE }

export const FACET_DIMENSIONS = [
  'providerId',
  'category',
  'theme',
  'shareType',
  'format',
  'updateCycle',
  'zone',
] as const satisfies ReadonlyArray<keyof SearchTags>
export type FacetDimension = (typeof FACET_DIMENSIONS)[number]

export type SharedFilters = Partial<Record<FacetDimension, string>>

export interface SharedQuery extends SharedFilters {
  q?: string
  page?: number
  pageSize?: number
  /** Default: relevance when there is a query text, else date. */
  sort?: 'relevance' | 'date'
}

export interface SharedItem {
  id: string
  code: string
  name: string
  summary: string
  providerId: string
  providerCode: string
  shareType: string
  category: string
  theme: string | null
  format: string
  updateCycle: string
  zone: string
  publishedAt: string
  /** 2: the query is found in the name; 1: only in the summary or an item name; 0: no query. */
  score: number
  /** The dictionary's words for the query's words that the resource holds ([]: none, or no entry). */
  matchedVia: MatchedVia[]
}

export interface MatchedVia {
  term: string
  synonym: string
}

export type Facets = Record<FacetDimension, Array<{ value: string; count: number }>>

export interface SharedResult {
  items: SharedItem[]
  total: number
  /** False when more than MATCH_CAP resources match: `total` and `facets` then stop at the cap. */
  totalExact: boolean
  facets: Facets
  page: number
  pageSize: number
}

export type CatalogSearch = ReturnType<typeof createCatalogSearch>

export function createCatalogSearch(deps: { db: Db; matchCap?: number; probeRows?: number }) {
  const { db } = deps
  const cap = deps.matchCap ?? MATCH_CAP
  const probeRows = deps.probeRows ?? PROBE_ROWS

  /**
   * Searches the sharing catalog as `actor` sees it (Art. 17-18): none-type resources only for
   * their providing department and the bureau (catalog.read_private). Throws nothing of its own.
   */
  async function searchShared(actor: Actor, query: SharedQuery): Promise<SharedResult> {
    const page = Math.max(1, query.page ?? 1)
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, query.pageSize ?? 20))
    const terms = queryTerms(query.q)
    const hasText = terms.phrases.length > 0 || terms.singles.length > 0
    const longRuns = textRuns(query.q ?? '').filter((run) => runLength(run) >= 2)
    // The dictionary is read per query (a primary-key lookup), so an edit counts at once everywhere.
    const [scope, dictionary] = await Promise.all([
      departmentsInScope(db, actor, 'catalog.read_private'),
      synonymsFor(db, longRuns),
    ])
    const runs = alternativesOf(longRuns, dictionary)
    const anywhere = expandedMatch(runs, false)
    const inTitle = expandedMatch(runs, true)
    const restrict = (text: MatchExpr) => withVisibility(withFilters(text, query), scope)

    const matching = {
      expr: restrict(terms.phrases.length > 0 ? anywhere : term(ALL_TAG)),
      nameChars: terms.singles,
    }
    const byRelevance = hasText && (query.sort ?? 'relevance') === 'relevance'
    const offset = (page - 1) * pageSize
    // One-character terms are looked for in the name only: then every match is a name match.
    const nameOnly = terms.phrases.length === 0
    const inName = { expr: restrict(inTitle), nameChars: terms.singles }
    const [found, nameWindow] = await Promise.all([
      matchWindow(db, matching, cap + 1, probeRows),
      // All name matches up to the cap: they are ordered by rank day (freshness and use), which
      // an older one can win, so every page must see the same set.
      byRelevance && !nameOnly ? matchWindowIds(db, inName, cap, probeRows) : Promise.resolve(undefined),
    ])
    const window = found.slice(0, cap)
    const windowIds = window.map((row) => row.doc_id)
    const nameIds = nameOnly && hasText ? windowIds : nameWindow
    const pageRows = await pageOfMatches(db, windowIds, nameIds, {
      offset,
      pageSize,
      byRelevance,
      summaryWords: runs.map(({ run, synonyms }) => [run, ...synonyms]),
    })
    // The page's own reads do not depend on one another: one round trip's wait, not three.
    const pageIds = pageRows.map((row) => row.doc_id)
    const [inNameIds, via, providerCodes] = await Promise.all([
      // By date, the score still says whether the query is in the name.
      hasText && !byRelevance && !nameOnly ? matchingAmong(db, inTitle, pageIds) : Promise.resolve(undefined),
      matchedVia(db, runs, pageIds),
      departmentCodes(
        db,
        pageRows.map((row) => row.provider_id),
      ),
    ])
    const titleHits = inNameIds === undefined ? undefined : new Set(inNameIds)
    const rows = pageRows.map((row) =>
      titleHits ? { ...row, score: titleHits.has(row.doc_id) ? 2 : 1 } : row,
    )
    const items: SharedItem[] = []
    for (const row of rows) {
      // The index follows publication in the same transaction; this only guards against drift.
      if (row.published_version === null || row.status === 'withdrawn') {
        continue
      }
      items.push({
        id: row.resource_id,
        code: row.code,
        name: row.name,
        summary: row.summary,
        providerId: row.provider_id,
        providerCode: providerCodes.get(row.provider_id) ?? '',
        shareType: row.share_type,
        category: row.category,
        theme: row.theme,
        format: row.format,
        updateCycle: row.update_cycle,
        zone: row.zone,
        publishedAt: row.published_at,
        score: hasText ? row.score : 0,
        matchedVia: via.get(row.doc_id) ?? [],
      })
    }
    return {
      items,
      total: window.length,
      totalExact: found.length <= cap,
      facets: facetsOf(window),
      page,
      pageSize,
    }
  }

  return { searchShared }
}

/**
 * Which synonyms each document of the page holds: tested over the page's documents only, and not
 * at all when no word of the query is in the dictionary.
 */
async function matchedVia(
  db: Db,
  runs: readonly RunAlternatives[],
  docIds: readonly number[],
): Promise<Map<number, MatchedVia[]>> {
  const pairs = runs.flatMap(({ run, synonyms }) => synonyms.map((synonym) => ({ term: run, synonym })))
  const via = new Map<number, MatchedVia[]>()
  if (pairs.length === 0 || docIds.length === 0) {
    return via
  }
  const holders = await matchingEach(
    db,
    pairs.map((pair) => phraseOf(pair.synonym)),
    docIds,
  )
  pairs.forEach((pair, index) => {
    for (const docId of holders[index] ?? []) {
      via.set(docId, [...(via.get(docId) ?? []), pair])
    }
  })
  return via
}

function withFilters(expr: MatchExpr, filters: SharedFilters): MatchExpr {
  const items = [expr]
  for (const dimension of FACET_DIMENSIONS) {
    const value = filters[dimension]
    if (value !== undefined && value !== '') {
      items.push(term(tagToken(dimension, value)))
    }
  }
  return items.length === 1 ? expr : { op: 'and', items }
}

/**
 * Drops none-type documents except those of the departments in `scope` (undefined: the actor
 * sees them all, as catalog.read_private says for the bureau).
 */
function withVisibility(expr: MatchExpr, scope: readonly string[] | undefined): MatchExpr {
  if (scope === undefined) {
    return expr
  }
  const hidden = term(tagToken('shareType', 'none'))
  if (scope.length === 0) {
    return { op: 'not', base: expr, minus: hidden }
  }
  const own: MatchExpr = { op: 'or', items: scope.map((id) => term(tagToken('providerId', id))) }
  return { op: 'not', base: expr, minus: { op: 'not', base: hidden, minus: own } }
}

/** Per dimension, how many of the window's documents have each value, most frequent first. */
export function facetsOf(rows: readonly WindowRow[]): Facets {
  const columns: Record<FacetDimension, (row: WindowRow) => string | null> = {
    providerId: (row) => row.provider_id,
    category: (row) => row.category,
    theme: (row) => row.theme,
    shareType: (row) => row.share_type,
    format: (row) => row.format,
    updateCycle: (row) => row.update_cycle,
    zone: (row) => row.zone,
  }
  const facets = {} as Facets
  for (const dimension of FACET_DIMENSIONS) {
    const counts = new Map<string, number>()
    for (const row of rows) {
      const value = columns[dimension](row)
      if (value !== null) {
        counts.set(value, (counts.get(value) ?? 0) + 1)
      }
    }
    facets[dimension] = [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || compareText(a.value, b.value))
  }
  return facets
}

/** Code-point order, the same whatever the database's collation. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
