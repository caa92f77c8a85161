/** Providers load their data (Art. 9, 18): batch upsert by key, all or nothing, logged. */
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import { AppError } from '../../../shared/errors.js'
import { authorize } from '../../../shared/policy.js'
import { cachedPublishedResource, type PublishedItem, resourceBasics } from '../../catalog/index.js'
import { departmentInfo } from '../../org/index.js'
import { keyHashOf, maskedKey } from '../codec.js'
import type { ExchangeDeps } from '../deps.js'
import { isInTheFuture, MAX_CLOCK_SKEW_MS } from '../freshness/rules.js'
import { arrivalLag } from '../freshness/service.js'
import * as repo from '../repo.js'
import { type IngestMode, keyReader, type RecordData, recordValidator } from '../rules.js'
import { createIngestRepo } from './repo.js'
import { type BatchCounts, writeBatch } from './write.js'

export type IngestResult = BatchCounts

export interface IngestBatch {
  records: Array<Record<string, unknown>>
  /** When the data changed at the source; left out, the batch is marked "change time not declared". */
  sourceChangedAt?: string
  /** `merge` (default): absent items keep their stored values; `replace`: every item is required. */
  mode?: IngestMode
}

export function createIngest(deps: ExchangeDeps) {
  const { db, clock, audit, access, keys, zone, workingDays } = deps
  const bulk = createIngestRepo(deps.native)

  /**
   * The published resource the actor may load data into. Its catalog entry and the provider's
   * department come from the access cache (kept while the access epoch stays the same), so a
   * batch costs one epoch read instead of four lookups.
   */
  async function resourceForProvider(actor: Actor, resourceId: string) {
    const snapshot = await access.snapshot()
    const basics = await snapshot.get(`resource-basics:${resourceId}`, () => resourceBasics(db, resourceId))
    if (!basics) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id: resourceId })
    }
    const provider = await snapshot.get(`department-info:${basics.providerId}`, () =>
      departmentInfo(db, basics.providerId),
    )
    authorize(actor, 'exchange.ingest', provider?.path)
    const resource = await cachedPublishedResource(snapshot, db, resourceId)
    if (!resource) {
      throw new AppError('EXCHANGE_RESOURCE_NOT_PUBLISHED', { id: resourceId })
    }
    const refusedZone = resource.zone === 'internal' ? resource.zone : provider?.zone
    if (refusedZone === 'internal' && zone !== 'internal') {
      // Art. 20, 33: logged like every refusal; the code stays the one ingest always answered.
      await audit.record(actor, {
        action: 'zone.refused',
        objectType: 'resource',
        objectId: resourceId,
        details: { code: 'ZONE_FORBIDDEN', zone: refusedZone, instance: zone },
      })
      throw new AppError('ZONE_FORBIDDEN', { resourceId })
    }
    return resource
  }

  /**
   * Art. 9, 18: upserts a batch by the key item(s), merging into stored records by default (see
   * IngestMode). Every record is checked first; one bad record stores nothing
   * (EXCHANGE_INVALID_RECORD with its index, item and reason). Throws FORBIDDEN,
   * CATALOG_RESOURCE_NOT_FOUND, EXCHANGE_RESOURCE_NOT_PUBLISHED, ZONE_FORBIDDEN,
   * EXCHANGE_SOURCE_TIME_IN_FUTURE.
   */
  async function ingest(actor: Actor, resourceId: string, body: IngestBatch): Promise<IngestResult> {
    const resource = await resourceForProvider(actor, resourceId)
    const now = clock.now().toISOString()
    const declared = body.sourceChangedAt !== undefined
    const sourceChangedAt =
      body.sourceChangedAt === undefined ? now : new Date(body.sourceChangedAt).toISOString()
    if (isInTheFuture(sourceChangedAt, now)) {
      throw new AppError('EXCHANGE_SOURCE_TIME_IN_FUTURE', {
        sourceChangedAt,
        now,
        maxSkewMinutes: MAX_CLOCK_SKEW_MS / 60_000,
      })
    }
    // One source change time per batch, so one lag (Art. 18), counted before the transaction opens.
    // Undeclared, there is no lag to count: the arrival time only stands in for the change time.
    const lagDays = declared ? await arrivalLag(workingDays, sourceChangedAt, now) : null
    const records = checkedBatch(resource.items, body.records, body.mode ?? 'merge')
    const hashes = records.map((record) => keyHashOf(keys, record.key))
    return inTransaction(db, async (trx) => {
      const result = await writeBatch(trx, bulk, keys, {
        resourceId,
        items: resource.items,
        records,
        hashes,
        sourceChangedAt,
        arrivedAt: now,
        lagDays,
        changeTimeDeclared: declared,
      })
      await audit.append(trx, actor, {
        action: 'exchange.ingest',
        objectType: 'resource',
        objectId: resourceId,
        details: {
          ...result,
          records: records.length,
          sourceChangedAt,
          changeTimeDeclared: declared,
          mode: body.mode ?? 'merge',
        },
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
            // A deletion's change time is its arrival: nothing the provider could leave out.
            change_time_declared: 1,
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

/** The batch checked and keyed, in order; one bad record or a key given twice refuses it all. */
function checkedBatch(
  items: readonly PublishedItem[],
  records: ReadonlyArray<Record<string, unknown>>,
  mode: IngestMode,
): Array<{ key: string; data: RecordData }> {
  const validate = recordValidator(items, mode)
  const keyOf = keyReader(items)
  const checked = records.map((record, index) => {
    const data = validate(record, index)
    return { key: keyOf(data), data }
  })
  const seen = new Set<string>()
  for (const [index, { key }] of checked.entries()) {
    if (seen.has(key)) {
      throw new AppError('EXCHANGE_INVALID_RECORD', {
        index,
        item: items.find((item) => item.key)?.name ?? 'key',
        reason: 'the same key twice in one batch',
      })
    }
    seen.add(key)
  }
  return checked
}
