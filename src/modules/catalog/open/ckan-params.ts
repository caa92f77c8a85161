/**
 * The parameters of the four CKAN actions, as CKAN reads them: from the query string (text) or a
 * JSON body (typed), unknown ones ignored. A bad value is VALIDATION_FAILED with the field, which
 * the routes answer as CKAN's 409 "Validation Error". Pure.
 */
import { AppError } from '../../../shared/errors.js'
import type { OpenOrder } from './repo.js'

export type CkanInput = Readonly<Record<string, unknown>>

export const MAX_ROWS = 1000

function invalid(field: string, reason: string): never {
  throw new AppError('VALIDATION_FAILED', { field, reason })
}

function text(input: CkanInput, field: string): string | undefined {
  const value = input[field]
  if (value === undefined || value === null) {
    return undefined
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    return invalid(field, 'Must be a string')
  }
  return String(value)
}

function integer(input: CkanInput, field: string, bounds: { min: number; max?: number }): number | undefined {
  const raw = text(input, field)
  if (raw === undefined || raw.trim() === '') {
    return undefined
  }
  const value = Number(raw)
  if (!Number.isInteger(value)) {
    return invalid(field, 'Invalid integer')
  }
  if (value < bounds.min || (bounds.max !== undefined && value > bounds.max)) {
    return invalid(
      field,
      bounds.max === undefined
        ? `Must be at least ${bounds.min}`
        : `Must be from ${bounds.min} to ${bounds.max}`,
    )
  }
  return value
}

function flag(input: CkanInput, field: string): boolean {
  const value = input[field]
  if (value === undefined || value === null || value === '') {
    return false
  }
  if (typeof value === 'boolean') {
    return value
  }
  const word = String(value).toLowerCase()
  if (['true', '1', 'yes', 'on'].includes(word)) {
    return true
  }
  if (['false', '0', 'no', 'off'].includes(word)) {
    return false
  }
  return invalid(field, 'Must be true or false')
}

export interface Paging {
  limit: number | undefined
  offset: number
}

export function pagingOf(input: CkanInput): Paging {
  return {
    limit: integer(input, 'limit', { min: 0 }),
    offset: integer(input, 'offset', { min: 0 }) ?? 0,
  }
}

export function packageIdOf(input: CkanInput): string {
  const id = text(input, 'id')?.trim()
  return id ? id : invalid('id', 'Missing value')
}

export function organizationListOf(input: CkanInput) {
  const sort = (text(input, 'sort') ?? 'name asc').trim().toLowerCase().replace(/\s+/g, ' ')
  if (!['name asc', 'name desc', 'title asc', 'title desc'].includes(sort)) {
    invalid('sort', 'Sort by name or title, asc or desc')
  }
  return { ...pagingOf(input), allFields: flag(input, 'all_fields'), sort }
}

/** `score desc, …` is accepted as the rest: the open catalog does not rank (decisions §50). */
const SORTS: Readonly<Record<string, OpenOrder>> = {
  'metadata_modified desc': 'modified_desc',
  'metadata_modified asc': 'modified_asc',
  'name asc': 'name_asc',
  'name desc': 'name_desc',
}

export interface SearchParams {
  q: string | undefined
  rows: number
  start: number
  sort: string
  order: OpenOrder
  organizations: string[]
  modifiedFrom: string | undefined
  modifiedTo: string | undefined
}

export function searchParamsOf(input: CkanInput): SearchParams {
  const q = text(input, 'q')?.trim()
  const sort = (text(input, 'sort') ?? 'metadata_modified desc').trim().toLowerCase().replace(/\s+/g, ' ')
  const order = SORTS[sort.replace(/^score desc,\s*/, '')]
  if (!order) {
    return invalid('sort', `One of: ${Object.keys(SORTS).join('; ')}`)
  }
  return {
    q: q === '' || q === '*:*' ? undefined : q,
    rows: integer(input, 'rows', { min: 0, max: MAX_ROWS }) ?? 10,
    start: integer(input, 'start', { min: 0 }) ?? 0,
    sort,
    order,
    ...filterQueryOf(text(input, 'fq') ?? ''),
  }
}

const CLAUSE = /\+?([a-z_]+):("[^"]*"|\[[^\]]*\]|\S+)/gy

/**
 * The filter query clauses harvesters send: `organization:<name>` (several: any of them),
 * `metadata_modified:[from TO to]` (`*` open), and `dataset_type:dataset` / `type:dataset`.
 */
export function filterQueryOf(fq: string) {
  const organizations: string[] = []
  let modifiedFrom: string | undefined
  let modifiedTo: string | undefined
  const rest = fq.trim()
  CLAUSE.lastIndex = 0
  let at = 0
  while (at < rest.length) {
    CLAUSE.lastIndex = at
    const match = CLAUSE.exec(rest)
    if (!match) {
      return invalid(
        'fq',
        'Supported: organization:<name>, metadata_modified:[from TO to], dataset_type:dataset',
      )
    }
    const [whole, field, rawValue = ''] = match
    const value = rawValue.replace(/^"(.*)"$/, '$1')
    if (field === 'organization' || field === 'owner_org') {
      organizations.push(value.toLowerCase())
    } else if (field === 'metadata_modified') {
      ;[modifiedFrom, modifiedTo] = rangeOf(value)
    } else if (!((field === 'dataset_type' || field === 'type') && value === 'dataset')) {
      return invalid('fq', `Unsupported filter ${field}`)
    }
    at += whole.length
    while (rest[at] === ' ') {
      at += 1
    }
  }
  return { organizations, modifiedFrom, modifiedTo }
}

function rangeOf(value: string): [string | undefined, string | undefined] {
  const match = /^\[(\S+) TO (\S+)\]$/.exec(value)
  if (!match) {
    return invalid('fq', 'metadata_modified takes [from TO to]')
  }
  return [timeOf(match[1] ?? '*'), timeOf(match[2] ?? '*')]
}

function timeOf(bound: string): string | undefined {
  if (bound === '*' || bound === 'NOW') {
    return undefined
  }
  // CKAN's own timestamps carry no offset and mean UTC.
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(bound) ? bound : `${bound}Z`)
  return Number.isNaN(date.getTime()) ? invalid('fq', `Not a time: ${bound}`) : date.toISOString()
}
