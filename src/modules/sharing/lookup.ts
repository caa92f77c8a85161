/** Read-only sharing facts other modules need, so that none names sharing's tables (§37). */
import type { Executor } from '../../db/database.js'
import * as repo from './repo.js'
import { isRequestOverdue } from './rules.js'

/** Issue 12: grant or request id → its resource id, batched (the audit search names them by it). */
export async function resourceIdsOf(
  db: Executor,
  ids: { grants: readonly string[]; requests: readonly string[] },
): Promise<Map<string, string>> {
  return new Map((await repo.resourceIdsOf(db, ids)).map((row) => [row.id, row.resource_id]))
}

/** Issue 12: the grants and requests on one resource, so "what happened to it" includes them. */
export function sharingObjectsOf(
  db: Executor,
  resourceId: string,
): Promise<{ grants: string[]; requests: string[] }> {
  return repo.idsOnResource(db, resourceId)
}

export interface OverdueRequest {
  id: string
  status: string
  dueDate: string | null
  consumerId: string
  providerId: string
  resourceName: string
}

/** Art. 25, 40: requests overdue on `today` (isRequestOverdue), for breach detection. */
export async function overdueRequests(db: Executor, today: string): Promise<OverdueRequest[]> {
  return (await repo.unansweredRequests(db, today))
    .filter((q) => isRequestOverdue(q.status, q.due_date, today))
    .map((q) => ({
      id: q.id,
      status: q.status,
      dueDate: q.due_date,
      consumerId: q.consumer_id,
      providerId: q.provider_id,
      resourceName: q.resource_name,
    }))
}

/** Grants live on `today`, counted (the supervision dashboard). */
export function countLiveGrants(db: Executor, today: string): Promise<number> {
  return repo.countLiveGrants(db, today)
}

export interface ReceivedRequest {
  providerId: string
  createdAt: string
  dueDate: string
  decidedAt: string | null
  late: boolean
}

/** Art. 25, 35: conditional requests received in [start, end), with their answer if any. */
export async function requestsReceived(db: Executor, start: string, end: string): Promise<ReceivedRequest[]> {
  return (await repo.requestsCreatedBetween(db, start, end)).map((row) => ({
    providerId: row.provider_id,
    createdAt: row.created_at,
    dueDate: row.due_date ?? '',
    decidedAt: row.decided_at,
    late: Number(row.late ?? 0) === 1,
  }))
}

/** Federation (§52): where a request stands, for the platform that forwarded it. */
export async function requestOutcome(
  db: Executor,
  id: string,
): Promise<{ status: string; grantId: string | null; items: string[] } | undefined> {
  const row = await repo.findRequest(db, id)
  return row && { status: row.status, grantId: row.grant_id, items: JSON.parse(row.items) as string[] }
}
