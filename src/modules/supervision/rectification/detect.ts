/**
 * Art. 40 detection: the breaches found today, each named by its source so that detection drafts
 * one notice per breach however often it runs. Facts of other modules come through their index.
 */
import type { Executor } from '../../../db/database.js'
import { addDays } from '../../../shared/dates.js'
import { missedAnnualConfirmations, overdueDeadlines } from '../../catalog/index.js'
import { lapsedUpdateCycles, lateDataSince } from '../../exchange/index.js'
import { lateObjections, staleDisagreements as openDisagreementsBefore } from '../../quality/index.js'
import { overdueRequests } from '../../sharing/index.js'
import { type NoticeKind, STALE_DISAGREEMENT_DAYS } from './rules.js'

export interface Breach {
  kind: NoticeKind
  departmentId: string
  sourceType: string
  sourceId: string
  details: Record<string, unknown>
}

/** Every breach found on `today` (YYYY-MM-DD, Asia/Shanghai), in a stable order. */
export async function findBreaches(db: Executor, today: string): Promise<Breach[]> {
  const breaches: Breach[] = []
  // "Overdue" is the owners' word: sharing's isRequestOverdue, the catalog's deadlineStatus.
  for (const q of await overdueRequests(db, today)) {
    breaches.push({
      kind: 'request_unanswered',
      departmentId: q.providerId,
      sourceType: 'sharing_request',
      sourceId: q.id,
      details: { dueDate: q.dueDate, resourceName: q.resourceName, consumerId: q.consumerId },
    })
  }
  for (const d of await overdueDeadlines(db, today)) {
    breaches.push({
      kind: 'catalog_overdue',
      departmentId: d.departmentId,
      sourceType: 'catalog_deadline',
      sourceId: d.id,
      details: {
        deadline: d.kind,
        dueDate: d.dueDate,
        resourceId: d.resourceId,
        resourceName: d.resourceName,
      },
    })
  }
  for (const c of await missedAnnualConfirmations(db, today)) {
    breaches.push({
      kind: 'catalog_overdue',
      departmentId: c.departmentId,
      sourceType: 'catalog_annual_confirmation',
      // annual:{resource}:{year}: a year missed is one breach, the next year's another.
      sourceId: c.id,
      details: {
        deadline: 'annual_confirmation',
        dueDate: c.dueDate,
        resourceId: c.resourceId,
        resourceName: c.resourceName,
      },
    })
  }
  breaches.push(...(await staleDisagreements(db, today)))
  breaches.push(...(await freshnessBreaches(db, today)))
  for (const o of await lateObjections(db, today, startOfPreviousMonth(today))) {
    breaches.push({
      kind: 'objection_late',
      departmentId: o.providerId,
      sourceType: 'objection',
      sourceId: o.id,
      details: {
        resourceId: o.resourceId,
        consumerId: o.consumerId,
        dueDate: o.dueDate,
        answeredAt: o.answeredAt,
      },
    })
  }
  return breaches
}

/** Runs started before this instant found disagreements that have stayed open STALE_DISAGREEMENT_DAYS. */
async function staleDisagreements(db: Executor, today: string): Promise<Breach[]> {
  const staleBefore = `${addDays(today, -STALE_DISAGREEMENT_DAYS + 1)}T00:00:00+08:00`
  return (await openDisagreementsBefore(db, new Date(staleBefore).toISOString())).map((g) => ({
    kind: 'inconsistency',
    departmentId: g.departmentId,
    // One notice per check and department: each run supersedes the last run's disagreement rows.
    sourceType: 'consistency_check',
    sourceId: `${g.checkId}:${g.departmentId}`,
    details: { checkId: g.checkId, checkName: g.checkName, open: g.open, firstFound: g.firstFound },
  }))
}

/**
 * Art. 18: late batches, one breach per resource and month they arrived in (this month and the
 * last, so a run early in a month still sees the end of the last); and update cycles that lapsed,
 * one breach per lapse (named by the last arrival before it, so data that arrives ends it).
 */
async function freshnessBreaches(db: Executor, today: string): Promise<Breach[]> {
  const breaches: Breach[] = []
  for (const late of await lateDataSince(db, startOfPreviousMonth(today))) {
    breaches.push({
      kind: 'data_late',
      departmentId: late.providerId,
      sourceType: 'exchange_late_arrivals',
      sourceId: `${late.resourceId}:late:${late.month}`,
      details: {
        resourceId: late.resourceId,
        resourceName: late.resourceName,
        month: late.month,
        batches: late.batches,
        lateRecords: late.lateRecords,
        maxLagDays: late.maxLagDays,
        lastLateArrivalAt: late.lastLateArrivalAt,
      },
    })
  }
  for (const lapse of await lapsedUpdateCycles(db, today)) {
    breaches.push({
      kind: 'data_late',
      departmentId: lapse.providerId,
      sourceType: 'exchange_update_cycle',
      sourceId: `${lapse.resourceId}:cycle:${lapse.lastArrivalAt ?? 'never'}`,
      details: {
        resourceId: lapse.resourceId,
        resourceName: lapse.resourceName,
        updateCycle: lapse.updateCycle,
        lastArrivalAt: lapse.lastArrivalAt,
        publishedAt: lapse.publishedAt,
      },
    })
  }
  return breaches
}

/** The first instant of the month before `today`'s, Asia/Shanghai, as an ISO instant. */
function startOfPreviousMonth(today: string): string {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1]
  return new Date(`${y}-${String(m).padStart(2, '0')}-01T00:00:00+08:00`).toISOString()
}
