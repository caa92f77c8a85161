/**
 * Verify the audit log (Art. 27, 29) against itself and against the latest signed checkpoint
 * (issue 12): the chain from genesis, the checkpoint's SM2 signature, the SM3 Merkle root over
 * entries 1..size recomputed from the rows, and the head not behind the checkpoint (truncation).
 * Rows past the head are not entries: `foreignRows` names them beside the walk (decisions §33).
 * On SQLite it reads through its own connection inside one read
 * transaction: a consistent snapshot, prepared statements, and nothing else waits for it.
 */
import type { Executor } from '../../../db/database.js'
import { openSqliteFile } from '../../../db/sqlite-file.js'
import { CompactRange, leafHashOfHex } from '../checkpoints/merkle.js'
import * as checkpointRepo from '../checkpoints/repo.js'
import { type Checkpoint, isSignedBy, sm3Tree } from '../checkpoints/rules.js'
import type { PublicKeyInfo } from '../checkpoints/signing.js'
import { ENTRY_ROW_SELECT, type EntryRow, entryOf } from '../entry-row.js'
import * as repo from '../repo.js'
import { type ChainCursor, type ChainEntry, type ChainProblem, checkRun, GENESIS_HASH } from '../rules.js'

export interface CheckpointSummary {
  treeSize: number
  root: string
  keyId: string
  at: string
}

export type VerifyResult =
  | { ok: true; entries: number; head: string; checkpoint?: CheckpointSummary }
  | { ok: false; firstBadSeq: number; problem: ChainProblem; entries: number; checkpoint?: CheckpointSummary }

/** Where verify reads from: Kysely (any executor, a transaction too) or a SQLite snapshot. */
export interface VerifySource {
  head(): Promise<ChainCursor>
  latestCheckpoint(): Promise<Checkpoint | undefined>
  entries(afterSeq: number, upToSeq: number, limit: number): Promise<ChainEntry[]>
}

const BATCH = 5000

export function executorSource(db: Executor): VerifySource {
  return {
    head: () => repo.readHead(db),
    latestCheckpoint: () => checkpointRepo.latestCheckpoint(db),
    entries: (afterSeq, upToSeq, limit) => repo.entriesBetween(db, afterSeq, upToSeq, limit),
  }
}

/** Runs `work` over a read snapshot of the SQLite file on a connection of its own. */
export async function withSqliteSnapshot<T>(
  file: string,
  work: (source: VerifySource) => Promise<T>,
): Promise<T> {
  const sqlite = openSqliteFile(file)
  try {
    sqlite.pragma('query_only = ON')
    const entries = sqlite
      .prepare<[number, number, number], EntryRow>(
        `${ENTRY_ROW_SELECT} where seq > ? and seq <= ? order by seq limit ?`,
      )
      .raw(true)
    const head = sqlite.prepare<[], ChainCursor>('select seq, hash from audit_head where id = 1')
    sqlite.exec('begin')
    const source: VerifySource = {
      head: async () => {
        const row = head.get()
        if (!row) {
          throw new Error('audit_head is missing')
        }
        return row
      },
      // Kysely cannot run on this connection; the checkpoint row is one read, through the same snapshot.
      latestCheckpoint: async () => {
        const row = sqlite
          .prepare<[], Record<string, string | number>>(
            'select * from audit_checkpoints order by tree_size desc limit 1',
          )
          .get()
        return row && checkpointFromRow(row)
      },
      entries: async (afterSeq, upToSeq, limit) => entries.all(afterSeq, upToSeq, limit).map(entryOf),
    }
    return await work(source)
  } finally {
    sqlite.close()
  }
}

function checkpointFromRow(row: Record<string, string | number>): Checkpoint {
  return {
    treeSize: Number(row.tree_size),
    root: String(row.root),
    headHash: String(row.head_hash),
    at: String(row.at),
    keyId: String(row.key_id),
    signature: String(row.signature),
    hashAlg: String(row.hash_alg),
    sigAlg: String(row.sig_alg),
  }
}

export type Fail = (firstBadSeq: number, problem: ChainProblem, entries: number) => VerifyResult

/** What both walks check first: the checkpoint's signature and a head not moved behind it. */
export async function precheck(
  source: VerifySource,
  keys: readonly PublicKeyInfo[],
): Promise<
  | { done: true; result: VerifyResult }
  | { done: false; head: ChainCursor; checkpoint?: Checkpoint; summary?: CheckpointSummary; fail: Fail }
> {
  const head = await source.head()
  const checkpoint = await source.latestCheckpoint()
  const summary = checkpoint && {
    treeSize: checkpoint.treeSize,
    root: checkpoint.root,
    keyId: checkpoint.keyId,
    at: checkpoint.at,
  }
  const fail: Fail = (firstBadSeq, problem, entries) => ({
    ok: false,
    firstBadSeq,
    problem,
    entries,
    ...(summary ? { checkpoint: summary } : {}),
  })
  if (checkpoint && !isSignedBy(checkpoint, keys)) {
    return { done: true, result: fail(checkpoint.treeSize, 'checkpoint_signature', 0) }
  }
  if (checkpoint && head.seq < checkpoint.treeSize) {
    return { done: true, result: fail(head.seq + 1, 'head_behind_checkpoint', 0) }
  }
  return { done: false, head, checkpoint, summary, fail }
}

/**
 * Walks the chain from the genesis hash up to the head and names the first entry that fails:
 * altered (hash), re-linked (prevHash), removed (a gap), or unlike what the latest checkpoint
 * signed; before all that, a checkpoint not signed by a trusted key or a head moved back behind it.
 */
export async function verifyLog(source: VerifySource, keys: readonly PublicKeyInfo[]): Promise<VerifyResult> {
  const pre = await precheck(source, keys)
  if (pre.done) {
    return pre.result
  }
  const { head, checkpoint, summary, fail } = pre
  const treeSize = checkpoint?.treeSize ?? 0
  const tree = new CompactRange(sm3Tree)
  let cursor: ChainCursor = { seq: 0, hash: GENESIS_HASH }
  for (;;) {
    const batch = await source.entries(cursor.seq, head.seq, BATCH)
    if (batch.length === 0) {
      break
    }
    const run = checkRun(cursor, batch)
    if (!run.ok) {
      return fail(run.firstBadSeq, run.problem, run.verified)
    }
    for (const entry of batch) {
      if (entry.seq > treeSize) {
        break
      }
      tree.append(leafHashOfHex(sm3Tree, entry.hash))
      if (entry.seq === treeSize && checkpoint) {
        if (entry.hash !== checkpoint.headHash) {
          return fail(treeSize, 'checkpoint_head_mismatch', treeSize - 1)
        }
        if (tree.root().toString('hex') !== checkpoint.root) {
          return fail(treeSize, 'checkpoint_root_mismatch', treeSize - 1)
        }
      }
    }
    cursor = run.cursor
    // Lets the server answer other requests between batches of a long walk.
    await new Promise((resolve) => setImmediate(resolve))
  }
  if (cursor.seq < head.seq) {
    return fail(cursor.seq + 1, 'missing_entry', cursor.seq)
  }
  if (cursor.hash !== head.hash) {
    return fail(head.seq, 'head_mismatch', cursor.seq)
  }
  return { ok: true, entries: cursor.seq, head: cursor.hash, ...(summary ? { checkpoint: summary } : {}) }
}
