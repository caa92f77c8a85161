import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * The sharing catalog's search index (see src/modules/catalog/search-index.ts): one row per
 * published resource with the fields its filters and facets need, and its bigram tokens — an FTS5
 * table on SQLite, a tsvector with a GIN index on PostgreSQL. `doc_id` goes DOWN with every
 * (re)publication: newest-first is then ascending id order, which both FTS5 (forward doclist
 * iteration) and a btree read cheaply and stop early.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db)
  await db.schema
    .createTable('catalog_search_docs')
    .addColumn('doc_id', postgres ? 'bigint' : 'integer', (c) =>
      postgres
        ? c.primaryKey().modifyEnd(sql`generated always as identity (increment by -1)`)
        : c.primaryKey(),
    )
    .addColumn('resource_id', 'text', (c) => c.notNull().unique().references('resources.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('share_type', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('update_cycle', 'text', (c) => c.notNull())
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('name_norm', 'text', (c) => c.notNull())
    .execute()

  if (postgres) {
    await sql`alter table catalog_search_docs add column tokens tsvector not null`.execute(db)
    await sql`create index catalog_search_docs_tokens on catalog_search_docs using gin (tokens)`.execute(db)
  } else {
    // `ascii`: spaces separate tokens and every non-ASCII character is part of one, so each
    // bigram is exactly one token. Contentless: the text lives in `resources` and `items`.
    await sql`create virtual table catalog_search_fts using fts5(
      name, summary, items, title, tags,
      tokenize = 'ascii', content = '', contentless_delete = 1
    )`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    await db.schema.dropTable('catalog_search_fts').execute()
  }
  await db.schema.dropTable('catalog_search_docs').execute()
}
