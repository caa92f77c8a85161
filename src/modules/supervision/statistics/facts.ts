/**
 * The counts behind the Art. 35 indicators, per department and period, gathered from the audit
 * log, the catalog, sharing, exchange and objection tables. Everything a department is judged on
 * as a provider is attributed through the provider of the resource; its own reads, through the
 * department that made them.
 */
import type { Executor } from '../../../db/database.js'
import { isInCalendarRange, shanghaiDate } from '../../../shared/dates.js'
import type { CatalogEvent } from '../../audit/index.js'
import { itemCountsByVersion, resourceFacts } from '../../catalog/index.js'
import { arrivalsBetween } from '../../exchange/index.js'
import { objectionsRaised } from '../../quality/index.js'
import { isRequestOverdue, requestsReceived } from '../../sharing/index.js'
import type { SupervisionDeps } from '../deps.js'
import { type DepartmentFacts, median, monthsOf, type Period, periodInstants, UPDATE_DAYS } from '../rules.js'

/** One department's facts being counted. */
function emptyFacts(periodMonths: number): DepartmentFacts {
  return {
    activeMonths: 0,
    periodMonths,
    resourcesPublished: 0,
    itemsPublished: 0,
    unconditionalResources: 0,
    requestsReceived: 0,
    requestsAnswered: 0,
    requestsOverdue: 0,
    lateAnswers: 0,
    medianAnswerDays: null,
    versionsArrived: 0,
    versionsTimely: 0,
    versionsUndeclared: 0,
    objectionsDue: 0,
    objectionsOnTime: 0,
    queriesServed: 0,
    recordsServed: 0,
    queriesMade: 0,
  }
}

export interface CatalogState {
  published: boolean
  version: number
  shareType: string
}

/** The catalog at the end of the log: each resource's last publication, unless withdrawn since. */
export function foldCatalog(events: readonly CatalogEvent[]): Map<string, CatalogState> {
  const state = new Map<string, CatalogState>()
  for (const event of events) {
    if (event.action === 'catalog.withdraw') {
      const current = state.get(event.resourceId)
      if (current) {
        current.published = false
      }
      continue
    }
    state.set(event.resourceId, { published: true, version: event.version, shareType: event.shareType })
  }
  return state
}

/**
 * Facts of every department for a period; `today` decides which unanswered requests and
 * objections are overdue. Working days come from the calendar, once per distinct pair of dates.
 */
export async function collectFacts(
  deps: Pick<SupervisionDeps, 'workingDays' | 'auditFacts'>,
  db: Executor,
  period: Period,
  today: string,
  departmentIds: readonly string[],
): Promise<Map<string, DepartmentFacts>> {
  const range = periodInstants(period)
  const months = monthsOf(period).length
  const facts = new Map(departmentIds.map((id) => [id, emptyFacts(months)]))
  const of = (id: string) => facts.get(id)
  const cache = new Map<string, Promise<number>>()
  const workingDaysBetween = (fromInstant: string, toInstant: string): Promise<number> => {
    const from = shanghaiDate(new Date(fromInstant))
    const to = shanghaiDate(new Date(toInstant))
    if (!isInCalendarRange(from) || !isInCalendarRange(to)) {
      // Beyond the calendar (a source change dated 1899): far more than any deadline.
      return Promise.resolve(Number.MAX_SAFE_INTEGER)
    }
    const key = `${from}/${to}`
    let days = cache.get(key)
    if (!days) {
      days = deps.workingDays.workingDaysBetween(from, to, db).then((answer) => answer.days)
      cache.set(key, days)
    }
    return days
  }

  const { auditFacts } = deps
  for (const [id, count] of await auditFacts.activeMonths(db, range)) {
    const target = of(id)
    if (target) {
      target.activeMonths = count
    }
  }

  const catalog = [...foldCatalog(await auditFacts.catalogEventsBefore(db, range.end)).entries()].filter(
    ([, state]) => state.published,
  )
  const ids = catalog.map(([id]) => id)
  const resources = await resourceFacts(db, ids)
  const items = await itemCountsByVersion(db, ids)
  for (const [id, state] of catalog) {
    const target = of(resources.get(id)?.providerId ?? '')
    if (target) {
      target.resourcesPublished += 1
      target.itemsPublished += items.get(`${id}@${state.version}`) ?? 0
      target.unconditionalResources += state.shareType === 'unconditional' ? 1 : 0
    }
  }

  const answerDays = new Map<string, number[]>()
  for (const request of await requestsReceived(db, range.start, range.end)) {
    const target = of(request.providerId)
    if (!target) {
      continue
    }
    target.requestsReceived += 1
    if (request.decidedAt === null) {
      target.requestsOverdue += isRequestOverdue('pending', request.dueDate, today) ? 1 : 0
      continue
    }
    target.requestsAnswered += 1
    target.lateAnswers += request.late ? 1 : 0
    const days = answerDays.get(request.providerId) ?? []
    days.push(await workingDaysBetween(request.createdAt, request.decidedAt))
    answerDays.set(request.providerId, days)
  }
  for (const [id, days] of answerDays) {
    const target = of(id)
    if (target) {
      target.medianAnswerDays = median(days)
    }
  }

  const arrivals = await arrivalsBetween(db, range.start, range.end)
  const arrivalResources = await resourceFacts(
    db,
    arrivals.map((group) => group.resourceId),
  )
  for (const group of arrivals) {
    const target = of(arrivalResources.get(group.resourceId)?.providerId ?? '')
    if (!target) {
      continue
    }
    target.versionsArrived += group.count
    if (!group.changeTimeDeclared) {
      // Art. 18: a change time never declared cannot show the data arrived in time; it counts against.
      target.versionsUndeclared += group.count
      continue
    }
    const lag = group.lagDays ?? (await workingDaysBetween(group.sourceChangedAt, group.arrivedAt))
    target.versionsTimely += lag <= UPDATE_DAYS ? group.count : 0
  }

  for (const objection of await objectionsRaised(db, range.start, range.end)) {
    const target = of(objection.providerId)
    const answeredOn = objection.answeredAt === null ? null : shanghaiDate(new Date(objection.answeredAt))
    if (!target || (answeredOn === null && objection.dueDate >= today)) {
      continue
    }
    target.objectionsDue = (target.objectionsDue ?? 0) + 1
    const onTime = answeredOn !== null && answeredOn <= objection.dueDate
    target.objectionsOnTime = (target.objectionsOnTime ?? 0) + (onTime ? 1 : 0)
  }

  const served = await auditFacts.readsPerResource(db, range)
  const servedBy = new Map(
    [...(await resourceFacts(db, [...served.keys()])).values()].map((r) => [r.id, r.providerId]),
  )
  for (const [resourceId, reads] of served) {
    const target = of(servedBy.get(resourceId) ?? '')
    if (target) {
      target.queriesServed += reads.queries
      target.recordsServed += reads.records
    }
  }
  for (const [id, count] of await auditFacts.readsPerDepartment(db, range)) {
    const target = of(id)
    if (target) {
      target.queriesMade = count
    }
  }
  return facts
}
