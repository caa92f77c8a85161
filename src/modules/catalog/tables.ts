import type { Generated } from 'kysely'
import type { DataType, OpenType, Sensitivity, Zone } from './vocabulary.js'

/** The resource catalog (Art. 10-19). Times are ISO UTC text, dates YYYY-MM-DD, booleans 0/1. */
export interface CatalogTables {
  /** One row per resource; the published version's searchable fields are copied here. */
  resources: {
    id: string
    code: string
    provider_id: string
    /** Status of the latest version: draft | submitted | returned | published | withdrawn. */
    status: string
    latest_version: number
    published_version: number | null
    name: string
    summary: string
    category: string
    theme: string | null
    class_code: string
    share_type: string
    format: string
    update_cycle: string
    zone: Zone
    /** Art. 23: the open type of what the row mirrors (migration 202612060050), for the open catalog. */
    open_type: Generated<OpenType>
    published_at: string | null
    confirmed_at: string | null
    withdrawn_reason: string | null
    created_at: string
    updated_at: string
  }
  /** Every version is kept (Art. 19): its metadata as JSON, its review trail. */
  resource_versions: {
    resource_id: string
    version: number
    status: string
    metadata: string
    created_by: string | null
    created_at: string
    submitted_at: string | null
    reviewed_at: string | null
    reviewed_by: string | null
    review_comment: string | null
  }
  items: {
    id: string
    resource_id: string
    version: number
    position: number
    code: string
    name: string
    data_type: DataType
    length: number | null
    is_key: number
    sensitivity: Sensitivity
    description: string | null
    authoritative_item_code: string | null
    /** Art. 16: its data element (given or inferred from the name, elements/resolve.ts). */
    element_code: string | null
  }
  /** Bureau-managed 类/项/目/细目 tree; resource codes are `classCode/sequence`. */
  catalog_classes: {
    code: string
    name: string
    parent_code: string | null
    level: string
    created_at: string
    /** The department a 项 under 3 belongs to (one each); null for every other node. */
    department_id: string | null
  }
  /** Next sequence per class code: codes are never reused, even for withdrawn resources. */
  catalog_code_counters: {
    class_code: string
    last_seq: number
  }
  /** Art. 11: the lead department the bureau assigned to a base or theme topic. */
  catalog_leads: {
    category: string
    theme: string
    department_id: string
    created_at: string
  }
  /** Art. 16: one data, one source — the item the bureau marked authoritative for a standard name. */
  authoritative_items: {
    standard_name: string
    /** Item codes are stable across versions; item ids are per version. */
    item_code: string
    resource_id: string
    department_id: string
    created_at: string
    /** The data element it is the source of; one department per element (elements/sources.ts). */
    element_code: string | null
  }
  /** Art. 14, 15, 19 deadlines, counted in working days. */
  catalog_deadlines: {
    id: string
    resource_id: string
    department_id: string
    kind: string
    opened_on: string
    due_date: string
    provisional: number
    met_at: string | null
    late: Generated<number>
    note: string | null
    created_at: string
  }
  /** Art. 36-37: an IT project and the resources it must catalog before approval and publish before acceptance. */
  it_projects: {
    id: string
    name: string
    department_id: string
    status: string
    approved_at: string | null
    accepted_at: string | null
    created_at: string
  }
  it_project_resources: {
    project_id: string
    resource_id: string
  }
}

/** Published resources and their items decide what a read serves: changes to these rows move the access epoch (triggers), so cached access answers are dropped (§37). */
export const CATALOG_ACCESS_TABLES = ['resources', 'resource_versions', 'items'] as const
