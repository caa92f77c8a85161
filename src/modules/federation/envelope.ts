/**
 * Art. 21: a message between two platforms. The signature (SM2, the platform's audit signing key)
 * covers the header and the SM3 digest of the body, so the JS SM3 inside SM2 hashes a few hundred
 * bytes, not a whole catalog. The text is its own canonical JSON (as the zone bundles, §51): any
 * byte changed on the way fails, whitespace and key order included.
 */
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { canonicalJson, HASH_ALGORITHM, sm3Hex } from '../../shared/crypto.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { type AuditSigner, verifySignature } from '../audit/index.js'
import { isStrictDer, SIGNATURE_ALGORITHM } from '../zones/index.js'

export const MESSAGE_FORMAT = 'govshare-federation'

export const MESSAGE_KINDS = [
  'catalog',
  'catalog.pull',
  'request',
  'request.status',
  'read',
  'report',
  'reply',
] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]

const Message = Type.Object({
  format: Type.Literal(MESSAGE_FORMAT),
  formatVersion: Type.Literal(1),
  id: Type.String({ minLength: 1, maxLength: 64 }),
  kind: Type.Union(MESSAGE_KINDS.map((kind) => Type.Literal(kind))),
  from: Type.String(),
  to: Type.String(),
  createdAt: Type.String(),
  /** The message this one answers (replies only). */
  inReplyTo: Type.Union([Type.String(), Type.Null()]),
  hashAlgorithm: Type.Literal(HASH_ALGORITHM),
  signatureAlgorithm: Type.Literal(SIGNATURE_ALGORITHM),
  body: Type.Record(Type.String(), Type.Unknown()),
  signature: Type.String(),
})

export interface FederationMessage {
  format: typeof MESSAGE_FORMAT
  formatVersion: 1
  id: string
  kind: MessageKind
  from: string
  to: string
  createdAt: string
  inReplyTo: string | null
  hashAlgorithm: typeof HASH_ALGORITHM
  signatureAlgorithm: typeof SIGNATURE_ALGORITHM
  body: Record<string, unknown>
  signature: string
}

/** What the signature covers: the header and the body's digest. */
function signedPart(message: Omit<FederationMessage, 'signature'>): string {
  const { body, ...header } = message
  return canonicalJson({ ...header, bodyDigest: sm3Hex(canonicalJson(body)) })
}

/** A signed message's text to `toKeyId`. */
export function sealMessage(
  signer: AuditSigner,
  to: string,
  kind: MessageKind,
  body: Record<string, unknown>,
  at: Date,
  inReplyTo: string | null = null,
): { id: string; text: string } {
  const unsigned: Omit<FederationMessage, 'signature'> = {
    format: MESSAGE_FORMAT,
    formatVersion: 1,
    id: newId(),
    kind,
    from: signer.keyId,
    to,
    createdAt: at.toISOString(),
    inReplyTo,
    hashAlgorithm: HASH_ALGORITHM,
    signatureAlgorithm: SIGNATURE_ALGORITHM,
    body,
  }
  return {
    id: unsigned.id,
    text: canonicalJson({ ...unsigned, signature: signer.sign(signedPart(unsigned)) }),
  }
}

/** The message's shape, sender and addressee, before its signature is checked. Throws FEDERATION_MESSAGE_INVALID. */
export function parseMessage(text: string): FederationMessage {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw invalid('not JSON')
  }
  if (canonicalJson(parsed) !== text) {
    throw invalid('not in canonical form (bytes changed after signing)')
  }
  if (!Value.Check(Message, parsed)) {
    throw invalid('not a federation message')
  }
  // Value.Check proved the shape; the type only names it.
  return parsed as FederationMessage
}

/**
 * Checks a parsed message against the sender's public key and our key id: addressee, strict DER
 * signature over the header and body digest. Throws FEDERATION_MESSAGE_INVALID with the reason.
 */
export function verifyMessage(message: FederationMessage, publicKey: string, ourKeyId: string): void {
  if (message.to !== ourKeyId) {
    throw invalid('addressed to another platform')
  }
  const { signature, ...unsigned } = message
  if (!isStrictDer(signature) || !verifySignature(publicKey, signedPart(unsigned), signature)) {
    throw invalid('signature does not verify')
  }
}

export function invalid(reason: string): AppError {
  return new AppError('FEDERATION_MESSAGE_INVALID', { reason })
}
