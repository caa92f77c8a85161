import type { Kysely } from 'kysely'

/** Art. 40 rectification notices, Art. 30-31 security incidents and read-volume anomalies. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rectification_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    // Detection runs on every instance and again each day: the unique key makes it idempotent.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('issued_by', 'text')
    .addColumn('response', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('rectification_notices_department')
    .on('rectification_notices')
    .columns(['department_id', 'status'])
    .execute()
  await db.schema
    .createIndex('rectification_notices_status_due')
    .on('rectification_notices')
    .columns(['status', 'due_date'])
    .execute()

  await db.schema
    .createTable('security_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('data_affected', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('routed_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('security_incidents_status')
    .on('security_incidents')
    .columns(['status', 'created_at'])
    .execute()

  await db.schema
    .createTable('anomalies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('observed', 'integer', (c) => c.notNull())
    .addColumn('baseline_mean', 'real', (c) => c.notNull())
    .addColumn('threshold', 'real', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('anomalies_department_day')
    .on('anomalies')
    .columns(['department_id', 'day', 'kind'])
    .unique()
    .execute()
  // The anomaly job counts one action over 15 days: without this it scans the whole log.
  await db.schema
    .createIndex('audit_entries_action_at')
    .on('audit_entries')
    .columns(['action', 'at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_entries_action_at').execute()
  for (const table of ['anomalies', 'security_incidents', 'rectification_notices']) {
    await db.schema.dropTable(table).execute()
  }
}
