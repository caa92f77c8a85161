/** A cell of a data file as the type of its item (Art. 9): what the file says, in the API's terms. */
import { fromDayNumber } from '../../../shared/dates.js'
import type { PublishedItem } from '../../catalog/index.js'
import type { CellValue } from './file-rows.js'

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
