/** Calendar dates are 'YYYY-MM-DD' (Asia/Shanghai); times ISO 8601 UTC text (docs/decisions.md 2). */
export interface CalendarTables {
  /** The bureau's own entries: they win over the built-in official data for their date. */
  calendar_overrides: {
    date: string
    /** 'holiday' | 'workday' (a make-up working day, 调休上班). */
    kind: string
    name: string | null
    created_at: string
    /** Username of whoever set it ('system' for the CLI). */
    created_by: string
  }
  /** Years whose official schedule the bureau loaded: for these the built-in data is ignored. */
  calendar_years: {
    year: number
    /** 'api' or 'cli:<file name>'. */
    source: string
    loaded_at: string
    loaded_by: string
  }
}
