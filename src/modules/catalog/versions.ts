/** Writing a resource's versions (Art. 10-14): a new draft, an edit as a version, the view of one. */
import type { Executor } from '../../db/database.js'
import type { Actor } from '../../shared/actor.js'
import { shanghaiDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { departmentCodes, departmentInfo } from '../org/index.js'
import type { CatalogDeps } from './deps.js'
import { itemElements } from './elements/sources.js'
import { mirrorOf, newVersionRow } from './inputs.js'
import * as repo from './repo.js'
import { itemCode, resourceCode } from './rules.js'
import type { ResourceInput, ResourceView } from './schema.js'
import { storeMetadata, toResourceView } from './views.js'
import { isZone } from './vocabulary.js'

/** Working days a county/district has to file a catalog change with the bureau (Art. 14). */
export const COUNTY_FILING_DAYS = 10

export function createVersionWriter(deps: Pick<CatalogDeps, 'clock' | 'audit' | 'workingDays'>) {
  const { clock, audit, workingDays } = deps

  async function resourceOrThrow(db: Executor, id: string, lock = false): Promise<repo.ResourceRow> {
    const resource = await repo.findResource(db, id, { lock })
    if (!resource) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id })
    }
    return resource
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
    const elements = await itemElements(trx, input.items, false)
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
        element_code: elements[position] ?? null,
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
    const providerCode = (await departmentCodes(db, [resource.provider_id])).get(resource.provider_id) ?? ''
    return toResourceView(resource, row, await repo.itemsOf(db, resource.id, version), providerCode)
  }

  /** Inserts a new draft resource (version 1) coded under `classCode`, in the caller's transaction; `filing: false` when it needs no county filing (a migration files it). */
  async function insertNew(
    trx: Executor,
    actor: Actor,
    input: ResourceInput,
    providerId: string,
    classCode: string,
    options: { filing?: boolean } = {},
  ) {
    const provider = await departmentInfo(trx, providerId)
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
    if (options.filing !== false) {
      await openCountyFiling(trx, resource, provider?.level ?? 'city')
    }
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

  return { resourceOrThrow, view, insertNew, applyEdit }
}
