/** Sharing requests, decisions, disputes and grants (Art. 12, 24, 25, 32). */
export interface SharingTables {
  sharing_requests: {
    id: string
    resource_id: string
    consumer_id: string
    requester_type: string
    requester_id: string | null
    requester_name: string
    /** JSON array of the item names asked for. */
    items: string
    purpose: string
    basis: string | null
    valid_to: string | null
    /** pending | overdue | granted | rejected | disputed */
    status: string
    due_date: string | null
    due_provisional: number
    renewal_of: string | null
    grant_id: string | null
    /** The access mode asked for (verify | lookup | bulk); null on requests made before modes. */
    access_mode: string | null
    created_at: string
    updated_at: string
  }
  /** One row per request: the primary key makes a second decision impossible, not just unlikely. */
  sharing_decisions: {
    request_id: string
    decision: string
    items: string | null
    reason: string | null
    plain: number
    decided_by: string | null
    decided_by_name: string
    decided_at: string
    late: number
  }
  sharing_disputes: {
    id: string
    request_id: string
    reason: string
    raised_by: string
    raised_at: string
    status: string
    resolution: string | null
    resolution_items: string | null
    resolution_reason: string | null
    resolved_by: string | null
    resolved_at: string | null
  }
  grants: {
    id: string
    resource_id: string
    consumer_id: string
    request_id: string
    purpose: string
    valid_to: string | null
    /** 1 when the approver allowed plain (unmasked) personal values. */
    plain: number
    /** verify | lookup | bulk: how the grant may be used (Art. 32: the least data the purpose needs). */
    access_mode: string
    /** Why bulk was granted on a resource with personal items. */
    mode_reason: string | null
    /** Reads a day; null: the resource's default (exchange settings). */
    daily_budget: number | null
    /** JSON {"item","values"}: only rows whose item holds one of the values are served. */
    row_scope: string | null
    /** live | revoked */
    status: string
    revoked_at: string | null
    revoked_by: string | null
    revoke_reason: string | null
    created_at: string
    updated_at: string
  }
  grant_items: {
    grant_id: string
    item_code: string
    item_name: string
  }
}

/** Grants and their items decide who reads what: changes to these rows move the access epoch (triggers), so cached access answers are dropped (§37). */
export const SHARING_ACCESS_TABLES = ['grants', 'grant_items'] as const
