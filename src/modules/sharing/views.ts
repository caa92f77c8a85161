import { type AccessMode, isAccessMode, parseRowScope } from './access.js'
import type * as repo from './repo.js'
import { grantStatus } from './rules.js'
import type { GrantView, RequestView } from './schema.js'

export function parseNames(json: string | null): string[] {
  return json === null ? [] : (JSON.parse(json) as string[]) // written only as JSON arrays of names
}

export function toRequestView(
  row: repo.RequestRow & { resource_name: string; provider_id: string },
  decision: repo.DecisionRow | undefined,
  dispute: repo.DisputeRow | undefined,
): RequestView {
  return {
    id: row.id,
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    providerId: row.provider_id,
    consumerId: row.consumer_id,
    requester: row.requester_name,
    items: parseNames(row.items),
    purpose: row.purpose,
    basis: row.basis,
    validTo: row.valid_to,
    status: row.status,
    dueDate: row.due_date,
    dueDateProvisional: row.due_provisional === 1,
    grantId: row.grant_id,
    renewalOf: row.renewal_of,
    accessMode: row.access_mode,
    decision: decision
      ? {
          decision: decision.decision,
          items: decision.items === null ? null : parseNames(decision.items),
          reason: decision.reason,
          decidedAt: decision.decided_at,
          late: decision.late === 1,
          decidedBy: decision.decided_by_name,
        }
      : null,
    dispute: dispute
      ? {
          id: dispute.id,
          reason: dispute.reason,
          status: dispute.status,
          resolution: dispute.resolution,
          resolutionReason: dispute.resolution_reason,
        }
      : null,
    createdAt: row.created_at,
  }
}

export function toGrantView(
  row: repo.GrantRow & { resource_name: string; provider_id: string },
  items: ReadonlyArray<{ name: string }>,
  today: string,
): GrantView {
  return {
    id: row.id,
    resourceId: row.resource_id,
    resourceName: row.resource_name,
    providerId: row.provider_id,
    consumerId: row.consumer_id,
    requestId: row.request_id,
    items: items.map((item) => item.name),
    purpose: row.purpose,
    validTo: row.valid_to,
    plain: row.plain === 1,
    accessMode: accessModeOf(row),
    modeReason: row.mode_reason,
    dailyBudget: row.daily_budget === null ? null : Number(row.daily_budget),
    rowScope: parseRowScope(row.row_scope),
    status: grantStatus({ status: row.status, validTo: row.valid_to }, today),
    revokeReason: row.revoke_reason,
    createdAt: row.created_at,
  }
}

/** A stored mode is always one of the three (a check at every write); lookup if ever not. */
export function accessModeOf(row: { access_mode: string }): AccessMode {
  return isAccessMode(row.access_mode) ? row.access_mode : 'lookup'
}
