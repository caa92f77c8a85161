/**
 * Art. 20, 33: records of the resources that cross to the external instance, one bundle entry per
 * resource. The values are SM4-sealed under a transfer key both instances hold (never plaintext on
 * the gateway, never under a data key of the internal instance); the external instance unseals
 * them and loads them through its own ingest as the provider, so they are re-encrypted under its
 * keys, hashed under its index key and logged as ingests; a record already held is `unchanged`.
 */
import type { Actor } from '../../../shared/actor.js'
import { AppError } from '../../../shared/errors.js'
import { decryptField, encryptField, FIELD_ALGORITHM, type FieldKeys } from '../../../shared/field-crypto.js'
import { publishedResource } from '../../catalog/index.js'
import { departmentActor } from '../../org/index.js'
import type { BundleEntry, SealedEntry } from '../../zones/index.js'
import { decodeData } from '../codec.js'
import type { ExchangeDeps } from '../deps.js'
import type { createIngest } from '../ingest/service.js'
import { keyReader, type RecordData } from '../rules.js'
import { recordsArrivedSince } from './repo.js'

interface CrossingRecord {
  data: RecordData
  sourceChangedAt: string
  deleted: boolean
}

export interface RecordCounts {
  inserted: number
  updated: number
  unchanged: number
  deleted: number
}

/** What the records entries need of the ingest (the same checks and log as a provider's batch). */
export interface IngestPort {
  ingest: ReturnType<typeof createIngest>['ingest']
  deleteRecords: ReturnType<typeof createIngest>['deleteRecords']
}

export function createZoneRecords(deps: ExchangeDeps, ingest: IngestPort) {
  const { db, keys } = deps

  /** One entry per resource with records arrived after `since`; the cursor is the last arrival. */
  async function recordEntries(
    resourceIds: readonly string[],
    since: string | null,
    transfer: FieldKeys,
  ): Promise<{ entries: BundleEntry[]; cursor: string | null }> {
    const entries: BundleEntry[] = []
    let cursor: string | null = null
    for (const resourceId of resourceIds) {
      const rows = await recordsArrivedSince(db, resourceId, since)
      if (rows.length === 0) {
        continue
      }
      const records: CrossingRecord[] = rows.map((row) => ({
        data: decodeData(keys, row.data),
        sourceChangedAt: row.source_changed_at,
        deleted: row.deleted === 1,
      }))
      // Rows come oldest arrival first: the last one is this resource's latest.
      const last = rows[rows.length - 1]?.arrived_at ?? ''
      cursor = [cursor ?? '', last].sort().at(-1) || null
      entries.push({
        kind: 'records',
        id: resourceId,
        content: {
          algorithm: FIELD_ALGORITHM,
          count: records.length,
          sealed: encryptField(transfer, JSON.stringify(records)),
        },
      })
    }
    return { entries, cursor }
  }

  /**
   * Loads verified `records` entries (after their catalog entries were applied). Throws
   * ZONE_BUNDLE_INVALID when a seal does not open, ZONE_BUNDLE_CONFLICT for a resource not
   * published here; the ingest's own refusals (ZONE_FORBIDDEN, invalid records) pass through.
   */
  async function applyRecordEntries(
    entries: readonly SealedEntry[],
    transfer: FieldKeys,
  ): Promise<RecordCounts> {
    const counts: RecordCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 }
    for (const entry of entries.filter((e) => e.kind === 'records')) {
      const resource = await publishedResource(db, entry.id)
      if (!resource) {
        throw new AppError('ZONE_BUNDLE_CONFLICT', {
          resourceId: entry.id,
          reason: 'records of a resource not published here',
        })
      }
      const records = unseal(entry, transfer)
      const actor: Actor = await departmentActor(db, resource.providerId, ['cataloger'], 'zone import')
      const bySourceTime = new Map<string, RecordData[]>()
      for (const record of records.filter((r) => !r.deleted)) {
        bySourceTime.set(record.sourceChangedAt, [
          ...(bySourceTime.get(record.sourceChangedAt) ?? []),
          record.data,
        ])
      }
      for (const [sourceChangedAt, batch] of bySourceTime) {
        const result = await ingest.ingest(actor, entry.id, {
          records: batch,
          sourceChangedAt,
          mode: 'replace',
        })
        counts.inserted += result.inserted
        counts.updated += result.updated
        counts.unchanged += result.unchanged
      }
      const keyOf = keyReader(resource.items)
      const gone = records.filter((r) => r.deleted).map((r) => keyOf(r.data))
      if (gone.length > 0) {
        counts.deleted += (await ingest.deleteRecords(actor, entry.id, gone)).deleted
      }
    }
    return counts
  }

  /** Throws ZONE_BUNDLE_INVALID unless every records entry opens with the transfer key (checked before anything is written). */
  function checkSeals(entries: readonly SealedEntry[], transfer: FieldKeys): void {
    for (const entry of entries.filter((e) => e.kind === 'records')) {
      unseal(entry, transfer)
    }
  }

  return { recordEntries, applyRecordEntries, checkSeals }
}

function unseal(entry: SealedEntry, transfer: FieldKeys): CrossingRecord[] {
  try {
    return JSON.parse(decryptField(transfer, String(entry.content.sealed))) as CrossingRecord[] // sealed by recordEntries
  } catch {
    throw new AppError('ZONE_BUNDLE_INVALID', {
      reason: `records of ${entry.id} do not unseal with the transfer key`,
    })
  }
}
