/**
 * Bulk data files (Art. 9, 18): a UTF-8 CSV (RFC 4180) or the first sheet of an .xlsx, read as a
 * stream of records typed by the resource's items. Memory stays flat for CSV whatever the size;
 * an .xlsx keeps only its shared-string table in memory (see readXlsxRows).
 */
import type { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { fromDayNumber } from '../../../shared/dates.js'
import { AppError, isAppError } from '../../../shared/errors.js'
import type { PublishedItem } from '../../catalog/index.js'

export type FileFormat = 'csv' | 'xlsx'
export type CellValue = string | number | boolean | Date | null

/** One row of the file as read: its row number (CSV: the line it starts on) and its cells. */
export interface SheetRow {
  row: number
  cells: CellValue[]
  /** Set when the row itself is broken (a quote left open, an Excel error value). */
  problem?: string
}

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

const COMMA = 44
const QUOTE = 34
const CR = 13
const LF = 10

/**
 * RFC 4180 records from text chunks: quoted fields may hold commas, doubled quotes and line
 * breaks; CRLF, LF or CR end a record; a leading BOM is dropped. A quote inside an unquoted field
 * is kept as text (as Excel does). Row numbers are the physical line each record starts on.
 */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<SheetRow, void> {
  const splitter = csvSplitter()
  for await (const chunk of chunks) {
    yield* splitter.push(chunk)
  }
  yield* splitter.end()
}

type CsvState = 'start' | 'plain' | 'quoted' | 'quote' | 'junk'

/** The RFC 4180 state machine: text in by chunks (split anywhere), whole records out. */
function csvSplitter() {
  // start: at a field's start; plain: unquoted field; quoted: inside quotes; quote: a quote seen
  // inside quotes (closing, or the first of a pair); junk: skipping the rest of a broken record.
  let state: CsvState = 'start'
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let problem: string | undefined
  let skipLf = false
  let atFileStart = true

  const record = (): SheetRow =>
    problem === undefined ? { row: recordLine, cells: fields } : { row: recordLine, cells: fields, problem }

  function push(chunk: string): SheetRow[] {
    const text = atFileStart && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk
    atFileStart = atFileStart && text.length === 0
    const done: SheetRow[] = []
    let from = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (skipLf) {
        skipLf = false
        if (c === LF) {
          continue
        }
      }
      if (state === 'quoted') {
        if (c === QUOTE) {
          field += text.slice(from, i)
          state = 'quote'
        } else if (c === LF) {
          line += 1
        }
      } else if (c === CR || c === LF) {
        if (state !== 'junk') {
          fields.push(state === 'plain' ? field + text.slice(from, i) : field)
        }
        done.push(record())
        line += 1
        skipLf = c === CR
        recordLine = line
        fields = []
        field = ''
        problem = undefined
        state = 'start'
      } else if (state === 'quote') {
        if (c === QUOTE) {
          field += '"'
          from = i + 1
          state = 'quoted'
        } else if (c === COMMA) {
          fields.push(field)
          field = ''
          state = 'start'
        } else {
          problem = 'text after the closing quote of a field'
          state = 'junk'
        }
      } else if (state === 'junk') {
        // The rest of a broken record up to its line end is dropped; the record is reported.
      } else if (c === COMMA) {
        fields.push(state === 'plain' ? field + text.slice(from, i) : field)
        field = ''
        state = 'start'
      } else if (state === 'start') {
        from = c === QUOTE ? i + 1 : i
        state = c === QUOTE ? 'quoted' : 'plain'
      }
    }
    if (state === 'plain' || state === 'quoted') {
      field += text.slice(from)
    }
    return done
  }

  function end(): SheetRow[] {
    if (state === 'quoted') {
      problem = 'a quoted field is not closed (a " is missing)'
    }
    if (state === 'start' && fields.length === 0) {
      return []
    }
    if (state !== 'junk') {
      fields.push(field)
    }
    return [record()]
  }

  return { push, end }
}

/** UTF-8 text from bytes; anything else (a GB18030 export, say) is EXCHANGE_FILE_UNREADABLE. */
async function* decodeUtf8(input: AsyncIterable<Buffer>): AsyncGenerator<string, void> {
  // fatal: a wrong encoding stops the import instead of storing U+FFFD in every name.
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode()
    } catch {
      throw new AppError('EXCHANGE_FILE_UNREADABLE', {
        reason: 'not UTF-8 text: save the file as "CSV UTF-8" and try again',
      })
    }
  }
  try {
    for await (const chunk of input) {
      yield decode(chunk)
    }
    yield decode()
  } catch (error) {
    throw isAppError(error) ? error : unreadable(error)
  }
}

/**
 * Rows of the workbook's first sheet with exceljs's streaming reader. Its pitfalls: it yields sheets
 * in zip order and learns their names only once workbook.xml is read, so a sheet is taken when it is
 * the first tab (or the tabs are not known yet); when sharedStrings.xml follows the sheets (Excel's
 * own order) it parks each sheet in a temp file first, so the disk, not memory, holds it. Sheets we
 * skip are read through to the end so that those temp files and file handles are released.
 */
export async function* readXlsxRows(input: Readable): AsyncGenerator<SheetRow, void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date cell from a number; a date item also takes a serial number (below).
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  let taken = false
  try {
    for await (const sheet of reader) {
      const firstTab = reader.model?.sheets?.[0]?.name
      const name = 'name' in sheet && typeof sheet.name === 'string' ? sheet.name : undefined
      const take: boolean = !taken && (firstTab === undefined || name === undefined || name === firstTab)
      taken = taken || take
      for await (const row of sheet) {
        if (take) {
          yield sheetRow(row)
        }
      }
    }
  } catch (error) {
    throw isAppError(error) ? error : unreadable(error)
  } finally {
    input.destroy()
  }
}

function sheetRow(row: ExcelJS.Row): SheetRow {
  const cells: CellValue[] = []
  let problem: string | undefined
  row.eachCell((cell, column) => {
    const value = cellValue(cell.value)
    if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      problem ??= `column ${column} holds ${value.error}, not a value`
      cells[column - 1] = null
    } else {
      cells[column - 1] = value
    }
  })
  return problem === undefined ? { row: row.number, cells } : { row: row.number, cells, problem }
}

function cellValue(value: ExcelJS.CellValue): CellValue | { error: string } {
  if (value === null || value === undefined) {
    return null
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value
  }
  if (value instanceof Date) {
    return value
  }
  if ('richText' in value) {
    return value.richText.map((run) => run.text).join('')
  }
  if ('hyperlink' in value) {
    return typeof value.text === 'string' ? value.text : cellValue(value.text)
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = 'result' in value ? value.result : undefined
    return result === undefined ? null : cellValue(result)
  }
  if ('error' in value) {
    return { error: String(value.error) }
  }
  return { error: 'an unsupported cell value' }
}

/** EXCHANGE_FILE_UNREADABLE with the reader's own words (a zip, encoding or file system error). */
export function unreadable(error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error)
  return new AppError('EXCHANGE_FILE_UNREADABLE', { reason: reason.slice(0, 200) })
}

function isBlank(cells: readonly CellValue[]): boolean {
  return cells.every((cell) => cell === null || cell === undefined || cell === '')
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

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是', '真'])
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否', '假'])
const LOOSE_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2})?)$/
/** Excel serial day 25569 is 1970-01-01 (the 1900 date system, which is Excel's default). */
const EXCEL_EPOCH_DAY = 25569
const DAY_MS = 86_400_000

/**
 * A cell as the item's type, or left as it is when it does not parse, so that validateRecord gives
 * the one reason the API gives. Empty is null. A date-time without an offset is Beijing time.
 */
export function typedValue(item: PublishedItem, cell: CellValue): unknown {
  if (cell === null || cell === '') {
    return null
  }
  if (item.dataType === 'string') {
    return cell instanceof Date ? fromDayNumber(Math.floor(cell.getTime() / DAY_MS)) : String(cell)
  }
  if (typeof cell !== 'string') {
    return fromExcel(item.dataType, cell)
  }
  const text = cell.trim()
  const word = text.toLowerCase()
  const date = LOOSE_DATE.exec(text)
  const local = LOCAL_TIME.exec(text)
  switch (item.dataType) {
    case 'integer':
    case 'decimal':
      return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text || null
    case 'boolean':
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : text || null
    case 'date':
      return date ? `${date[1]}-${date[2]?.padStart(2, '0')}-${date[3]?.padStart(2, '0')}` : text || null
    default:
      return local ? `${local[1]}T${local[2]}+08:00` : text || null
  }
}

/** A number, boolean or date cell of a workbook as the item's type. */
function fromExcel(dataType: PublishedItem['dataType'], cell: number | boolean | Date): unknown {
  if (typeof cell === 'boolean') {
    return cell
  }
  // exceljs reads Excel's zone-less wall clock as UTC; a serial number counts days of that clock.
  const instant = cell instanceof Date ? cell : new Date(Math.round((cell - EXCEL_EPOCH_DAY) * DAY_MS))
  if (dataType === 'date') {
    return fromDayNumber(Math.floor(instant.getTime() / DAY_MS))
  }
  if (dataType === 'datetime') {
    return `${instant.toISOString().slice(0, 19)}+08:00`
  }
  if (dataType === 'boolean' && (cell === 0 || cell === 1)) {
    return cell === 1
  }
  return cell
}
