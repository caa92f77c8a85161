export interface JobTables {
  /** One row per scheduled job: whoever holds an unexpired lease runs it, on whatever instance. */
  job_leases: {
    name: string
    holder: string
    expires_at: string
    last_run_at: string | null
  }
}
