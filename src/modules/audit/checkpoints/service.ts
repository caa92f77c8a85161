/**
 * Signed checkpoints of the audit log and the proofs that tie them together (issue 12, Art. 27,
 * 29, 38). A job extends the Merkle tree from the last checkpoint's right edge (O(k + log n) for
 * k new entries), signs the root with SM2 and stores the subtrees of ≥ 256 leaves it completed,
 * so a proof reads O(log n) stored hashes and at most a few hundred leaves, never the whole log.
 */

import type { Db, Executor } from '../../../db/database.js'
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import type { Clock } from '../../../shared/clock.js'
import { HASH_ALGORITHM } from '../../../shared/crypto.js'
import { AppError } from '../../../shared/errors.js'
import { authorize } from '../../../shared/policy.js'
import { readHead } from '../repo.js'
import type { AuditSettings } from '../settings.js'
import {
  CompactRange,
  consistencyRanges,
  foldRight,
  inclusionRanges,
  leafHashOfHex,
  perfectPieces,
} from './merkle.js'
import * as repo from './repo.js'
import { type Checkpoint, checkpointMessage, STORED_LEVEL, sm3Tree } from './rules.js'
import { type AuditSigner, type PublicKeyInfo, publicKeyInfo, SIGNATURE_ALGORITHM } from './signing.js'

export interface CheckpointDeps {
  db: Db
  clock: Clock
  /** Absent: this process verifies but does not sign (no key configured). */
  signer?: AuditSigner
  /** Retired signing keys (hex public keys) whose checkpoints still verify. */
  oldPublicKeys?: readonly string[]
  settings?: Pick<AuditSettings, 'checkpointEntries' | 'checkpointMinutes' | 'witnessUrls'>
  /** A faster way to read leaves than Kysely (SQLite: a kept statement on the same connection). */
  leaves?: LeafReader
}

export type LeafReader = (
  on: Executor,
  afterSeq: number,
  upToSeq: number,
  limit: number,
) => Promise<Array<{ seq: number; hash: string }>>

export interface InclusionProof {
  seq: number
  treeSize: number
  /** The entry's chain hash: the leaf is SM3(0x00 || its 32 bytes). */
  leaf: string
  proof: string[]
  checkpoint: Checkpoint | undefined
}

export interface ConsistencyProof {
  from: number
  to: number
  proof: string[]
  checkpoint: Checkpoint | undefined
}

const LEAF_BATCH = 5000
/** About 8 s of hashing here: a first run over a ten-year log makes a checkpoint per run. */
const MAX_LEAVES_PER_RUN = 1_000_000
const hex = (b: Buffer) => b.toString('hex')

export type CheckpointService = ReturnType<typeof createCheckpointService>

export function createCheckpointService(deps: CheckpointDeps) {
  const { db, clock, signer } = deps
  const leavesBetween = deps.leaves ?? repo.leavesBetween
  const settings = deps.settings ?? { checkpointEntries: 1000, checkpointMinutes: 10, witnessUrls: [] }
  const keys: PublicKeyInfo[] = [
    ...(signer ? [publicKeyInfo(signer.publicKey)] : []),
    ...(deps.oldPublicKeys ?? []).map(publicKeyInfo),
  ]

  /** The keys checkpoints may be signed with: the current one first, then retired ones. */
  function publicKeys(): PublicKeyInfo[] {
    return keys
  }

  /**
   * Makes a checkpoint when one is due (N entries or M minutes since the last, with at least one
   * new entry), or whenever there is a new entry with `force`. Returns it, or undefined when none
   * was due. Throws AUDIT_CHECKPOINT_REFUSED when the stored log no longer extends the last one,
   * and after committing a checkpoint, an error naming the witnesses it could not be pushed to
   * (the job runner logs it; the witness fetches it on its next run anyway).
   */
  async function makeCheckpoint(
    options: { force?: boolean; on?: Executor } = {},
  ): Promise<Checkpoint | undefined> {
    if (!signer) {
      return undefined
    }
    const { on, force } = options
    // Built outside any transaction (entries up to the head never change), stored in a short one:
    // a first checkpoint over millions of entries must not hold SQLite's write lock meanwhile.
    const built = await build(on ?? db, signer, force)
    if (!built) {
      return undefined
    }
    const store = async (trx: Executor): Promise<Checkpoint | undefined> => {
      // Another instance stored one since (the lease expired mid-build): this one is not needed.
      if (((await repo.latestCheckpoint(trx))?.treeSize ?? 0) !== built.from) {
        return undefined
      }
      await repo.insertNodes(trx, built.nodes)
      await repo.insertCheckpoint(trx, built.stored)
      return built.checkpoint
    }
    const made = on ? await store(on) : await inTransaction(db, store)
    const failed = made ? await pushToWitnesses(made) : []
    if (failed.length > 0) {
      throw new Error(`checkpoint ${made?.treeSize} made, not pushed to: ${failed.join('; ')}`)
    }
    return made
  }

  async function build(on: Executor, key: AuditSigner, force = false) {
    const last = await repo.latestCheckpoint(on)
    const head = await readHead(on)
    const size = last?.treeSize ?? 0
    if (head.seq <= size) {
      return undefined
    }
    const now = clock.now()
    const minutes = last ? (now.getTime() - Date.parse(last.at)) / 60_000 : Number.POSITIVE_INFINITY
    if (!force && head.seq - size < settings.checkpointEntries && minutes < settings.checkpointMinutes) {
      return undefined
    }
    const edge = (last?.edge ?? []).map((h) => Buffer.from(h, 'hex'))
    // The edge is not signed: a changed one would let a new checkpoint sign a rewritten history.
    if (last && hex(foldRight(sm3Tree, edge)) !== last.root) {
      throw new AppError('AUDIT_CHECKPOINT_REFUSED', { treeSize: last.treeSize, reason: 'edge' })
    }
    const nodes: repo.NodeRow[] = []
    const tree = new CompactRange(sm3Tree, size, edge, (node) => {
      if (node.level >= STORED_LEVEL) {
        nodes.push({ level: node.level, idx: node.index, hash: hex(node.hash) })
      }
    })
    // A long backlog (the first run over an old log) is signed in steps, one per run.
    const upTo = Math.min(head.seq, size + MAX_LEAVES_PER_RUN)
    let cursor = { seq: size, hash: last?.headHash ?? '' }
    while (cursor.seq < upTo) {
      const leaves = await leavesBetween(on, cursor.seq, upTo, LEAF_BATCH)
      if (leaves.length === 0) {
        break
      }
      for (const leaf of leaves) {
        if (leaf.seq !== cursor.seq + 1) {
          throw new AppError('AUDIT_CHECKPOINT_REFUSED', { seq: cursor.seq + 1, reason: 'missing_entry' })
        }
        tree.append(leafHashOfHex(sm3Tree, leaf.hash))
        cursor = leaf
      }
    }
    if (cursor.seq !== upTo || (upTo === head.seq && cursor.hash !== head.hash)) {
      throw new AppError('AUDIT_CHECKPOINT_REFUSED', { seq: cursor.seq + 1, reason: 'head_mismatch' })
    }
    const unsigned = {
      treeSize: upTo,
      root: hex(tree.root()),
      headHash: cursor.hash,
      at: now.toISOString(),
      keyId: key.keyId,
      hashAlg: HASH_ALGORITHM,
      sigAlg: SIGNATURE_ALGORITHM,
    }
    const checkpoint: Checkpoint = { ...unsigned, signature: key.sign(checkpointMessage(unsigned)) }
    return { from: size, nodes, checkpoint, stored: { ...checkpoint, edge: tree.hashes().map(hex) } }
  }

  /** Optional push (GOVSHARE_AUDIT_WITNESS_URLS): a witness that is down misses one, not all. */
  async function pushToWitnesses(checkpoint: Checkpoint): Promise<string[]> {
    const failed: string[] = []
    await Promise.all(
      settings.witnessUrls.map(async (url) => {
        try {
          const reply = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(checkpoint),
            signal: AbortSignal.timeout(5000),
          })
          if (!reply.ok) {
            throw new Error(`HTTP ${reply.status}`)
          }
        } catch (error) {
          failed.push(`${url} (${error instanceof Error ? error.message : String(error)})`)
        }
      }),
    )
    return failed
  }

  // Readers take an executor so that a test can look at a rolled-back tampering from inside it.
  async function latest(on: Executor = db): Promise<Checkpoint | undefined> {
    return strip(await repo.latestCheckpoint(on))
  }

  /** One checkpoint by tree size. Throws AUDIT_CHECKPOINT_NOT_FOUND. */
  async function get(treeSize: number): Promise<Checkpoint> {
    const found = strip(await repo.checkpointAt(db, treeSize))
    if (!found) {
      throw new AppError('AUDIT_CHECKPOINT_NOT_FOUND', { treeSize })
    }
    return found
  }

  /** The list, or only the latest (`latest`), newest first. */
  async function page(query: { latest?: boolean; page: number; pageSize: number }) {
    if (query.latest) {
      const found = await latest()
      return { items: found ? [found] : [], total: found ? 1 : 0 }
    }
    return list(query)
  }

  async function list(page: { page: number; pageSize: number }) {
    const { items, total } = await repo.listCheckpoints(db, {
      offset: (page.page - 1) * page.pageSize,
      limit: page.pageSize,
    })
    return { items: items.map((c) => strip(c) ?? c), total }
  }

  /** Entry `seq` is leaf seq−1 of the tree of `treeSize`. Throws AUDIT_PROOF_OUT_OF_RANGE. */
  async function inclusionProof(seq: number, treeSize: number, on: Executor = db): Promise<InclusionProof> {
    await checkSizes(on, seq, treeSize)
    const [leaf] = await leavesBetween(on, seq - 1, seq, 1)
    if (!leaf) {
      throw new AppError('AUDIT_PROOF_OUT_OF_RANGE', { seq })
    }
    const proof = await resolve(on, inclusionRanges(seq - 1, treeSize))
    return { seq, treeSize, leaf: leaf.hash, proof, checkpoint: strip(await repo.checkpointAt(on, treeSize)) }
  }

  /** An inclusion proof for those who read entries (Art. 38). Throws FORBIDDEN, AUDIT_PROOF_OUT_OF_RANGE. */
  async function inclusionProofFor(actor: Actor, seq: number, treeSize: number): Promise<InclusionProof> {
    authorize(actor, 'audit.read')
    return inclusionProof(seq, treeSize)
  }

  /** RFC 6962 PROOF(from, D[to]). Throws AUDIT_PROOF_OUT_OF_RANGE. */
  async function consistencyProof(from: number, to: number, on: Executor = db): Promise<ConsistencyProof> {
    await checkSizes(on, from, to)
    const proof = await resolve(on, consistencyRanges(from, to))
    return { from, to, proof, checkpoint: strip(await repo.checkpointAt(on, to)) }
  }

  /** Proofs reach only as far as the latest checkpoint: its subtrees are all stored. */
  async function checkSizes(on: Executor, low: number, high: number): Promise<void> {
    const last = await repo.latestCheckpoint(on)
    if (low < 1 || low > high || !last || high > last.treeSize) {
      throw new AppError('AUDIT_PROOF_OUT_OF_RANGE', { from: low, to: high, latest: last?.treeSize ?? 0 })
    }
  }

  async function resolve(on: Executor, ranges: ReadonlyArray<readonly [number, number]>): Promise<string[]> {
    const out: string[] = []
    for (const [start, end] of ranges) {
      out.push(hex(await storedRangeHash(on, start, end)))
    }
    return out
  }

  /** MTH(D[start:end]) from stored subtrees where they exist, else from the leaves. */
  async function storedRangeHash(on: Executor, start: number, end: number): Promise<Buffer> {
    const hashes: Buffer[] = []
    for (const [s, e] of perfectPieces(start, end)) {
      const level = Math.log2(e - s)
      const stored = level >= STORED_LEVEL ? await repo.nodeHash(on, level, s / (e - s)) : undefined
      if (stored) {
        hashes.push(Buffer.from(stored, 'hex'))
        continue
      }
      const tree = new CompactRange(sm3Tree)
      for (let at = s; at < e; ) {
        const leaves = await leavesBetween(on, at, e, LEAF_BATCH)
        if (leaves.length === 0) {
          throw new AppError('AUDIT_PROOF_OUT_OF_RANGE', { seq: at + 1, reason: 'missing_entry' })
        }
        for (const leaf of leaves) {
          tree.append(leafHashOfHex(sm3Tree, leaf.hash))
        }
        at = leaves[leaves.length - 1]?.seq ?? e
      }
      hashes.push(tree.root())
    }
    return foldRight(sm3Tree, hashes)
  }

  return {
    publicKeys,
    makeCheckpoint,
    latest,
    get,
    list,
    page,
    inclusionProof,
    inclusionProofFor,
    consistencyProof,
  }
}

/** The wire form: the stored right edge stays inside. */
function strip(stored: repo.StoredCheckpoint | undefined): Checkpoint | undefined {
  if (!stored) {
    return undefined
  }
  const { edge: _edge, ...checkpoint } = stored
  return checkpoint
}
