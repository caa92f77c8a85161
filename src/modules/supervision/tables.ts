import type { Generated } from 'kysely'

/** Art. 39 annual reports. Times are ISO UTC text, dates YYYY-MM-DD (Asia/Shanghai), booleans 0/1. */
export interface SupervisionTables {
  annual_reports: {
    id: string
    year: number
    /** department | city */
    kind: string
    /** null for the city report to the province. */
    department_id: string | null
    /** department_id, or 'city': the one report per scope and year. */
    scope_key: string
    /** JSON: { figures, text } — the generated figures and the department's own words. */
    content: string
    /** draft | submitted */
    status: string
    generated_at: string
    generated_by: string
    submitted_at: string | null
    submitted_by: string | null
    due_date: string
    /** Set at submission: submitted after the due date. */
    late: Generated<number>
    updated_at: string
  }
}
