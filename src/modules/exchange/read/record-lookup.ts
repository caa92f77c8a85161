/**
 * The one query every read by key runs, prepared once (src/db/committed-read.ts). It sees
 * committed data only: never a batch an ingest transaction has not committed yet. PostgreSQL
 * reads the keys of concurrent lookups together (record-batch-pg.ts).
 */
import { committedRowReader } from '../../../db/committed-read.js'
import type { NativeDb } from '../../../db/connect.js'
import { batchedRecordReader } from './record-batch-pg.js'

/** A record's current row, or one version from its history. */
export interface StoredVersion {
  data: string
  source_changed_at: string
  arrived_at: string
  version: number
  deleted: number
}

export function recordLookup(
  native: NativeDb,
): (resourceId: string, keyHash: string) => Promise<StoredVersion | undefined> {
  if (native.dialect === 'postgres') {
    return batchedRecordReader(native.pool)
  }
  return committedRowReader<[string, string], StoredVersion>(
    native,
    'govshare_exchange_record',
    'select data, source_changed_at, arrived_at, version, deleted from records where resource_id = ? and key_hash = ?',
  )
}
