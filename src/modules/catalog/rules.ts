/** Pure catalog rules: what a valid resource is (Art. 12-13, 16), version diffs, deadline states. */
import { AppError } from '../../shared/errors.js'
import type { FieldChange, ResourceInput } from './schema.js'
import { BASE_THEMES, THEME_TOPICS, TOP_CLASS } from './vocabulary.js'

/**
 * Checks the body on its own, before anything about who is asking (the contract orders body
 * checks before the lead-department rule). Throws the first problem found.
 */
export function validateResource(input: ResourceInput): void {
  if (input.shareType !== 'unconditional' && !input.legalBasis?.trim()) {
    throw new AppError('CATALOG_LEGAL_BASIS_REQUIRED', { field: 'legalBasis', shareType: input.shareType })
  }
  if (input.category === 'base' && input.shareType !== 'unconditional') {
    throw new AppError('CATALOG_BASE_MUST_BE_UNCONDITIONAL', { field: 'shareType' })
  }
  if (!input.items.some((item) => item.key === true)) {
    throw new AppError('CATALOG_KEY_REQUIRED', { field: 'items' })
  }
  const seen = new Set<string>()
  for (const [index, item] of input.items.entries()) {
    const name = item.name.trim()
    if (seen.has(name)) {
      throw new AppError('CATALOG_DUPLICATE_ITEM', { field: `items.${index}.name`, name })
    }
    seen.add(name)
  }
  if (input.theme !== undefined && !themeFits(input.category, input.theme)) {
    throw new AppError('CATALOG_THEME_MISMATCH', {
      field: 'theme',
      category: input.category,
      theme: input.theme,
    })
  }
  if (input.classCode !== undefined && input.classCode.charAt(0) !== TOP_CLASS[input.category]) {
    throw new AppError('CATALOG_CLASS_MISMATCH', { field: 'classCode', category: input.category })
  }
}

function themeFits(category: ResourceInput['category'], theme: string): boolean {
  if (category === 'base') {
    return (BASE_THEMES as readonly string[]).includes(theme)
  }
  if (category === 'theme') {
    return (THEME_TOPICS as readonly string[]).includes(theme)
  }
  return false
}

/** Resource code per the compilation guide: class code, '/', a 6-digit sequence never reused. */
export function resourceCode(classCode: string, sequence: number): string {
  return `${classCode}/${String(sequence).padStart(6, '0')}`
}

export function itemCode(resourceCode: string, number: number): string {
  return `${resourceCode}-${String(number).padStart(3, '0')}`
}

/** A version as compared by the diff: its metadata and its items by name. */
export interface VersionSnapshot {
  metadata: Record<string, unknown>
  items: Array<Record<string, unknown> & { name: string }>
}

const ITEM_FIELDS = [
  'dataType',
  'key',
  'sensitivity',
  'length',
  'description',
  'authoritativeItemCode',
] as const

/** Field-by-field changes from `before` to `after`; items are matched by name. */
export function diffVersions(before: VersionSnapshot, after: VersionSnapshot): FieldChange[] {
  const changes: FieldChange[] = []
  const keys = [...new Set([...Object.keys(before.metadata), ...Object.keys(after.metadata)])].sort()
  for (const key of keys) {
    const a = before.metadata[key] ?? null
    const b = after.metadata[key] ?? null
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      changes.push({ field: key, before: a, after: b })
    }
  }
  const oldItems = new Map(before.items.map((item) => [item.name, item]))
  const newItems = new Map(after.items.map((item) => [item.name, item]))
  for (const [name, item] of newItems) {
    const old = oldItems.get(name)
    if (!old) {
      changes.push({ field: `items.${name}`, before: null, after: item })
      continue
    }
    for (const field of ITEM_FIELDS) {
      const a = old[field] ?? null
      const b = item[field] ?? null
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        changes.push({ field: `items.${name}.${field}`, before: a, after: b })
      }
    }
  }
  for (const [name, item] of oldItems) {
    if (!newItems.has(name)) {
      changes.push({ field: `items.${name}`, before: item, after: null })
    }
  }
  return changes
}

export type DeadlineStatus = 'due' | 'overdue' | 'met'

/** Open and not past due: due; open past due, or met after the due date: overdue; else met. */
export function deadlineStatus(dueDate: string, metOn: string | null, today: string): DeadlineStatus {
  if (metOn === null) {
    return today > dueDate ? 'overdue' : 'due'
  }
  return metOn > dueDate ? 'overdue' : 'met'
}

/**
 * Art. 19: every published resource is re-confirmed at least once per calendar year. Returns the
 * year-end due date of the confirmation still owed, or null when this year's is done.
 */
export function annualConfirmationDue(lastConfirmedOn: string, today: string): string | null {
  const lastYear = Number(lastConfirmedOn.slice(0, 4))
  const thisYear = Number(today.slice(0, 4))
  if (lastYear >= thisYear) {
    return null
  }
  // The oldest year missed is the one that is owed (and overdue once that year has ended).
  return `${lastYear + 1}-12-31`
}
