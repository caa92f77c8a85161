/**
 * Art. 20, 33: the one-way bundle an internal instance writes and an external one reads, carried
 * by a one-way gateway. Each entry carries the SM3 digest of its content; the SM2 signature covers
 * the header and the list of digests (the manifest), so a receiver checks the signature once and
 * each entry by its digest. The file is its own canonical JSON: any byte changed in transit fails.
 */
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { canonicalJson, HASH_ALGORITHM, sm3Hex } from '../../shared/crypto.js'
import { AppError } from '../../shared/errors.js'
import { type AuditSigner, keyIdOf, verifySignature } from '../audit/index.js'

export const BUNDLE_FORMAT = 'govshare-zone-bundle'
export const SIGNATURE_ALGORITHM = 'SM2'

const Entry = Type.Object({
  kind: Type.Union([Type.Literal('resource'), Type.Literal('withdrawal'), Type.Literal('records')]),
  id: Type.String(),
  digest: Type.String(),
  content: Type.Record(Type.String(), Type.Unknown()),
})

const Header = {
  format: Type.Literal(BUNDLE_FORMAT),
  formatVersion: Type.Literal(1),
  fromZone: Type.Literal('internal'),
  createdAt: Type.String(),
  since: Type.Union([Type.String(), Type.Null()]),
  cursor: Type.Union([Type.String(), Type.Null()]),
  hashAlgorithm: Type.Literal(HASH_ALGORITHM),
  signatureAlgorithm: Type.Literal(SIGNATURE_ALGORITHM),
  keyId: Type.String(),
}

const Bundle = Type.Object({ ...Header, entries: Type.Array(Entry), signature: Type.String() })

export type BundleEntry = {
  kind: 'resource' | 'withdrawal' | 'records'
  id: string
  content: Record<string, unknown>
}
export type SealedEntry = BundleEntry & { digest: string }
export type ZoneBundle = {
  format: typeof BUNDLE_FORMAT
  formatVersion: 1
  fromZone: 'internal'
  createdAt: string
  since: string | null
  cursor: string | null
  hashAlgorithm: typeof HASH_ALGORITHM
  signatureAlgorithm: typeof SIGNATURE_ALGORITHM
  keyId: string
  entries: SealedEntry[]
  signature: string
}

export function entryDigest(entry: BundleEntry): string {
  return sm3Hex(canonicalJson({ kind: entry.kind, id: entry.id, content: entry.content }))
}

/** What the signature covers: everything but the contents, which their digests stand for. */
function manifest(bundle: Omit<ZoneBundle, 'signature'>): string {
  const { entries, ...header } = bundle
  return canonicalJson({
    ...header,
    entries: entries.map((e) => ({ kind: e.kind, id: e.id, digest: e.digest })),
  })
}

/** Seals entries into a bundle's text (canonical JSON and a newline), signed by `signer`. */
export function sealBundle(
  signer: AuditSigner,
  header: { createdAt: string; since: string | null; cursor: string | null },
  entries: BundleEntry[],
): { text: string; bundleDigest: string; keyId: string } {
  const unsigned: Omit<ZoneBundle, 'signature'> = {
    format: BUNDLE_FORMAT,
    formatVersion: 1,
    fromZone: 'internal',
    ...header,
    hashAlgorithm: HASH_ALGORITHM,
    signatureAlgorithm: SIGNATURE_ALGORITHM,
    keyId: signer.keyId,
    entries: entries.map((entry) => ({ ...entry, digest: entryDigest(entry) })),
  }
  const signed = manifest(unsigned)
  const text = `${canonicalJson({ ...unsigned, signature: signer.sign(signed) })}\n`
  return { text, bundleDigest: sm3Hex(text), keyId: signer.keyId }
}

/**
 * Parses and verifies a bundle's text against the sender's SM2 public key: canonical form,
 * shape, algorithms, key, signature, then every entry's digest. Throws ZONE_BUNDLE_INVALID with
 * the first reason; returns the bundle only when all of it holds.
 */
export function openBundle(text: string, publicKey: string): ZoneBundle {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw invalid('not JSON')
  }
  if (`${canonicalJson(parsed)}\n` !== text) {
    throw invalid('not in canonical form (bytes changed after signing)')
  }
  if (!Value.Check(Bundle, parsed)) {
    throw invalid('not a zone bundle')
  }
  // Value.Check proved the shape; the type only names it.
  const bundle = parsed as ZoneBundle
  if (bundle.keyId !== keyIdOf(publicKey.toLowerCase())) {
    throw invalid('signed by another key')
  }
  const { signature, ...unsigned } = bundle
  if (!isStrictDer(signature) || !verifySignature(publicKey, manifest(unsigned), signature)) {
    throw invalid('signature does not verify')
  }
  for (const entry of bundle.entries) {
    if (entryDigest(entry) !== entry.digest) {
      throw invalid(`digest of entry ${entry.id} does not match its content`)
    }
  }
  return bundle
}

/**
 * The signature exactly as a signer writes it: lowercase, DER SEQUENCE of two minimal INTEGERs.
 * The SM2 verifier tolerates a changed tag or case; a bundle must not, or a byte could change
 * in transit unnoticed.
 */
export function isStrictDer(hex: string): boolean {
  if (!/^30[0-9a-f]{2}02[0-9a-f]+$/.test(hex)) {
    return false
  }
  const byteAt = (i: number) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  const r = { at: 4, len: byteAt(3) }
  if (byteAt(1) * 2 + 4 !== hex.length || byteAt(r.at + r.len) !== 0x02) {
    return false
  }
  const s = { at: r.at + r.len + 2, len: byteAt(r.at + r.len + 1) }
  const minimal = (int: { at: number; len: number }) =>
    int.len >= 1 &&
    int.len <= 33 &&
    byteAt(int.at) < 0x80 &&
    !(byteAt(int.at) === 0 && int.len > 1 && byteAt(int.at + 1) < 0x80)
  return (s.at + s.len) * 2 === hex.length && minimal(r) && minimal(s)
}

function invalid(reason: string): AppError {
  return new AppError('ZONE_BUNDLE_INVALID', { reason })
}
