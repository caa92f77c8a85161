/**
 * Art. 16: the bureau's dictionary of standard data elements (公民身份号码, 统一社会信用代码, …) with
 * the other names departments give them. Anyone signed in reads and searches it (the resource form
 * does as the cataloger types); the bureau (catalog.administer) creates and edits entries.
 */

import type { Executor } from '../../../db/database.js'
import { isUniqueViolation } from '../../../db/errors.js'
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import { AppError } from '../../../shared/errors.js'
import { authorize } from '../../../shared/policy.js'
import type { CatalogDeps } from '../deps.js'
import { cleanNames, nameKey } from './names.js'
import * as repo from './repo.js'
import type { ElementBody, ElementCreateBody, ElementList, ElementQuery, ElementView } from './schema.js'
import { describeSources } from './sources.js'

export type DataElements = ReturnType<typeof createDataElements>

export function createDataElements(deps: Pick<CatalogDeps, 'db' | 'clock' | 'audit'>) {
  const { db, clock, audit } = deps

  /**
   * Elements whose name or a synonym contains the query (normalised like names), exact matches
   * first, then those starting with it; each with its authoritative items, if any.
   */
  async function searchElements(query: ElementQuery): Promise<ElementList> {
    const limit = query.limit ?? 50
    const key = nameKey(query.q ?? '')
    if (key === '') {
      const all = await repo.listElements(db)
      return { items: await viewsOf(db, all.slice(0, limit), ''), total: all.length }
    }
    const matches = await repo.namesContaining(db, key)
    const rank = new Map<string, number>()
    for (const match of matches) {
      const score = match.name_key === key ? 0 : match.name_key.startsWith(key) ? 1 : 2
      rank.set(match.element_code, Math.min(score, rank.get(match.element_code) ?? 3))
    }
    const byCode = (await repo.findElement(db, (query.q ?? '').trim().toUpperCase())) ?? undefined
    if (byCode) {
      rank.set(byCode.code, 0)
    }
    const rows = (await repo.elementsByCodes(db, [...rank.keys()])).sort(
      (a, b) => (rank.get(a.code) ?? 3) - (rank.get(b.code) ?? 3) || a.code.localeCompare(b.code),
    )
    return { items: await viewsOf(db, rows.slice(0, limit), key), total: rows.length }
  }

  /** One element. Throws CATALOG_ELEMENT_NOT_FOUND. */
  async function getElement(code: string): Promise<ElementView> {
    const row = await repo.findElement(db, code)
    if (!row) {
      throw new AppError('CATALOG_ELEMENT_NOT_FOUND', { code })
    }
    const [view] = await viewsOf(db, [row], '')
    if (!view) {
      throw new AppError('CATALOG_ELEMENT_NOT_FOUND', { code })
    }
    return view
  }

  /**
   * Adds an element (bureau). Throws CATALOG_ELEMENT_EXISTS (code taken),
   * CATALOG_ELEMENT_NAME_TAKEN (a name or synonym is another element's), CATALOG_ELEMENT_NAME_INVALID.
   */
  async function createElement(actor: Actor, body: ElementCreateBody): Promise<ElementView> {
    authorize(actor, 'catalog.administer')
    const names = cleanNames(body.name, body.synonyms ?? [])
    const now = clock.now().toISOString()
    const row: repo.ElementRow = {
      code: body.code,
      name: names.name,
      definition: body.definition?.trim() ?? '',
      data_type: body.dataType,
      synonyms: JSON.stringify(names.synonyms),
      created_at: now,
      updated_at: now,
      updated_by: actor.name,
    }
    await guardUnique(body.code, async () => {
      await inTransaction(db, async (trx) => {
        if (await repo.findElement(trx, body.code)) {
          throw new AppError('CATALOG_ELEMENT_EXISTS', { field: 'code', code: body.code })
        }
        await assertNamesFree(trx, body.code, names.keys)
        await repo.insertElement(trx, row)
        await repo.replaceNames(trx, body.code, names.keys)
        await audit.append(trx, actor, {
          action: 'catalog.element_create',
          objectType: 'data_element',
          objectId: body.code,
          details: { name: names.name, synonyms: names.synonyms, dataType: body.dataType },
        })
      })
    })
    return getElement(body.code)
  }

  /**
   * Changes an element's name, definition, data type and synonyms (bureau); its code stays, so
   * items keep their element. Throws CATALOG_ELEMENT_NOT_FOUND and as createElement.
   */
  async function updateElement(actor: Actor, code: string, body: ElementBody): Promise<ElementView> {
    authorize(actor, 'catalog.administer')
    const names = cleanNames(body.name, body.synonyms ?? [])
    await guardUnique(code, async () => {
      await inTransaction(db, async (trx) => {
        const before = await repo.findElement(trx, code)
        if (!before) {
          throw new AppError('CATALOG_ELEMENT_NOT_FOUND', { code })
        }
        await assertNamesFree(trx, code, names.keys)
        await repo.updateElement(trx, {
          ...before,
          name: names.name,
          definition: body.definition?.trim() ?? '',
          data_type: body.dataType,
          synonyms: JSON.stringify(names.synonyms),
          updated_at: clock.now().toISOString(),
          updated_by: actor.name,
        })
        await repo.replaceNames(trx, code, names.keys)
        await audit.append(trx, actor, {
          action: 'catalog.element_update',
          objectType: 'data_element',
          objectId: code,
          details: {
            name: names.name,
            synonyms: names.synonyms,
            dataType: body.dataType,
            previous: {
              name: before.name,
              synonyms: parseSynonyms(before.synonyms),
              dataType: before.data_type,
            },
          },
        })
      })
    })
    return getElement(code)
  }

  return { searchElements, getElement, createElement, updateElement }
}

/** A name another element holds is refused by name; a race that slips past is refused by the key. */
async function assertNamesFree(trx: Executor, code: string, keys: readonly string[]): Promise<void> {
  const holders = await repo.elementsOfKeys(trx, keys)
  for (const [index, key] of keys.entries()) {
    const holder = holders.get(key)
    if (holder !== undefined && holder !== code) {
      throw new AppError('CATALOG_ELEMENT_NAME_TAKEN', {
        field: index === 0 ? 'name' : 'synonyms',
        name: key,
        elementCode: holder,
      })
    }
  }
}

async function guardUnique(code: string, work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    throw isUniqueViolation(error) ? new AppError('CATALOG_ELEMENT_NAME_TAKEN', { code }) : error
  }
}

async function viewsOf(db: Executor, rows: readonly repo.ElementRow[], key: string): Promise<ElementView[]> {
  const sources = await describeSources(
    db,
    await repo.sourcesOfElements(
      db,
      rows.map((row) => row.code),
    ),
  )
  return rows.map((row) => {
    const synonyms = parseSynonyms(row.synonyms)
    return {
      code: row.code,
      name: row.name,
      definition: row.definition,
      dataType: row.data_type as ElementView['dataType'], // written only from DATA_TYPES (schema)
      synonyms,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
      matchedName:
        key === '' ? null : ([row.name, ...synonyms].find((name) => nameKey(name).includes(key)) ?? null),
      sources: sources.filter((source) => source.elementCode === row.code),
    }
  })
}

function parseSynonyms(text: string): string[] {
  const value: unknown = JSON.parse(text)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
