import type { Kysely } from 'kysely'

/**
 * Issue 13, Art. 31: the reporting clock of a security incident — by when the bureau must have
 * passed it on to the cyberspace office and the police. Incidents recorded before keep null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('security_incidents').addColumn('report_due_at', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('security_incidents').dropColumn('report_due_at').execute()
}
