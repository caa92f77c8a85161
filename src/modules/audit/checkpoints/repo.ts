/** SQL of the checkpoints and the stored Merkle subtrees (issue 12). */
import type { Selectable } from 'kysely'
import type { Executor } from '../../../db/database.js'
import type { AuditTables } from '../tables.js'
import type { Checkpoint } from './rules.js'

export interface StoredCheckpoint extends Checkpoint {
  /** The right edge of the tree at this size, left to right, hex. */
  edge: string[]
}

type CheckpointRow = Selectable<AuditTables['audit_checkpoints']>

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    treeSize: Number(row.tree_size),
    root: row.root,
    headHash: row.head_hash,
    at: row.at,
    keyId: row.key_id,
    signature: row.signature,
    hashAlg: row.hash_alg,
    sigAlg: row.sig_alg,
    edge: parseEdge(row.edge),
  }
}

function parseEdge(text: string): string[] {
  const value: unknown = JSON.parse(text)
  return Array.isArray(value) ? value.filter((h): h is string => typeof h === 'string') : []
}

export async function latestCheckpoint(db: Executor): Promise<StoredCheckpoint | undefined> {
  const row = await db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row && toCheckpoint(row)
}

export async function checkpointAt(db: Executor, treeSize: number): Promise<StoredCheckpoint | undefined> {
  const row = await db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('tree_size', '=', treeSize)
    .executeTakeFirst()
  return row && toCheckpoint(row)
}

export async function listCheckpoints(
  db: Executor,
  page: { offset: number; limit: number },
): Promise<{ items: StoredCheckpoint[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .orderBy('tree_size', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    db
      .selectFrom('audit_checkpoints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { items: rows.map(toCheckpoint), total: Number(count.n) }
}

export async function insertCheckpoint(db: Executor, checkpoint: StoredCheckpoint): Promise<void> {
  await db
    .insertInto('audit_checkpoints')
    .values({
      tree_size: checkpoint.treeSize,
      root: checkpoint.root,
      head_hash: checkpoint.headHash,
      at: checkpoint.at,
      key_id: checkpoint.keyId,
      signature: checkpoint.signature,
      hash_alg: checkpoint.hashAlg,
      sig_alg: checkpoint.sigAlg,
      edge: JSON.stringify(checkpoint.edge),
    })
    .execute()
}

export interface NodeRow {
  level: number
  idx: number
  hash: string
}

/** Stores completed subtrees; one already there (a retried run) is left as it is. */
export async function insertNodes(db: Executor, nodes: readonly NodeRow[]): Promise<void> {
  for (let i = 0; i < nodes.length; i += 300) {
    await db
      .insertInto('audit_merkle_nodes')
      .values(nodes.slice(i, i + 300).map((n) => ({ level: n.level, idx: n.idx, hash: n.hash })))
      .onConflict((oc) => oc.columns(['level', 'idx']).doNothing())
      .execute()
  }
}

export async function nodeHash(db: Executor, level: number, idx: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('audit_merkle_nodes')
    .select('hash')
    .where('level', '=', level)
    .where('idx', '=', idx)
    .executeTakeFirst()
  return row?.hash
}

/** (seq, chain hash) of entries in (afterSeq, upToSeq], in order: the tree's leaves. */
export async function leavesBetween(
  db: Executor,
  afterSeq: number,
  upToSeq: number,
  limit: number,
): Promise<Array<{ seq: number; hash: string }>> {
  const rows = await db
    .selectFrom('audit_entries')
    .select(['seq', 'hash'])
    .where('seq', '>', afterSeq)
    .where('seq', '<=', upToSeq)
    .orderBy('seq')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }))
}
