/**
 * Issue 12: indexes for the auditor's search (GET /audit/search), newest first. Each ends in seq so
 * a filter and the `order by seq desc` are served by one index walk; (action, seq) and
 * (department_id, seq) came with the audit table. A case reference lives in the details JSON and
 * has no index: it is a substring match, narrowed first by the indexed filters that come with it.
 */
import type { Kysely } from 'kysely'

const INDEXES: ReadonlyArray<{ name: string; columns: string[] }> = [
  { name: 'audit_entries_object', columns: ['object_type', 'object_id', 'seq'] },
  { name: 'audit_entries_actor', columns: ['actor_id', 'seq'] },
  // Failed sign-ins have no actor id, only the name the caller claimed.
  { name: 'audit_entries_actor_name', columns: ['actor_name', 'seq'] },
  { name: 'audit_entries_at', columns: ['at'] },
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of INDEXES) {
    await db.schema.createIndex(index.name).ifNotExists().on('audit_entries').columns(index.columns).execute()
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of INDEXES) {
    await db.schema.dropIndex(index.name).ifExists().execute()
  }
}
