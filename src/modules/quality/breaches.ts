/** Art. 17, 26 facts for supervision (Art. 35, 40): late objections, stale disagreements, objections raised. */
import type { Executor } from '../../db/database.js'
import * as repo from './repo.js'

export interface LateObjection {
  id: string
  resourceId: string
  providerId: string
  consumerId: string
  dueDate: string
  /** null: still unanswered, past its due date. */
  answeredAt: string | null
}

/**
 * Objections answered after their due date since `answeredSince` (an ISO instant), and those still
 * open past it on `today` (YYYY-MM-DD, Asia/Shanghai).
 */
export async function lateObjections(
  db: Executor,
  today: string,
  answeredSince: string,
): Promise<LateObjection[]> {
  return (await repo.lateObjections(db, today, answeredSince)).map((row) => ({
    id: row.id,
    resourceId: row.resource_id,
    providerId: row.provider_id,
    consumerId: row.consumer_id,
    dueDate: row.due_date,
    answeredAt: row.answered_at,
  }))
}

export interface StaleDisagreements {
  checkId: string
  checkName: string
  departmentId: string
  /** When the earliest run that found one of them started (ISO instant). */
  firstFound: string
  open: number
}

/** Art. 17: open disagreements found by runs started before `before`, per check and routed department. */
export async function staleDisagreements(db: Executor, before: string): Promise<StaleDisagreements[]> {
  return (await repo.staleDisagreements(db, before)).map((row) => ({
    checkId: row.check_id,
    checkName: row.check_name,
    departmentId: row.department_id,
    firstFound: String(row.first_found),
    open: row.n,
  }))
}

/** Art. 26, 35: objections raised in [start, end): their provider, due date and answer time. */
export async function objectionsRaised(
  db: Executor,
  start: string,
  end: string,
): Promise<Array<{ providerId: string; dueDate: string; answeredAt: string | null }>> {
  return (await repo.objectionsRaisedBetween(db, start, end)).map((row) => ({
    providerId: row.provider_id,
    dueDate: row.due_date,
    answeredAt: row.answered_at,
  }))
}
