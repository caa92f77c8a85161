/**
 * Art. 40 rectification notices, Art. 30-31 security incidents, and the read-volume anomalies the
 * platform flags. Times are ISO UTC text, dates YYYY-MM-DD (Asia/Shanghai).
 */
export interface RectificationTables {
  rectification_notices: {
    id: string
    /** The department that must rectify. */
    department_id: string
    /** catalog_overdue | request_unanswered | data_late | inconsistency | misuse | other */
    kind: string
    /** What the breach was found on (sharing_request, catalog_deadline, consistency_check…); null by hand. */
    source_type: string | null
    source_id: string | null
    /** kind + source: detection raises one notice per breach however often it runs. */
    dedupe_key: string
    /** draft | issued | responded | closed | escalated */
    status: string
    /** JSON object: what was found (due dates, counts, the reporter's words). */
    details: string
    due_date: string | null
    issued_at: string | null
    issued_by: string | null
    response: string | null
    responded_at: string | null
    closed_at: string | null
    escalated_at: string | null
    created_at: string
    created_by: string
  }
  security_incidents: {
    id: string
    reported_by: string
    /** The department whose data or systems were affected, if one. */
    department_id: string | null
    occurred_at: string
    title: string
    description: string
    data_affected: string
    /** low | medium | high */
    severity: string
    /** JSON array of bureau | cyberspace_office | police. */
    routed_to: string
    /** open | closed */
    status: string
    closed_at: string | null
    closed_by: string | null
    created_at: string
    /** Issue 13: when the report to the cyberspace office and police is due (null before the clock existed). */
    report_due_at: string | null
  }
  anomalies: {
    id: string
    department_id: string
    /** The Asia/Shanghai date it was flagged on: one flag per department per day. */
    day: string
    /** 'exchange.read.burst' */
    kind: string
    observed: number
    baseline_mean: number
    threshold: number
    created_at: string
    /** JSON: what was flagged (resource, grant, counts); null for read bursts. */
    details: string | null
  }
}
