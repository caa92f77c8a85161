/**
 * Verify on SQLite with worker threads (decisions §31): SM3 is the cost of verify (an entry's
 * hash, its leaf, a node), so chunks of the log are checked on every core. Chunks below the
 * checkpoint are aligned perfect Merkle subtrees, so their roots combine into the tree's root
 * exactly (RFC 6962 splits at powers of two); the main thread checks the links between chunks,
 * in order, so the first bad entry named is the same as a serial walk names.
 */
import os from 'node:os'
import { Worker } from 'node:worker_threads'
import { CompactRange, perfectPieces } from '../checkpoints/merkle.js'
import { sm3Tree } from '../checkpoints/rules.js'
import type { PublicKeyInfo } from '../checkpoints/signing.js'
import { type ChainCursor, type ChainProblem, GENESIS_HASH } from '../rules.js'
import { precheck, type VerifyResult, type VerifySource } from './verify.js'

export interface VerifyChunk {
  start: number
  end: number
  /** A perfect subtree of the checkpoint's tree: the worker returns its root. */
  merkle: boolean
}

export interface ChunkResult {
  /** The first failing seq, or end + 1. */
  seq: number
  firstPrevHash: string | null
  lastHash: string | null
  problem?: ChainProblem
  root?: string
}

const CHUNK = 16_384

/** Workers for this machine: one per core, at most four, at least two to be worth it. */
export function verifyWorkerCount(): number {
  return Math.min(4, os.availableParallelism())
}

/** Chunks of at most `size` entries: aligned perfect subtrees up to `treeSize`, then the tail. */
export function planChunks(treeSize: number, head: number, size = CHUNK): VerifyChunk[] {
  const chunks: VerifyChunk[] = []
  const split = (start: number, end: number): void => {
    if (end - start > size) {
      const half = (end - start) / 2
      split(start, start + half)
      split(start + half, end)
    } else {
      chunks.push({ start, end, merkle: true })
    }
  }
  for (const [start, end] of perfectPieces(0, treeSize)) {
    split(start, end)
  }
  for (let start = treeSize; start < head; start += size) {
    chunks.push({ start, end: Math.min(head, start + size), merkle: false })
  }
  return chunks
}

export async function verifyLogParallel(
  file: string,
  source: VerifySource,
  keys: readonly PublicKeyInfo[],
  options: { workers: number; chunk?: number },
): Promise<VerifyResult> {
  const pre = await precheck(source, keys)
  if (pre.done) {
    return pre.result
  }
  const { head, checkpoint, fail, summary } = pre
  const treeSize = checkpoint?.treeSize ?? 0
  const chunks = planChunks(treeSize, head.seq, options.chunk)
  const results = await runChunks(file, chunks, options.workers)
  const tree = new CompactRange(sm3Tree)
  let cursor: ChainCursor = { seq: 0, hash: GENESIS_HASH }
  for (const [i, chunk] of chunks.entries()) {
    const r = results[i]
    if (!r) {
      throw new Error('verify: a chunk came back without a result')
    }
    const first = chunk.start + 1
    if (
      r.problem &&
      r.seq === first &&
      (r.problem === 'missing_entry' || r.problem === 'unknown_algorithm')
    ) {
      return fail(first, r.problem, cursor.seq)
    }
    if (r.firstPrevHash !== null && r.firstPrevHash !== cursor.hash) {
      return fail(first, 'broken_link', cursor.seq)
    }
    if (r.problem) {
      return fail(r.seq, r.problem, r.seq - 1)
    }
    cursor = { seq: chunk.end, hash: r.lastHash ?? cursor.hash }
    if (chunk.merkle && r.root) {
      tree.appendSubtree(Buffer.from(r.root, 'hex'), Math.log2(chunk.end - chunk.start))
    }
    if (checkpoint && chunk.end === treeSize) {
      if (cursor.hash !== checkpoint.headHash) {
        return fail(treeSize, 'checkpoint_head_mismatch', treeSize - 1)
      }
      if (tree.root().toString('hex') !== checkpoint.root) {
        return fail(treeSize, 'checkpoint_root_mismatch', treeSize - 1)
      }
    }
  }
  if (cursor.hash !== head.hash) {
    return fail(head.seq, 'head_mismatch', cursor.seq)
  }
  return { ok: true, entries: cursor.seq, head: cursor.hash, ...(summary ? { checkpoint: summary } : {}) }
}

/** Deals the chunks round-robin to `count` workers, each on its own connection. */
async function runChunks(
  file: string,
  chunks: readonly VerifyChunk[],
  count: number,
): Promise<ChunkResult[]> {
  const workers = Array.from({ length: Math.max(1, Math.min(count, chunks.length)) }, () => startWorker(file))
  try {
    const shares = workers.map((_, w) =>
      chunks.map((c, i) => ({ c, i })).filter(({ i }) => i % workers.length === w),
    )
    const replies = await Promise.all(
      workers.map(
        (worker, w) =>
          new Promise<ChunkResult[]>((resolve, reject) => {
            worker.once('message', (reply: { results?: ChunkResult[]; error?: string }) =>
              reply.results ? resolve(reply.results) : reject(new Error(`verify worker: ${reply.error}`)),
            )
            worker.once('error', reject)
            worker.postMessage({ id: w, chunks: (shares[w] ?? []).map(({ c }) => c) })
          }),
      ),
    )
    const results: ChunkResult[] = []
    for (const [w, share] of shares.entries()) {
      for (const [k, { i }] of share.entries()) {
        const result = replies[w]?.[k]
        if (result) {
          results[i] = result
        }
      }
    }
    return results
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}

/** Compiled JavaScript (npm start) or the TypeScript sources through tsx (tests, dev), as writer/sqlite.ts does. */
function startWorker(file: string): Worker {
  const fromSources = import.meta.url.endsWith('.ts')
  const entry = new URL(`./worker.${fromSources ? 'ts' : 'js'}`, import.meta.url)
  if (!fromSources) {
    return new Worker(entry, { workerData: { file } })
  }
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}) })`
  return new Worker(boot, { eval: true, workerData: { file } })
}
