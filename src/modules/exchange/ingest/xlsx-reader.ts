/** The .xlsx reader of bulk data files: the first sheet's rows, streamed. */
import type { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { isAppError } from '../../../shared/errors.js'
import { type CellValue, type SheetRow, unreadable } from './file-rows.js'

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

/** A cell as data: a formula's result, rich text joined, a hyperlink's text; an error cell named. */
export function cellValue(value: ExcelJS.CellValue): CellValue | { error: string } {
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
