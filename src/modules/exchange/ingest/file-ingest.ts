/**
 * Bulk loading from files (Art. 9, 18): a CSV or .xlsx streamed through the API's batch upsert,
 * batch by batch. Each batch is all or nothing; the first bad record stops the import and the
 * result says how far it got, so it resumes with `skip`. A dry run checks every record, stores none.
 */
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Readable, Transform } from 'node:stream'
import type { Actor } from '../../../shared/actor.js'
import { AppError, isAppError } from '../../../shared/errors.js'
import type { PublishedItem } from '../../catalog/index.js'
import { type IngestMode, keyOf, type RecordData, validateRecord } from '../rules.js'
import { unreadable } from './file-rows.js'
import { type FileFormat, type FileRecord, openRecordFile } from './files.js'
import type { createIngest, IngestResult } from './service.js'

export interface FileProgress {
  bytesRead: number
  totalBytes: number
  /** Records read so far (skipped ones not counted). */
  records: number
  /** Batches stored (checked, in a dry run) and the records in them. */
  batches: number
  stored: number
}

export interface FileImportOptions {
  onProgress?: (progress: FileProgress) => void
  /** Check the whole file, store nothing, report up to MAX_PROBLEMS bad rows. */
  dryRun?: boolean
  /** Data records to pass over first (what a stopped import stored): resumes an import. */
  skip?: number
  /** Records per batch (one transaction each), 1 to 5 000; 1 000 by default. */
  batchSize?: number
  /** When the data changed at the source, for every batch (ISO 8601 with offset). */
  sourceChangedAt?: string
  /** As for the API: `merge` (default) keeps stored values of items without a column; `replace` needs them all. */
  mode?: IngestMode
}

export interface RowProblem {
  /** Row in the file: the sheet row, or the CSV line the record starts on (the header is row 1). */
  row: number
  /** The record's number among the data records (what `skip` counts). */
  record: number
  item: string
  reason: string
}

export interface FileImportResult extends IngestResult {
  dryRun: boolean
  /** True when every record of the file (after `skip`) was stored (or, dry run, is valid). */
  complete: boolean
  read: number
  skipped: number
  batches: number
  stored: number
  /** The `skip` that resumes after what was stored. */
  resumeSkip: number
  /** Bad rows met (a real import stops at the first). */
  badRows: number
  problems: RowProblem[]
  /** Items with no column in the file: kept as stored (merge; null in new records), refused (replace). */
  missingItems: string[]
  seconds: number
}

/** A dry run names at most this many bad rows (and counts them all). */
export const MAX_PROBLEMS = 100
const MAX_BATCH = 5000

type Ingest = ReturnType<typeof createIngest>

export function createFileIngest(ingest: Ingest) {
  /**
   * Loads a .csv (UTF-8) or .xlsx file into a published resource (Art. 9, 18). Throws
   * EXCHANGE_FILE_UNREADABLE, EXCHANGE_FILE_HEADER_INVALID, VALIDATION_FAILED (options) and
   * those of ingest; bad records are not thrown but reported in the result.
   */
  async function importFile(
    actor: Actor,
    resourceId: string,
    file: string,
    options: FileImportOptions = {},
  ): Promise<FileImportResult> {
    const format = formatOf(file)
    await ingest.resourceForProvider(actor, resourceId)
    const { stream, size } = await openFile(file)
    return importStream(actor, resourceId, { stream, size, format }, options)
  }

  /** The same from a byte stream (an HTTP body); `size` may be 0 when unknown. */
  async function importStream(
    actor: Actor,
    resourceId: string,
    source: { stream: Readable; size: number; format: FileFormat },
    options: FileImportOptions = {},
  ): Promise<FileImportResult> {
    const started = performance.now() // elapsed time for the summary, not a domain instant
    const progress: FileProgress = {
      bytesRead: 0,
      totalBytes: source.size,
      records: 0,
      batches: 0,
      stored: 0,
    }
    let settings: { batchSize: number; skip: number }
    let items: PublishedItem[]
    try {
      settings = checkOptions(options)
      items = (await ingest.resourceForProvider(actor, resourceId)).items
    } catch (error) {
      source.stream.destroy()
      throw error
    }
    const { batchSize, skip } = settings
    const input = countBytes(source.stream, (bytes) => {
      progress.bytesRead += bytes
    })
    const file = await openRecordFile(input, source.format, items)
    const result: FileImportResult = {
      dryRun: options.dryRun === true,
      complete: false,
      read: 0,
      skipped: 0,
      batches: 0,
      stored: 0,
      resumeSkip: skip,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      badRows: 0,
      problems: [],
      missingItems: file.missingItems,
      seconds: 0,
    }
    const report = (problems: RowProblem[]) => {
      result.badRows += problems.length
      result.problems.push(...problems.slice(0, MAX_PROBLEMS - result.problems.length))
    }
    let batch: Array<{ record: FileRecord; data: RecordData }> = []
    let batchRows = 0 // bad rows too, so a dry run cuts batches where the real import would
    /** Stores the batch (a dry run only checks it); false when the import must stop. */
    const flush = async (): Promise<boolean> => {
      const entries = batch
      batch = []
      batchRows = 0
      if (entries.length === 0) {
        return true
      }
      const duplicates = duplicateKeys(items, entries)
      report(duplicates)
      if (result.dryRun) {
        result.batches += 1
        return true
      }
      if (duplicates.length > 0) {
        return false
      }
      const stored = await storeBatch(actor, resourceId, entries, options)
      if ('problem' in stored) {
        report([stored.problem])
        return false
      }
      result.inserted += stored.inserted
      result.updated += stored.updated
      result.unchanged += stored.unchanged
      result.stored += entries.length
      result.batches += 1
      return true
    }
    const emit = () => {
      Object.assign(progress, { records: result.read, batches: result.batches, stored: result.stored })
      options.onProgress?.({ ...progress })
    }
    let going = true
    for await (const record of file.records) {
      if (record.ordinal <= skip) {
        result.skipped += 1
        continue
      }
      result.read += 1
      batchRows += 1
      const checked = checkRecord(items, record, options.mode ?? 'merge')
      if ('problem' in checked) {
        report([checked.problem])
        going = result.dryRun
      } else {
        batch.push({ record, data: checked.data })
      }
      if (going && batchRows >= batchSize) {
        going = await flush()
        emit()
      }
      if (!going) {
        break
      }
    }
    if (going) {
      going = await flush()
    }
    result.complete = going && result.badRows === 0
    result.resumeSkip = skip + result.stored
    result.seconds = (performance.now() - started) / 1000
    emit()
    return result
  }

  /** One batch through ingest; a record it refuses comes back as a problem, not an error. */
  async function storeBatch(
    actor: Actor,
    resourceId: string,
    batch: ReadonlyArray<{ record: FileRecord; data: RecordData }>,
    options: Pick<FileImportOptions, 'sourceChangedAt' | 'mode'>,
  ): Promise<IngestResult | { problem: RowProblem }> {
    try {
      return await ingest.ingest(actor, resourceId, {
        records: batch.map((entry) => entry.data),
        sourceChangedAt: options.sourceChangedAt,
        mode: options.mode,
      })
    } catch (error) {
      const refused = refusedRecord(error)
      const entry = refused && batch[refused.index]
      if (!refused || !entry) {
        throw error
      }
      return {
        problem: {
          row: entry.record.row,
          record: entry.record.ordinal,
          item: refused.item,
          reason: refused.reason,
        },
      }
    }
  }

  return { importFile, importStream }
}

function checkOptions(options: FileImportOptions): { batchSize: number; skip: number } {
  const batchSize = options.batchSize ?? 1000
  const skip = options.skip ?? 0
  const wrong = (field: string, reason: string) => new AppError('VALIDATION_FAILED', { field, reason })
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) {
    throw wrong('batchSize', `a whole number from 1 to ${MAX_BATCH}`)
  }
  if (!Number.isSafeInteger(skip) || skip < 0) {
    throw wrong('skip', 'a whole number, 0 or more')
  }
  const at = options.sourceChangedAt
  if (at !== undefined && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(at) || Number.isNaN(Date.parse(at)))) {
    throw wrong('sourceChangedAt', 'an ISO 8601 date-time with offset')
  }
  return { batchSize, skip }
}

/** The record checked exactly as the API checks it, or the problem with its row. */
function checkRecord(
  items: readonly PublishedItem[],
  record: FileRecord,
  mode: IngestMode,
): { data: RecordData } | { problem: RowProblem } {
  const at = { row: record.row, record: record.ordinal }
  if (record.problem) {
    return { problem: { ...at, ...record.problem } }
  }
  try {
    return { data: validateRecord(items, record.values, record.ordinal - 1, mode) }
  } catch (error) {
    const refused = refusedRecord(error)
    if (!refused) {
      throw error
    }
    return { problem: { ...at, item: refused.item, reason: refused.reason } }
  }
}

/**
 * A key twice in one batch is refused, as by the API (which batch wins would be a guess). Across
 * batches the later row updates the earlier: a whole-file key set would not keep memory flat.
 */
function duplicateKeys(
  items: readonly PublishedItem[],
  batch: ReadonlyArray<{ record: FileRecord; data: RecordData }>,
): RowProblem[] {
  const seen = new Map<string, number>()
  const problems: RowProblem[] = []
  const keyItem = items.find((item) => item.key)?.name ?? ''
  for (const { record, data } of batch) {
    const key = keyOf(items, data)
    const first = seen.get(key)
    if (first !== undefined) {
      problems.push({
        row: record.row,
        record: record.ordinal,
        item: keyItem,
        reason: `the same key as row ${first} (a key may appear once per batch)`,
      })
    } else {
      seen.set(key, record.row)
    }
  }
  return problems
}

function refusedRecord(error: unknown): { index: number; item: string; reason: string } | undefined {
  if (!isAppError(error) || error.code !== 'EXCHANGE_INVALID_RECORD') {
    return undefined
  }
  const details: unknown = error.details
  if (typeof details !== 'object' || details === null) {
    return undefined
  }
  const index = 'index' in details ? details.index : undefined
  const item = 'item' in details ? details.item : undefined
  const reason = 'reason' in details ? details.reason : undefined
  return typeof index === 'number' && typeof item === 'string' && typeof reason === 'string'
    ? { index, item, reason }
    : undefined
}

/** 'csv' or 'xlsx' from the file name; anything else is EXCHANGE_FILE_UNREADABLE. */
function formatOf(file: string): FileFormat {
  const extension = path.extname(file).toLowerCase()
  if (extension === '.csv' || extension === '.xlsx') {
    return extension === '.csv' ? 'csv' : 'xlsx'
  }
  throw new AppError('EXCHANGE_FILE_UNREADABLE', {
    reason: `${extension || 'no extension'}: only .csv (UTF-8) and .xlsx files are read`,
  })
}

/** Bytes of a source passed through as they are read, counted for a progress bar. */
function countBytes(source: Readable, onBytes: (bytes: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length)
      done(null, chunk)
    },
  })
  // pipe() forwards neither errors nor an early stop: wire both ways by hand.
  source.on('error', (error) => counter.destroy(error))
  counter.on('close', () => source.destroy())
  return source.pipe(counter)
}

/** A file on disk as a byte stream; a missing or unreadable file is EXCHANGE_FILE_UNREADABLE. */
async function openFile(file: string): Promise<{ stream: Readable; size: number }> {
  try {
    const stat = await fs.promises.stat(file)
    if (!stat.isFile()) {
      throw new Error(`${file} is not a file`)
    }
    return { stream: fs.createReadStream(file, { highWaterMark: 256 * 1024 }), size: stat.size }
  } catch (error) {
    throw unreadable(error)
  }
}
