/**
 * Sensitive values at rest (Art. 33, GB/T 39786): SM4-CBC with a random IV, then an HMAC-SM3 tag
 * over IV and ciphertext (node:crypto has no SM4-GCM). Each ciphertext names its algorithm and
 * key id, so keys can rotate: new writes use the active key, old keys still decrypt. Lookups by
 * an encrypted value go through a keyed SM3 HMAC, which reveals equality and nothing else.
 */
import { createCipheriv, createDecipheriv, createHmac, randomFillSync, timingSafeEqual } from 'node:crypto'
import { sm3Hex } from './crypto.js'

export const FIELD_ALGORITHM = 'SM4-CBC/HMAC-SM3'

interface DerivedKey {
  enc: Buffer
  mac: Buffer
}

export interface FieldKeys {
  activeId: string
  keys: ReadonlyMap<string, DerivedKey>
  index: Buffer
}

function derive(master: Buffer, label: string, length = 32): Buffer {
  return createHmac('sm3', master).update(`govshare/${label}`).digest().subarray(0, length)
}

/** A key id that names the key without revealing it. */
export function keyId(masterHex: string): string {
  return sm3Hex(`govshare/key-id/${masterHex.toLowerCase()}`).slice(0, 8)
}

/**
 * Keys from hex masters (at least 128 bits each): the first encrypts, all decrypt. The index key
 * comes from `indexMasterHex` (default: the active master) and must stay the same across rotations.
 */
export function fieldKeys(mastersHex: readonly string[], indexMasterHex?: string): FieldKeys {
  const [active] = mastersHex
  if (active === undefined) {
    throw new Error('no data key')
  }
  const keys = new Map<string, DerivedKey>()
  for (const hex of mastersHex) {
    const master = Buffer.from(hex, 'hex')
    keys.set(keyId(hex), { enc: derive(master, 'enc', 16), mac: derive(master, 'mac') })
  }
  return {
    activeId: keyId(active),
    keys,
    index: derive(Buffer.from(indexMasterHex ?? active, 'hex'), 'index'),
  }
}

export function isValidKeyHex(hex: string): boolean {
  return /^[0-9a-fA-F]{32,128}$/.test(hex) && hex.length % 2 === 0
}

const PREFIX = `${FIELD_ALGORITHM}:`

export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX)
}

export function encryptField(keys: FieldKeys, plaintext: string): string {
  const key = keys.keys.get(keys.activeId)
  if (!key) {
    throw new Error('active data key missing')
  }
  const iv = nextIv()
  const cipher = createCipheriv('sm4-cbc', key.enc, iv)
  const head = cipher.update(plaintext, 'utf8')
  const tail = cipher.final()
  const ciphertext = head.length === 0 ? tail : Buffer.concat([head, tail])
  const tag = createHmac('sm3', key.mac).update(iv).update(ciphertext).digest()
  return `${PREFIX}${keys.activeId}:${iv.toString('base64')}:${ciphertext.toString('base64')}:${tag.toString('base64')}`
}

/** `encryptField` for each of many values (a batch's record envelopes). */
export function encryptFields(keys: FieldKeys, plaintexts: readonly string[]): string[] {
  return plaintexts.map((plaintext) => encryptField(keys, plaintext))
}

// IVs come from a pool filled in one call: a randomBytes(16) per value costs more than the cipher.
const IV_SIZE = 16
const ivPool = Buffer.alloc(IV_SIZE * 256)
let ivOffset = ivPool.length

/** A fresh random IV; valid until the next call fills the pool again (it is used at once). */
function nextIv(): Buffer {
  if (ivOffset === ivPool.length) {
    randomFillSync(ivPool)
    ivOffset = 0
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_SIZE)
  ivOffset += IV_SIZE
  return iv
}

/** Throws when the key is unknown or the value was altered (the tag does not match). */
export function decryptField(keys: FieldKeys, value: string): string {
  const [kid, ivB64, ctB64, tagB64] = value.slice(PREFIX.length).split(':')
  const key = kid === undefined ? undefined : keys.keys.get(kid)
  if (!key || ivB64 === undefined || ctB64 === undefined || tagB64 === undefined) {
    throw new Error(`cannot decrypt: unknown key ${kid ?? '?'}`)
  }
  const iv = Buffer.from(ivB64, 'base64')
  const ciphertext = Buffer.from(ctB64, 'base64')
  const expected = createHmac('sm3', key.mac).update(iv).update(ciphertext).digest()
  const tag = Buffer.from(tagB64, 'base64')
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) {
    throw new Error('cannot decrypt: the value was altered')
  }
  const decipher = createDecipheriv('sm4-cbc', key.enc, iv)
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')
}

/** Keyed SM3 HMAC of a lookup value (record keys): equal values, equal hashes; nothing else leaks. */
export function indexHash(keys: FieldKeys, value: string): string {
  return createHmac('sm3', keys.index).update(value, 'utf8').digest('hex')
}
