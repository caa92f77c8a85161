export interface NotificationTables {
  /** A user's inbox; each row is one message in both languages. */
  notifications: {
    id: string
    user_id: string
    kind: string
    title_zh: string
    title_en: string
    body_zh: string
    body_en: string
    object_type: string | null
    object_id: string | null
    /** Unique when set: a job can re-run without sending the same message twice. */
    dedupe_key: string | null
    created_at: string
    read_at: string | null
  }
}
