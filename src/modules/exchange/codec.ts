/** Records at rest: personal values SM4-encrypted inside the JSON, keys as keyed hashes. */
import {
  decryptField,
  encryptField,
  type FieldKeys,
  indexHash,
  isEncrypted,
} from '../../shared/field-crypto.js'
import { maskValue } from '../../shared/masking.js'
import type { PublishedItem } from '../catalog/index.js'
import type { RecordData } from './rules.js'

export function encodeData(keys: FieldKeys, items: readonly PublishedItem[], data: RecordData): string {
  const stored: RecordData = {}
  for (const item of items) {
    const value = data[item.name] ?? null
    stored[item.name] =
      value !== null && item.sensitivity !== 'none' ? encryptField(keys, String(value)) : value
  }
  return JSON.stringify(stored)
}

export function decodeData(keys: FieldKeys, json: string): RecordData {
  const stored = JSON.parse(json) as RecordData // written only by encodeData
  const data: RecordData = {}
  for (const [name, value] of Object.entries(stored)) {
    data[name] = isEncrypted(value) ? decryptField(keys, value) : value
  }
  return data
}

export function keyHashOf(keys: FieldKeys, key: string): string {
  return indexHash(keys, key)
}

/** The key as it may appear in logs and replies: each part masked like its item. */
export function maskedKey(items: readonly PublishedItem[], key: string): string {
  const keyItems = items.filter((item) => item.key)
  return key
    .split('|')
    .map((part, i) => maskValue(part, keyItems[i]?.sensitivity ?? 'none'))
    .join('|')
}
