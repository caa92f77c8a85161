/** Compiling the resource catalog (Art. 10-13, 16): create, edit as versions, read, history. */
import type { Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { shanghaiDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize, can } from '../../shared/policy.js'
import { departmentInfo, departmentsInScope } from '../org/index.js'
import type { CatalogDeps } from './deps.js'
import { mirrorOf, newVersionRow, sameContent } from './inputs.js'
import * as repo from './repo.js'
import { diffVersions, itemCode, resourceCode, validateResource } from './rules.js'
import type { ResourceInput, ResourceView } from './schema.js'
import { storeMetadata, toResourceView, toSnapshot } from './views.js'
import { isZone, TOP_CLASS } from './vocabulary.js'

export type CatalogService = ReturnType<typeof createCatalogService>

/** Working days a county/district has to file a catalog change with the bureau (Art. 14). */
export const COUNTY_FILING_DAYS = 10

export function createCatalogService(deps: CatalogDeps) {
  const { db, clock, audit, workingDays } = deps

  async function resourceOrThrow(db: Executor, id: string, lock = false): Promise<repo.ResourceRow> {
    const resource = await repo.findResource(db, id, { lock })
    if (!resource) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id })
    }
    return resource
  }

  /** May the actor see drafts and none-type resources of this provider (its department, the bureau)? */
  async function seesPrivate(actor: Actor, providerId: string): Promise<boolean> {
    const provider = await departmentInfo(db, providerId)
    return provider !== undefined && can(actor, 'catalog.read_private', provider.path)
  }

  async function assertMayEdit(actor: Actor, providerId: string): Promise<void> {
    const provider = await departmentInfo(db, providerId)
    authorize(actor, 'catalog.edit', provider?.path)
  }

  /** Art. 11: base and theme resources are compiled by the lead department of their topic. */
  async function assertLeadDepartment(input: ResourceInput, providerId: string): Promise<void> {
    if (input.category === 'department') {
      return
    }
    const isLead = input.theme
      ? (await repo.findLead(db, input.category, input.theme))?.department_id === providerId
      : (await repo.leadsOf(db, providerId, input.category)).length > 0
    if (!isLead) {
      throw new AppError('CATALOG_NOT_LEAD_DEPARTMENT', {
        category: input.category,
        theme: input.theme ?? null,
      })
    }
  }

  /**
   * Art. 16: one data, one source. An item named like an authoritative item of another department
   * must reference it; a reference must point at an authoritative item.
   */
  async function assertOneSource(input: ResourceInput, providerId: string): Promise<void> {
    const names = input.items.map((item) => item.name.trim())
    const authoritative = new Map(
      (await repo.authoritativeByNames(db, names)).map((a) => [a.standard_name, a]),
    )
    for (const [index, item] of input.items.entries()) {
      if (item.authoritativeItemCode !== undefined) {
        if (!(await repo.authoritativeByItemCode(db, item.authoritativeItemCode))) {
          throw new AppError('CATALOG_AUTHORITATIVE_REFERENCE_INVALID', {
            field: `items.${index}.authoritativeItemCode`,
            code: item.authoritativeItemCode,
          })
        }
        continue
      }
      const source = authoritative.get(item.name.trim())
      if (source && source.department_id !== providerId) {
        const sourceResource = await repo.findResource(db, source.resource_id)
        throw new AppError('CATALOG_AUTHORITATIVE_ITEM_EXISTS', {
          field: `items.${index}.name`,
          item: item.name,
          authoritativeItemCode: source.item_code,
          resourceId: source.resource_id,
          resourceCode: sourceResource?.code ?? null,
          resourceName: sourceResource?.name ?? null,
          providerId: source.department_id,
        })
      }
    }
  }

  /** The checks after the body's own (validateResource), in the contract's order. */
  async function checkInput(actor: Actor, input: ResourceInput, providerId: string): Promise<void> {
    await assertMayEdit(actor, providerId)
    await assertLeadDepartment(input, providerId)
    if (input.classCode !== undefined && !(await repo.findClass(db, input.classCode))) {
      throw new AppError('CATALOG_CLASS_NOT_FOUND', { field: 'classCode', code: input.classCode })
    }
    await assertOneSource(input, providerId)
  }

  /** Item rows for a version; an item keeps its code across versions (matched by name). */
  async function itemRows(
    trx: Executor,
    resource: { id: string; code: string },
    version: number,
    input: ResourceInput,
  ) {
    const earlier = await repo.itemsOfAllVersions(trx, resource.id)
    const codeByName = new Map(earlier.map((item) => [item.name, item.code]))
    let next = earlier.reduce((max, item) => Math.max(max, Number(item.code.split('-').pop())), 0)
    return input.items.map((item, position): repo.ItemRow => {
      const name = item.name.trim()
      let code = codeByName.get(name)
      if (code === undefined) {
        next += 1
        code = itemCode(resource.code, next)
      }
      return {
        id: newId(),
        resource_id: resource.id,
        version,
        position,
        code,
        name,
        data_type: item.dataType,
        length: item.length ?? null,
        is_key: item.key ? 1 : 0,
        sensitivity: item.sensitivity ?? 'none',
        description: item.description ?? null,
        authoritative_item_code: item.authoritativeItemCode ?? null,
      }
    })
  }

  /** Art. 14: a county/district change opens a filing deadline, unless one is already open. */
  async function openCountyFiling(trx: Executor, resource: repo.ResourceRow, level: string): Promise<void> {
    if (level === 'city' || (await repo.openDeadlines(trx, resource.id, ['county_filing'])).length > 0) {
      return
    }
    const today = shanghaiDate(clock.now())
    const due = await workingDays.addWorkingDays(today, COUNTY_FILING_DAYS, trx)
    await repo.insertDeadline(trx, {
      id: newId(),
      resource_id: resource.id,
      department_id: resource.provider_id,
      kind: 'county_filing',
      opened_on: today,
      due_date: due.date,
      provisional: due.provisional ? 1 : 0,
      met_at: null,
      note: null,
      created_at: clock.now().toISOString(),
    })
  }

  async function view(db: Executor, resource: repo.ResourceRow, version: number): Promise<ResourceView> {
    const row = await repo.findVersion(db, resource.id, version)
    if (!row) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id: resource.id, version })
    }
    return toResourceView(resource, row, await repo.itemsOf(db, resource.id, version))
  }

  /** Inserts a new draft resource (version 1) inside the caller's transaction. */
  async function insertNew(trx: Executor, actor: Actor, input: ResourceInput, providerId: string) {
    const provider = await departmentInfo(trx, providerId)
    const classCode = input.classCode ?? TOP_CLASS[input.category]
    const now = clock.now().toISOString()
    const code = resourceCode(classCode, await repo.nextSequence(trx, classCode))
    const resource: repo.ResourceRow = {
      id: newId(),
      code,
      provider_id: providerId,
      status: 'draft',
      latest_version: 1,
      published_version: null,
      ...mirrorOf(input, isZone(provider?.zone) ? provider.zone : 'external'),
      class_code: classCode,
      published_at: null,
      confirmed_at: null,
      withdrawn_reason: null,
      created_at: now,
      updated_at: now,
    }
    await repo.insertResource(trx, resource)
    await repo.insertVersion(trx, newVersionRow(resource.id, 1, input, actor, now))
    await repo.replaceItems(trx, resource.id, 1, await itemRows(trx, resource, 1, input))
    await openCountyFiling(trx, resource, provider?.level ?? 'city')
    await audit.append(trx, actor, {
      action: 'catalog.create',
      objectType: 'resource',
      objectId: resource.id,
      details: { code, name: resource.name, shareType: input.shareType, items: input.items.length },
    })
    return view(trx, resource, 1)
  }

  /**
   * Applies an edit inside the caller's transaction: a draft or returned version changes in
   * place; a published resource gets a new draft version while the published one keeps serving.
   */
  async function applyEdit(trx: Executor, actor: Actor, id: string, input: ResourceInput) {
    const resource = await resourceOrThrow(trx, id, true)
    // Under review: wait for the bureau. Withdrawn: final; catalog it anew instead.
    if (resource.status === 'submitted' || resource.status === 'withdrawn') {
      throw new AppError('CATALOG_INVALID_STATE', { status: resource.status })
    }
    const now = clock.now().toISOString()
    const inPlace = resource.status === 'draft' || resource.status === 'returned'
    const version = inPlace ? resource.latest_version : resource.latest_version + 1
    if (inPlace) {
      await repo.updateVersion(trx, id, version, { metadata: storeMetadata(input), status: 'draft' })
    } else {
      await repo.insertVersion(trx, newVersionRow(id, version, input, actor, now))
    }
    await repo.replaceItems(trx, id, version, await itemRows(trx, resource, version, input))
    // Until a version is published the row mirrors the draft; afterwards it mirrors what is served.
    const mirror = resource.published_version === null ? mirrorOf(input, resource.zone) : {}
    const changes = { ...mirror, status: 'draft', latest_version: version, updated_at: now }
    await repo.updateResource(trx, id, changes)
    const updated = { ...resource, ...changes }
    const provider = await departmentInfo(trx, resource.provider_id)
    await openCountyFiling(trx, updated, provider?.level ?? 'city')
    await audit.append(trx, actor, {
      action: 'catalog.update',
      objectType: 'resource',
      objectId: id,
      details: { version, inPlace },
    })
    return view(trx, updated, version)
  }

  /**
   * Creates a draft resource of the actor's department (Art. 10-13, 16). Throws
   * CATALOG_LEGAL_BASIS_REQUIRED, CATALOG_BASE_MUST_BE_UNCONDITIONAL, CATALOG_KEY_REQUIRED,
   * CATALOG_DUPLICATE_ITEM, FORBIDDEN, CATALOG_NOT_LEAD_DEPARTMENT, CATALOG_AUTHORITATIVE_ITEM_EXISTS.
   */
  async function createResource(actor: Actor, input: ResourceInput): Promise<ResourceView> {
    validateResource(input)
    const providerId = actor.departmentId ?? ''
    await checkInput(actor, input, providerId)
    const created = await inTransaction(db, (trx) => insertNew(trx, actor, input, providerId))
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
    await checkInput(actor, input, existing.provider_id)
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
    for (const [index, row] of rows.entries()) {
      let target: repo.ResourceRow | undefined
      try {
        validateResource(row.input)
        target = row.code ? await repo.findResourceByCode(db, row.code) : undefined
        if (target && target.provider_id !== providerId) {
          throw new AppError('FORBIDDEN', { field: 'code', code: row.code })
        }
        await checkInput(actor, row.input, providerId)
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
          const created = await insertNew(trx, actor, row.input, providerId)
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
    return {
      items: rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        providerId: r.provider_id,
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
