/**
 * Annual reports (Art. 39): each department reports the previous year's sharing to the bureau by
 * 5 January; the city reports to the province by 15 January. The figures are generated from the
 * platform's data; the department adds its own words, then submits. Late ones are flagged.
 */
import { isUniqueViolation } from '../../../db/errors.js'
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import { shanghaiDate } from '../../../shared/dates.js'
import { AppError } from '../../../shared/errors.js'
import { newId } from '../../../shared/ids.js'
import { authorize, can } from '../../../shared/policy.js'
import { allDepartments, BUREAU_CODE, departmentInfo, departmentsInScope } from '../../org/index.js'
import type { SupervisionDeps } from '../deps.js'
import type { Evaluation } from '../evaluation/service.js'
import { annualDueDate, isReportLate, isYearClosed, type Period, type ReportKind } from '../rules.js'
import type { AnnualReportListItem, AnnualReportView, GenerateBody } from '../schema.js'
import { type Statistics, totalOf } from '../statistics/service.js'
import * as reportsRepo from './repo.js'

const CITY = 'city'

export type AnnualReports = ReturnType<typeof createAnnualReports>

interface Returned {
  comment: string
  by: string
  at: string
}

interface Content {
  figures: unknown
  text: string
  returned?: Returned
}

function parseContent(json: string): Content {
  const parsed: unknown = JSON.parse(json)
  const text: unknown = Reflect.get(Object(parsed), 'text')
  const returned: unknown = Reflect.get(Object(parsed), 'returned')
  return {
    figures: Reflect.get(Object(parsed), 'figures') ?? null,
    text: typeof text === 'string' ? text : '',
    ...(isReturned(returned) ? { returned } : {}),
  }
}

function isReturned(value: unknown): value is Returned {
  const get = (key: string) => Reflect.get(Object(value), key)
  return typeof get('comment') === 'string' && typeof get('by') === 'string' && typeof get('at') === 'string'
}

function statusOf(row: { status: string } | undefined): 'missing' | 'draft' | 'submitted' | 'returned' {
  if (!row) {
    return 'missing'
  }
  return row.status === 'submitted' || row.status === 'returned' ? row.status : 'draft'
}

export function createAnnualReports(deps: SupervisionDeps, statistics: Statistics, evaluation: Evaluation) {
  const { db, clock, audit } = deps
  const today = () => shanghaiDate(clock.now())

  /** The figures of a department's year: its evaluation row and its statistics. */
  async function departmentFigures(period: Period, departmentId: string) {
    // The period's Asia/Shanghai dates as an instant range: from its first midnight to the one after.
    const from = new Date(`${period.from}T00:00:00+08:00`)
    const to = new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + 86_400_000)
    const [evaluated, rows, incidents] = await Promise.all([
      evaluation.computeEvaluation(period),
      statistics.computeRows(period, 'department', departmentId),
      deps.incidents?.countForDepartment(departmentId, from.toISOString(), to.toISOString()),
    ])
    const own = evaluated.items.find((item) => item.departmentId === departmentId)
    return {
      period,
      statistics: totalOf(rows),
      facts: own?.facts ?? null,
      indicators: own?.values ?? null,
      score: own?.score ?? null,
      rank: own?.rank ?? null,
      departmentsRanked: evaluated.departmentsRanked,
      incidents: incidents ?? null,
    }
  }

  /** The city's figures: the totals, and every department's score and report state. */
  async function cityFigures(period: Period, year: number) {
    const [evaluated, rows, reports] = await Promise.all([
      evaluation.computeEvaluation(period),
      statistics.computeRows(period, 'department'),
      reportsRepo.listReports(db, year),
    ])
    const byDepartment = new Map(reports.map((report) => [report.department_id, report]))
    const sum = (pick: (facts: EvaluationFacts) => number) =>
      evaluated.items.reduce((total, item) => total + pick(item.facts), 0)
    return {
      period,
      statistics: totalOf(rows),
      catalog: {
        resources: sum((f) => f.resourcesPublished),
        items: sum((f) => f.itemsPublished),
        unconditional: sum((f) => f.unconditionalResources),
      },
      requests: {
        received: sum((f) => f.requestsReceived),
        answered: sum((f) => f.requestsAnswered),
        late: sum((f) => f.lateAnswers),
        overdue: sum((f) => f.requestsOverdue),
      },
      departments: evaluated.items.map((item) => {
        const report = byDepartment.get(item.departmentId)
        return {
          departmentId: item.departmentId,
          departmentName: item.departmentName,
          score: item.score,
          rank: item.rank,
          report: report ? report.status : 'missing',
          reportLate: isReportLate(annualDueDate(year, 'department'), submittedOn(report), today()),
        }
      }),
    }
  }

  /** The report's department path for policy; undefined for the city report (global roles only). */
  async function pathOf(departmentId: string | null): Promise<string | undefined> {
    return departmentId === null ? undefined : (await departmentInfo(db, departmentId))?.path
  }

  async function reportInScope(actor: Actor, id: string): Promise<reportsRepo.ReportRow> {
    const row = await reportsRepo.findReport(db, id)
    if (!row || !can(actor, 'report.annual', await pathOf(row.department_id))) {
      throw new AppError('REPORT_NOT_FOUND', { id })
    }
    return row
  }

  /**
   * Issue 13, Art. 39: a department's report is written and submitted by that department only;
   * the city's by the bureau. Reading scope first (404 outside it), then the right to write.
   */
  async function reportToWrite(actor: Actor, id: string): Promise<reportsRepo.ReportRow> {
    const row = await reportInScope(actor, id)
    if (row.department_id === null) {
      authorize(actor, 'report.annual.city')
    } else {
      authorize(actor, 'report.annual.write', await pathOf(row.department_id))
    }
    return row
  }

  async function view(id: string): Promise<AnnualReportView> {
    const row = await reportsRepo.findReport(db, id)
    if (!row) {
      throw new AppError('REPORT_NOT_FOUND', { id })
    }
    const department = row.department_id === null ? undefined : await departmentInfo(db, row.department_id)
    const content = parseContent(row.content)
    return {
      id: row.id,
      year: Number(row.year),
      kind: row.kind === CITY ? 'city' : 'department',
      departmentId: row.department_id,
      departmentName: department?.name ?? null,
      status: row.status === 'submitted' || row.status === 'returned' ? row.status : 'draft',
      dueDate: row.due_date,
      late: isReportLate(row.due_date, submittedOn(row), today()),
      generatedAt: row.generated_at,
      generatedBy: row.generated_by,
      submittedAt: row.submitted_at,
      submittedBy: row.submitted_by,
      text: content.text,
      figures: content.figures,
      returned: content.returned ?? null,
    }
  }

  /**
   * Generates (or regenerates, keeping the department's text) a year's report from the data
   * (Art. 39): a department's by its dept_admin, the city's by the bureau. Throws FORBIDDEN,
   * ORG_DEPARTMENT_NOT_FOUND, REPORT_YEAR_NOT_CLOSED, REPORT_ALREADY_SUBMITTED.
   */
  async function generate(actor: Actor, year: number, body: GenerateBody): Promise<AnnualReportView> {
    const kind: ReportKind = body.kind ?? 'department'
    const departmentId = kind === 'city' ? null : (body.departmentId ?? actor.departmentId)
    if (kind === 'department') {
      const department = departmentId === null ? undefined : await departmentInfo(db, departmentId)
      if (!department) {
        throw new AppError('ORG_DEPARTMENT_NOT_FOUND', { departmentId })
      }
      authorize(actor, 'report.annual.write', department.path)
    } else {
      authorize(actor, 'report.annual.city')
    }
    if (!isYearClosed(year, today())) {
      throw new AppError('REPORT_YEAR_NOT_CLOSED', { year })
    }
    const period = { from: `${year}-01-01`, to: `${year}-12-31` }
    const figures =
      departmentId === null ? await cityFigures(period, year) : await departmentFigures(period, departmentId)
    const scopeKey = departmentId ?? CITY
    const now = clock.now().toISOString()
    const store = () =>
      inTransaction(db, async (trx) => {
        const existing = await reportsRepo.findReportOf(trx, year, scopeKey)
        if (existing?.status === 'submitted') {
          throw new AppError('REPORT_ALREADY_SUBMITTED', { id: existing.id })
        }
        const id = existing?.id ?? newId()
        const content = JSON.stringify({
          ...(existing ? parseContent(existing.content) : { text: '' }),
          figures,
        })
        if (existing) {
          await reportsRepo.updateReport(trx, id, {
            content,
            generated_at: now,
            generated_by: actor.name,
            updated_at: now,
          })
        } else {
          await reportsRepo.insertReport(trx, {
            id,
            year,
            kind,
            department_id: departmentId,
            scope_key: scopeKey,
            content,
            status: 'draft',
            generated_at: now,
            generated_by: actor.name,
            submitted_at: null,
            submitted_by: null,
            due_date: annualDueDate(year, kind),
            updated_at: now,
          })
        }
        await audit.append(trx, actor, {
          action: 'report.annual.generate',
          objectType: 'annual_report',
          objectId: id,
          details: { year, kind, departmentId, regenerated: existing !== undefined },
        })
        return id
      })
    let id: string
    try {
      id = await store()
    } catch (error) {
      // Two generations at once: the unique (year, scope) index let one insert; update that one.
      if (!isUniqueViolation(error)) {
        throw error
      }
      id = await store()
    }
    return view(id)
  }

  /** The department adds its own words to a draft (Art. 39). Throws REPORT_NOT_FOUND, REPORT_ALREADY_SUBMITTED. */
  async function updateText(actor: Actor, id: string, text: string): Promise<AnnualReportView> {
    await reportToWrite(actor, id)
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      const row = await reportsRepo.findReport(trx, id)
      if (!row) {
        throw new AppError('REPORT_NOT_FOUND', { id })
      }
      if (row.status === 'submitted') {
        throw new AppError('REPORT_ALREADY_SUBMITTED', { id })
      }
      const content = JSON.stringify({ ...parseContent(row.content), text })
      await reportsRepo.updateReport(trx, id, { content, updated_at: now })
      await audit.append(trx, actor, {
        action: 'report.annual.update',
        objectType: 'annual_report',
        objectId: id,
        details: { length: text.length },
      })
    })
    return view(id)
  }

  /**
   * Submits a draft; after the due date it is accepted and flagged late (Art. 39).
   * Throws REPORT_NOT_FOUND, REPORT_ALREADY_SUBMITTED.
   */
  async function submit(actor: Actor, id: string): Promise<AnnualReportView> {
    await reportToWrite(actor, id)
    const now = clock.now()
    await inTransaction(db, async (trx) => {
      const row = await reportsRepo.findReport(trx, id)
      if (!row) {
        throw new AppError('REPORT_NOT_FOUND', { id })
      }
      if (row.status === 'submitted') {
        throw new AppError('REPORT_ALREADY_SUBMITTED', { id })
      }
      const late = isReportLate(row.due_date, shanghaiDate(now), shanghaiDate(now))
      await reportsRepo.updateReport(trx, id, {
        status: 'submitted',
        submitted_at: now.toISOString(),
        submitted_by: actor.name,
        late: late ? 1 : 0,
        updated_at: now.toISOString(),
      })
      await audit.append(trx, actor, {
        action: 'report.annual.submit',
        objectType: 'annual_report',
        objectId: id,
        details: { year: Number(row.year), kind: row.kind, dueDate: row.due_date, late },
      })
    })
    return view(id)
  }

  /**
   * Issue 13, Art. 39: the bureau sends a submitted department report back with its comment; the
   * department edits and submits again. Throws REPORT_NOT_FOUND, FORBIDDEN, REPORT_NOT_SUBMITTED.
   */
  async function returnReport(actor: Actor, id: string, comment: string): Promise<AnnualReportView> {
    const found = await reportInScope(actor, id)
    authorize(actor, 'report.annual.return')
    if (found.department_id === null) {
      throw new AppError('FORBIDDEN', {
        action: 'report.annual.return',
        reason: 'the city report is the bureau’s own',
      })
    }
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      const row = await reportsRepo.findReport(trx, id)
      if (row?.status !== 'submitted') {
        throw new AppError('REPORT_NOT_SUBMITTED', { id, status: row?.status ?? null })
      }
      const content = JSON.stringify({
        ...parseContent(row.content),
        returned: { comment, by: actor.name, at: now },
      })
      await reportsRepo.updateReport(trx, id, { content, status: 'returned', updated_at: now })
      await audit.append(trx, actor, {
        action: 'report.annual.return',
        objectType: 'annual_report',
        objectId: id,
        departmentId: actor.departmentId,
        details: { year: Number(row.year), departmentId: row.department_id, comment },
      })
    })
    return view(id)
  }

  /** One annual report (Art. 39) with its figures and text. Throws REPORT_NOT_FOUND. */
  async function getReport(actor: Actor, id: string): Promise<AnnualReportView> {
    await reportInScope(actor, id)
    return view(id)
  }

  /**
   * A year's reports with their late flags (Art. 39): for the bureau every department (those
   * without a report too) and the city; for a dept_admin its own. Throws FORBIDDEN.
   */
  async function listReports(actor: Actor, query: { year?: number }): Promise<AnnualReportListItem[]> {
    const scope = await departmentsInScope(db, actor, 'report.annual')
    if (scope !== undefined && scope.length === 0) {
      throw new AppError('FORBIDDEN', { action: 'report.annual' })
    }
    const year = query.year ?? Number(today().slice(0, 4)) - 1
    const reports = new Map((await reportsRepo.listReports(db, year)).map((row) => [row.scope_key, row]))
    const departments = (await allDepartments(db)).filter(
      (d) => d.code !== BUREAU_CODE && (scope === undefined || scope.includes(d.id)),
    )
    const entry = (kind: ReportKind, departmentId: string | null, name: string | null) => {
      const row = reports.get(departmentId ?? CITY)
      const dueDate = row?.due_date ?? annualDueDate(year, kind)
      return {
        id: row?.id ?? null,
        year,
        kind,
        departmentId,
        departmentName: name,
        status: statusOf(row),
        dueDate,
        late: isReportLate(dueDate, submittedOn(row), today()),
        generatedAt: row?.generated_at ?? null,
        submittedAt: row?.submitted_at ?? null,
      } satisfies AnnualReportListItem
    }
    const items = departments.map((d) => entry('department', d.id, d.name))
    return scope === undefined ? [...items, entry('city', null, null)] : items
  }

  return { generate, updateText, submit, returnReport, getReport, listReports }
}

type EvaluationFacts = Awaited<ReturnType<Evaluation['computeEvaluation']>>['items'][number]['facts']

function submittedOn(row: reportsRepo.ReportRow | undefined): string | null {
  return row?.submitted_at ? shanghaiDate(new Date(row.submitted_at)) : null
}
