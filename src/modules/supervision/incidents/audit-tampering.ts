/**
 * Issue 12, Art. 31: rows found in the audit log past its head are forged or stray; the audit
 * writer moves them aside and calls this, inside its transaction, to raise a security incident
 * for security officers (the cyberspace office's route) and the bureau. It appends nothing to the
 * audit log: the writer records the event itself, naming the incident.
 */
import type { Executor } from '../../../db/database.js'
import { newId } from '../../../shared/ids.js'
import type { ForeignRowsEvidence } from '../../audit/index.js'
import type { RectificationDeps } from '../rectification/deps.js'
import * as repo from '../rectification/repo.js'
import { type IncidentRoute, incidentReportDue, rolesForRoutes } from '../rectification/rules.js'

/** The police are left to the officers: whether a crime happened is theirs to judge. */
const ROUTES: IncidentRoute[] = ['bureau', 'cyberspace_office']

export function createAuditTamperingAlarm(deps: Pick<RectificationDeps, 'clock' | 'notifications'>) {
  const { clock, notifications } = deps

  /** Records the incident and notifies its routes' roles; returns the incident's id. */
  async function raiseAuditTampering(
    trx: Executor,
    evidence: ForeignRowsEvidence,
  ): Promise<{ incidentId: string }> {
    const id = newId()
    const listed = evidence.rows.map((row) => `seq ${row.seq} hash ${row.hash}`).join('; ')
    const more =
      evidence.count > evidence.rows.length ? `; and ${evidence.count - evidence.rows.length} more` : ''
    await repo.insertIncident(trx, {
      id,
      reported_by: 'system',
      department_id: null,
      occurred_at: evidence.foundAt,
      title: `Audit log: ${evidence.count} row(s) found past the chain head (forged or stray)`,
      description:
        `Rows not written by the platform lay past the audit chain head (seq ${evidence.head.seq}, ` +
        `hash ${evidence.head.hash}). They were moved to audit_quarantine and the log goes on from the ` +
        `head. Rows: ${listed}${more}.`,
      data_affected: 'audit log (audit_entries)',
      severity: 'high',
      routed_to: JSON.stringify(ROUTES),
      status: 'open',
      closed_at: null,
      closed_by: null,
      created_at: clock.now().toISOString(),
      report_due_at: incidentReportDue('high', clock.now()),
    })
    for (const role of rolesForRoutes(ROUTES)) {
      await notifications.notifyRole(trx, role, {
        kind: 'oversight.incident',
        titleZh: `安全事件（高）：审计日志链头之后发现 ${evidence.count} 条非平台写入的记录`,
        titleEn: `Security incident (high): ${evidence.count} row(s) not written by the platform past the audit head`,
        bodyZh: `已移入隔离表并保留证据：${listed}${more}`,
        bodyEn: `Moved to quarantine with the evidence: ${listed}${more}`,
        objectType: 'security_incident',
        objectId: id,
        dedupeKey: `oversight.incident:${id}`,
      })
    }
    return { incidentId: id }
  }

  return { raiseAuditTampering }
}
