/**
 * National algorithms (GB/T 39786): SM3 for hashes. The algorithm name is stored with each
 * artifact so a later change of algorithm can be told apart.
 */
import { createHmac, hash } from 'node:crypto'

export const HASH_ALGORITHM = 'SM3'

/** One-shot `crypto.hash`: about a third cheaper than createHash for the audit log's small inputs. */
export function sm3Hex(data: string | Buffer): string {
  return hash('sm3', data, 'hex')
}

export function hmacSm3Hex(key: string | Buffer, data: string | Buffer): string {
  return createHmac('sm3', key).update(data).digest('hex')
}

/** JSON with object keys sorted at every depth: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys)
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key] // plain object: keys come from Object.keys
      if (child !== undefined) {
        sorted[key] = sortKeys(child)
      }
    }
    return sorted
  }
  return value
}
