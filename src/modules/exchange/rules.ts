/** Pure exchange rules: what a valid record is, its key, and what a grant lets a consumer see. */
import { isIsoDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import type { PublishedItem } from '../catalog/index.js'
import { applyMask, cachedMaskPlan, type Mask } from './read/linked-masking.js'

export type RecordValue = string | number | boolean | null
export type RecordData = Record<string, RecordValue>

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643-1999 citizen ID number: 17 digits, a valid birth date, and the check character. */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) {
    return false
  }
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`
  if (!isIsoDate(birth)) {
    return false
  }
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value.charAt(i)), 0)
  return ID_CHECK.charAt(sum % 11) === value.charAt(17)
}

function invalid(index: number, item: string, reason: string): AppError {
  return new AppError('EXCHANGE_INVALID_RECORD', { index, item, reason })
}

function checkValue(item: PublishedItem, value: unknown, index: number): RecordValue {
  if (value === null || value === undefined || value === '') {
    if (item.key) {
      throw invalid(index, item.name, 'a key item needs a value')
    }
    return null
  }
  switch (item.dataType) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        throw invalid(index, item.name, 'not a whole number')
      }
      return value
    case 'decimal': {
      const number = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
      if (typeof number !== 'number' || !Number.isFinite(number)) {
        throw invalid(index, item.name, 'not a number')
      }
      return number
    }
    case 'boolean':
      if (typeof value !== 'boolean') {
        throw invalid(index, item.name, 'not true or false')
      }
      return value
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) {
        throw invalid(index, item.name, 'not a date (YYYY-MM-DD)')
      }
      return value
    case 'datetime':
      if (
        typeof value !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
        Number.isNaN(Date.parse(value))
      ) {
        throw invalid(index, item.name, 'not an ISO 8601 date-time with offset')
      }
      return value
    default: {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw invalid(index, item.name, 'not text')
      }
      const text = String(value)
      if (text.includes('\u0000') || text.length > 4000) {
        throw invalid(index, item.name, 'text too long or with a NUL character')
      }
      if (item.sensitivity === 'id_number' && !isValidIdNumber(text)) {
        throw invalid(index, item.name, 'not a valid citizen ID number (GB 11643)')
      }
      return text
    }
  }
}

/**
 * Checks one incoming record against the resource's items and returns it typed. Throws
 * EXCHANGE_INVALID_RECORD naming the record's index and the first bad item.
 */
export function validateRecord(
  items: readonly PublishedItem[],
  record: Record<string, unknown>,
  index: number,
  mode?: IngestMode,
): RecordData {
  return recordValidator(items, mode)(record, index)
}

/**
 * How an upsert treats the items a record leaves out (issue 11): `merge` keeps their stored values
 * (a new record gets null), `replace` refuses the record. An explicit null clears an item in both.
 */
export type IngestMode = 'merge' | 'replace'

/**
 * `validateRecord` for many records of one resource: the item names are looked at once. Without a
 * mode every item is returned (absent ones as null); with `merge` only the items the record names
 * (key items always); with `replace` an absent item is EXCHANGE_INVALID_RECORD.
 */
export function recordValidator(
  items: readonly PublishedItem[],
  mode?: IngestMode,
): (record: Record<string, unknown>, index: number) => RecordData {
  const known = new Set(items.map((item) => item.name))
  return (record, index) => {
    for (const name of Object.keys(record)) {
      if (!known.has(name)) {
        throw invalid(index, name, 'not an item of the resource')
      }
    }
    const data: RecordData = {}
    for (const item of items) {
      const given = record[item.name] !== undefined
      if (!given && mode === 'replace') {
        throw invalid(index, item.name, 'missing: mode "replace" needs every item of the resource')
      }
      if (given || item.key || mode !== 'merge') {
        data[item.name] = checkValue(item, record[item.name], index)
      }
    }
    return data
  }
}

/**
 * The record as it is to be stored: the incoming items over the stored ones (`stored`: the live
 * record's decoded values, undefined for a new record), every item present, unknown ones null.
 */
export function mergedRecord(
  items: readonly PublishedItem[],
  incoming: RecordData,
  stored: RecordData | undefined,
): RecordData {
  const data: RecordData = {}
  for (const { name } of items) {
    data[name] = Object.hasOwn(incoming, name) ? (incoming[name] ?? null) : (stored?.[name] ?? null)
  }
  return data
}

/** The key value: the key items' values joined by '|' (as in the URL of a lookup). */
export function keyOf(items: readonly PublishedItem[], data: RecordData): string {
  return keyReader(items)(data)
}

/** `keyOf` for many records of one resource. */
export function keyReader(items: readonly PublishedItem[]): (data: RecordData) => string {
  const names = items.filter((item) => item.key).map((item) => item.name)
  const [only] = names
  if (names.length === 1 && only !== undefined) {
    return (data) => String(data[only] ?? '')
  }
  return (data) => names.map((name) => String(data[name] ?? '')).join('|')
}

/**
 * What a consumer sees of a record under a grant (Art. 32-33): only the granted items; unless the
 * grant allows plain values, personal ones masked and the items that would tell what those masks
 * hide masked with them (linked-masking.ts, docs/masking.md).
 */
export function projectRecord(
  items: readonly PublishedItem[],
  data: RecordData,
  granted: ReadonlySet<string>,
  plain: boolean,
): RecordData {
  const plan = plain ? undefined : cachedMaskPlan(items)
  const view: RecordData = {}
  for (const item of items) {
    if (!granted.has(item.name)) {
      continue
    }
    const value = data[item.name] ?? null
    view[item.name] = plan ? applyMask(plan.get(item.name) ?? HIDDEN, value) : value
  }
  return view
}

// Every item of `items` is in its plan; should one not be, it is hidden rather than shown.
const HIDDEN: Mask = { kind: 'own', sensitivity: 'other_personal' }
