import type { Kysely } from 'kysely'

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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_merkle_nodes').execute()
  await db.schema.dropTable('audit_checkpoints').execute()
}
