/**
 * The gateway's HTTP client: one GET per read with a timeout, a size cap and no redirects, and the
 * reply checked like an ingested record.
 */
import { AppError, isAppError } from '../../../shared/errors.js'
import type { PublishedItem } from '../../catalog/index.js'
import { keyOf, type RecordData, validateRecord } from '../rules.js'

/** Largest upstream reply read; one record never needs more. */
export const MAX_REPLY_BYTES = 1024 * 1024

const failed = (reason: string) => new AppError('EXCHANGE_UPSTREAM_FAILED', { reason })

/** Reads the body, refusing more than `limit` bytes whatever the declared length says. */
async function readCapped(response: Response, limit: number): Promise<string> {
  if (!response.body) {
    return ''
  }
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body.cancel()
    throw failed('reply too large')
  }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) {
      return Buffer.concat(chunks).toString('utf8')
    }
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw failed('reply too large')
    }
    chunks.push(value)
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * One `GET {url}/{key}`: the raw record, or undefined on 404. Redirects are never followed (the
 * provider registers the final address). Throws EXCHANGE_UPSTREAM_TIMEOUT, EXCHANGE_UPSTREAM_FAILED.
 */
export async function callUpstream(
  url: string,
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<Record<string, unknown> | undefined> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await fetch(url, { headers, redirect: 'manual', signal: controller.signal })
    if (response.status === 404) {
      await response.body?.cancel()
      return undefined
    }
    if (response.status !== 200) {
      await response.body?.cancel()
      throw failed(`status ${response.status}`)
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(await readCapped(response, MAX_REPLY_BYTES))
    } catch (error) {
      if (isAppError(error) || controller.signal.aborted) {
        throw error
      }
      throw failed('not JSON')
    }
    if (!isPlainObject(parsed) || !isPlainObject(parsed.record)) {
      throw failed('no "record" object')
    }
    return parsed.record
  } catch (error) {
    if (controller.signal.aborted) {
      throw new AppError('EXCHANGE_UPSTREAM_TIMEOUT', { timeoutMs })
    }
    throw isAppError(error) ? error : failed('unreachable')
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The upstream's record checked like an ingested one: unknown fields dropped, types checked, and
 * its key must be the key asked for. Throws EXCHANGE_UPSTREAM_FAILED.
 */
export function recordFromUpstream(
  items: readonly PublishedItem[],
  key: string,
  raw: Record<string, unknown>,
): RecordData {
  const known = new Set(items.map((item) => item.name))
  let data: RecordData
  try {
    data = validateRecord(
      items,
      Object.fromEntries(Object.entries(raw).filter(([name]) => known.has(name))),
      0,
    )
  } catch {
    throw failed('the record does not fit the items')
  }
  if (keyOf(items, data) !== key) {
    throw failed('a record of another key')
  }
  return data
}
