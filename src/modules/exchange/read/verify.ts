/**
 * Verification (核验, issue 11): the consumer sends the values it holds for a key (a name and an ID
 * number from a citizen's application) and learns, item by item, whether the record agrees, never
 * a stored value. The least data an identity check needs; every grant allows it.
 */
import type { Actor } from '../../../shared/actor.js'
import { keyHashOf, maskedKey } from '../codec.js'
import type { ExchangeDeps } from '../deps.js'
import type { RecordValue } from '../rules.js'
import type { ReadAccess, ReadOptions } from './access.js'

export interface VerifyCheck {
  key: string
  /** Item name → the value the consumer holds. */
  items: Record<string, RecordValue>
}

export interface VerifyResult {
  /** The key, masked like its item. */
  key: string
  recordFound: boolean
  /** Item name → whether the stored value equals the one sent (false when there is no record). */
  matches: Record<string, boolean>
}

/** Values compare as trimmed text; an ID number's check character in either case. */
function sameValue(stored: RecordValue | undefined, sent: RecordValue): boolean {
  if (stored === null || stored === undefined || sent === null) {
    return false
  }
  return String(stored).trim().toUpperCase() === String(sent).trim().toUpperCase()
}

export function createVerify(deps: ExchangeDeps, reads: ReadAccess) {
  /**
   * Match / no match per item for each check. Throws as authorizeRead and logRead, plus
   * EXCHANGE_BATCH_LIMIT and EXCHANGE_VERIFY_ITEM_NOT_GRANTED (an item outside the grant).
   */
  async function verify(
    actor: Actor,
    resourceId: string,
    checks: readonly VerifyCheck[],
    options: ReadOptions,
  ) {
    const context = await reads.authorizeRead(actor, resourceId, options, 'verify')
    await reads.checkBatch(actor, context, options, checks.length)
    const granted = new Set(context.grant.items.map((item) => item.name))
    const names = [...new Set(checks.flatMap((check) => Object.keys(check.items)))]
    const outside = names.filter((name) => !granted.has(name))
    if (outside.length > 0) {
      await reads.refuseUnder(actor, context, options, 'EXCHANGE_VERIFY_ITEM_NOT_GRANTED', {
        items: outside,
      })
    }
    const keys = [...new Set(checks.map((check) => check.key))]
    const masked = new Map(keys.map((key) => [key, maskedKey(context.resource.items, key)]))
    const facts = {
      mode: 'verify' as const,
      asked: keys.map((key) => masked.get(key) ?? ''),
      keyHashes: keys.map((key) => keyHashOf(deps.keys, key)),
      items: names,
      returned: 0,
      units: checks.length,
      misses: 0,
    }
    const found = await reads.attempt(actor, context, options, facts, () => context.source.many(keys))
    const results: VerifyResult[] = checks.map((check) => {
      const data = found.get(check.key)
      return {
        key: masked.get(check.key) ?? '',
        recordFound: data !== undefined,
        matches: Object.fromEntries(
          Object.entries(check.items).map(([name, value]) => [
            name,
            data !== undefined && sameValue(data[name], value),
          ]),
        ),
      }
    })
    const hits = keys.filter((key) => found.has(key)).length
    // A check that fails is a miss too: guessing a held key's values (a birth date, the hidden
    // digits of a phone number) is enumeration as much as guessing keys is.
    const failed = results.filter((r) => !r.recordFound || Object.values(r.matches).includes(false)).length
    await reads.logRead(actor, context, options, { ...facts, returned: hits, misses: failed })
    return { results, grantId: context.grant.id }
  }

  return { verify }
}
