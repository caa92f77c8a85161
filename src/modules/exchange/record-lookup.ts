/**
 * The one query every read by key runs, as a prepared statement on the driver (no query building
 * per request). On SQLite it runs on the read-only connection, which sees committed data only:
 * never a batch an ingest transaction has not committed yet.
 */
import type { NativeDb } from '../../db/connect.js'

/** A record's current row, or one version from its history. */
export interface StoredVersion {
  data: string
  source_changed_at: string
  arrived_at: string
  version: number
  deleted: number
}

const COLUMNS = 'data, source_changed_at, arrived_at, version, deleted'

export function recordLookup(
  native: NativeDb,
): (resourceId: string, keyHash: string) => Promise<StoredVersion | undefined> {
  if (native.dialect === 'sqlite') {
    const statement = native.reader.prepare<[string, string], StoredVersion>(
      `select ${COLUMNS} from records where resource_id = ? and key_hash = ?`,
    )
    return async (resourceId, keyHash) => statement.get(resourceId, keyHash)
  }
  const { pool } = native
  return async (resourceId, keyHash) => {
    const result = await pool.query<StoredVersion>({
      name: 'govshare_exchange_record',
      text: `select ${COLUMNS} from records where resource_id = $1 and key_hash = $2`,
      values: [resourceId, keyHash],
    })
    return result.rows[0]
  }
}
