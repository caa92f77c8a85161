/**
 * Issue 16 item 4 (Art. 23): the open catalog (DCAT-AP, CKAN API) lists resources by their open
 * type, which only the version metadata JSON held. The resource row now mirrors it like the other
 * filter fields: filled here from the published version (or, before any, the latest draft), kept
 * in step on publication by the catalog's workflow.
 */
import { type Kysely, sql } from 'kysely'

const OPEN_TYPES = ['open', 'conditional', 'not_open']

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('resources')
    .addColumn('open_type', 'text', (c) => c.notNull().defaultTo('not_open'))
    .execute()
  const rows = await sql<{ id: string; metadata: string }>`select r.id, v.metadata from resources r
    join resource_versions v on v.resource_id = r.id
      and v.version = coalesce(r.published_version, r.latest_version)`.execute(db)
  for (const row of rows.rows) {
    const openType = (JSON.parse(row.metadata) as { openType?: unknown }).openType
    if (typeof openType === 'string' && openType !== 'not_open' && OPEN_TYPES.includes(openType)) {
      await sql`update resources set open_type = ${openType} where id = ${row.id}`.execute(db)
    }
  }
  await db.schema.createIndex('resources_open_type').on('resources').column('open_type').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('resources_open_type').execute()
  await db.schema.alterTable('resources').dropColumn('open_type').execute()
}
