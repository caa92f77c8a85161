/** Compiling the resource catalog (Art. 10-13, 16): create, edit as versions, read, history. */
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import { departmentCodes, departmentsInScope } from '../org/index.js'
import { createInputChecks } from './checks.js'
import { createClassTree } from './classes/service.js'
import type { CatalogDeps } from './deps.js'
import { sameContent } from './inputs.js'
import * as repo from './repo.js'
import { diffVersions, validateResource } from './rules.js'
import type { ResourceInput, ResourceView } from './schema.js'
import { createVersionWriter } from './versions.js'
import { toSnapshot } from './views.js'
import { createCatalogZoneCheck } from './zones/guard.js'

export type CatalogService = ReturnType<typeof createCatalogService>

export function createCatalogService(deps: CatalogDeps) {
  const { db } = deps
  const { seesPrivate, checkInput } = createInputChecks(deps)
  const { resourceOrThrow, view, insertNew, applyEdit } = createVersionWriter(deps)
  const tree = createClassTree(deps)
  const { assertZoneAllowed } = createCatalogZoneCheck(deps)

  /**
   * Creates a draft resource of the actor's department (Art. 10-13, 16). Throws
   * CATALOG_LEGAL_BASIS_REQUIRED, CATALOG_BASE_MUST_BE_UNCONDITIONAL, CATALOG_KEY_REQUIRED,
   * CATALOG_DUPLICATE_ITEM, FORBIDDEN, CATALOG_NOT_LEAD_DEPARTMENT, CATALOG_AUTHORITATIVE_ITEM_EXISTS,
   * ZONE_NOT_ALLOWED (logged).
   */
  async function createResource(actor: Actor, input: ResourceInput): Promise<ResourceView> {
    validateResource(input)
    const providerId = actor.departmentId ?? ''
    await assertZoneAllowed(actor, input, providerId)
    await checkInput(actor, input, providerId)
    // Outside the transaction: a department's first resource may make its 项 (classes/service.ts).
    const classCode = await tree.classCodeFor(actor, input, providerId)
    const created = await inTransaction(db, (trx) => insertNew(trx, actor, input, providerId, classCode))
    return withAvailabilityWarnings(created, providerId, input)
  }

  /** Art. 24: what can be got through the platform must not be collected again; say so. */
  async function withAvailabilityWarnings(view: ResourceView, departmentId: string, input: ResourceInput) {
    const available = await deps.listeners?.availableThroughPlatform?.(
      db,
      departmentId,
      input.items.map((item) => item.name.trim()),
    )
    if (!available || available.length === 0) {
      return view
    }
    const warnings = available.map((a) => ({
      code: 'SHARING_AVAILABLE_ON_PLATFORM' as const,
      message: `信息项“${a.itemName}”已可通过共享平台获取，无需重复采集 / “${a.itemName}” is already available through the platform`,
      ...a,
    }))
    return { ...view, warnings }
  }

  /**
   * Edits a resource (Art. 14-15); see applyEdit. Throws as createResource, plus
   * CATALOG_RESOURCE_NOT_FOUND and CATALOG_INVALID_STATE.
   */
  async function updateResource(actor: Actor, id: string, input: ResourceInput): Promise<ResourceView> {
    validateResource(input)
    const existing = await resourceOrThrow(db, id)
    if (!(await seesPrivate(actor, existing.provider_id))) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id })
    }
    await assertZoneAllowed(actor, input, existing.provider_id, existing)
    await checkInput(actor, input, existing.provider_id, existing)
    const updated = await inTransaction(db, (trx) => applyEdit(trx, actor, id, input))
    return withAvailabilityWarnings(updated, existing.provider_id, input)
  }

  /**
   * Bulk import (Excel): every row is checked first and nothing is stored if any row is bad
   * (CATALOG_IMPORT_INVALID with every problem by row). A row whose code names a resource of the
   * actor's department edits it (unchanged rows are left alone); other rows create resources.
   */
  async function importResources(actor: Actor, rows: Array<{ code?: string; input: ResourceInput }>) {
    const providerId = actor.departmentId ?? ''
    const problems: Array<{ index: number; code: string; field?: string; details?: unknown }> = []
    const targets: Array<repo.ResourceRow | undefined> = []
    const classCodes: string[] = []
    // A whole workbook is refused (and logged) for one internal-zone row: nothing of it is stored.
    for (const row of rows) {
      await assertZoneAllowed(actor, row.input, providerId)
    }
    for (const [index, row] of rows.entries()) {
      let target: repo.ResourceRow | undefined
      try {
        validateResource(row.input)
        target = row.code ? await repo.findResourceByCode(db, row.code) : undefined
        if (target && target.provider_id !== providerId) {
          throw new AppError('FORBIDDEN', { field: 'code', code: row.code })
        }
        await checkInput(actor, row.input, providerId, target)
        classCodes[index] = target ? target.class_code : await tree.classCodeFor(actor, row.input, providerId)
      } catch (error) {
        if (!(error instanceof AppError)) {
          throw error
        }
        const details = error.details as { field?: string } | undefined // our own details objects
        problems.push({ index, code: error.code, field: details?.field, details: error.details })
      }
      targets.push(target)
    }
    if (problems.length > 0) {
      throw new AppError('CATALOG_IMPORT_INVALID', { problems })
    }
    return inTransaction(db, async (trx) => {
      const results: Array<{
        index: number
        id: string
        code: string
        action: 'created' | 'updated' | 'unchanged'
      }> = []
      for (const [index, row] of rows.entries()) {
        const target = targets[index]
        if (!target) {
          // Every row without a problem has its class code: no problems is how we got here.
          const created = await insertNew(trx, actor, row.input, providerId, classCodes[index] ?? '')
          results.push({ index, id: created.id, code: created.code, action: 'created' })
          continue
        }
        const current = await view(trx, target, target.latest_version)
        if (sameContent(current, row.input)) {
          results.push({ index, id: target.id, code: target.code, action: 'unchanged' })
          continue
        }
        await applyEdit(trx, actor, target.id, row.input)
        results.push({ index, id: target.id, code: target.code, action: 'updated' })
      }
      return results
    })
  }

  /**
   * The resource as the actor may see it: its department and the bureau see the latest version,
   * drafts and none-type resources included; others see the published version of a shareable
   * resource, else CATALOG_RESOURCE_NOT_FOUND (404, so nothing about it leaks).
   */
  async function getResource(actor: Actor, id: string): Promise<ResourceView> {
    const resource = await resourceOrThrow(db, id)
    if (await seesPrivate(actor, resource.provider_id)) {
      return view(db, resource, resource.latest_version)
    }
    if (!isShared(resource) || resource.published_version === null) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id })
    }
    return view(db, resource, resource.published_version)
  }

  /**
   * The resource a code names, as getResource shows it (issue 15: departments know resources by
   * code). A code the caller may not see answers CATALOG_RESOURCE_NOT_FOUND like an unknown one.
   */
  async function getResourceByCode(actor: Actor, code: string): Promise<ResourceView> {
    const resource = await repo.findResourceByCode(db, code)
    const visible =
      resource !== undefined &&
      ((await seesPrivate(actor, resource.provider_id)) ||
        (isShared(resource) && resource.published_version !== null))
    if (!visible) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { code })
    }
    return getResource(actor, resource.id)
  }

  /** Version history with a field-by-field diff against the version before (Art. 19). */
  async function listVersions(actor: Actor, id: string) {
    const resource = await resourceOrThrow(db, id)
    const full = await seesPrivate(actor, resource.provider_id)
    if (!full && !isShared(resource)) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id })
    }
    const versions = (await repo.listVersions(db, id)).filter(
      (v) => full || v.status === 'published' || v.status === 'superseded',
    )
    const result = []
    let previous: ReturnType<typeof toSnapshot> | undefined
    for (const version of versions) {
      const snapshot = toSnapshot(version, await repo.itemsOf(db, id, version.version))
      result.push({
        version: version.version,
        status: version.status,
        createdAt: version.created_at,
        createdBy: version.created_by,
        submittedAt: version.submitted_at,
        reviewedAt: version.reviewed_at,
        reviewComment: version.review_comment,
        changes: previous ? diffVersions(previous, snapshot) : [],
      })
      previous = snapshot
    }
    return result
  }

  /** The catalog of the actor's department (a county's: its subtree; the bureau's: everything). */
  async function listOwnResources(actor: Actor, query: { status?: string; page: number; pageSize: number }) {
    const scope = await departmentsInScope(db, actor, 'catalog.read_private')
    const { rows, total } = await repo.listResourcesOf(db, scope, {
      status: query.status,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    })
    const codes = await departmentCodes(
      db,
      rows.map((r) => r.provider_id),
    )
    return {
      items: rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        providerId: r.provider_id,
        providerCode: codes.get(r.provider_id) ?? '',
        status: r.status,
        version: r.latest_version,
        publishedVersion: r.published_version,
        category: r.category,
        shareType: r.share_type,
        updatedAt: r.updated_at,
      })),
      total,
    }
  }

  return {
    createResource,
    updateResource,
    importResources,
    getResource,
    getResourceByCode,
    listVersions,
    listOwnResources,
    resourceOrThrow,
    view,
  }
}

/** In the sharing catalog: a published version is serving, not withdrawn, and not share type none. */
export function isShared(resource: repo.ResourceRow): boolean {
  return (
    resource.published_version !== null && resource.status !== 'withdrawn' && resource.share_type !== 'none'
  )
}
