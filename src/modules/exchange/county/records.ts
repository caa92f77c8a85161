/**
 * Art. 21: a county platform's records enter the exchange store. Planning checks every record as
 * ingest does (mode replace: the county's record is the whole record) and compares it with what is
 * stored, so the plan names each record's outcome; applying writes the planned records with the
 * ingest's bulk writer in the caller's transaction and answers its counts, which must be the plan's.
 */
import type { Trx } from '../../../db/database.js'
import { AppError, type ErrorCode } from '../../../shared/errors.js'
import type { PublishedItem } from '../../catalog/index.js'
import { decodeData, holdsSameData, keyHashOf } from '../codec.js'
import type { ExchangeDeps } from '../deps.js'
import type { CellValue } from '../ingest/file-rows.js'
import { createIngestRepo } from '../ingest/repo.js'
import { typedValue } from '../ingest/typed-value.js'
import { type BatchCounts, writeBatch } from '../ingest/write.js'
import * as repo from '../repo.js'
import { keyReader, mergedRecord, type RecordData, recordValidator } from '../rules.js'

export type RecordOutcome =
  | { action: 'create' | 'change' | 'unchanged'; key: string }
  | { action: 'refused'; code: ErrorCode; details?: unknown }

export interface PlannedRecords {
  outcomes: RecordOutcome[]
  /** The records to write, checked, with their keys' hashes (refused ones left out). */
  valid: Array<{ index: number; data: RecordData; hash: string }>
}

export function createCountyRecords(deps: ExchangeDeps) {
  const { db, keys } = deps
  const bulk = createIngestRepo(deps.native)

  /**
   * Each record's outcome against what `resourceId` holds (nothing when the resource is still to be
   * created): refused with EXCHANGE_INVALID_RECORD (its reason) or COUNTY_DUPLICATE_KEY.
   */
  async function planRecords(
    resourceId: string | undefined,
    items: readonly PublishedItem[],
    records: ReadonlyArray<Record<string, unknown>>,
    tabular = false,
  ): Promise<PlannedRecords> {
    const byName = new Map(items.map((item) => [item.name, item]))
    // CSV and Excel cells are typed by their item first, as the file ingest does (typed-value.ts).
    const typed = (record: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(record).map(([name, value]) => {
          const item = byName.get(name)
          return [name, item ? typedValue(item, value as CellValue) : value]
        }),
      )
    const validate = recordValidator(items, 'replace')
    const keyOf = keyReader(items)
    const seen = new Set<string>()
    const checked: Array<{ index: number; data: RecordData; key: string; hash: string }> = []
    const outcomes: RecordOutcome[] = []
    for (const [index, record] of records.entries()) {
      try {
        const data = validate(tabular ? typed(record) : record, index)
        const key = keyOf(data)
        if (seen.has(key)) {
          throw new AppError('COUNTY_DUPLICATE_KEY', { index, kind: 'record' })
        }
        seen.add(key)
        checked.push({ index, data, key, hash: keyHashOf(keys, key) })
        outcomes.push({ action: 'create', key })
      } catch (error) {
        if (!(error instanceof AppError)) {
          throw error
        }
        outcomes.push({ action: 'refused', code: error.code, details: error.details })
      }
    }
    if (resourceId !== undefined && checked.length > 0) {
      const stored = new Map(
        (
          await repo.recordsByKeys(
            db,
            resourceId,
            checked.map((c) => c.hash),
          )
        ).map((row) => [row.key_hash, row]),
      )
      for (const { index, data, key, hash } of checked) {
        const row = stored.get(hash)
        if (row?.deleted === 1) {
          outcomes[index] = { action: 'change', key } // a deleted record is stored again, as a new version
        } else if (row) {
          const live = decodeData(keys, row.data)
          const same = holdsSameData(items, live, mergedRecord(items, data, live))
          outcomes[index] = { action: same ? 'unchanged' : 'change', key }
        }
      }
    }
    return { outcomes, valid: checked.map(({ index, data, hash }) => ({ index, data, hash })) }
  }

  /** Writes the planned records (replace mode) in the caller's transaction; answers the counts. */
  function applyRecords(
    trx: Trx,
    resourceId: string,
    items: readonly PublishedItem[],
    planned: PlannedRecords['valid'],
    times: { sourceChangedAt: string | null; arrivedAt: string },
  ): Promise<BatchCounts> {
    return writeBatch(trx, bulk, keys, {
      resourceId,
      items,
      records: planned.map(({ data }) => ({ data })),
      hashes: planned.map(({ hash }) => hash),
      sourceChangedAt: times.sourceChangedAt ?? times.arrivedAt,
      arrivedAt: times.arrivedAt,
      lagDays: null,
      changeTimeDeclared: times.sourceChangedAt !== null,
    })
  }

  return { planRecords, applyRecords }
}

export type CountyRecords = ReturnType<typeof createCountyRecords>
