export interface AuditTables {
  audit_entries: {
    seq: number
    at: string
    actor_type: string
    actor_id: string | null
    actor_name: string | null
    department_id: string | null
    action: string
    object_type: string | null
    object_id: string | null
    /** Canonical JSON (keys sorted) exactly as hashed. */
    details: string
    prev_hash: string
    hash: string
    alg: string
  }
  /** One row: the chain head. Writers lock it, so one chain however many instances append. */
  audit_head: {
    id: number
    seq: number
    hash: string
  }
}
