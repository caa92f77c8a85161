/**
 * Pure rules of oversight: which facts are breaches (Art. 40), the notice's state machine, when an
 * issued notice escalates, and when a department's read volume is an anomaly (Art. 31).
 */
import { toDayNumber } from '../../../shared/dates.js'
import { AppError } from '../../../shared/errors.js'

export const NOTICE_KINDS = [
  'catalog_overdue',
  'request_unanswered',
  'data_late',
  'inconsistency',
  // issue 11: objections to records answered after their due date (Art. 26)
  'objection_late',
  'misuse',
  'other',
] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

export const NOTICE_STATUSES = ['draft', 'issued', 'responded', 'closed', 'escalated'] as const
export type NoticeStatus = (typeof NOTICE_STATUSES)[number]

export const INCIDENT_ROUTES = ['bureau', 'cyberspace_office', 'police'] as const
export type IncidentRoute = (typeof INCIDENT_ROUTES)[number]

/** Art. 40 "with a deadline": 15 working days unless the bureau sets another. */
export const DEFAULT_DEADLINE_DAYS = 15
/** A disagreement still open this many days after the run that found it is a breach (Art. 16-17). */
export const STALE_DISAGREEMENT_DAYS = 10

/** One notice per breach: detection and hand-raised notices share the key space. */
export function dedupeKey(kind: NoticeKind, sourceId: string): string {
  return `${kind}:${sourceId}`
}

/** An open disagreement found on `foundOn` is a breach once STALE_DISAGREEMENT_DAYS calendar days have passed. */
export function isDisagreementStale(foundOn: string, today: string): boolean {
  return toDayNumber(today) - toDayNumber(foundOn) >= STALE_DISAGREEMENT_DAYS
}

/** An issued notice past its deadline with no answer escalates; one answered late does not. */
export function isEscalationDue(status: string, dueDate: string | null, today: string): boolean {
  return status === 'issued' && dueDate !== null && dueDate < today
}

const NEXT: Readonly<Record<'issue' | 'respond' | 'close', readonly string[]>> = {
  issue: ['draft'],
  // A department may still answer after escalation: the bureau then decides.
  respond: ['issued', 'escalated'],
  close: ['draft', 'issued', 'responded', 'escalated'],
}

/** The status after `step`, or OVERSIGHT_NOTICE_STATE when the notice is not in a state that allows it. */
export function nextStatus(status: string, step: 'issue' | 'respond' | 'close'): NoticeStatus {
  if (!NEXT[step].includes(status)) {
    throw new AppError('OVERSIGHT_NOTICE_STATE', { status, step })
  }
  return step === 'issue' ? 'issued' : step === 'respond' ? 'responded' : 'closed'
}

/** Days of history behind the anomaly baseline (the 24 hours under test excluded). */
export const BASELINE_DAYS = 14
/** A burst must be this many times the daily mean… */
export const ANOMALY_FACTOR = 3
/** …and at least this many reads above it, so a department reading 2 a day is not flagged at 7. */
export const ANOMALY_MARGIN = 100

/**
 * Art. 31 anomaly rule: the last 24 hours' reads are an anomaly when they exceed
 * max(3 × mean, mean + 100), the mean being the daily average over the previous 14 days.
 */
export function anomalyThreshold(baselineTotal: number): { mean: number; threshold: number } {
  const mean = baselineTotal / BASELINE_DAYS
  return { mean, threshold: Math.max(ANOMALY_FACTOR * mean, mean + ANOMALY_MARGIN) }
}

export function isAnomalous(observed: number, baselineTotal: number): boolean {
  return observed > anomalyThreshold(baselineTotal).threshold
}

/** Incident routes → the roles whose users are told; the cyberspace office and police are security_officer accounts. */
export function rolesForRoutes(
  routes: readonly IncidentRoute[],
): Array<'bureau_reviewer' | 'platform_admin' | 'security_officer'> {
  const roles = new Set<'bureau_reviewer' | 'platform_admin' | 'security_officer'>()
  for (const route of routes) {
    if (route === 'bureau') {
      roles.add('bureau_reviewer')
      roles.add('platform_admin')
    } else {
      roles.add('security_officer')
    }
  }
  return [...roles]
}

/**
 * Issue 13, Art. 31 reporting clock: hours from recording to the report to the cyberspace office
 * and police — 1 for high (特别重大/重大), 4 for medium (较大), 24 for low (一般), after the
 * national incident-reporting measures (网络安全事件报告管理办法).
 */
export const INCIDENT_REPORT_HOURS: Readonly<Record<string, number>> = { high: 1, medium: 4, low: 24 }

export function incidentReportDue(severity: string, recordedAt: Date): string {
  const hours = INCIDENT_REPORT_HOURS[severity] ?? 24
  return new Date(recordedAt.getTime() + hours * 3_600_000).toISOString()
}

/** An open incident whose clock has run out. */
export function isIncidentOverdue(status: string, dueAt: string | null, now: Date): boolean {
  return status === 'open' && dueAt !== null && dueAt < now.toISOString()
}
