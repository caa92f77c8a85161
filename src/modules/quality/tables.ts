/** Objections to records (Art. 26) and consistency checks between resources (Art. 16-17). */
export interface QualityTables {
  objections: {
    id: string
    resource_id: string
    /** The resource's provider when the objection was raised: who must verify it. */
    provider_id: string
    /** HMAC of the key value, as in `records`: the plain key is never stored. */
    key_hash: string
    masked_key: string
    /** The doubted item, or null for the whole record. */
    item_name: string | null
    /** The consumer department that raised it. */
    consumer_id: string
    raised_by: string
    evidence: string
    /** open | corrected | confirmed */
    status: string
    due_date: string
    due_provisional: number
    /** The record's version when the objection was raised; a correction must come after it. */
    record_version: number
    answered_at: string | null
    answered_by: string | null
    answer: string | null
    late: number
    /** The record version that carried the correction. */
    correction_version: number | null
    created_at: string
  }
  consistency_checks: {
    id: string
    name: string
    left_resource_id: string
    left_key_item: string
    left_item: string
    right_resource_id: string
    right_key_item: string
    right_item: string
    /** left | right: the side whose provider is the one source (Art. 16). */
    authoritative_side: string
    created_by: string
    created_at: string
    active: number
  }
  consistency_runs: {
    id: string
    check_id: string
    started_at: string
    /** Null while running, or when the run died part-way. */
    finished_at: string | null
    compared: number
    disagreements: number
    holder: string
  }
  consistency_disagreements: {
    id: string
    run_id: string
    check_id: string
    masked_key: string
    key_hash_left: string
    left_value_masked: string | null
    right_value_masked: string | null
    routed_to_department_id: string
    /** open | resolved (agrees in a later run) | superseded (a later run found it again) */
    status: string
  }
}

/** Open objections flag the records a read returns (Art. 26): changes to these rows move the access epoch (triggers), so cached access answers are dropped (§37). */
export const QUALITY_ACCESS_TABLES = ['objections'] as const
