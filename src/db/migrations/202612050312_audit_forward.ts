import type { Kysely } from 'kysely'

/**
 * Issue 12 item 6: how far each forwarding target (GOVSHARE_AUDIT_FORWARD) has been sent, and
 * which instance holds the lease to send (on PostgreSQL several instances share one log).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_forward_cursors')
    .addColumn('target', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_forward_cursors').execute()
}
