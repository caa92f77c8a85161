/** Issue 16 item 2 over HTTP (Art. 21): county exports uploaded by the bureau, kept until applied. */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('county_uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('county_name', 'text', (c) => c.notNull())
    .addColumn('plan_digest', 'text', (c) => c.notNull())
    .addColumn('planned', 'text', (c) => c.notNull())
    .addColumn('files', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('result', 'text')
    .addColumn('applied_by', 'text')
    .addColumn('applied_at', 'text')
    .execute()
  await db.schema
    .createTable('county_upload_files')
    .addColumn('upload_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('county_upload_files_pk', ['upload_id', 'name'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('county_upload_files').execute()
  await db.schema.dropTable('county_uploads').execute()
}
