/**
 * Monthly archives of the audit log that verify on their own (Art. 27: kept 10 years; DESIGN "The
 * audit log"). A bundle is gzip'd JSON lines: a header, then the month's entries in seq order. The
 * header carries the chain hash before the month, a signed checkpoint at or after its last entry,
 * the inclusion proof of that last entry in the checkpoint's tree, and the public key that signed
 * it. Offline, the chain is walked from that hash; the last entry's hash (which commits to every
 * entry before it) is proved to be a leaf of the signed tree; the signature is checked.
 */
import { gunzipSync, gzipSync } from 'node:zlib'
import type { Executor } from '../../../db/database.js'
import { AppError } from '../../../shared/errors.js'
import { type ChainEntry, type ChainProblem, checkRun, GENESIS_HASH } from '../rules.js'
import { leafHashOfHex, verifyInclusion } from './merkle.js'
import { type Checkpoint, isSignedBy, sm3Tree } from './rules.js'
import type { CheckpointService } from './service.js'
import type { PublicKeyInfo } from './signing.js'

export const ARCHIVE_FORMAT = 'govshare-audit-archive/v1'

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT
  /** YYYY-MM, Asia/Shanghai. */
  month: string
  firstSeq: number
  lastSeq: number
  /** Chain hash of entry firstSeq − 1 (the genesis hash for the first month). */
  prevHash: string
  checkpoint: Checkpoint
  /** Inclusion proof of entry lastSeq in the tree of checkpoint.treeSize. */
  proof: string[]
  key: PublicKeyInfo
}

export type ArchiveVerdict =
  | { ok: true; month: string; entries: number; firstSeq: number; lastSeq: number; keyId: string }
  | {
      ok: false
      problem: ChainProblem | 'archive_format' | 'archive_signature' | 'archive_proof'
      seq?: number
    }

/** The instants [from, to) of a Shanghai calendar month. */
export function monthBounds(month: string): { from: string; to: string } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month)
  if (!match) {
    throw new AppError('VALIDATION_FAILED', { field: 'month', reason: 'YYYY-MM' })
  }
  const year = Number(match[1])
  const m = Number(match[2])
  const start = Date.UTC(year, m - 1, 1) - 8 * 3600_000
  const end = Date.UTC(m === 12 ? year + 1 : year, m === 12 ? 0 : m, 1) - 8 * 3600_000
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() }
}

export interface ArchiveSource {
  /** Lowest and highest seq whose `at` lies in [from, to). */
  seqRange(on: Executor, from: string, to: string): Promise<{ first: number; last: number } | undefined>
  entries(on: Executor, afterSeq: number, upToSeq: number): Promise<ChainEntry[]>
}

/**
 * Builds the bundle of a closed month: one whose last entry a signed checkpoint already covers.
 * Throws AUDIT_PROOF_OUT_OF_RANGE when none does yet, NOT_FOUND when the month has no entry.
 */
export async function buildArchive(
  db: Executor,
  month: string,
  source: ArchiveSource,
  checkpoints: CheckpointService,
): Promise<Buffer> {
  const { from, to } = monthBounds(month)
  const range = await source.seqRange(db, from, to)
  if (!range) {
    throw new AppError('NOT_FOUND', { month })
  }
  const latest = await checkpoints.latest(db)
  if (!latest || latest.treeSize < range.last) {
    throw new AppError('AUDIT_PROOF_OUT_OF_RANGE', {
      month,
      lastSeq: range.last,
      latest: latest?.treeSize ?? 0,
    })
  }
  const key = checkpoints.publicKeys().find((k) => k.keyId === latest.keyId)
  if (!key) {
    throw new AppError('AUDIT_CHECKPOINT_REFUSED', { reason: 'unknown key', keyId: latest.keyId })
  }
  const inclusion = await checkpoints.inclusionProof(range.last, latest.treeSize, db)
  const [before] = range.first > 1 ? await source.entries(db, range.first - 2, range.first - 1) : []
  const entries = await source.entries(db, range.first - 1, range.last)
  const header: ArchiveHeader = {
    format: ARCHIVE_FORMAT,
    month,
    firstSeq: range.first,
    lastSeq: range.last,
    prevHash: before?.hash ?? GENESIS_HASH,
    checkpoint: latest,
    proof: inclusion.proof,
    key,
  }
  const lines = [JSON.stringify(header), ...entries.map((e) => JSON.stringify(e))]
  return gzipSync(`${lines.join('\n')}\n`)
}

/** Checks a bundle with nothing but itself (and, if given, the key id the verifier trusts). */
export function verifyArchive(bundle: Buffer, trustedKeyIds?: readonly string[]): ArchiveVerdict {
  let header: ArchiveHeader
  let entries: ChainEntry[]
  try {
    const [first = '', ...rest] = gunzipSync(bundle).toString('utf8').split('\n').filter(Boolean)
    header = JSON.parse(first) as ArchiveHeader // checked field by field below
    entries = rest.map((line) => JSON.parse(line) as ChainEntry) // checkRun re-hashes every one
  } catch {
    return { ok: false, problem: 'archive_format' }
  }
  if (header.format !== ARCHIVE_FORMAT || !header.checkpoint || !header.key || !Array.isArray(header.proof)) {
    return { ok: false, problem: 'archive_format' }
  }
  if (trustedKeyIds && !trustedKeyIds.includes(header.key.keyId)) {
    return { ok: false, problem: 'archive_signature' }
  }
  if (!isSignedBy(header.checkpoint, [header.key])) {
    return { ok: false, problem: 'archive_signature' }
  }
  const run = checkRun({ seq: header.firstSeq - 1, hash: header.prevHash }, entries)
  if (!run.ok) {
    return { ok: false, problem: run.problem, seq: run.firstBadSeq }
  }
  if (run.cursor.seq !== header.lastSeq) {
    return { ok: false, problem: 'missing_entry', seq: run.cursor.seq + 1 }
  }
  const included = verifyInclusion(
    sm3Tree,
    header.lastSeq - 1,
    header.checkpoint.treeSize,
    leafHashOfHex(sm3Tree, run.cursor.hash),
    header.proof.map((p) => Buffer.from(p, 'hex')),
    Buffer.from(header.checkpoint.root, 'hex'),
  )
  if (!included) {
    return { ok: false, problem: 'archive_proof', seq: header.lastSeq }
  }
  return {
    ok: true,
    month: header.month,
    entries: entries.length,
    firstSeq: header.firstSeq,
    lastSeq: header.lastSeq,
    keyId: header.key.keyId,
  }
}
