/**
 * Freshness of the exchange store (Art. 18): for each resource, how many working days its data
 * took to arrive after changing at the source, which arrivals were late, and whether the provider
 * let its update cycle pass without sending anything. The bureau and auditors see every resource,
 * a department its own.
 */
import type { Actor } from '../../../shared/actor.js'
import { isInCalendarRange, shanghaiDate } from '../../../shared/dates.js'
import { AppError } from '../../../shared/errors.js'
import { authorize, can } from '../../../shared/policy.js'
import { type PublishedResource, publishedResource, resourceBasics } from '../../catalog/index.js'
import { departmentInfo, departmentsInScope } from '../../org/index.js'
import type { ExchangeDeps } from '../deps.js'
import * as repo from './repo.js'
import { isCycleOverdue, type LagCount, MAX_LAG_WORKING_DAYS, summarizeLags } from './rules.js'
import type { FreshnessItem, ResourceFreshness } from './schema.js'

const LISTING_PAGE = 500

/**
 * Working days from the source change to arrival, by Asia/Shanghai dates; null when no calendar
 * is wired in or a date lies outside the calendar's range (the lag is then simply not known).
 */
export async function arrivalLag(
  workingDays: ExchangeDeps['workingDays'],
  sourceChangedAt: string,
  arrivedAt: string,
): Promise<number | null> {
  const from = shanghaiDate(new Date(sourceChangedAt))
  const to = shanghaiDate(new Date(arrivedAt))
  if (!workingDays || !isInCalendarRange(from) || !isInCalendarRange(to)) {
    return null
  }
  return (await workingDays.workingDaysBetween(from, to)).days
}

export function createFreshness(deps: ExchangeDeps) {
  const { db, clock, catalog } = deps

  /** Published resources of the departments in scope (undefined: all). */
  async function resourcesInScope(actor: Actor, scope: readonly string[] | undefined) {
    const ids: string[] = []
    if (catalog) {
      for (let page = 1; ; page++) {
        const listed = await catalog.listOwnResources(actor, { page, pageSize: LISTING_PAGE })
        ids.push(
          ...listed.items
            .filter((r) => r.publishedVersion !== null && r.status !== 'withdrawn')
            .map((r) => r.id),
        )
        if (listed.items.length < LISTING_PAGE) {
          break
        }
      }
    } else {
      ids.push(...(await repo.resourcesWithRecords(db)))
    }
    const inScope = scope === undefined ? undefined : new Set(scope)
    const resources: PublishedResource[] = []
    for (const id of ids) {
      const resource = await publishedResource(db, id)
      if (resource && (inScope === undefined || inScope.has(resource.providerId))) {
        resources.push(resource)
      }
    }
    return resources
  }

  /** One item per resource from the grouped counts of its current and earlier versions. */
  async function itemsFor(
    resources: readonly PublishedResource[],
    everyResource: boolean,
  ): Promise<FreshnessItem[]> {
    const ids = everyResource ? undefined : resources.map((r) => r.id)
    const [current, history, undeclared] = await Promise.all([
      repo.currentGroups(db, ids),
      repo.historyLags(db, ids),
      repo.undeclaredCounts(db, ids),
    ])
    const facts = new Map<
      string,
      { records: number; lastArrival: string | null; lastChange: string | null; lags: LagCount[] }
    >()
    const factsOf = (id: string) => {
      let known = facts.get(id)
      if (!known) {
        known = { records: 0, lastArrival: null, lastChange: null, lags: [] }
        facts.set(id, known)
      }
      return known
    }
    for (const group of current) {
      const known = factsOf(group.resourceId)
      // A deletion is an arrival too (the provider kept its data current), but not a record or a lag.
      known.lastArrival = later(known.lastArrival, group.lastArrival)
      if (group.deleted) {
        continue
      }
      known.records += group.count
      known.lastChange = later(known.lastChange, group.lastSourceChange)
      if (group.lagDays !== null) {
        known.lags.push({ lagDays: group.lagDays, count: group.count })
      }
    }
    for (const group of history) {
      factsOf(group.resourceId).lags.push({ lagDays: group.lagDays, count: group.count })
    }
    const today = shanghaiDate(clock.now())
    return resources.map((resource) => {
      const known = facts.get(resource.id) ?? { records: 0, lastArrival: null, lastChange: null, lags: [] }
      const lags = summarizeLags(known.lags)
      const lastArrivalDate = known.lastArrival === null ? null : shanghaiDate(new Date(known.lastArrival))
      return {
        resourceId: resource.id,
        code: resource.code,
        name: resource.name,
        providerId: resource.providerId,
        updateCycle: resource.updateCycle,
        records: known.records,
        lastArrivalAt: known.lastArrival,
        lastSourceChangeAt: known.lastChange,
        medianLagDays: lags.medianLagDays,
        maxLagDays: lags.maxLagDays,
        lateRecords: lags.lateArrivals,
        cycleOverdue: isCycleOverdue(resource.updateCycle, lastArrivalDate, today),
        undeclaredChangeTimes: undeclared.get(resource.id) ?? 0,
      }
    })
  }

  /**
   * Art. 18: freshness of every published resource the actor oversees (the bureau and auditors:
   * all; a department: its own), or with `late` only those with late arrivals or an overdue cycle.
   * Throws FORBIDDEN.
   */
  async function listFreshness(actor: Actor, query: { late?: boolean }): Promise<FreshnessItem[]> {
    authorize(actor, 'exchange.freshness', actor.departmentPath ?? undefined)
    const scope = await departmentsInScope(db, actor, 'exchange.freshness')
    const items = await itemsFor(await resourcesInScope(actor, scope), scope === undefined)
    return query.late ? items.filter((item) => item.lateRecords > 0 || item.cycleOverdue) : items
  }

  /**
   * Art. 18: one resource's freshness with its latest late arrivals (keys are stored only as
   * hashes, so arrivals are named by time, lag and version). Throws CATALOG_RESOURCE_NOT_FOUND
   * (also when outside the actor's scope), EXCHANGE_RESOURCE_NOT_PUBLISHED.
   */
  async function resourceFreshness(
    actor: Actor,
    resourceId: string,
    limit: number,
  ): Promise<ResourceFreshness> {
    const basics = await resourceBasics(db, resourceId)
    const path = basics ? (await departmentInfo(db, basics.providerId))?.path : undefined
    if (!basics || !can(actor, 'exchange.freshness', path)) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id: resourceId })
    }
    const resource = await publishedResource(db, resourceId)
    if (!resource) {
      throw new AppError('EXCHANGE_RESOURCE_NOT_PUBLISHED', { id: resourceId })
    }
    const [item] = await itemsFor([resource], false)
    if (!item) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id: resourceId })
    }
    return { ...item, lateArrivals: await repo.lateArrivals(db, resourceId, MAX_LAG_WORKING_DAYS, limit) }
  }

  return { listFreshness, resourceFreshness }
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) {
    return b
  }
  return b !== null && b > a ? b : a
}
