/**
 * Records at rest: a record's personal values SM4-encrypted together in one envelope inside the
 * JSON (docs/decisions.md §21), other values plain, keys as keyed hashes. Records written before
 * the envelope carry one ciphertext per personal value; both read the same.
 */
import {
  decryptField,
  encryptFields,
  type FieldKeys,
  indexHash,
  isEncrypted,
} from '../../shared/field-crypto.js'
import type { PublishedItem } from '../catalog/index.js'
import { applyMask, cachedMaskPlan } from './read/linked-masking.js'
import type { RecordData } from './rules.js'

/**
 * The JSON key of the envelope. No item can have it: the catalog trims item names and requires
 * one, so the empty name is free, and a plain item value never sits under it.
 */
export const PERSONAL_KEY = ''

export function encodeData(keys: FieldKeys, items: readonly PublishedItem[], data: RecordData): string {
  const [json] = encodeRecords(keys, items, [data])
  if (json === undefined) {
    throw new Error('no record encoded')
  }
  return json
}

/**
 * `encodeData` for many records of one resource, their envelopes encrypted in one call. Personal
 * values are kept as text (what a per-value ciphertext gave back); a null stays plain, as before.
 * The envelope takes the place of the first personal value, so a resource whose personal items
 * come first reads back in item order.
 */
export function encodeRecords(
  keys: FieldKeys,
  items: readonly PublishedItem[],
  records: readonly RecordData[],
): string[] {
  const names = items.map((item) => item.name)
  const personal = items.map(isPersonal)
  if (names.includes(PERSONAL_KEY)) {
    throw new Error('an item named like the personal-data envelope')
  }
  const stored: RecordData[] = []
  const secrets: string[] = []
  const sealed: RecordData[] = []
  for (const data of records) {
    const plain: RecordData = {}
    let secret: Record<string, string> | undefined
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i] ?? ''
      const value = data[name] ?? null
      if (value === null || !personal[i]) {
        plain[name] = value
      } else {
        if (secret === undefined) {
          secret = {}
          plain[PERSONAL_KEY] = null // keeps the envelope's place among the keys
        }
        secret[name] = String(value)
      }
    }
    stored.push(plain)
    if (secret !== undefined) {
      secrets.push(JSON.stringify(secret))
      sealed.push(plain)
    }
  }
  const envelopes = encryptFields(keys, secrets)
  for (const [i, plain] of sealed.entries()) {
    plain[PERSONAL_KEY] = envelopes[i] ?? null
  }
  return stored.map((plain) => JSON.stringify(plain))
}

/** Throws when a ciphertext's key is unknown or it was altered (tag mismatch). */
export function decodeData(keys: FieldKeys, json: string): RecordData {
  const stored = JSON.parse(json) as RecordData // written only by encodeData (either format)
  const data: RecordData = {}
  for (const [name, value] of Object.entries(stored)) {
    if (!isEncrypted(value)) {
      data[name] = value
    } else if (name === PERSONAL_KEY) {
      Object.assign(data, parseEnvelope(decryptField(keys, value)))
    } else {
      data[name] = decryptField(keys, value)
    }
  }
  return data
}

/**
 * Whether a decoded stored record holds exactly `data` (a validated record): the same items with
 * the same values, personal ones compared as the text they are stored as; key order aside.
 */
export function holdsSameData(
  items: readonly PublishedItem[],
  stored: RecordData,
  data: RecordData,
): boolean {
  if (Object.keys(stored).length !== items.length) {
    return false
  }
  for (const item of items) {
    const value = data[item.name] ?? null
    const expected = value !== null && isPersonal(item) ? String(value) : value
    if (!Object.hasOwn(stored, item.name) || stored[item.name] !== expected) {
      return false
    }
  }
  return true
}

export function keyHashOf(keys: FieldKeys, key: string): string {
  return indexHash(keys, key)
}

/**
 * The key as it may appear in logs and replies: each part masked like its item under a masked grant
 * (a key item linked to a masked one, docs/masking.md, is hidden like it).
 */
export function maskedKey(items: readonly PublishedItem[], key: string): string {
  const keyItems = items.filter((item) => item.key)
  const plan = cachedMaskPlan(items)
  return key
    .split('|')
    .map((part, i) => {
      const item = keyItems[i]
      return item ? String(applyMask(plan.get(item.name) ?? { kind: 'none' }, part)) : part
    })
    .join('|')
}

function isPersonal(item: PublishedItem): boolean {
  return item.sensitivity !== 'none'
}

function parseEnvelope(plaintext: string): RecordData {
  const parsed: unknown = JSON.parse(plaintext)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('cannot decrypt: the envelope is not an object')
  }
  const values: RecordData = {}
  for (const [name, value] of Object.entries(parsed)) {
    values[name] = typeof value === 'string' ? value : null
  }
  return values
}
