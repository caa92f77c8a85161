/**
 * Bulk data files (Art. 9, 18): a UTF-8 CSV (RFC 4180) or the first sheet of an .xlsx, read as a
 * stream of records typed by the resource's items. Memory stays flat for CSV whatever the size;
 * an .xlsx keeps only its shared-string table in memory (see readXlsxRows in xlsx-reader.ts).
 */
import type { Readable } from 'node:stream'
import { AppError } from '../../../shared/errors.js'
import type { PublishedItem } from '../../catalog/index.js'
import { decodeUtf8, parseCsv } from './csv-reader.js'
import { isBlank, type SheetRow } from './file-rows.js'
import { typedValue } from './typed-value.js'
import { readXlsxRows } from './xlsx-reader.js'

export type FileFormat = 'csv' | 'xlsx'

/** One data record: where it is in the file and its values typed by the items (not yet validated). */
export interface FileRecord {
  row: number
  /** 1-based among the data records (header and blank rows not counted): what --skip counts. */
  ordinal: number
  values: Record<string, unknown>
  problem?: { item: string; reason: string }
}

export interface RecordFile {
  /** Items of the resource with no column in the file: they are stored as empty. */
  missingItems: string[]
  records: AsyncGenerator<FileRecord, void>
}

/**
 * Opens a data file as typed records. Reads the header row first, so a bad header throws
 * EXCHANGE_FILE_HEADER_INVALID before any record; an unreadable file EXCHANGE_FILE_UNREADABLE.
 */
export async function openRecordFile(
  input: Readable,
  format: FileFormat,
  items: readonly PublishedItem[],
): Promise<RecordFile> {
  const rows = format === 'csv' ? parseCsv(decodeUtf8(input)) : readXlsxRows(input)
  let header: SheetRow | undefined
  try {
    header = await firstFilled(rows)
  } catch (error) {
    input.destroy()
    throw error
  }
  if (!header) {
    input.destroy()
    throw new AppError('EXCHANGE_FILE_HEADER_INVALID', { row: 1, reason: 'the file is empty' })
  }
  let columns: Array<PublishedItem>
  try {
    columns = headerColumns(items, header)
  } catch (error) {
    await rows.return(undefined)
    throw error
  }
  const named = new Set(columns.map((item) => item.name))
  return {
    missingItems: items.filter((item) => !named.has(item.name)).map((item) => item.name),
    records: typedRecords(rows, columns, format === 'csv'),
  }
}

/** The header: the first row with a value in it. */
async function firstFilled(rows: AsyncGenerator<SheetRow, void>): Promise<SheetRow | undefined> {
  for (;;) {
    const next = await rows.next()
    if (next.done || !isBlank(next.value.cells)) {
      return next.done ? undefined : next.value
    }
  }
}

/** The item of each column; every column must name an item once, and the key items must be there. */
function headerColumns(items: readonly PublishedItem[], header: SheetRow): PublishedItem[] {
  const byName = new Map(items.map((item) => [item.name, item]))
  const refuse = (column: number, reason: string) =>
    new AppError('EXCHANGE_FILE_HEADER_INVALID', { row: header.row, column, reason })
  if (header.problem) {
    throw refuse(0, header.problem)
  }
  const seen = new Set<string>()
  const columns: PublishedItem[] = []
  for (let i = 0; i < header.cells.length; i++) {
    const name = String(header.cells[i] ?? '').trim()
    const item = byName.get(name)
    if (!item) {
      throw refuse(i + 1, name === '' ? 'a column has no name' : `"${name}" is not an item of the resource`)
    }
    if (seen.has(name)) {
      throw refuse(i + 1, `"${name}" appears twice`)
    }
    seen.add(name)
    columns.push(item)
  }
  const missingKey = items.find((item) => item.key && !seen.has(item.name))
  if (missingKey) {
    throw refuse(0, `the key item "${missingKey.name}" has no column`)
  }
  return columns
}

async function* typedRecords(
  rows: AsyncGenerator<SheetRow, void>,
  columns: readonly PublishedItem[],
  exactWidth: boolean,
): AsyncGenerator<FileRecord, void> {
  let ordinal = 0
  for await (const { row, cells, problem } of rows) {
    if (isBlank(cells) && !problem) {
      continue
    }
    ordinal += 1
    const values: Record<string, unknown> = {}
    columns.forEach((item, i) => {
      values[item.name] = typedValue(item, cells[i] ?? null)
    })
    const extra = cells.findIndex((cell, i) => i >= columns.length && cell !== null && cell !== '')
    // A CSV row of another width usually means a line break outside quotes: say so, do not guess.
    const width = exactWidth && cells.length !== columns.length ? cells.length : extra >= 0 ? extra + 1 : 0
    if (problem || width > 0) {
      const reason = problem ?? `${width} fields where the header has ${columns.length}`
      yield { row, ordinal, values, problem: { item: '', reason } }
    } else {
      yield { row, ordinal, values }
    }
  }
}
