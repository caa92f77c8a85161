/** Tables of the sign-in defences (issue 13); times are ISO 8601 UTC strings as elsewhere. */
export interface SecurityTables {
  user_mfa: {
    user_id: string
    /** TOTP secret (base32), SM4-encrypted (src/shared/field-crypto.ts). */
    secret_enc: string
    /** null while enrolment waits for its first code. */
    confirmed_at: string | null
    /** The last TOTP time step accepted: a code of this step or older is a replay. */
    last_step: number | string | null
    created_at: string
  }
  mfa_recovery_codes: {
    user_id: string
    /** SM3 of user id and code: codes are random (50 bits), shown once, used once. */
    code_hash: string
    created_at: string
  }
  api_client_security: {
    api_client_id: string
    /** JSON array of CIDR blocks the client may call from; null = anywhere. */
    allowed_cidrs: string | null
    secret_rotated_at: string | null
  }
  /** Every password set, newest first by created_at: reuse check and the current one's age. */
  password_history: {
    user_id: string
    password_hash: string
    created_at: string
  }
  /** Fixed-window counters shared by every instance (rate limits). */
  rate_counters: {
    key: string
    window_start: string
    count: number
  }
}

/** A second factor and a client's address limits decide sign-in: changes to these rows move the access epoch (triggers), so cached access answers are dropped (§37). */
export const SECURITY_ACCESS_TABLES = ['user_mfa', 'api_client_security'] as const
