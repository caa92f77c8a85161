/**
 * Service statistics (Art. 27): sharing frequency (exchange reads), volume (records served) and
 * entries (resources and items published), with grants and requests, by department, resource or
 * month, computed from the audit log. Every count is attributed to the resource it concerns, so a
 * department's row is the sum of its resources' rows: what its catalog gave the city.
 */
import type { Actor } from '../../../shared/actor.js'
import { shanghaiDate } from '../../../shared/dates.js'
import { AppError, type Lang } from '../../../shared/errors.js'
import { authorize } from '../../../shared/policy.js'
import { itemCountsByVersion, publishedTotals, resourceFacts } from '../../catalog/index.js'
import { allDepartments, countDepartments, departmentInfo } from '../../org/index.js'
import { countLiveGrants } from '../../sharing/index.js'
import type { SupervisionDeps } from '../deps.js'
import type { Range } from '../repo.js'
import { monthsOf, type Period, periodInstants, resolvePeriod } from '../rules.js'
import type {
  GroupBy,
  StatisticsCounts,
  StatisticsExportQuery,
  StatisticsQuery,
  StatisticsRow,
  StatisticsView,
  SummaryView,
} from '../schema.js'
import { type ExportFile, statisticsCsv, statisticsWorkbook } from './export.js'

const DAY_MS = 24 * 60 * 60 * 1000

export type Statistics = ReturnType<typeof createStatistics>

function zero(): StatisticsCounts {
  return {
    queries: 0,
    recordsServed: 0,
    grantsCreated: 0,
    requests: 0,
    resourcesPublished: 0,
    itemsPublished: 0,
  }
}

function add(target: StatisticsCounts, action: string, count: number, records: number): void {
  switch (action) {
    case 'exchange.read':
      target.queries += count
      target.recordsServed += records
      return
    case 'grant.create':
      target.grantsCreated += count
      return
    case 'sharing.request':
      target.requests += count
      return
    case 'catalog.publish':
      target.resourcesPublished += count
      return
  }
}

const byCounts = (a: StatisticsRow, b: StatisticsRow) =>
  b.queries - a.queries || b.recordsServed - a.recordsServed || a.label.localeCompare(b.label, 'zh-CN')

export function createStatistics(deps: SupervisionDeps) {
  const { db, clock, auditFacts } = deps

  /** Items of the versions published in the period, per resource and month. */
  async function publishedItems(range: Range) {
    const published = await auditFacts.publishedVersions(db, range)
    const items = await itemCountsByVersion(db, [...new Set(published.map((p) => p.resourceId))])
    return published.flatMap(({ resourceId, version, month }) => {
      const count = items.get(`${resourceId}@${version}`) ?? 0
      return count > 0 ? [{ resourceId, month, items: count }] : []
    })
  }

  /** Rows of a period grouped one way, optionally only one provider's resources. */
  async function computeRows(
    period: Period,
    groupBy: GroupBy,
    departmentId?: string,
  ): Promise<StatisticsRow[]> {
    const range = periodInstants(period)
    const [events, items, departments] = await Promise.all([
      auditFacts.statisticsEvents(db, range),
      publishedItems(range),
      allDepartments(db),
    ])
    const resourceIds = [...new Set([...events, ...items].map((row) => row.resourceId))]
    const resources = await resourceFacts(db, resourceIds)
    const rows = new Map<string, StatisticsRow>()
    const rowFor = (key: string, label: string): StatisticsRow => {
      let row = rows.get(key)
      if (!row) {
        row = { key, label, ...zero() }
        rows.set(key, row)
      }
      return row
    }
    // Departments and months are listed even when idle: a zero is information here.
    if (groupBy === 'department') {
      for (const department of departments.filter(
        (d) => departmentId === undefined || d.id === departmentId,
      )) {
        rowFor(department.id, department.name)
      }
    } else if (groupBy === 'month') {
      for (const month of monthsOf(period)) {
        rowFor(month, month)
      }
    }
    const target = (resourceId: string, month: string): StatisticsRow | undefined => {
      const resource = resources.get(resourceId)
      if (!resource || (departmentId !== undefined && resource.providerId !== departmentId)) {
        return undefined
      }
      if (groupBy === 'department') {
        return rows.get(resource.providerId)
      }
      return groupBy === 'month' ? rows.get(month) : rowFor(resource.id, resource.name)
    }
    for (const event of events) {
      const row = target(event.resourceId, event.month)
      if (row) {
        add(row, event.action, event.count, event.records)
      }
    }
    for (const published of items) {
      const row = target(published.resourceId, published.month)
      if (row) {
        row.itemsPublished += published.items
      }
    }
    const list = [...rows.values()]
    return groupBy === 'month' ? list : list.sort(byCounts)
  }

  async function checkedQuery(actor: Actor, query: StatisticsQuery) {
    authorize(actor, 'statistics.read')
    const period = resolvePeriod(query, shanghaiDate(clock.now()))
    if (query.departmentId !== undefined && !(await departmentInfo(db, query.departmentId))) {
      throw new AppError('ORG_DEPARTMENT_NOT_FOUND', { departmentId: query.departmentId })
    }
    return { period, groupBy: query.groupBy ?? 'department' }
  }

  /**
   * Art. 27 service statistics of a period, for every signed-in user. Throws FORBIDDEN,
   * SUPERVISION_INVALID_PERIOD, ORG_DEPARTMENT_NOT_FOUND.
   */
  async function statistics(actor: Actor, query: StatisticsQuery): Promise<StatisticsView> {
    const { period, groupBy } = await checkedQuery(actor, query)
    const rows = await computeRows(period, groupBy, query.departmentId)
    return { ...period, groupBy, departmentId: query.departmentId ?? null, rows, totals: totalOf(rows) }
  }

  /**
   * The same statistics as a CSV or Excel file (Art. 27). Throws FORBIDDEN,
   * SUPERVISION_INVALID_PERIOD, ORG_DEPARTMENT_NOT_FOUND.
   */
  async function exportStatistics(
    actor: Actor,
    query: StatisticsExportQuery,
    lang: Lang,
  ): Promise<ExportFile> {
    const view = await statistics(actor, query)
    return query.format === 'xlsx' ? statisticsWorkbook(view, lang) : statisticsCsv(view, lang)
  }

  /** The portal dashboard's totals now (Art. 27). Throws FORBIDDEN. */
  async function summary(actor: Actor): Promise<SummaryView> {
    authorize(actor, 'statistics.read')
    const now = clock.now()
    const today = shanghaiDate(now)
    const [departments, published, grantsLive, queries] = await Promise.all([
      countDepartments(db),
      publishedTotals(db),
      countLiveGrants(db, today),
      auditFacts.readsSince(db, new Date(now.getTime() - 30 * DAY_MS).toISOString()),
    ])
    return {
      asOf: today,
      departments,
      publishedResources: published.resources,
      items: published.items,
      grantsLive,
      queriesLast30Days: queries,
    }
  }

  return { statistics, exportStatistics, summary, computeRows }
}

export function totalOf(rows: readonly StatisticsCounts[]): StatisticsCounts {
  const total = zero()
  for (const row of rows) {
    total.queries += row.queries
    total.recordsServed += row.recordsServed
    total.grantsCreated += row.grantsCreated
    total.requests += row.requests
    total.resourcesPublished += row.resourcesPublished
    total.itemsPublished += row.itemsPublished
  }
  return total
}
