/**
 * A verify worker (verify-parallel.ts starts it): checks chunks of the audit log on a connection
 * of its own — each entry's SM3 hash, its algorithm, the links inside the chunk, no gap — and
 * for a chunk that is a perfect Merkle subtree, its SM3 root. The links between chunks and the
 * tree above the chunks are the main thread's.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { openSqliteFile } from '../../../db/sqlite-file.js'
import { HASH_ALGORITHM } from '../../../shared/crypto.js'
import { CompactRange, hasherFor, leafHashOfHex } from '../checkpoints/merkle.js'
import { ENTRY_ROW_SELECT, type EntryRow, entryOf } from '../entry-row.js'
import { hashEntry } from '../rules.js'
import type { ChunkResult, VerifyChunk } from './parallel.js'

// Imports stay few (no checkpoint-rules → signing → config graph): each worker loads them anew.
const sm3Tree = hasherFor('sm3')
const port = parentPort
if (!port) {
  throw new Error('verify-worker runs as a worker thread')
}
// verify-parallel.ts starts every worker with { file }.
const sqlite = openSqliteFile((workerData as { file: string }).file)
sqlite.pragma('query_only = ON')
const rows = sqlite
  .prepare<[number, number], EntryRow>(`${ENTRY_ROW_SELECT} where seq > ? and seq <= ? order by seq`)
  .raw(true)

function checkChunk(chunk: VerifyChunk): ChunkResult {
  const tree = chunk.merkle ? new CompactRange(sm3Tree) : undefined
  let expected = chunk.start + 1
  let firstPrevHash: string | null = null
  let lastHash: string | null = null
  for (const row of rows.iterate(chunk.start, chunk.end)) {
    const entry = entryOf(row)
    const at = { seq: expected, firstPrevHash, lastHash }
    if (entry.seq !== expected) {
      return { ...at, problem: 'missing_entry' }
    }
    if (entry.alg !== HASH_ALGORITHM) {
      return { ...at, problem: 'unknown_algorithm' }
    }
    if (lastHash === null) {
      firstPrevHash = entry.prevHash
    } else if (entry.prevHash !== lastHash) {
      return { ...at, problem: 'broken_link' }
    }
    if (hashEntry(entry) !== entry.hash) {
      return { ...at, firstPrevHash, problem: 'hash_mismatch' }
    }
    tree?.append(leafHashOfHex(sm3Tree, entry.hash))
    lastHash = entry.hash
    expected += 1
  }
  if (expected <= chunk.end) {
    return { seq: expected, firstPrevHash, lastHash, problem: 'missing_entry' }
  }
  return { seq: expected, firstPrevHash, lastHash, ...(tree ? { root: tree.root().toString('hex') } : {}) }
}

port.on('message', (message: { id: number; chunks: VerifyChunk[] }) => {
  try {
    const results = message.chunks.map(checkChunk)
    port.postMessage({ id: message.id, results })
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) })
  }
})
