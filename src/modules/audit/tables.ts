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
  /**
   * Reads committed per meter (a grant) per Asia/Shanghai day, kept by the read log in the commit
   * of the entries it counts: a budget holds across instances and no reply outruns its count.
   */
  audit_read_meters: {
    meter_key: string
    day: string
    units: number
    misses: number
    /** Set when the misses marked the caller as enumerating keys; reads stop for the day. */
    suspended_at: string | null
  }
  /** One row: the chain head. Writers lock it, so one chain however many instances append. */
  audit_head: {
    id: number
    seq: number
    hash: string
  }
  /** Issue 12: a signed checkpoint per tree size (entries 1..tree_size). */
  audit_checkpoints: {
    tree_size: number
    root: string
    head_hash: string
    at: string
    key_id: string
    signature: string
    hash_alg: string
    sig_alg: string
    edge: string
  }
  /** Perfect Merkle subtrees of 2^level leaves (level ≥ 8), the idx-th of that size, once complete. */
  audit_merkle_nodes: {
    level: number
    idx: number
    hash: string
  }
  /** Rows found past the chain head, moved out of the log with the evidence (issue 12). */
  audit_quarantine: {
    id: string
    seq: number
    hash: string
    /** The stored row as found, JSON. */
    row: string
    head_seq: number
    head_hash: string
    found_at: string
  }
  /** How far each GOVSHARE_AUDIT_FORWARD target was sent, and who holds the lease to send. */
  audit_forward_cursors: {
    target: string
    seq: number
    holder: string
    lease_until: string
  }
}
