/**
 * Issue 15 item 1: search ranks by freshness and use. `catalog_resource_use` holds how many
 * departments use a resource (consumers with an unrevoked grant), kept by sharing through the
 * catalog's index; each search document carries `rank_day`, its publication day pushed later by
 * its use (search/use.ts), so ordering needs no join. Filled here from the grants there are.
 */
import { type Kysely, sql } from 'kysely'

/** Kept equal to search/use.ts (a migration does not import code that may change later). */
const DAYS_PER_CONSUMER = 30
const MAX_CONSUMERS_COUNTED = 12

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_resource_use')
    .addColumn('resource_id', 'text', (c) => c.primaryKey())
    .addColumn('consumers', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .alterTable('catalog_search_docs')
    .addColumn('rank_day', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  const now = new Date().toISOString()
  const uses = await sql<{ resource_id: string; consumers: number }>`select resource_id,
    count(distinct consumer_id) as consumers from grants where status = 'live' group by resource_id`.execute(
    db,
  )
  const consumersOf = new Map(uses.rows.map((row) => [row.resource_id, Number(row.consumers)]))
  for (const [resourceId, consumers] of consumersOf) {
    await sql`insert into catalog_resource_use (resource_id, consumers, updated_at)
      values (${resourceId}, ${consumers}, ${now})`.execute(db)
  }
  const docs = await sql<{ doc_id: number; resource_id: string; published_at: string }>`select doc_id,
    resource_id, published_at from catalog_search_docs`.execute(db)
  for (const doc of docs.rows) {
    const day = Math.floor(Date.parse(doc.published_at) / 86_400_000)
    const consumers = Math.min(consumersOf.get(doc.resource_id) ?? 0, MAX_CONSUMERS_COUNTED)
    await sql`update catalog_search_docs set rank_day = ${day + DAYS_PER_CONSUMER * consumers}
      where doc_id = ${doc.doc_id}`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('catalog_search_docs').dropColumn('rank_day').execute()
  await db.schema.dropTable('catalog_resource_use').execute()
}
