/**
 * Issue 12: an auditor's search of the audit log (Art. 27, 29): newest first, any filter, names
 * instead of ids, labels in the caller's language; by the plain key of a record; exported as a file.
 * The contract route GET /audit/entries stays as it was, in seq order.
 */
import type { Db } from '../../../db/database.js'
import type { Actor } from '../../../shared/actor.js'
import { AppError, type Lang } from '../../../shared/errors.js'
import type { ExportFile } from '../../../shared/export-file.js'
import type { FieldKeys } from '../../../shared/field-crypto.js'
import { maskValue } from '../../../shared/masking.js'
import { authorize } from '../../../shared/policy.js'
import type { AuditService } from '../service.js'
import { actionCatalog } from '../vocabulary.js'
import type { AuditDirectory } from './directory.js'
import { searchCsv, searchWorkbook } from './export.js'
import { namedEntries } from './names.js'
import * as repo from './repo.js'
import { actionSet, caseRefNeedle, timeRange } from './rules.js'
import type { ByKeyBody, ExportQuery, SearchPage, SearchQuery } from './schema.js'

/** Most rows one export carries; above it the auditor narrows the search (AUDIT_EXPORT_TOO_LARGE). */
export const EXPORT_CAP = 50_000
/** Most entries a search counts; past it the page says "at least" and the auditor narrows the filters. */
export const COUNT_CAP = 10_000
/** Most users and clients a person filter expands to (a name part matching more is too vague). */
const PRINCIPALS_CAP = 200

type Filters = Omit<SearchQuery, 'page' | 'pageSize' | 'order'>

export interface AuditSearchDeps {
  db: Db
  audit: Pick<AuditService, 'record'>
  keys: FieldKeys
  /** Names and lookups of the other modules, wired by the container. */
  directory: AuditDirectory
  /** EXPORT_CAP unless a test lowers it. */
  exportCap?: number
  /** COUNT_CAP unless a test lowers it. */
  countCap?: number
}

export type AuditSearch = ReturnType<typeof createAuditSearch>

export function createAuditSearch(deps: AuditSearchDeps) {
  const { db, audit, keys, directory } = deps
  const exportCap = deps.exportCap ?? EXPORT_CAP
  const countCap = deps.countCap ?? COUNT_CAP

  /** A resource, and the grants and requests on it: everything that happened to it. */
  async function aboutResource(resourceId: string) {
    const { grants, requests } = await directory.sharingObjectsOf(db, resourceId)
    return [
      { type: 'resource', ids: [resourceId] },
      { type: 'grant', ids: grants },
      { type: 'sharing_request', ids: requests },
    ]
  }

  async function toFilter(filters: Filters, keyHash?: string): Promise<repo.SearchFilter> {
    const actor = filters.actor?.trim()
    const contain = [
      ...(filters.caseRef === undefined ? [] : [caseRefNeedle(filters.caseRef)]),
      ...(keyHash === undefined ? [] : [`"${keyHash}"`]),
    ]
    return {
      actions: actionSet({
        action: filters.action,
        category: filters.category,
        keyed: keyHash !== undefined,
      }),
      ...(actor
        ? { actorIds: await directory.principalsMatching(db, actor, PRINCIPALS_CAP), actorLogin: actor }
        : {}),
      actorType: filters.actorType,
      departmentId: filters.departmentId,
      objects: filters.resourceId === undefined ? undefined : await aboutResource(filters.resourceId),
      ...timeRange(filters.from, filters.to),
      detailsContain: contain,
    }
  }

  async function page(filter: repo.SearchFilter, query: SearchQuery, lang: Lang): Promise<SearchPage> {
    const size = query.pageSize ?? 50
    const { rows, total, totalCapped } = await repo.searchEntries(
      db,
      filter,
      { order: query.order ?? 'desc', offset: ((query.page ?? 1) - 1) * size, limit: size },
      countCap,
    )
    return { items: await namedEntries(db, directory, rows, lang), total, totalCapped }
  }

  /** The audit log as an auditor searches it (issue 12). Throws FORBIDDEN, AUDIT_SEARCH_BAD_RANGE. */
  async function search(actor: Actor, query: SearchQuery, lang: Lang): Promise<SearchPage> {
    authorize(actor, 'audit.read')
    return page(await toFilter(query), query, lang)
  }

  /**
   * Entries whose keyed hashes name this record's key: who read one person's data (Art. 29). The
   * plain key stays in the body and is logged masked, with its hash, like the provider's key-readers
   * query. Throws FORBIDDEN, AUDIT_SEARCH_BAD_RANGE, AUDIT_UNAVAILABLE.
   */
  async function searchByKey(actor: Actor, body: ByKeyBody, lang: Lang): Promise<SearchPage> {
    authorize(actor, 'audit.read')
    const { key: plain, ...query } = body
    const key = plain.trim()
    const hash = directory.keyHashOf(keys, key)
    const result = await page(await toFilter(query, hash), query, lang)
    const published =
      query.resourceId === undefined ? undefined : await directory.publishedResource(db, query.resourceId)
    // A key without a published resource to mask it by is masked in every character.
    const masked = published ? directory.maskedKey(published.items, key) : maskValue(key, 'other_personal')
    let querySeq: number
    try {
      querySeq = await audit.record(actor, {
        action: 'audit.search_by_key',
        ...(query.resourceId === undefined ? {} : { objectType: 'resource', objectId: query.resourceId }),
        details: {
          key: masked,
          keyHash: hash,
          found: result.total,
          ...(result.totalCapped ? { foundCapped: true } : {}),
        },
      })
    } catch {
      throw new AppError('AUDIT_UNAVAILABLE')
    }
    return { ...result, key: masked, querySeq }
  }

  /**
   * The search as CSV or .xlsx, every matching entry up to EXPORT_CAP; the export is itself logged.
   * Throws FORBIDDEN, AUDIT_SEARCH_BAD_RANGE, AUDIT_EXPORT_TOO_LARGE, AUDIT_UNAVAILABLE.
   */
  async function exportSearch(actor: Actor, query: ExportQuery, lang: Lang): Promise<ExportFile> {
    authorize(actor, 'audit.read')
    const { format, ...filters } = query
    const filter = await toFilter(filters)
    const total = await repo.countEntries(db, filter)
    if (total > exportCap) {
      throw new AppError('AUDIT_EXPORT_TOO_LARGE', { total, cap: exportCap })
    }
    const rows = await repo.entriesPage(db, filter, {
      order: query.order ?? 'desc',
      offset: 0,
      limit: exportCap,
    })
    const entries = await namedEntries(db, directory, rows, lang)
    try {
      await audit.record(actor, {
        action: 'audit.export',
        details: { format, rows: entries.length, filters },
      })
    } catch {
      throw new AppError('AUDIT_UNAVAILABLE')
    }
    return format === 'xlsx' ? searchWorkbook(entries, lang) : searchCsv(entries, lang)
  }

  /** The action catalog with both labels (the portal's action filter). Throws FORBIDDEN. */
  function actions(actor: Actor) {
    authorize(actor, 'audit.read')
    return actionCatalog()
  }

  /** Resources of any status by a part of their name or code (the portal's resource filter). Throws FORBIDDEN. */
  async function resources(actor: Actor, q: string) {
    authorize(actor, 'audit.read')
    return { items: await directory.resourcesMatching(db, q.trim(), 20) }
  }

  return { search, searchByKey, exportSearch, actions, resources }
}
