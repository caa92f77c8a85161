/** Providers load their data (Art. 9, 18): batch upsert by key, all or nothing, logged. */
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import { authorize } from '../../shared/policy.js'
import { publishedResource, resourceBasics } from '../catalog/index.js'
import { departmentInfo } from '../org/index.js'
import { decodeData, encodeData, keyHashOf, maskedKey } from './codec.js'
import type { ExchangeDeps } from './deps.js'
import { arrivalLag } from './freshness.js'
import * as repo from './repo.js'
import { keyOf, type RecordData, validateRecord } from './rules.js'

export interface IngestResult {
  inserted: number
  updated: number
  unchanged: number
}

export function createIngest(deps: ExchangeDeps) {
  const { db, clock, audit, keys, zone, workingDays } = deps

  /** The published resource the actor may load data into. */
  async function resourceForProvider(actor: Actor, resourceId: string) {
    const basics = await resourceBasics(db, resourceId)
    if (!basics) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id: resourceId })
    }
    authorize(actor, 'exchange.ingest', (await departmentInfo(db, basics.providerId))?.path)
    const resource = await publishedResource(db, resourceId)
    if (!resource) {
      throw new AppError('EXCHANGE_RESOURCE_NOT_PUBLISHED', { id: resourceId })
    }
    if (resource.zone === 'internal' && zone !== 'internal') {
      throw new AppError('ZONE_FORBIDDEN', { resourceId })
    }
    return resource
  }

  /**
   * Upserts a batch by the key item(s). Every record is checked first; one bad record stores
   * nothing (EXCHANGE_INVALID_RECORD with its index and item). Throws FORBIDDEN,
   * CATALOG_RESOURCE_NOT_FOUND, EXCHANGE_RESOURCE_NOT_PUBLISHED, ZONE_FORBIDDEN.
   */
  async function ingest(
    actor: Actor,
    resourceId: string,
    body: { records: Array<Record<string, unknown>>; sourceChangedAt?: string },
  ): Promise<IngestResult> {
    const resource = await resourceForProvider(actor, resourceId)
    const checked = body.records.map((record, index) => validateRecord(resource.items, record, index))
    const byKey = new Map<string, { index: number; data: RecordData }>()
    for (const [index, data] of checked.entries()) {
      const key = keyOf(resource.items, data)
      if (byKey.has(key)) {
        const keyItem = resource.items.find((item) => item.key)?.name ?? 'key'
        throw new AppError('EXCHANGE_INVALID_RECORD', {
          index,
          item: keyItem,
          reason: 'the same key twice in one batch',
        })
      }
      byKey.set(key, { index, data })
    }
    const now = clock.now().toISOString()
    const sourceChangedAt = body.sourceChangedAt ? new Date(body.sourceChangedAt).toISOString() : now
    // One source change time per batch, so one lag (Art. 18), counted before the transaction opens.
    const lagDays = await arrivalLag(workingDays, sourceChangedAt, now)
    const hashed = [...byKey.entries()].map(([key, value]) => ({ key, hash: keyHashOf(keys, key), ...value }))
    return inTransaction(db, async (trx) => {
      const existing = new Map(
        (
          await repo.recordsByKeys(
            trx,
            resourceId,
            hashed.map((h) => h.hash),
          )
        ).map((row) => [row.key_hash, row]),
      )
      const fresh: repo.RecordRow[] = []
      const result: IngestResult = { inserted: 0, updated: 0, unchanged: 0 }
      for (const record of hashed) {
        const previous = existing.get(record.hash)
        const row: repo.RecordRow = {
          resource_id: resourceId,
          key_hash: record.hash,
          data: encodeData(keys, resource.items, record.data),
          source_changed_at: sourceChangedAt,
          arrived_at: now,
          version: (previous?.version ?? 0) + 1,
          deleted: 0,
          lag_days: lagDays,
        }
        if (!previous) {
          fresh.push(row)
          result.inserted += 1
        } else if (
          previous.deleted === 0 &&
          JSON.stringify(decodeData(keys, previous.data)) === JSON.stringify(record.data)
        ) {
          result.unchanged += 1
        } else {
          await repo.replaceRecord(trx, previous, row, now)
          result.updated += 1
        }
      }
      await repo.insertRecords(trx, fresh)
      await audit.append(trx, actor, {
        action: 'exchange.ingest',
        objectType: 'resource',
        objectId: resourceId,
        details: { ...result, records: hashed.length, sourceChangedAt },
      })
      return result
    })
  }

  /** Deletes records by key (kept in history). Unknown keys are reported, not an error. */
  async function deleteRecords(actor: Actor, resourceId: string, keyValues: readonly string[]) {
    const resource = await resourceForProvider(actor, resourceId)
    const now = clock.now().toISOString()
    return inTransaction(db, async (trx) => {
      const hashes = new Map(keyValues.map((key) => [keyHashOf(keys, key), key]))
      const rows = await repo.recordsByKeys(trx, resourceId, [...hashes.keys()])
      let deleted = 0
      for (const row of rows.filter((r) => r.deleted === 0)) {
        await repo.replaceRecord(
          trx,
          row,
          {
            ...row,
            version: row.version + 1,
            deleted: 1,
            arrived_at: now,
            source_changed_at: now,
            lag_days: 0,
          },
          now,
        )
        deleted += 1
      }
      const found = new Set(rows.filter((r) => r.deleted === 0).map((r) => r.key_hash))
      const missing = [...hashes.entries()]
        .filter(([hash]) => !found.has(hash))
        .map(([, key]) => maskedKey(resource.items, key))
      await audit.append(trx, actor, {
        action: 'exchange.delete',
        objectType: 'resource',
        objectId: resourceId,
        details: { deleted, missing: missing.length },
      })
      return { deleted, missing }
    })
  }

  return { ingest, deleteRecords, resourceForProvider }
}
