/**
 * Issue 15 item 1: the bureau edits the dictionary of words staff type (Art. 17: a catalog people
 * can find things in). No cache: the search reads the entries of a query's words from the
 * database each time, so an edit is seen at once by every instance.
 */
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import { AppError } from '../../../shared/errors.js'
import { authorize } from '../../../shared/policy.js'
import { displayNames, withDisplayNames } from '../../org/index.js'
import type { CatalogDeps } from '../deps.js'
import * as repo from './synonym-repo.js'
import { normalizeEntry, normalizeTerm } from './synonyms.js'

export type SearchSynonyms = ReturnType<typeof createSearchSynonyms>

export function createSearchSynonyms(deps: Pick<CatalogDeps, 'db' | 'clock' | 'audit'>) {
  const { db, clock, audit } = deps

  /** The whole dictionary, by term (any signed-in user). */
  async function listSynonyms() {
    return { items: await withDisplayNames(db, await repo.listSynonyms(db), ['updatedBy']) }
  }

  /** Sets a term's expansions (bureau: catalog.administer). Throws CATALOG_SYNONYM_INVALID. */
  async function putSynonym(actor: Actor, term: string, body: { expansions: string[] }) {
    authorize(actor, 'catalog.administer')
    const entry = normalizeEntry(term, body.expansions)
    const row = {
      ...entry,
      updatedAt: clock.now().toISOString(),
      updatedBy: actor.name,
    }
    const updatedByName = (await displayNames(db, [actor.name])).get(actor.name) ?? null
    await inTransaction(db, async (trx) => {
      const before = await repo.findSynonym(trx, entry.term)
      await repo.upsertSynonym(trx, row)
      await audit.append(trx, actor, {
        action: 'catalog.synonym_set',
        objectType: 'search_synonym',
        objectId: entry.term,
        details: { expansions: entry.expansions, previous: before ?? null },
      })
    })
    return { ...row, updatedByName }
  }

  /** Removes a term (bureau). Throws CATALOG_SYNONYM_INVALID, CATALOG_SYNONYM_NOT_FOUND. */
  async function deleteSynonym(actor: Actor, term: string): Promise<void> {
    authorize(actor, 'catalog.administer')
    const normal = normalizeTerm(term)
    await inTransaction(db, async (trx) => {
      const before = await repo.findSynonym(trx, normal)
      if (!before) {
        throw new AppError('CATALOG_SYNONYM_NOT_FOUND', { term: normal })
      }
      await repo.deleteSynonym(trx, normal)
      await audit.append(trx, actor, {
        action: 'catalog.synonym_delete',
        objectType: 'search_synonym',
        objectId: normal,
        details: { expansions: before },
      })
    })
  }

  return { listSynonyms, putSynonym, deleteSynonym }
}
