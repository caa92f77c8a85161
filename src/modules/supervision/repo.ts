/**
 * Supervision's own shapes. Statistics and evaluation read: the audit log's counts are asked of
 * audit (deps.auditFacts), every other module's facts come through its index (catalog, sharing,
 * exchange, quality, org). The only table written is annual_reports (reports/repo.ts).
 */

export interface Range {
  /** Inclusive ISO UTC instant. */
  start: string
  /** Exclusive ISO UTC instant. */
  end: string
}
