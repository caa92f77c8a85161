/** Signed checkpoints of the audit log (issue 12): how often, signed with which key, sent where. */
export interface AuditSettings {
  /** A checkpoint once this many entries follow the last one… */
  checkpointEntries: number
  /** …or once this many minutes passed with any entry after it. */
  checkpointMinutes: number
  /** Hex SM2 private key; unset on SQLite: DATA_DIR/audit-signing.key. */
  signingKey: string | undefined
  /** Hex public keys of retired signing keys: their checkpoints still verify (rotation). */
  oldPublicKeys: string[]
  /** Witnesses the platform POSTs each new checkpoint to (JSON). */
  witnessUrls: string[]
  /**
   * SQLite: where the read log's group commit runs (issue 17): on the main thread, one commit per
   * turn of the event loop, or in a worker thread (decisions §23). Unset: the main thread.
   */
  readLogThread?: 'main' | 'worker'
}

export const AUDIT_DEFAULTS: AuditSettings = {
  checkpointEntries: 1000,
  checkpointMinutes: 10,
  signingKey: undefined,
  oldPublicKeys: [],
  witnessUrls: [],
}
