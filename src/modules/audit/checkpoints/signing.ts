/**
 * SM2 signatures over audit checkpoints (GB/T 32918 via sm-crypto-v2: node:crypto's "SM2" is
 * ECDSA on the SM2 curve, not an SM2 signature). Signatures use the SM3 digest with Z and the
 * default signer ID, DER-encoded, hex: what `openssl pkeyutl` and other SM2 tools verify.
 */
import fs from 'node:fs'
import path from 'node:path'
import { sm2 } from 'sm-crypto-v2'
import { sm3Hex } from '../../../shared/crypto.js'
import { AUDIT_DEFAULTS, type AuditSettings } from '../settings.js'

export const SIGNATURE_ALGORITHM = 'SM2'
export const KEY_FILE = 'audit-signing.key'

const SIGN_OPTIONS = { der: true, hash: true } as const

export interface AuditSigner {
  keyId: string
  publicKey: string
  sign(message: string): string
}

/** A published key: the key id is the SM3 of the uncompressed public key's bytes. */
export interface PublicKeyInfo {
  keyId: string
  publicKey: string
  algorithm: typeof SIGNATURE_ALGORITHM
}

export function isPrivateKeyHex(value: string): boolean {
  return /^[0-9a-f]{64}$/i.test(value) && !/^0+$/.test(value)
}

/** Uncompressed SEC1 point: 04 || x || y. */
export function isPublicKeyHex(value: string): boolean {
  return /^04[0-9a-f]{128}$/i.test(value)
}

export function keyIdOf(publicKey: string): string {
  return sm3Hex(Buffer.from(publicKey, 'hex'))
}

export function publicKeyInfo(publicKey: string): PublicKeyInfo {
  const normalised = publicKey.toLowerCase()
  return { keyId: keyIdOf(normalised), publicKey: normalised, algorithm: SIGNATURE_ALGORITHM }
}

export function createSigner(privateKey: string): AuditSigner {
  const publicKey = sm2.getPublicKeyFromPrivateKey(privateKey.toLowerCase())
  return {
    keyId: keyIdOf(publicKey),
    publicKey,
    sign: (message) => sm2.doSignature(message, privateKey.toLowerCase(), { ...SIGN_OPTIONS, publicKey }),
  }
}

/** False for a bad signature or a malformed one: callers only need to know it does not hold. */
export function verifySignature(publicKey: string, message: string, signature: string): boolean {
  if (!/^[0-9a-f]{16,400}$/i.test(signature)) {
    return false
  }
  try {
    return sm2.doVerifySignature(message, signature.toLowerCase(), publicKey.toLowerCase(), SIGN_OPTIONS)
  } catch {
    return false
  }
}

/**
 * The checkpoint signing key: the setting, or on a single SQLite instance a key file made on
 * first start in DATA_DIR (0600) like data.key. Several PostgreSQL instances must sign with one
 * key, so there the setting is required (decisions §31).
 */
export function withAuditSigningKey<
  T extends { databaseUrl: string | undefined; dataDir: string; audit?: AuditSettings },
>(config: T): T & { audit: AuditSettings } {
  const audit = config.audit ?? AUDIT_DEFAULTS
  if (audit.signingKey) {
    return { ...config, audit }
  }
  return { ...config, audit: { ...audit, signingKey: keyFromFile(config) } }
}

function keyFromFile(config: { databaseUrl: string | undefined; dataDir: string }): string {
  if (config.databaseUrl) {
    throw new Error(
      'GOVSHARE_AUDIT_SIGNING_KEY: required with DATABASE_URL (every instance signs checkpoints with the same SM2 key; 64 hex characters)',
    )
  }
  const file = path.join(config.dataDir, KEY_FILE)
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true })
    fs.writeFileSync(file, `${sm2.generateKeyPairHex().privateKey}\n`, { mode: 0o600, flag: 'wx' })
  }
  const key = fs.readFileSync(file, 'utf8').trim()
  if (!isPrivateKeyHex(key)) {
    throw new Error(`${file}: not an SM2 private key (64 hex characters)`)
  }
  return key
}
