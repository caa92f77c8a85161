/**
 * Per-resource exchange settings (issue 11): the default daily budget of its grants and whether
 * reads of its personal items must name their case. The provider sets them; reads ask them from
 * the access snapshot (a change moves the access epoch).
 */
import type { AccessSnapshot } from '../../../db/access-cache.js'
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import { AppError } from '../../../shared/errors.js'
import { authorize } from '../../../shared/policy.js'
import { type PublishedItem, publishedResource, resourceBasics } from '../../catalog/index.js'
import { departmentInfo, withDisplayNames } from '../../org/index.js'
import type { ExchangeDeps } from '../deps.js'
import * as repo from './settings-repo.js'

export interface ExchangeSettings {
  /** Records a day a grant may read unless its approver set its own budget. */
  dailyBudget: number
  /** Reads of personal items must carry a caseRef. */
  caseRefRequired: boolean
  /** Null while the resource runs on the defaults. */
  updatedAt: string | null
  updatedBy: string | null
}

/** Defaults: tight for personal data (a department checks cases, not populations), loose otherwise. */
export const DEFAULT_BUDGET = { personal: 1000, other: 100_000 } as const

export function defaultSettings(items: readonly PublishedItem[]): ExchangeSettings {
  const personal = items.some((item) => item.sensitivity !== 'none')
  return {
    dailyBudget: personal ? DEFAULT_BUDGET.personal : DEFAULT_BUDGET.other,
    caseRefRequired: personal,
    updatedAt: null,
    updatedBy: null,
  }
}

export function createExchangeSettings(deps: ExchangeDeps) {
  const { db, clock, audit } = deps

  async function load(resourceId: string, items: readonly PublishedItem[]): Promise<ExchangeSettings> {
    const row = await repo.findSettings(db, resourceId)
    return row
      ? {
          dailyBudget: Number(row.daily_budget),
          caseRefRequired: row.case_ref_required === 1,
          updatedAt: row.updated_at,
          updatedBy: row.updated_by,
        }
      : defaultSettings(items)
  }

  /** What a read runs under, from the read's access snapshot. */
  function settingsFor(snapshot: AccessSnapshot, resource: { id: string; items: readonly PublishedItem[] }) {
    return snapshot.get(`exchange-settings:${resource.id}`, () => load(resource.id, resource.items))
  }

  /** The providing department (and the bureau) only; anyone else learns nothing of the resource. */
  async function providerResource(actor: Actor, resourceId: string) {
    const basics = await resourceBasics(db, resourceId)
    const path = basics ? (await departmentInfo(db, basics.providerId))?.path : undefined
    if (!basics || !path) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id: resourceId })
    }
    authorize(actor, 'exchange.settings', path)
    return basics
  }

  /** Throws CATALOG_RESOURCE_NOT_FOUND, FORBIDDEN. */
  async function getSettings(actor: Actor, resourceId: string): Promise<ExchangeSettings> {
    await providerResource(actor, resourceId)
    const settings = await load(resourceId, (await publishedResource(db, resourceId))?.items ?? [])
    const [named] = await withDisplayNames(db, [settings], ['updatedBy'])
    return named ?? settings
  }

  /** The provider changes its resource's settings (audited). Throws as getSettings. */
  async function updateSettings(
    actor: Actor,
    resourceId: string,
    body: { dailyBudget: number; caseRefRequired: boolean },
  ): Promise<ExchangeSettings> {
    await providerResource(actor, resourceId)
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      await repo.saveSettings(trx, {
        resource_id: resourceId,
        daily_budget: body.dailyBudget,
        case_ref_required: body.caseRefRequired ? 1 : 0,
        updated_at: now,
        updated_by: actor.name,
      })
      await audit.append(trx, actor, {
        action: 'exchange.settings',
        objectType: 'resource',
        objectId: resourceId,
        details: { dailyBudget: body.dailyBudget, caseRefRequired: body.caseRefRequired },
      })
    })
    return { ...body, updatedAt: now, updatedBy: actor.name }
  }

  return { settingsFor, getSettings, updateSettings }
}

export type ExchangeSettingsService = ReturnType<typeof createExchangeSettings>
