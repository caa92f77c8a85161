/**
 * Writes one checked batch inside the ingest transaction: finds what is stored, counts the
 * unchanged records, encrypts and stores the rest, in chunks. A chunk's statement is queued as
 * soon as it is ready (the transaction runs them one after the other), so on PostgreSQL the server
 * stores one chunk while this process encrypts the next.
 */
import { setImmediate as ioTurn } from 'node:timers/promises'
import type { Trx } from '../../../db/database.js'
import type { FieldKeys } from '../../../shared/field-crypto.js'
import type { PublishedItem } from '../../catalog/index.js'
import { decodeData, encodeRecords, holdsSameData } from '../codec.js'
import type { RecordRow } from '../repo.js'
import { mergedRecord, type RecordData } from '../rules.js'
import type { IngestRepo, Replacement } from './repo.js'

export interface BatchCounts {
  inserted: number
  updated: number
  unchanged: number
}

export interface CheckedBatch {
  resourceId: string
  items: readonly PublishedItem[]
  /** Validated records; in merge mode only the items each one names (the others keep their stored value). */
  records: ReadonlyArray<{ data: RecordData }>
  /** The keyed hash of each record's key, in the same order. */
  hashes: readonly string[]
  sourceChangedAt: string
  arrivedAt: string
  lagDays: number | null
  /** False when the provider left sourceChangedAt out and the arrival time stands in (Art. 18). */
  changeTimeDeclared: boolean
}

const CHUNK = 250
const PROBE = 16

/**
 * A probe of the batch's first keys picks the plan; both give the same outcome. None stored (new
 * data): every chunk is inserted straight away, a key stored after all is skipped by the insert
 * and then handled like a looked-up one, so a chunk costs one statement instead of two. Some
 * stored (a reload): every chunk is looked up first, so unchanged records cost no encryption.
 */
export async function writeBatch(
  trx: Trx,
  bulk: IngestRepo,
  keys: FieldKeys,
  batch: CheckedBatch,
): Promise<BatchCounts> {
  const writer = new ChunkWriter(trx, bulk, keys, batch)
  try {
    const probe = await bulk.recordsByKeys(trx, batch.resourceId, batch.hashes.slice(0, PROBE))
    await (probe.length > 0 ? writer.lookUpFirst() : writer.insertFirst())
    return writer.counts
  } finally {
    await writer.settled()
  }
}

/** The statements of one batch, queued on its transaction, which runs them in turn. */
class ChunkWriter {
  readonly counts: BatchCounts = { inserted: 0, updated: 0, unchanged: 0 }
  readonly #pending: Array<Promise<unknown>> = []
  readonly #chunks: number[][]

  constructor(
    private readonly trx: Trx,
    private readonly bulk: IngestRepo,
    private readonly keys: FieldKeys,
    private readonly batch: CheckedBatch,
  ) {
    const count = batch.hashes.length
    this.#chunks = Array.from({ length: Math.ceil(count / CHUNK) }, (_, c) =>
      Array.from({ length: Math.min(CHUNK, count - c * CHUNK) }, (_, i) => c * CHUNK + i),
    )
  }

  async lookUpFirst(): Promise<void> {
    const lookups = this.#chunks.map((chunk) => this.#lookUp(chunk))
    for (const [c, chunk] of this.#chunks.entries()) {
      this.#write(chunk, await (lookups[c] ?? this.#lookUp(chunk)))
    }
    await Promise.all(this.#pending)
  }

  async insertFirst(): Promise<void> {
    const inserts = []
    for (const chunk of this.#chunks) {
      // With nothing stored, every record of the chunk is a fresh row, in the same order.
      const rows = rowsToWrite(this.keys, this.batch, chunk, new Map()).fresh
      inserts.push({ chunk, rows, inserted: this.#queue(this.bulk.insertNewRecords(this.trx, rows)) })
      // Lets the statement go out (and the previous answer in) before the next chunk's work.
      await ioTurn()
    }
    const skipped: number[] = []
    for (const { chunk, rows, inserted } of inserts) {
      const added = new Set(await inserted)
      this.counts.inserted += added.size
      for (const [j, row] of rows.entries()) {
        if (!added.has(row.key_hash)) {
          skipped.push(chunk[j] ?? -1)
        }
      }
    }
    if (skipped.length > 0) {
      this.#write(skipped, await this.#lookUp(skipped))
    }
    await Promise.all(this.#pending)
  }

  /** Waits for every queued statement: none may run on when the transaction ends. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.#pending)
  }

  #lookUp(indexes: readonly number[]): Promise<Map<string, RecordRow>> {
    const hashes = indexes.map((i) => this.batch.hashes[i] ?? '')
    return this.#queue(
      this.bulk
        .recordsByKeys(this.trx, this.batch.resourceId, hashes)
        .then((rows) => new Map(rows.map((row) => [row.key_hash, row]))),
    )
  }

  #write(indexes: readonly number[], stored: ReadonlyMap<string, RecordRow>): void {
    const rows = rowsToWrite(this.keys, this.batch, indexes, stored)
    if (rows.fresh.length > 0) {
      this.#queue(this.bulk.insertRecords(this.trx, rows.fresh))
    }
    if (rows.replaced.length > 0) {
      this.#queue(this.bulk.replaceRecords(this.trx, rows.replaced, this.batch.arrivedAt))
    }
    this.counts.inserted += rows.fresh.length
    this.counts.updated += rows.replaced.length
    this.counts.unchanged += rows.unchanged
  }

  /** Queued now, awaited later: a rejection must not count as unhandled in between. */
  #queue<T>(promise: Promise<T>): Promise<T> {
    promise.catch(() => undefined)
    this.#pending.push(promise)
    return promise
  }
}

/** Some records of the batch: the rows to insert, those to replace, how many are unchanged. */
function rowsToWrite(
  keys: FieldKeys,
  batch: CheckedBatch,
  indexes: readonly number[],
  stored: ReadonlyMap<string, RecordRow>,
): { fresh: RecordRow[]; replaced: Replacement[]; unchanged: number } {
  const changed: Array<{ hash: string; data: RecordData; previous: RecordRow | undefined }> = []
  let unchanged = 0
  for (const i of indexes) {
    const hash = batch.hashes[i] ?? ''
    const previous = stored.get(hash)
    // The stored values were read with the chunk's lookup anyway (to find unchanged records): the
    // merge costs no query of its own. A deleted record starts afresh, like a new one.
    const live = previous?.deleted === 0 ? decodeData(keys, previous.data) : undefined
    const data = mergedRecord(batch.items, batch.records[i]?.data ?? {}, live)
    if (live !== undefined && holdsSameData(batch.items, live, data)) {
      unchanged += 1
    } else {
      changed.push({ hash, data, previous })
    }
  }
  const encoded = encodeRecords(
    keys,
    batch.items,
    changed.map((record) => record.data),
  )
  const fresh: RecordRow[] = []
  const replaced: Replacement[] = []
  for (const [i, { hash, previous }] of changed.entries()) {
    const row: RecordRow = {
      resource_id: batch.resourceId,
      key_hash: hash,
      data: encoded[i] ?? '',
      source_changed_at: batch.sourceChangedAt,
      arrived_at: batch.arrivedAt,
      version: (previous?.version ?? 0) + 1,
      deleted: 0,
      lag_days: batch.lagDays,
      change_time_declared: batch.changeTimeDeclared ? 1 : 0,
    }
    if (previous) {
      replaced.push({ previous, next: row })
    } else {
      fresh.push(row)
    }
  }
  return { fresh, replaced, unchanged }
}
