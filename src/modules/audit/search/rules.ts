/** Issue 12, pure: how an auditor's search turns into the repository's filter. */
import { AppError } from '../../../shared/errors.js'
import { type AuditCategory, actionsIn } from '../vocabulary.js'

/** Entries that carry `keyHashes` (a read or a refused read): what a search by a record's key may find. */
export const KEYED_ACTIONS = ['exchange.read', 'exchange.denied'] as const

const DAY_MS = 86_400_000

/** The first instant of a Beijing-time day, as the log's ISO UTC text. */
export function shanghaiDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString()
}

/** `from` and `to` are Beijing-time days, both included: [start of from, start of the day after to). */
export function timeRange(from?: string, to?: string): { fromAt?: string; beforeAt?: string } {
  if (from !== undefined && to !== undefined && from > to) {
    throw new AppError('AUDIT_SEARCH_BAD_RANGE', { from, to })
  }
  return {
    fromAt: from === undefined ? undefined : shanghaiDayStart(from),
    beforeAt:
      to === undefined ? undefined : new Date(Date.parse(shanghaiDayStart(to)) + DAY_MS).toISOString(),
  }
}

/**
 * The actions an entry may have: the one asked for, those of the category, those that carry keyed
 * hashes; all that apply at once (an empty list finds nothing). undefined: any action.
 */
export function actionSet(filter: {
  action?: string
  category?: AuditCategory
  keyed?: boolean
}): string[] | undefined {
  let actions: string[] | undefined
  const narrow = (allowed: readonly string[]) => {
    actions = actions === undefined ? [...allowed] : actions.filter((a) => allowed.includes(a))
  }
  if (filter.action !== undefined) {
    narrow([filter.action])
  }
  if (filter.category !== undefined) {
    narrow(actionsIn(filter.category))
  }
  if (filter.keyed) {
    narrow(KEYED_ACTIONS)
  }
  return actions
}

/**
 * The text a case reference leaves in the canonical details JSON: `"caseRef":"<value>"` exactly as
 * JSON.stringify escapes it, so a substring match finds that case and no other field's value.
 */
export function caseRefNeedle(caseRef: string): string {
  return `"caseRef":${JSON.stringify(caseRef)}`
}
