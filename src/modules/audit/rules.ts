/** Pure rules of the audit chain (Art. 27, 29): how an entry is hashed and how a chain is checked. */
import { canonicalJson, HASH_ALGORITHM, sm3Hex } from '../../shared/crypto.js'

export const GENESIS_HASH = '0'.repeat(64)

/** The SQLite writer worker's answer when rows lie past the head: the main thread moves them aside (issue 12). */
export const ROWS_PAST_HEAD = 'AUDIT_ROWS_PAST_HEAD'

/** The stored fields of an entry; `hash` covers all the others, `prevHash` included. */
export interface ChainEntry {
  seq: number
  at: string
  actorType: string
  actorId: string | null
  actorName: string | null
  departmentId: string | null
  action: string
  objectType: string | null
  objectId: string | null
  /** Canonical JSON text, stored exactly as hashed. */
  details: string
  prevHash: string
  hash: string
  alg: string
}

export type UnhashedEntry = Omit<ChainEntry, 'hash' | 'alg'>

/**
 * SM3 of the entry's canonical JSON (keys sorted, as `canonicalJson` writes it). Written out field
 * by field because verify hashes every entry of the log: the generic sort costs more than SM3.
 * rules.test.ts checks it against `canonicalJson` for random entries.
 */
export function hashEntry(entry: UnhashedEntry): string {
  const text =
    `{"action":${JSON.stringify(entry.action)},"actorId":${JSON.stringify(entry.actorId)}` +
    `,"actorName":${JSON.stringify(entry.actorName)},"actorType":${JSON.stringify(entry.actorType)}` +
    `,"at":${JSON.stringify(entry.at)},"departmentId":${JSON.stringify(entry.departmentId)}` +
    `,"details":${JSON.stringify(entry.details)},"objectId":${JSON.stringify(entry.objectId)}` +
    `,"objectType":${JSON.stringify(entry.objectType)},"prevHash":${JSON.stringify(entry.prevHash)}` +
    `,"seq":${JSON.stringify(entry.seq)}}`
  return sm3Hex(text)
}

/** The slow, obviously right form of `hashEntry` (tests compare the two). */
export function hashEntryCanonical(entry: UnhashedEntry): string {
  return sm3Hex(
    canonicalJson({
      seq: entry.seq,
      at: entry.at,
      actorType: entry.actorType,
      actorId: entry.actorId,
      actorName: entry.actorName,
      departmentId: entry.departmentId,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      details: entry.details,
      prevHash: entry.prevHash,
    }),
  )
}

export function sealEntry(entry: UnhashedEntry): ChainEntry {
  return { ...entry, hash: hashEntry(entry), alg: HASH_ALGORITHM }
}

export type ChainProblem =
  | 'hash_mismatch'
  | 'broken_link'
  | 'missing_entry'
  | 'unknown_algorithm'
  | 'head_mismatch'
  // Issue 12: checks against the latest signed checkpoint.
  | 'checkpoint_signature'
  | 'checkpoint_root_mismatch'
  | 'checkpoint_head_mismatch'
  | 'head_behind_checkpoint'

export interface ChainCursor {
  seq: number
  hash: string
}

/**
 * Checks a run of entries that should follow `cursor` directly. Returns the new cursor, or the
 * first entry that fails and why (a removed row shows as a gap: its seq is the one reported).
 */
export function checkRun(
  cursor: ChainCursor,
  entries: readonly ChainEntry[],
):
  | { ok: true; cursor: ChainCursor }
  | { ok: false; firstBadSeq: number; problem: ChainProblem; verified: number } {
  let current = cursor
  for (const entry of entries) {
    if (entry.seq !== current.seq + 1) {
      return { ok: false, firstBadSeq: current.seq + 1, problem: 'missing_entry', verified: current.seq }
    }
    if (entry.alg !== HASH_ALGORITHM) {
      return { ok: false, firstBadSeq: entry.seq, problem: 'unknown_algorithm', verified: current.seq }
    }
    if (entry.prevHash !== current.hash) {
      return { ok: false, firstBadSeq: entry.seq, problem: 'broken_link', verified: current.seq }
    }
    if (hashEntry(entry) !== entry.hash) {
      return { ok: false, firstBadSeq: entry.seq, problem: 'hash_mismatch', verified: current.seq }
    }
    current = { seq: entry.seq, hash: entry.hash }
  }
  return { ok: true, cursor: current }
}
