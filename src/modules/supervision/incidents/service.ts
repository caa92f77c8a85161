/**
 * Art. 30-31: security incidents recorded by a security officer and routed to the bureau, the
 * cyberspace office and the police; and the anomaly job that flags a department whose reads jump
 * far above its baseline. The cyberspace office and the police have no accounts of their own on
 * the platform: they are represented by security_officer accounts, who receive their routes.
 */
import { inTransaction } from '../../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../../shared/actor.js'
import { shanghaiDate } from '../../../shared/dates.js'
import { AppError } from '../../../shared/errors.js'
import { newId } from '../../../shared/ids.js'
import { authorize, can } from '../../../shared/policy.js'
import type { EnumerationEvent } from '../../exchange/index.js'
import { departmentInfo, withDisplayNames } from '../../org/index.js'
import type { RectificationDeps } from '../rectification/deps.js'
import * as repo from '../rectification/repo.js'
import {
  anomalyThreshold,
  BASELINE_DAYS,
  INCIDENT_ROUTES,
  type IncidentRoute,
  incidentReportDue,
  isAnomalous,
  isIncidentOverdue,
  rolesForRoutes,
} from '../rectification/rules.js'
import type {
  AnomalyList,
  IncidentList,
  IncidentQuery,
  IncidentView,
  NewIncident,
} from '../rectification/schema.js'

const DAY_MS = 24 * 60 * 60 * 1000
export const READ_BURST = 'exchange.read.burst'
/** Reads that mostly missed: keys guessed, not held (issue 11). */
export const KEY_ENUMERATION = 'exchange.read.enumeration'

export function createIncidents(deps: RectificationDeps) {
  const { db, clock, audit, notifications } = deps

  /**
   * Art. 30-31: records an incident (who, what, when, data affected) and notifies the roles of its
   * routes, with a reporting clock by severity. A department's security contact (issue 13)
   * reports for its own scope, its own department by default; the bureau always hears of it.
   * Throws FORBIDDEN, OVERSIGHT_UNKNOWN_DEPARTMENT.
   */
  async function reportIncident(actor: Actor, body: NewIncident): Promise<IncidentView> {
    const cityWide = can(actor, 'incident.report')
    const departmentId = body.departmentId ?? (cityWide ? undefined : (actor.departmentId ?? undefined))
    if (!cityWide) {
      // An unknown department has no path: a contact is refused like any department outside its scope.
      const department = departmentId === undefined ? undefined : await departmentInfo(db, departmentId)
      authorize(actor, 'incident.report', department?.path)
    }
    const asked: IncidentRoute[] = body.routedTo ?? [...INCIDENT_ROUTES]
    const routes: IncidentRoute[] = cityWide || asked.includes('bureau') ? asked : ['bureau', ...asked]
    const recordedAt = clock.now()
    return inTransaction(db, async (trx) => {
      if (departmentId !== undefined && (await departmentInfo(trx, departmentId)) === undefined) {
        throw new AppError('OVERSIGHT_UNKNOWN_DEPARTMENT', { departmentId })
      }
      const row: repo.IncidentRow = {
        id: newId(),
        reported_by: actor.name,
        department_id: departmentId ?? null,
        occurred_at: new Date(body.occurredAt).toISOString(),
        title: body.title,
        description: body.description,
        data_affected: body.dataAffected,
        severity: body.severity,
        routed_to: JSON.stringify(routes),
        status: 'open',
        closed_at: null,
        closed_by: null,
        created_at: recordedAt.toISOString(),
        report_due_at: incidentReportDue(body.severity, recordedAt),
      }
      await repo.insertIncident(trx, row)
      let notified = 0
      for (const role of rolesForRoutes(routes)) {
        notified += await notifications.notifyRole(trx, role, {
          kind: 'oversight.incident',
          titleZh: `安全事件（${severityZh(body.severity)}）：${body.title}`,
          titleEn: `Security incident (${body.severity}): ${body.title}`,
          bodyZh: `发生时间 ${row.occurred_at}；涉及数据：${body.dataAffected}；须于 ${row.report_due_at} 前上报`,
          bodyEn: `Occurred at ${row.occurred_at}; data affected: ${body.dataAffected}; report due by ${row.report_due_at}`,
          objectType: 'security_incident',
          objectId: row.id,
          dedupeKey: `oversight.incident:${row.id}`,
        })
      }
      await audit.append(trx, actor, {
        action: 'oversight.incident.report',
        objectType: 'security_incident',
        objectId: row.id,
        details: {
          severity: body.severity,
          routedTo: routes,
          departmentId: row.department_id,
          reportDueAt: row.report_due_at,
          notified,
        },
      })
      return { ...toIncidentView(row, recordedAt), notified }
    })
  }

  /** Art. 30-31: incidents for security officers, the bureau and auditors, newest first. Throws FORBIDDEN. */
  async function listIncidents(actor: Actor, query: IncidentQuery): Promise<IncidentList> {
    authorize(actor, 'incident.read')
    const now = clock.now()
    const items = (await repo.listIncidents(db, query.status)).map((row) => toIncidentView(row, now))
    return { items: await withDisplayNames(db, items, ['reportedBy']) }
  }

  /** Art. 30-31: closes an open incident. Throws FORBIDDEN, OVERSIGHT_INCIDENT_NOT_FOUND, OVERSIGHT_INCIDENT_CLOSED. */
  async function closeIncident(actor: Actor, id: string): Promise<IncidentView> {
    authorize(actor, 'incident.close')
    return inTransaction(db, async (trx) => {
      const row = await repo.findIncident(trx, id)
      if (!row) {
        throw new AppError('OVERSIGHT_INCIDENT_NOT_FOUND', { id })
      }
      const now = clock.now().toISOString()
      if (!(await repo.closeIncident(trx, id, now, actor.name))) {
        throw new AppError('OVERSIGHT_INCIDENT_CLOSED', { id })
      }
      await audit.append(trx, actor, {
        action: 'oversight.incident.close',
        objectType: 'security_incident',
        objectId: id,
      })
      return toIncidentView({ ...row, status: 'closed', closed_at: now, closed_by: actor.name }, clock.now())
    })
  }

  /**
   * Art. 31: flags each department whose exchange reads in the last 24 hours exceed
   * max(3 × mean, mean + 100) of its daily mean over the 14 days before, once per department per
   * day, and tells security officers and the bureau. Returns how many were flagged now. Throws nothing of its own.
   */
  async function detectAnomalies(): Promise<number> {
    const now = clock.now()
    const dayStart = new Date(now.getTime() - DAY_MS).toISOString()
    const baselineStart = new Date(now.getTime() - (BASELINE_DAYS + 1) * DAY_MS).toISOString()
    const { readsPerDepartment } = deps.auditFacts
    const recent = await readsPerDepartment(db, { start: dayStart, end: now.toISOString() })
    const baseline = await readsPerDepartment(db, { start: baselineStart, end: dayStart })
    const day = shanghaiDate(now)
    let flagged = 0
    for (const [departmentId, observed] of recent) {
      const total = baseline.get(departmentId) ?? 0
      if (!isAnomalous(observed, total)) {
        continue
      }
      const { mean, threshold } = anomalyThreshold(total)
      await inTransaction(db, async (trx) => {
        const id = newId()
        const row = {
          id,
          department_id: departmentId,
          day,
          kind: READ_BURST,
          observed,
          baseline_mean: mean,
          threshold,
          created_at: now.toISOString(),
          details: null,
        }
        if (!(await repo.insertAnomalyIfNew(trx, row))) {
          return
        }
        flagged += 1
        const message = {
          kind: 'oversight.anomaly',
          titleZh: '数据查询量异常',
          titleEn: 'Unusual data query volume',
          bodyZh: `某部门近 24 小时查询 ${observed} 次，超过阈值 ${Math.round(threshold)}（日均 ${mean.toFixed(1)}）`,
          bodyEn: `A department read ${observed} times in 24 hours, above the threshold ${Math.round(threshold)} (daily mean ${mean.toFixed(1)})`,
          objectType: 'anomaly',
          objectId: id,
          dedupeKey: `oversight.anomaly:${departmentId}:${day}`,
        }
        await notifications.notifyRole(trx, 'security_officer', message)
        await notifications.notifyRole(trx, 'bureau_reviewer', message)
        await audit.append(trx, SYSTEM_ACTOR, {
          action: 'oversight.anomaly',
          objectType: 'anomaly',
          objectId: id,
          departmentId,
          details: { observed, mean, threshold, day },
        })
      })
    }
    return flagged
  }

  /**
   * Art. 31, issue 11: a consumer whose reads of a resource mostly missed (keys that match no
   * record: guessing, e.g. completing masked ID numbers) was stopped for the day by the read log;
   * flag it once per department and day, and tell security officers, the bureau and the provider.
   */
  async function raiseEnumeration(event: EnumerationEvent): Promise<void> {
    const now = clock.now()
    const day = shanghaiDate(now)
    await inTransaction(db, async (trx) => {
      const id = newId()
      const inserted = await repo.insertAnomalyIfNew(trx, {
        id,
        department_id: event.departmentId,
        day,
        kind: KEY_ENUMERATION,
        observed: event.misses,
        baseline_mean: event.asked,
        threshold: event.threshold,
        created_at: now.toISOString(),
        details: JSON.stringify({ resourceId: event.resourceId, grantId: event.grantId }),
      })
      if (!inserted) {
        return
      }
      const message = {
        kind: 'oversight.anomaly',
        titleZh: '疑似遍历查询，已暂停授权当日查询',
        titleEn: 'Suspected key enumeration: the grant is suspended for today',
        bodyZh: `某部门今日查询 ${event.asked} 条，其中 ${event.misses} 条主键不存在`,
        bodyEn: `A department asked ${event.asked} keys today; ${event.misses} matched no record`,
        objectType: 'anomaly',
        objectId: id,
        dedupeKey: `oversight.anomaly:${KEY_ENUMERATION}:${event.departmentId}:${day}`,
      }
      await notifications.notifyRole(trx, 'security_officer', message)
      await notifications.notifyRole(trx, 'bureau_reviewer', message)
      for (const role of ['dept_admin', 'approver'] as const) {
        await notifications.notifyRole(trx, role, message, { departmentId: event.providerId })
      }
      await audit.append(trx, SYSTEM_ACTOR, {
        action: 'oversight.anomaly',
        objectType: 'anomaly',
        objectId: id,
        departmentId: event.departmentId,
        details: { kind: KEY_ENUMERATION, ...event, day },
      })
    })
  }

  /** Art. 31: flagged anomalies, newest first. Throws FORBIDDEN. */
  async function listAnomalies(actor: Actor): Promise<AnomalyList> {
    authorize(actor, 'incident.read')
    const rows = await repo.listAnomalies(db)
    return {
      items: rows.map((row) => ({
        id: row.id,
        departmentId: row.department_id,
        day: row.day,
        kind: row.kind,
        observed: Number(row.observed),
        baselineMean: Number(row.baseline_mean),
        threshold: Number(row.threshold),
        createdAt: row.created_at,
        ...(row.details !== null ? { details: JSON.parse(row.details) as Record<string, unknown> } : {}),
      })),
    }
  }

  /** Issue 13, Art. 39: a department's incidents in [from, to), for its annual report. */
  function countForDepartment(departmentId: string, from: string, to: string) {
    return repo.incidentCounts(db, departmentId, from, to)
  }

  return {
    reportIncident,
    listIncidents,
    closeIncident,
    detectAnomalies,
    listAnomalies,
    raiseEnumeration,
    countForDepartment,
  }
}

function severityZh(severity: string): string {
  return severity === 'high' ? '高' : severity === 'medium' ? '中' : '低'
}

function toIncidentView(row: repo.IncidentRow, now: Date): IncidentView {
  const routes: unknown = JSON.parse(row.routed_to)
  return {
    id: row.id,
    reportedBy: row.reported_by,
    departmentId: row.department_id,
    occurredAt: row.occurred_at,
    title: row.title,
    description: row.description,
    dataAffected: row.data_affected,
    severity: row.severity,
    routedTo: Array.isArray(routes) ? routes.map(String) : [],
    status: row.status,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    reportDueAt: row.report_due_at,
    overdue: isIncidentOverdue(row.status, row.report_due_at, now),
  }
}
