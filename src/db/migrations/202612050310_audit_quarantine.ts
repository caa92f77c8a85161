import type { Kysely } from 'kysely'

/**
 * Issue 12: rows found in audit_entries past the chain head (forged, or left by a stray writer)
 * are moved here with the evidence, so the log stays one sound chain and nothing is lost.
 * Several events may name the same seq (a seq forged twice), so the key is an id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_quarantine')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    // The whole stored row as found, JSON with the entry's camelCase field names.
    .addColumn('row', 'text', (c) => c.notNull())
    .addColumn('head_seq', 'bigint', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('audit_quarantine_seq')
    .on('audit_quarantine')
    .columns(['seq', 'hash'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_quarantine').execute()
}
