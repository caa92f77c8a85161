/**
 * The first sheet of an uploaded workbook, read whole from memory. The streaming reader the CLI
 * uses (exchange's readXlsxRows) parks sheets in temp files when the shared strings come last; over
 * in-memory uploads it failed now and then in the route tests (2 runs in about 20, "unreadable",
 * never in isolation). An upload is at most 64 MB and already in memory: loading it whole is
 * steady. Cells come out as the streaming reader gives them (exchange's xlsxCellValue).
 */
import ExcelJS from 'exceljs'
import { xlsxCellValue } from '../exchange/index.js'

type Cell = string | number | boolean | Date | null

export async function* xlsxBufferRows(data: Buffer): AsyncGenerator<{ cells: Cell[] }, void> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(new Uint8Array(data).buffer)
  const [sheet] = workbook.worksheets
  if (!sheet) {
    return
  }
  const rows: Array<{ cells: Cell[] }> = []
  sheet.eachRow((row) => {
    const cells: Cell[] = []
    row.eachCell((cell, column) => {
      const value = xlsxCellValue(cell.value)
      // An error cell (#N/A…) is no value: the row check says which item is missing.
      cells[column - 1] = value !== null && typeof value === 'object' && 'error' in value ? null : value
    })
    rows.push({ cells })
  })
  yield* rows
}
