import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('records')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('source_changed_at', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('records_pk', ['resource_id', 'key_hash'])
    .execute()
  await db.schema
    .createIndex('records_arrived')
    .on('records')
    .columns(['resource_id', 'arrived_at'])
    .execute()

  await db.schema
    .createTable('record_history')
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('source_changed_at', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_history_pk', ['resource_id', 'key_hash', 'version'])
    .execute()
  // A provider sees who read its data and why (Art. 27): entries by object, newest first.
  await db.schema
    .createIndex('audit_entries_object')
    .on('audit_entries')
    .columns(['object_id', 'seq'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_entries_object').execute()
  await db.schema.dropTable('record_history').execute()
  await db.schema.dropTable('records').execute()
}
