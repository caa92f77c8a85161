/** A data file's rows as its reader yields them, before they are typed by the resource's items. */
import { AppError } from '../../../shared/errors.js'

export type CellValue = string | number | boolean | Date | null

/** One row of the file as read: its row number (CSV: the line it starts on) and its cells. */
export interface SheetRow {
  row: number
  cells: CellValue[]
  /** Set when the row itself is broken (a quote left open, an Excel error value). */
  problem?: string
}

/** EXCHANGE_FILE_UNREADABLE with the reader's own words (a zip, encoding or file system error). */
export function unreadable(error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error)
  return new AppError('EXCHANGE_FILE_UNREADABLE', { reason: reason.slice(0, 200) })
}

export function isBlank(cells: readonly CellValue[]): boolean {
  return cells.every((cell) => cell === null || cell === undefined || cell === '')
}
