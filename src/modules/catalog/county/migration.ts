/**
 * Art. 21: a county platform's resources enter the city catalog. The county approved them already,
 * so a migrated resource is published at once (its version reviewed by the migration), after the
 * same checks an edit passes (Art. 11, 16, 20). Planning writes nothing; applying runs in the caller's
 * transaction, so a batch of resources and the migration's cursor commit together.
 */
import { Compile } from 'typebox/compile'
import type { Executor } from '../../../db/database.js'
import type { Actor } from '../../../shared/actor.js'
import { AppError, type ErrorCode } from '../../../shared/errors.js'
import { createInputChecks } from '../checks.js'
import { createClassTree } from '../classes/service.js'
import type { CatalogDeps } from '../deps.js'
import { changedFields } from '../inputs.js'
import type { PublishedItem } from '../lookup.js'
import { publishVersion } from '../publish.js'
import * as repo from '../repo.js'
import { validateResource } from '../rules.js'
import { ResourceInput, type ResourceView } from '../schema.js'
import { createVersionWriter } from '../versions.js'
import { createCatalogZoneCheck } from '../zones/guard.js'

export type CountyResourcePlan =
  | { action: 'create' | 'unchanged'; fields: string[] }
  | { action: 'change'; fields: string[] }
  | { action: 'refused'; code: ErrorCode; details?: unknown }

const checkShape = Compile(ResourceInput)

export function createCountyCatalog(deps: CatalogDeps) {
  const { db, clock } = deps
  const writer = createVersionWriter(deps)
  const checks = createInputChecks(deps)
  const tree = createClassTree(deps)
  const zoneCheck = createCatalogZoneCheck(deps)

  /**
   * What migrating `input` for `providerId` would do; `resourceId` is the resource an earlier run
   * made of the same county code. Writes nothing. Refusals carry the catalog's own error code.
   */
  async function planResource(
    actor: Actor,
    input: ResourceInput,
    providerId: string,
    resourceId: string | undefined,
  ): Promise<CountyResourcePlan> {
    try {
      const existing = resourceId ? await repo.findResource(db, resourceId) : undefined
      const current = existing && (await writer.view(db, existing, existing.latest_version))
      const full = current ? withDerived(input, current) : input
      if (!checkShape.Check(full)) {
        const first = [...checkShape.Errors(full)][0]
        throw new AppError('COUNTY_ROW_INVALID', { field: first?.instancePath ?? '', reason: first?.message })
      }
      validateResource(full)
      if (existing && existing.provider_id !== providerId) {
        throw new AppError('COUNTY_PROVIDER_MOVED', { resourceId: existing.id })
      }
      if (existing && (existing.status === 'submitted' || existing.status === 'withdrawn')) {
        throw new AppError('CATALOG_INVALID_STATE', { status: existing.status })
      }
      // Art. 20, 33: an external instance takes nothing internal from a county either (logged).
      await zoneCheck.assertZoneAllowed(actor, full, providerId, existing)
      await checks.checkInput(actor, full, providerId, existing)
      if (!existing || !current) {
        return { action: 'create', fields: [] }
      }
      const fields = changedFields(current, full)
      const served = existing.published_version === existing.latest_version
      if (fields.length === 0 && served) {
        return { action: 'unchanged', fields: [] }
      }
      return { action: 'change', fields: fields.length > 0 ? fields : ['status'] }
    } catch (error) {
      if (error instanceof AppError) {
        return { action: 'refused', code: error.code, details: error.details }
      }
      throw error
    }
  }

  /** The class a new resource goes under; may create the department's 项 (outside any transaction). */
  function classCodeFor(actor: Actor, input: ResourceInput, providerId: string): Promise<string> {
    return tree.classCodeFor(actor, input, providerId)
  }

  /** Creates or edits the resource and publishes the version, in the caller's transaction. */
  async function applyResource(
    trx: Executor,
    actor: Actor,
    input: ResourceInput,
    target: { providerId: string; classCode: string } | { resourceId: string },
  ): Promise<{ id: string; code: string }> {
    let view: ResourceView
    if ('resourceId' in target) {
      const existing = await writer.resourceOrThrow(trx, target.resourceId, true)
      const current = await writer.view(trx, existing, existing.latest_version)
      const full = withDerived(input, current)
      view =
        changedFields(current, full).length > 0
          ? await writer.applyEdit(trx, actor, existing.id, full)
          : current
    } else {
      view = await writer.insertNew(trx, actor, input, target.providerId, target.classCode, { filing: false })
    }
    const row = await writer.resourceOrThrow(trx, view.id, true)
    const now = clock.now().toISOString()
    await publishVersion(deps, trx, actor, row, view.version, {
      reviewed_at: now,
      reviewed_by: null,
      review_comment: '县级平台迁移 / county platform migration (Art. 21)',
    })
    // Art. 14: the migration is the county's filing; no deadline stays open for it.
    for (const deadline of await repo.openDeadlines(trx, view.id, ['county_filing'])) {
      await repo.meetDeadline(trx, deadline.id, now, false)
    }
    return { id: view.id, code: view.code }
  }

  return { planResource, classCodeFor, applyResource }
}

export type CountyCatalog = ReturnType<typeof createCountyCatalog>

/** The items as the exchange checks records against them (names trimmed, as stored). */
export function itemsOfInput(input: ResourceInput): PublishedItem[] {
  return input.items.map((item) => ({
    code: '',
    name: item.name.trim(),
    dataType: item.dataType,
    key: item.key === true,
    sensitivity: item.sensitivity ?? 'none',
  }))
}

/**
 * What the platform derived when it stored the resource (its class, zone, items' data elements),
 * kept when the county's export is silent on it: silence is not a change.
 */
function withDerived(input: ResourceInput, current: ResourceView): ResourceInput {
  const elements = new Map(current.items.map((item) => [item.name, item.elementCode]))
  return {
    ...input,
    classCode: input.classCode ?? current.classCode,
    zone: input.zone ?? current.zone,
    items: input.items.map((item) => {
      const elementCode = item.elementCode ?? elements.get(item.name.trim()) ?? undefined
      return elementCode === undefined ? item : { ...item, elementCode }
    }),
  }
}
