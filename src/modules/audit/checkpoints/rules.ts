/**
 * What a signed checkpoint of the audit log says and how anyone checks it (issue 12), pure: the
 * platform's verify, the API and the witness on the audit bureau's machine use the same code.
 */
import { canonicalJson, HASH_ALGORITHM } from '../../../shared/crypto.js'
import { hasherFor, verifyConsistency } from './merkle.js'
import { type PublicKeyInfo, SIGNATURE_ALGORITHM, verifySignature } from './signing.js'

/** Proofs and roots over SM3 (the leaves are the entries' SM3 chain hashes). */
export const sm3Tree = hasherFor('sm3')

/** Perfect subtrees of at least 2^STORED_LEVEL leaves are stored as they complete. */
export const STORED_LEVEL = 8

export interface Checkpoint {
  /** Entries 1..treeSize are the tree's leaves, in seq order. */
  treeSize: number
  /** Hex SM3 Merkle Tree Hash (RFC 6962) over the entries' chain hashes. */
  root: string
  /** The chain hash of entry `treeSize` (the head when the checkpoint was made). */
  headHash: string
  at: string
  keyId: string
  /** Hex DER SM2 signature of `checkpointMessage`. */
  signature: string
  hashAlg: string
  sigAlg: string
}

/** The exact text signed: canonical JSON of every field but the signature, with a label. */
export function checkpointMessage(checkpoint: Omit<Checkpoint, 'signature'>): string {
  return canonicalJson({
    log: 'govshare-audit/v1',
    treeSize: checkpoint.treeSize,
    root: checkpoint.root,
    headHash: checkpoint.headHash,
    at: checkpoint.at,
    keyId: checkpoint.keyId,
    hashAlg: checkpoint.hashAlg,
    sigAlg: checkpoint.sigAlg,
  })
}

/** Signed by one of `keys`, with the algorithms this code knows? */
export function isSignedBy(checkpoint: Checkpoint, keys: readonly PublicKeyInfo[]): boolean {
  if (checkpoint.hashAlg !== HASH_ALGORITHM || checkpoint.sigAlg !== SIGNATURE_ALGORITHM) {
    return false
  }
  const key = keys.find((k) => k.keyId === checkpoint.keyId)
  if (!key) {
    return false
  }
  const message = checkpointMessage(checkpoint)
  const memo = `${key.publicKey}\n${message}\n${checkpoint.signature}`
  if (verified.has(memo)) {
    return true
  }
  const ok = verifySignature(key.publicKey, message, checkpoint.signature)
  if (ok) {
    // An SM2 verification costs ~6 ms in pure JS; every verify run checks the same latest one.
    if (verified.size >= 256) {
      verified.clear()
    }
    verified.add(memo)
  }
  return ok
}

/** Signatures that held, by key, message and signature: a hit is the same check, already done. */
const verified = new Set<string>()

export type WitnessVerdict =
  | { ok: true; checkpoint: Checkpoint; grew: boolean }
  | { ok: false; problem: WitnessProblem; seen: Checkpoint | undefined; latest: Checkpoint; proof?: string[] }

export type WitnessProblem = 'bad_signature' | 'truncated' | 'rewritten' | 'inconsistent'

/**
 * Does `latest` (with a consistency proof from `seen`) extend what the witness saw before? A
 * smaller tree is a truncation, the same size with another root a rewrite, a proof that fails
 * a fork. The first checkpoint a witness sees is trusted on its signature alone.
 */
export function judgeCheckpoint(
  seen: Checkpoint | undefined,
  latest: Checkpoint,
  proof: readonly string[],
  keys: readonly PublicKeyInfo[],
): WitnessVerdict {
  if (!isSignedBy(latest, keys)) {
    return { ok: false, problem: 'bad_signature', seen, latest }
  }
  if (!seen) {
    return { ok: true, checkpoint: latest, grew: true }
  }
  if (latest.treeSize < seen.treeSize) {
    return { ok: false, problem: 'truncated', seen, latest }
  }
  if (latest.treeSize === seen.treeSize) {
    return latest.root === seen.root && latest.headHash === seen.headHash
      ? { ok: true, checkpoint: seen, grew: false }
      : { ok: false, problem: 'rewritten', seen, latest }
  }
  const consistent = verifyConsistency(
    sm3Tree,
    seen.treeSize,
    latest.treeSize,
    Buffer.from(seen.root, 'hex'),
    Buffer.from(latest.root, 'hex'),
    proof.map((p) => Buffer.from(p, 'hex')),
  )
  return consistent
    ? { ok: true, checkpoint: latest, grew: true }
    : { ok: false, problem: 'inconsistent', seen, latest, proof: [...proof] }
}
