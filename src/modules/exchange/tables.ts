import type { Generated } from 'kysely'

/** The exchange store (Art. 9, 18): one table for every resource's records, keyed by a keyed hash. */
export interface ExchangeTables {
  records: {
    resource_id: string
    /** HMAC-SM3 of the key value(s): lookups work although key items may be encrypted. */
    key_hash: string
    /** JSON object item name → value; personal values sealed together in one SM4 envelope under the key "" (codec.ts). */
    data: string
    source_changed_at: string
    arrived_at: string
    version: number
    deleted: number
    /** Working days from the source change to arrival (Art. 18); null if stored before it was kept. */
    lag_days: number | null
    /** 1 when the provider gave sourceChangedAt; 0 when it was left out and the arrival time stands in (Art. 18). */
    change_time_declared: Generated<number>
  }
  /** Per-resource exchange settings set by the provider (issue 11). */
  exchange_settings: {
    resource_id: string
    /** Default reads a day for a grant on the resource. */
    daily_budget: number
    /** 1: reads of personal items must name the case they serve (caseRef). */
    case_ref_required: number
    updated_at: string
    updated_by: string
  }
  /** Earlier values, so a consumer can ask for a record as of a date. */
  record_history: {
    resource_id: string
    key_hash: string
    version: number
    data: string
    source_changed_at: string
    arrived_at: string
    deleted: number
    replaced_at: string
    lag_days: number | null
    change_time_declared: Generated<number>
  }
}

/** A resource's exchange settings (access modes, budget) decide how it is read: changes to these rows move the access epoch (triggers), so cached access answers are dropped (§37). */
export const EXCHANGE_ACCESS_TABLES = ['exchange_settings'] as const
