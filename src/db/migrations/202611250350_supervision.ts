import type { Kysely } from 'kysely'

/**
 * Art. 39 annual reports, and an index on audit_entries.at: statistics and evaluation (Art. 27, 35)
 * read the log by period, and without it every query would scan ten years of entries.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    // department_id, or 'city': both databases treat NULLs as distinct in a unique index.
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('generated_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('annual_reports_year_scope')
    .on('annual_reports')
    .columns(['year', 'scope_key'])
    .unique()
    .execute()
  await db.schema.createIndex('audit_entries_at').on('audit_entries').column('at').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_entries_at').execute()
  await db.schema.dropTable('annual_reports').execute()
}
