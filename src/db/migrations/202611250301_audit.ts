import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_entries')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('department_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('alg', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_entries_action').on('audit_entries').columns(['action', 'seq']).execute()
  await db.schema
    .createIndex('audit_entries_department')
    .on('audit_entries')
    .columns(['department_id', 'seq'])
    .execute()

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db)

  // Art. 27: logs are kept 10 years. The database itself refuses to change or delete an entry.
  if (isPostgres(db)) {
    await sql`
      create or replace function audit_entries_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'AUDIT_IMMUTABLE: audit entries cannot be changed or deleted';
      end $$`.execute(db)
    await sql`
      create trigger audit_entries_immutable before update or delete on audit_entries
      for each row execute function audit_entries_immutable()`.execute(db)
  } else {
    await sql`
      create trigger audit_entries_no_update before update on audit_entries
      begin select raise(abort, 'AUDIT_IMMUTABLE: audit entries cannot be changed'); end`.execute(db)
    await sql`
      create trigger audit_entries_no_delete before delete on audit_entries
      begin select raise(abort, 'AUDIT_IMMUTABLE: audit entries cannot be deleted'); end`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_head').execute()
  await db.schema.dropTable('audit_entries').execute()
}
