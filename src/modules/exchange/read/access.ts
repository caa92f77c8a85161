/**
 * What every exchange read shares (Art. 29, 32-33, issue 11): the grant it runs under and the
 * mode that grant allows, the resource's settings, where the records come from (the store or the
 * provider's system) narrowed to the grant's row scope, and the log entry committed, counted
 * against the grant's daily budget, before anything leaves. Refusals are logged too.
 */
import type { AccessSnapshot } from '../../../db/access-cache.js'
import type { Actor } from '../../../shared/actor.js'
import { shanghaiDate } from '../../../shared/dates.js'
import { AppError, type ErrorCode, isAppError } from '../../../shared/errors.js'
import { authorize } from '../../../shared/policy.js'
import type { AuditEvent, AuditEventOf, DetailsOf, MeterReceipt, ReadMeter } from '../../audit/index.js'
import { cachedPublishedResource, type PublishedResource } from '../../catalog/index.js'
import { type AccessMode, type LiveGrant, modeAllows } from '../../sharing/index.js'
import type { ExchangeDeps } from '../deps.js'
import { projectRecord, type RecordData } from '../rules.js'
import type { UpstreamGateway } from '../upstream/service.js'
import { cachedMaskPlan, isMaskedItem } from './linked-masking.js'
import { createRecordSources, type RecordSource } from './record-sources.js'
import type { ExchangeSettings, ExchangeSettingsService } from './settings.js'

export interface ReadOptions {
  grantId?: string
  /** The case the query serves (e.g. the citizen's application number), kept in the log. */
  caseRef?: string
  /** The access snapshot the caller was authenticated from in this request, if any. */
  access?: AccessSnapshot
  /** A read a peer platform forwarded (§52): the id its own log entry carries too. */
  correlationId?: string
}

/** Keys in one call under a verify or lookup grant: enough for a case, too few to sweep a population. */
export const SMALL_BATCH = 20
/** Keys in one call under a bulk grant. */
export const MAX_BATCH_KEYS = 1000
/** Misses in a day that stop a grant's reads, once they are at least half of what it asked. */
export const SUSPEND_AT_MISSES = 100

export interface ReadContext {
  resource: PublishedResource
  grant: LiveGrant
  settings: ExchangeSettings
  source: RecordSource
  snapshot: AccessSnapshot
}

/** What a read asked and got, for its log entry and its meter. */
export interface ReadFacts {
  mode: AccessMode
  /** The keys (masked) or filters asked. */
  asked: string[]
  keyHashes?: string[]
  returned: number
  /** Records counted against the budget. */
  units: number
  misses: number
  /** Items a verification compared, when not the grant's items. */
  items?: string[]
}

type Refusal = Extract<
  ErrorCode,
  | 'GRANT_REQUIRED'
  | 'ZONE_FORBIDDEN'
  | 'EXCHANGE_MODE_NOT_GRANTED'
  | 'EXCHANGE_BATCH_LIMIT'
  | 'EXCHANGE_CASE_REF_REQUIRED'
  | 'EXCHANGE_VERIFY_ITEM_NOT_GRANTED'
  | 'EXCHANGE_FILTER_NOT_ALLOWED'
  | 'EXCHANGE_EXPORT_TOO_LARGE'
>

/** What a refusal adds to its log entry and its error. */
type RefusalDetails = Pick<
  DetailsOf<'exchange.denied'>,
  'accessMode' | 'needed' | 'field' | 'limit' | 'total' | 'items'
>

export type ReadAccess = ReturnType<typeof createReadAccess>

export function createReadAccess(
  deps: ExchangeDeps,
  gateway: UpstreamGateway,
  settings: ExchangeSettingsService,
) {
  const { db, clock, audit, zone, grants } = deps
  const sources = createRecordSources(deps, gateway)

  /** Commits a log entry that counts against nothing, or fails the read closed. */
  async function log(actor: Actor, event: AuditEvent): Promise<void> {
    try {
      await audit.recordRead(actor, event)
    } catch {
      throw new AppError('AUDIT_UNAVAILABLE')
    }
  }

  /** Logs a refusal about the resource, then throws it. */
  async function refuse(
    actor: Actor,
    resourceId: string,
    options: ReadOptions,
    code: Refusal,
    details: RefusalDetails = {},
  ): Promise<never> {
    await log(actor, {
      action: 'exchange.denied',
      objectType: 'resource',
      objectId: resourceId,
      details: {
        code,
        grantId: options.grantId ?? null,
        caseRef: options.caseRef ?? null,
        ...details,
        ...(options.correlationId ? { correlationId: options.correlationId } : {}),
      },
    })
    throw new AppError(code, { resourceId, ...details })
  }

  /** Logs a refusal of a read already under a grant, then throws it. */
  function refuseUnder(
    actor: Actor,
    context: ReadContext,
    options: ReadOptions,
    code: Refusal,
    details: RefusalDetails = {},
  ): Promise<never> {
    return refuse(actor, context.resource.id, { ...options, grantId: context.grant.id }, code, details)
  }

  /**
   * The resource, the live grant a read runs under (one that allows `needed`), the resource's
   * settings and where its records come from, all from one access snapshot. Checked before any
   * key is looked up. Throws (logged) FORBIDDEN, ZONE_FORBIDDEN, GRANT_REQUIRED,
   * EXCHANGE_MODE_NOT_GRANTED, EXCHANGE_CASE_REF_REQUIRED.
   */
  async function authorizeRead(
    actor: Actor,
    resourceId: string,
    options: ReadOptions,
    needed: AccessMode,
  ): Promise<ReadContext> {
    authorize(actor, 'exchange.read', actor.departmentPath ?? undefined)
    const snapshot = options.access ?? (await deps.access.snapshot())
    const resource = await cachedPublishedResource(snapshot, db, resourceId)
    if (!resource) {
      return refuse(actor, resourceId, options, 'GRANT_REQUIRED')
    }
    if (resource.zone === 'internal' && zone !== 'internal') {
      return refuse(actor, resourceId, options, 'ZONE_FORBIDDEN')
    }
    const grant = await grants.liveGrantFor(actor.departmentId ?? '', resourceId, options.grantId, snapshot)
    if (!grant) {
      return refuse(actor, resourceId, options, 'GRANT_REQUIRED')
    }
    if (!modeAllows(grant.mode, needed)) {
      return refuse(actor, resourceId, { ...options, grantId: grant.id }, 'EXCHANGE_MODE_NOT_GRANTED', {
        accessMode: grant.mode,
        needed,
      })
    }
    const resourceSettings = await settings.settingsFor(snapshot, resource)
    if (resourceSettings.caseRefRequired && !options.caseRef?.trim() && readsPersonal(resource, grant)) {
      return refuse(actor, resourceId, { ...options, grantId: grant.id }, 'EXCHANGE_CASE_REF_REQUIRED', {
        field: 'caseRef',
      })
    }
    const endpoint = await gateway.endpointFor(resource.id, snapshot)
    const source = endpoint
      ? sources.upstream(endpoint, resource, grant, actor, options)
      : sources.stored(resource.id, grant.rowScope)
    return { resource, grant, settings: resourceSettings, source, snapshot }
  }

  /** The most keys one call may ask under the grant. Throws (logged) EXCHANGE_BATCH_LIMIT. */
  async function checkBatch(actor: Actor, context: ReadContext, options: ReadOptions, count: number) {
    const limit = context.grant.mode === 'bulk' ? MAX_BATCH_KEYS : SMALL_BATCH
    if (count > limit) {
      await refuseUnder(actor, context, options, 'EXCHANGE_BATCH_LIMIT', {
        limit,
        accessMode: context.grant.mode,
      })
    }
  }

  /**
   * A consumer's filters: equality on granted items shown unmasked (filtering on a masked item
   * would reveal it value by value). Throws (logged) EXCHANGE_FILTER_NOT_ALLOWED.
   */
  async function checkFilters(
    actor: Actor,
    context: ReadContext,
    options: ReadOptions,
    filters: Record<string, string>,
  ): Promise<Array<{ item: string; values: string[] }>> {
    const granted = new Set(context.grant.items.map((item) => item.name))
    const plan = cachedMaskPlan(context.resource.items)
    const checked: Array<{ item: string; values: string[] }> = []
    for (const [name, value] of Object.entries(filters)) {
      if (!granted.has(name) || (!context.grant.plain && isMaskedItem(plan, name))) {
        await refuseUnder(actor, context, options, 'EXCHANGE_FILTER_NOT_ALLOWED', {
          field: `filters.${name}`,
        })
      }
      checked.push({ item: name, values: [String(value)] })
    }
    return checked
  }

  /** How a read's filters appear in its log entry. */
  function filterLabels(filters: ReadonlyArray<{ item: string; values: readonly string[] }>): string[] {
    return filters.map((f) => `${f.item}=${f.values.join('|')}`)
  }

  function readEvent(
    context: ReadContext,
    options: ReadOptions,
    facts: ReadFacts,
  ): AuditEventOf<'exchange.read'> {
    const { resource, grant, source } = context
    return {
      action: 'exchange.read',
      objectType: 'resource',
      objectId: resource.id,
      details: {
        grantId: grant.id,
        purpose: grant.purpose,
        caseRef: options.caseRef ?? null,
        mode: facts.mode,
        keys: facts.asked,
        // Keyed hashes of the keys asked: "who read this person's record" without keeping the key.
        ...(facts.keyHashes ? { keyHashes: facts.keyHashes } : {}),
        records: facts.returned,
        items: facts.items ?? grant.items.map((item) => item.name),
        ...(source.kind === 'upstream' ? { source: source.kind } : {}),
        ...(options.correlationId ? { correlationId: options.correlationId } : {}),
      },
    }
  }

  /**
   * Commits the read's entry counted against the grant's budget for today, before the reply. Over
   * budget, or stopped for the day after mostly missing, the read is logged as refused and fails
   * with 429. The read whose misses stop the grant raises the anomaly. Throws AUDIT_UNAVAILABLE,
   * EXCHANGE_QUOTA_EXCEEDED, EXCHANGE_READS_SUSPENDED.
   */
  async function logRead(actor: Actor, context: ReadContext, options: ReadOptions, facts: ReadFacts) {
    const event = readEvent(context, options, facts)
    const now = clock.now()
    const day = shanghaiDate(now)
    const meter: ReadMeter = {
      key: context.grant.id,
      day,
      units: facts.units,
      misses: facts.misses,
      limit: context.grant.dailyBudget ?? context.settings.dailyBudget,
      suspendAtMisses: SUSPEND_AT_MISSES,
      refused: {
        action: 'exchange.denied',
        details: { ...event.details, records: 0 },
        codes: { over_budget: 'EXCHANGE_QUOTA_EXCEEDED', suspended: 'EXCHANGE_READS_SUSPENDED' },
      },
    }
    let receipt: MeterReceipt | undefined
    try {
      receipt = (await audit.recordMeteredRead(actor, event, meter)).meter
    } catch {
      throw new AppError('AUDIT_UNAVAILABLE')
    }
    if (receipt?.suspendedNow) {
      await deps.anomalies?.raiseEnumeration({
        departmentId: actor.departmentId ?? '',
        providerId: context.resource.providerId,
        resourceId: context.resource.id,
        grantId: context.grant.id,
        asked: receipt.count.units,
        misses: receipt.count.misses,
        threshold: SUSPEND_AT_MISSES,
      })
    }
    if (receipt && receipt.outcome !== 'counted') {
      const resetAt = new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000)
      throw new AppError(
        receipt.outcome === 'over_budget' ? 'EXCHANGE_QUOTA_EXCEEDED' : 'EXCHANGE_READS_SUSPENDED',
        {
          grantId: context.grant.id,
          dailyBudget: receipt.limit,
          used: receipt.count.units,
          resetAt: resetAt.toISOString(),
          retryAfterSeconds: Math.ceil((resetAt.getTime() - now.getTime()) / 1000),
        },
      )
    }
  }

  /**
   * Runs a source call; when the provider's system fails, that read is logged (records 0, its
   * code) first, counted against nothing: the consumer got nothing.
   */
  async function attempt<T>(
    actor: Actor,
    context: ReadContext,
    options: ReadOptions,
    facts: ReadFacts,
    call: () => Promise<T>,
  ): Promise<T> {
    try {
      return await call()
    } catch (error) {
      if (context.source.kind === 'upstream') {
        const code = isAppError(error) ? error.code : 'INTERNAL_ERROR'
        const event = readEvent(context, options, { ...facts, returned: 0 })
        await log(actor, { ...event, details: { ...event.details, error: code } })
      }
      throw error
    }
  }

  /** What the consumer sees of a record: granted items, personal ones masked unless plain. */
  function view(context: ReadContext, data: RecordData): RecordData {
    const granted = new Set(context.grant.items.map((item) => item.name))
    return projectRecord(context.resource.items, data, granted, context.grant.plain)
  }

  return { authorizeRead, checkBatch, checkFilters, filterLabels, refuseUnder, logRead, attempt, view }
}

/** Whether a grant serves any personal item, linked ones included (then a caseRef may be required). */
function readsPersonal(resource: PublishedResource, grant: LiveGrant): boolean {
  const plan = cachedMaskPlan(resource.items)
  return grant.items.some((item) => isMaskedItem(plan, item.name))
}
