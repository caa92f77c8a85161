/**
 * Masking that cannot be undone from the rest of the record (Art. 33; docs/masking.md; issue 11).
 * The contract's masks hide part of a personal value: the birth date inside an ID number, the tail
 * of an address, the given name. An item that is not personal by itself but tells that hidden part
 * (出生日期 next to a masked 公民身份号码) is masked with it, as a linked item. Pure, no I/O.
 */
import { maskValue, type Sensitivity } from '../../../shared/masking.js'
import type { PublishedItem } from '../../catalog/index.js'
import type { RecordValue } from '../rules.js'
import { type LinkRule, linkRuleFor } from './linked-names.js'

export type { LinkId, LinkRule } from './linked-names.js'
export { LINK_RULES, linkRuleFor, normalizeItemName } from './linked-names.js'

/** How one item is shown under a masked grant. */
export type Mask =
  | { kind: 'none' }
  | { kind: 'own'; sensitivity: Exclude<Sensitivity, 'none'> }
  | {
      kind: 'linked'
      rule: LinkRule['id']
      /** The masked personal items whose hidden part this item would tell. */
      linkedTo: readonly string[]
      /** Characters kept at the start when the value is a code of digits (region codes); else 0. */
      keepDigits: number
      /** Stars shown when the value is hidden whole: fixed per item, so the length tells nothing. */
      width: number
    }

const NONE: Mask = { kind: 'none' }
/** Every date item is YYYY-MM-DD: ten stars is both "the same length" and a constant. */
const DATE_WIDTH = 10

/**
 * For every item of a resource, how a masked grant shows it: as it is, by its own sensitivity (the
 * contract's masks, never changed here), or hidden because the resource has a masked personal item
 * it would narrow. An item with its own sensitivity keeps the contract's mask.
 */
export function maskPlan(items: readonly PublishedItem[]): ReadonlyMap<string, Mask> {
  const personal = items.filter((item) => item.sensitivity !== 'none')
  const plan = new Map<string, Mask>()
  for (const item of items) {
    if (item.sensitivity !== 'none') {
      plan.set(item.name, { kind: 'own', sensitivity: item.sensitivity })
      continue
    }
    const rule = linkRuleFor(item.name)
    const linkedTo = rule
      ? personal.filter((p) => rule.narrows.includes(p.sensitivity)).map((p) => p.name)
      : []
    if (!rule || linkedTo.length === 0) {
      plan.set(item.name, NONE)
      continue
    }
    const hidesWhole = item.dataType === 'date' || item.dataType === 'datetime'
    plan.set(item.name, {
      kind: 'linked',
      rule: rule.id,
      linkedTo,
      keepDigits: hidesWhole ? 0 : rule.keepDigits,
      width: hidesWhole ? DATE_WIDTH : 1,
    })
  }
  return plan
}

const plans = new WeakMap<readonly PublishedItem[], ReadonlyMap<string, Mask>>()

/**
 * maskPlan, once per items array: reads of one resource share the array the access snapshot
 * cached (catalog lookup), and this runs for every record served.
 */
export function cachedMaskPlan(items: readonly PublishedItem[]): ReadonlyMap<string, Mask> {
  const known = plans.get(items)
  if (known) {
    return known
  }
  const plan = maskPlan(items)
  plans.set(items, plan)
  return plan
}

/**
 * Whether a masked grant hides any of the item's value: filtering or sorting on it would tell what
 * the mask hides, so the read path refuses it. An item the plan does not know counts as masked.
 */
export function isMaskedItem(plan: ReadonlyMap<string, Mask>, name: string): boolean {
  return (plan.get(name) ?? { kind: 'own' }).kind !== 'none'
}

/** One value as a masked grant shows it. Null stays null: that a value is missing hides nothing. */
export function applyMask(mask: Mask, value: RecordValue): RecordValue {
  if (value === null || mask.kind === 'none') {
    return value
  }
  if (mask.kind === 'own') {
    return maskValue(String(value), mask.sensitivity)
  }
  const text = String(value)
  // A region code's leading digits are the province and city, which the masked address shows too.
  if (mask.keepDigits > 0 && /^\d+$/.test(text) && text.length > mask.keepDigits) {
    return `${text.slice(0, mask.keepDigits)}${'*'.repeat(text.length - mask.keepDigits)}`
  }
  return '*'.repeat(mask.width)
}
