/** Art. 26 facts for the Art. 40 detection job (oversight): objections the provider answered late. */
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
