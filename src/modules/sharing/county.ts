/**
 * Art. 21: the grants a county platform gave enter as grants here. Each stands on a request marked
 * as migrated (requester "county migration", granted, decided by the migration), so the trail from
 * grant to request holds as for any other grant. Planning writes nothing; applying runs in the
 * caller's transaction (the migration's batch).
 */
import type { Executor } from '../../db/database.js'
import type { Actor } from '../../shared/actor.js'
import { AppError, type ErrorCode } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { publishedResource } from '../catalog/index.js'
import { defaultMode } from './access.js'
import type { SharingDeps } from './deps.js'
import type { Grants } from './grants.js'
import * as repo from './repo.js'

export interface WantedGrant {
  items: string[]
  validTo: string | null
  purpose: string
}

export type CountyGrantPlan =
  | { action: 'create' | 'change' | 'unchanged'; fields: string[] }
  | { action: 'refused'; code: ErrorCode; details?: unknown }

const MIGRATION = '县级平台迁移 / county platform migration (Art. 21)'

export function createCountyGrants(deps: SharingDeps, grants: Grants) {
  const { db, clock, audit } = deps

  /** What migrating `wanted` would do to the grant an earlier run made (`grantId`), if any. */
  async function planGrant(grantId: string | undefined, wanted: WantedGrant): Promise<CountyGrantPlan> {
    if (!grantId) {
      return { action: 'create', fields: [] }
    }
    const grant = await repo.findGrant(db, grantId)
    if (grant?.status !== 'live') {
      // Revoked here after the migration: a migration does not bring a grant back.
      return { action: 'refused', code: 'COUNTY_GRANT_REVOKED', details: { grantId } }
    }
    const items = (await repo.itemsOfGrants(db, [grantId])).get(grantId) ?? []
    const fields = changedFields(grant, items, wanted)
    return fields.length === 0 ? { action: 'unchanged', fields } : { action: 'change', fields }
  }

  /** Creates the grant (on a migrated request) or updates the one `grantId` names; answers its id. */
  async function applyGrant(
    trx: Executor,
    actor: Actor,
    target: { grantId: string } | { resourceId: string; consumerId: string },
    wanted: WantedGrant,
  ): Promise<string> {
    const resourceId =
      'grantId' in target ? (await repo.findGrant(trx, target.grantId))?.resource_id : target.resourceId
    const published = resourceId ? await publishedResource(trx, resourceId) : undefined
    if (!resourceId || !published) {
      throw new AppError('COUNTY_PLAN_STALE', { resourceId })
    }
    const items = published.items.filter((item) => wanted.items.includes(item.name))
    const now = clock.now().toISOString()
    if ('grantId' in target) {
      await repo.replaceGrantItems(trx, target.grantId, items)
      await repo.updateGrant(trx, target.grantId, {
        valid_to: wanted.validTo,
        purpose: wanted.purpose,
        updated_at: now,
      })
      await audit.append(trx, actor, {
        action: 'grant.migrate',
        objectType: 'grant',
        objectId: target.grantId,
        details: { resourceId, items: wanted.items, validTo: wanted.validTo, purpose: wanted.purpose },
      })
      return target.grantId
    }
    const mode = defaultMode(published.items)
    const requestId = newId()
    await repo.insertRequest(trx, {
      id: requestId,
      resource_id: resourceId,
      consumer_id: target.consumerId,
      requester_type: 'system',
      requester_id: null,
      requester_name: 'county migration',
      items: JSON.stringify(items.map((item) => item.name)),
      purpose: wanted.purpose,
      basis: MIGRATION,
      valid_to: wanted.validTo,
      status: 'granted',
      due_date: null,
      due_provisional: 0,
      renewal_of: null,
      grant_id: null,
      access_mode: mode,
      created_at: now,
      updated_at: now,
    })
    await repo.insertDecision(trx, {
      request_id: requestId,
      decision: 'approve',
      items: JSON.stringify(items.map((item) => item.name)),
      reason: MIGRATION,
      plain: 0,
      decided_by: null,
      decided_by_name: 'county migration',
      decided_at: now,
      late: 0,
    })
    const grantId = await grants.insertGrant(
      trx,
      actor,
      {
        resourceId,
        consumerId: target.consumerId,
        requestId,
        purpose: wanted.purpose,
        validTo: wanted.validTo,
        plain: false,
        mode,
      },
      items,
    )
    await repo.updateRequest(trx, requestId, { grant_id: grantId })
    return grantId
  }

  return { planGrant, applyGrant }
}

export type CountyGrants = ReturnType<typeof createCountyGrants>

function changedFields(
  grant: repo.GrantRow,
  items: ReadonlyArray<{ name: string }>,
  wanted: WantedGrant,
): string[] {
  const fields: string[] = []
  const held = items.map((item) => item.name).sort()
  if (JSON.stringify(held) !== JSON.stringify([...wanted.items].sort())) {
    fields.push('items')
  }
  if (grant.valid_to !== wanted.validTo) {
    fields.push('validTo')
  }
  if (grant.purpose !== wanted.purpose) {
    fields.push('purpose')
  }
  return fields
}
