import type { Generated } from 'kysely'

/**
 * The sharing catalog's search index (migration 202611250311). The tokens themselves (FTS5 table
 * on SQLite, `tokens` tsvector on PostgreSQL) are reached only through raw SQL in search-index.ts.
 */
export interface CatalogSearchTables {
  catalog_search_docs: {
    doc_id: Generated<number>
    resource_id: string
    provider_id: string
    share_type: string
    category: string
    theme: string | null
    format: string
    update_cycle: string
    zone: string
    published_at: string
    /** The normalised name, for one-character queries (LIKE). */
    name_norm: string
    /** The publication day (days since 1970) pushed later by use: relevance's last tier (use.ts). */
    rank_day: number
    /** The summary in lower case, for relevance's summary tier without a join (202612080040). */
    summary_lower: string
  }
  /** Issue 15: how many departments use a resource (an unrevoked grant), told by sharing. */
  catalog_resource_use: {
    resource_id: string
    consumers: number
    updated_at: string
  }
  /** Issue 15: the words staff type → the formal names to find too (migration 202612050500). */
  search_synonyms: {
    /** Normalised (text.ts), one word. */
    term: string
    /** JSON array of normalised words. */
    expansions: string
    updated_at: string
    updated_by: string
  }
}
