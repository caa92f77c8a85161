/**
 * How a grant may be used (issue 11, Art. 32-33: the least data a purpose needs). Pure.
 * - verify: the consumer sends values it holds and learns match / no match, never a stored value;
 * - lookup: one record by a key the consumer already holds, small batches, no paging;
 * - bulk: paging, filters and export, only when the approver grants it with a reason if the
 *   resource has personal items.
 * Each mode allows the ones before it.
 */
import { AppError } from '../../shared/errors.js'
import { ACCESS_MODES, type AccessMode } from './vocabulary.js'

export type { AccessMode }

/** Only rows whose item holds one of the values are served (e.g. 行政区划 = the consumer's district). */
export interface RowScope {
  item: string
  values: string[]
}

interface ItemFacts {
  name: string
  sensitivity: string
}

export function isAccessMode(value: string): value is AccessMode {
  return (ACCESS_MODES as readonly string[]).includes(value)
}

export function modeAllows(granted: AccessMode, needed: AccessMode): boolean {
  return ACCESS_MODES.indexOf(granted) >= ACCESS_MODES.indexOf(needed)
}

export function hasPersonalItems(items: readonly ItemFacts[]): boolean {
  return items.some((item) => item.sensitivity !== 'none')
}

/** The mode a request asks for when it does not say: bulk only where nothing personal is served. */
export function defaultMode(items: readonly ItemFacts[]): AccessMode {
  return hasPersonalItems(items) ? 'lookup' : 'bulk'
}

/** Whether a request can be granted at once on an unconditional resource: bulk of personal data cannot. */
export function grantableAtOnce(mode: AccessMode, items: readonly ItemFacts[]): boolean {
  return !(mode === 'bulk' && hasPersonalItems(items))
}

/**
 * The mode an approver grants: what they name, or else what was asked without bulk of personal
 * data (that takes the approver's explicit word and reason). Throws SHARING_MODE_NOT_REQUESTED,
 * SHARING_BULK_REASON_REQUIRED.
 */
export function approvedMode(
  requested: AccessMode,
  items: readonly ItemFacts[],
  decision: { accessMode?: AccessMode; modeReason?: string },
): { mode: AccessMode; reason: string | null } {
  const personal = hasPersonalItems(items)
  const mode = decision.accessMode ?? (requested === 'bulk' && personal ? 'lookup' : requested)
  if (!modeAllows(requested, mode)) {
    throw new AppError('SHARING_MODE_NOT_REQUESTED', { field: 'accessMode', requested })
  }
  const reason = decision.modeReason?.trim() || null
  if (mode === 'bulk' && personal && reason === null) {
    throw new AppError('SHARING_BULK_REASON_REQUIRED', { field: 'modeReason' })
  }
  return { mode, reason }
}

/**
 * A row scope must name a non-personal item of the resource (its stored value is plain, so the
 * store can filter on it) and at least one value. Throws SHARING_ROW_SCOPE_INVALID.
 */
export function checkRowScope(scope: RowScope, items: readonly ItemFacts[]): RowScope {
  const item = items.find((candidate) => candidate.name === scope.item.trim())
  const values = [...new Set(scope.values.map((value) => value.trim()).filter((value) => value !== ''))]
  if (item?.sensitivity !== 'none' || values.length === 0) {
    throw new AppError('SHARING_ROW_SCOPE_INVALID', { field: 'rowScope', item: scope.item })
  }
  return { item: item.name, values }
}

export function parseRowScope(json: string | null): RowScope | null {
  return json === null ? null : (JSON.parse(json) as RowScope) // written only by checkRowScope's result
}
