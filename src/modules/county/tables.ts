/** County platform migration (Art. 21): runs with their progress, and what each county code became. */
export interface CountyTables {
  /** One row per real run; an interrupted run is resumed from `cursor` with the same export. */
  county_migration_runs: {
    id: string
    county_code: string
    /** SM3 of the export as read (canonical JSON): a resume must read the same export. */
    export_digest: string
    /** running | done */
    status: string
    /** Batches committed, each in its own transaction with this row's update. */
    cursor: number
    batches: number
    /** JSON {entity: {action: count}}: what the committed batches did. */
    counts: string
    /** JSON: the same counts as the plan predicted when the run started. */
    planned: string
    started_by: string
    started_at: string
    updated_at: string
    finished_at: string | null
  }
  /** A county's resource code → the resource it became here: the natural key of a second run. */
  county_migration_keys: {
    county_code: string
    kind: string
    source_key: string
    target_id: string
    created_at: string
  }
  /** An export uploaded over HTTP (decisions §59): id = the SM3 of the export as read, as runs name it. */
  county_uploads: {
    id: string
    county_code: string
    county_name: string
    /** SM3 of the dry run's report: apply refuses when planning again gives another. */
    plan_digest: string
    /** JSON counts of the dry run. */
    planned: string
    files: number
    bytes: number
    uploaded_by: string
    uploaded_at: string
    /** Set once applied: the run (null when there was nothing to do) and its JSON counts. */
    run_id: string | null
    result: string | null
    applied_by: string | null
    applied_at: string | null
  }
  /** The uploaded files (base64), read again by apply so that it runs what the dry run read. */
  county_upload_files: {
    upload_id: string
    name: string
    content: string
  }
}
