/**
 * The first sheet of an uploaded workbook, read whole from memory. The streaming reader the CLI
 * uses (exchange's readXlsxRows) parks sheets in temp files when the shared strings come last; over
 * in-memory uploads it failed now and then in the route tests (2 runs in about 20, "unreadable",
 * never in isolation). An upload is at most 64 MB and already in memory: loading it whole is steady. Cells come out as
 * the streaming reader gives them (values, a formula's result, rich text joined, dates as Date).
 */
import ExcelJS from 'exceljs'

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
      cells[column - 1] = cellValue(cell.value)
    })
    rows.push({ cells })
  })
  yield* rows
}

function cellValue(value: ExcelJS.CellValue): Cell {
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
  // An error cell (#N/A…) is no value: the row check says which item is missing.
  return null
}
