/**
 * Art. 18 facts for the Art. 40 detection job (oversight): late batches by month, and resources
 * whose update cycle passed without data. Read without an actor: the job acts for the bureau.
 */
import type { Executor } from '../../db/database.js'
import { shanghaiDate } from '../../shared/dates.js'
import { servingResources } from '../catalog/index.js'
import * as repo from './freshness/repo.js'
import { isCycleOverdue, MAX_LAG_WORKING_DAYS } from './freshness/rules.js'

export interface LateDataMonth {
  resourceId: string
  resourceName: string
  providerId: string
  /** The Asia/Shanghai month (YYYY-MM) the late batches arrived in. */
  month: string
  batches: number
  /** Versions that arrived more than 5 working days after their source change. */
  lateRecords: number
  maxLagDays: number
  lastLateArrivalAt: string
}

export interface LapsedCycle {
  resourceId: string
  resourceName: string
  providerId: string
  updateCycle: string
  /** null: no data ever arrived (the cycle then runs from publication). */
  lastArrivalAt: string | null
  publishedAt: string | null
}

/** Art. 18: per serving resource and month, the batches since `since` that arrived late. */
export async function lateDataSince(db: Executor, since: string): Promise<LateDataMonth[]> {
  const resources = new Map((await servingResources(db)).map((r) => [r.id, r]))
  const months = new Map<string, LateDataMonth>()
  for (const batch of await repo.lateBatchesSince(db, since, MAX_LAG_WORKING_DAYS)) {
    const resource = resources.get(batch.resourceId)
    if (!resource) {
      continue
    }
    const month = shanghaiDate(new Date(batch.arrivedAt)).slice(0, 7)
    const key = `${resource.id}:${month}`
    const known = months.get(key) ?? {
      resourceId: resource.id,
      resourceName: resource.name,
      providerId: resource.providerId,
      month,
      batches: 0,
      lateRecords: 0,
      maxLagDays: 0,
      lastLateArrivalAt: batch.arrivedAt,
    }
    known.batches += 1
    known.lateRecords += batch.count
    known.maxLagDays = Math.max(known.maxLagDays, batch.maxLagDays)
    if (batch.arrivedAt > known.lastLateArrivalAt) {
      known.lastLateArrivalAt = batch.arrivedAt
    }
    months.set(key, known)
  }
  return [...months.values()]
}

/**
 * Art. 18: serving resources with no arrival within their update cycle up to `today`. One never
 * loaded is measured from its publication, so a resource is not in breach the day it is published;
 * one served live through the gateway (an upstream endpoint) is always current and never listed.
 */
export async function lapsedUpdateCycles(db: Executor, today: string): Promise<LapsedCycle[]> {
  const [last, live] = await Promise.all([repo.lastArrivals(db), repo.resourcesServedLive(db)])
  const lapsed: LapsedCycle[] = []
  for (const resource of await servingResources(db)) {
    if (live.has(resource.id)) {
      continue
    }
    const lastArrivalAt = last.get(resource.id) ?? null
    const since = lastArrivalAt ?? resource.publishedAt
    if (since !== null && isCycleOverdue(resource.updateCycle, shanghaiDate(new Date(since)), today)) {
      lapsed.push({
        resourceId: resource.id,
        resourceName: resource.name,
        providerId: resource.providerId,
        updateCycle: resource.updateCycle,
        lastArrivalAt,
        publishedAt: resource.publishedAt,
      })
    }
  }
  return lapsed
}
