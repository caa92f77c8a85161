/**
 * Pure: a worksheet read as a table (its header row found, cells read by header), each bad cell
 * reported as a problem the department can find in its file.
 */
import type { ErrorCode } from '../../../shared/errors.js'
import type { Vocab } from './format.js'
import type { ImportProblem } from './schema.js'

/** One bad cell, as CATALOG_IMPORT_INVALID sends it: `row` is the Excel row number, `column` the Chinese header. */
export type Problem = ImportProblem

/** A worksheet as read: its name and its non-empty rows' cell texts (index = column number). */
export interface SheetData {
  name: string
  rows: Array<{ number: number; cells: string[] }>
}

export function problemAt(
  sheet: string,
  row: number,
  column: string,
  code: ErrorCode,
  reason: string,
): Problem {
  return { sheet, row, column, reason, code }
}

export const MISMATCH: ErrorCode = 'CATALOG_IMPORT_TEMPLATE_MISMATCH'
export const INVALID: ErrorCode = 'CATALOG_IMPORT_CELL_INVALID'

export function cellKey(p: { sheet: string; row: number; column: string }): string {
  return `${p.sheet}\u0000${p.row}\u0000${p.column}`
}

/** By its name, else by its headers (a department may have renamed the tab). */
export function findSheet(sheets: SheetData[], name: string, anchor: string): SheetData | undefined {
  return (
    sheets.find((sheet) => sheet.name === name) ??
    sheets.find((sheet) => headerIndex(sheet, anchor) !== undefined)
  )
}

/** Templates often carry a title row or two above the header row. */
function headerIndex(sheet: SheetData, anchor: string): number | undefined {
  const index = sheet.rows
    .slice(0, 5)
    .findIndex((row) => row.cells.some((text) => normalizeHeader(text) === anchor))
  return index < 0 ? undefined : index
}

/** '资源名称*', '资源名称（必填）' and '资源 名称' all mean 资源名称. */
function normalizeHeader(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '')
}

export function tableOf(sheet: SheetData, anchor: string, required: readonly string[], problems: Problem[]) {
  const index = headerIndex(sheet, anchor) ?? 0
  const headerRow = sheet.rows[index]
  const headers = new Map<string, number>()
  for (const [column, text] of (headerRow?.cells ?? []).entries()) {
    if (text !== undefined && normalizeHeader(text) !== '' && !headers.has(normalizeHeader(text))) {
      headers.set(normalizeHeader(text), column)
    }
  }
  const headerNumber = headerRow?.number ?? 1
  for (const header of required.filter((h) => !headers.has(h))) {
    const reason = `缺少必需的列「${header}」`
    problems.push(problemAt(sheet.name, headerNumber, header, MISMATCH, reason))
  }
  return {
    name: sheet.name,
    headerRow: headerNumber,
    headers,
    rows: sheet.rows.slice(index + 1),
    cellsOf: (row: SheetData['rows'][number], sink: Problem[]) => new Cells(sheet.name, headers, row, sink),
  }
}

/** One row's cells by header, reporting each bad one into the shared problem list. */
export class Cells {
  private readonly start: number

  constructor(
    readonly sheet: string,
    private readonly headers: Map<string, number>,
    readonly source: SheetData['rows'][number],
    private readonly problems: Problem[],
  ) {
    this.start = problems.length
  }

  get row(): number {
    return this.source.number
  }

  /** Has any cell of this row been reported so far? */
  get isBad(): boolean {
    return this.problems.length > this.start
  }

  report(column: string, code: ErrorCode, reason: string): void {
    this.problems.push(problemAt(this.sheet, this.row, column, code, reason))
  }

  /** The cell as written (free text keeps its spaces); undefined when blank. */
  text(header: string): string | undefined {
    const column = this.headers.get(header)
    const value = column === undefined ? undefined : this.source.cells[column]
    return value === undefined || value.trim() === '' ? undefined : value
  }

  required(header: string): string | undefined {
    const value = this.text(header)
    if (value === undefined) {
      this.report(header, 'CATALOG_IMPORT_CELL_REQUIRED', `「${header}」不能为空`)
    }
    return value
  }

  choice<K extends string>(header: string, vocab: Vocab<K>, required = false): K | undefined {
    const value = (required ? this.required(header) : this.text(header))?.trim()
    if (value === undefined) {
      return undefined
    }
    const key = vocab.parse(value)
    if (key === undefined) {
      const reason = `「${value}」不是有效的${header}，可选：${vocab.labels.join('、')}`
      this.report(header, 'CATALOG_IMPORT_CELL_UNKNOWN_VALUE', reason)
    }
    return key
  }

  integer(header: string): number | undefined {
    const value = this.text(header)?.trim()
    if (value === undefined) {
      return undefined
    }
    if (!/^\d+(\.0*)?$/.test(value)) {
      this.report(header, INVALID, `「${value}」不是正整数`)
      return undefined
    }
    return Number.parseInt(value, 10)
  }

  yesNo(header: string): boolean | undefined {
    const value = this.text(header)?.trim()
    if (value === undefined) {
      return undefined
    }
    const yes = ['是', 'Y', 'y', 'yes', 'true', 'TRUE', '1', '√']
    const no = ['否', 'N', 'n', 'no', 'false', 'FALSE', '0', '×']
    if (yes.includes(value)) {
      return true
    }
    if (!no.includes(value)) {
      this.report(header, 'CATALOG_IMPORT_CELL_UNKNOWN_VALUE', `「${value}」应为「是」或「否」`)
    }
    return false
  }

  /** 序号 as a key: '1', '1.0' and '001' are the same row. */
  seq(header: string): string | undefined {
    const value = this.text(header)?.trim()
    return value !== undefined && /^\d+(\.0*)?$/.test(value) ? String(Number.parseInt(value, 10)) : value
  }
}
