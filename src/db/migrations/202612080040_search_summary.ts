/**
 * Issue 15: relevance's summary tier ("the summary holds every query word") read the resource's
 * summary through a join per matched document: on PostgreSQL 500 primary-key lookups, most of a
 * query's time. The index now keeps the summary in lower case itself, so ordering needs no join.
 */
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('catalog_search_docs')
    .addColumn('summary_lower', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  // lower() is what the join applied; the writer stores toLowerCase(), the same on CJK and ASCII.
  await sql`update catalog_search_docs set summary_lower = coalesce(
    (select lower(r.summary) from resources r where r.id = catalog_search_docs.resource_id), '')`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('catalog_search_docs').dropColumn('summary_lower').execute()
}
