import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * Issue 12: signed checkpoints of the audit log (tree size, SM3 Merkle root, chain head, SM2
 * signature) and the Merkle subtree hashes that answer proofs without rescanning the log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('tree_size', 'bigint', (c) => c.primaryKey())
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('hash_alg', 'text', (c) => c.notNull())
    .addColumn('sig_alg', 'text', (c) => c.notNull())
    // JSON array of the right edge's subtree hashes: the next checkpoint starts from it.
    .addColumn('edge', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('audit_merkle_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_merkle_nodes_pk', ['level', 'idx'])
    .execute()

  // Signed history is only ever added to: the database refuses to change or remove it (a DBA who
  // drops these triggers is what the signature, verify and the witness are for).
  if (isPostgres(db)) {
    await sql`
      create or replace function audit_checkpoints_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'AUDIT_IMMUTABLE: % refused on %', tg_op, tg_table_name;
      end $$`.execute(db)
    for (const table of ['audit_checkpoints', 'audit_merkle_nodes']) {
      await sql`create trigger ${sql.id(`${table}_immutable`)} before update or delete on ${sql.table(table)}
        for each row execute function audit_checkpoints_immutable()`.execute(db)
      await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
        for each statement execute function audit_checkpoints_immutable()`.execute(db)
    }
    return
  }
  for (const table of ['audit_checkpoints', 'audit_merkle_nodes']) {
    for (const op of ['update', 'delete']) {
      await sql`create trigger ${sql.id(`${table}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`AUDIT_IMMUTABLE: ${table} cannot be changed or deleted`)}); end`.execute(
        db,
      )
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_merkle_nodes').execute()
  await db.schema.dropTable('audit_checkpoints').execute()
  if (isPostgres(db)) {
    await sql`drop function if exists audit_checkpoints_immutable()`.execute(db)
  }
}
