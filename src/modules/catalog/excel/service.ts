/**
 * Excel import and export of a department's catalog (Art. 10, 14): a sheet of resources and a sheet
 * of items with the Chinese headers of departments' templates. Import checks every row before it
 * stores anything and names each bad cell by sheet, row and column; export re-imports unchanged.
 */
import ExcelJS from 'exceljs'
import type { Actor } from '../../../shared/actor.js'
import { AppError, ERROR_CATALOG } from '../../../shared/errors.js'
import { XLSX_TYPE } from '../../../shared/schema.js'
import { viewToInput } from '../inputs.js'
import type { ItemInput, ResourceInput, ResourceView } from '../schema.js'
import type { CatalogService } from '../service.js'
import {
  IC,
  ITEM_COLUMNS,
  ITEM_SHEET,
  locate,
  RC,
  RESOURCE_COLUMNS,
  RESOURCE_SHEET,
  VOCAB,
} from './format.js'
import { type ImportedRow, parseSheets } from './parse.js'
import type { Problem, SheetData } from './sheet.js'

export { ITEM_SHEET, RESOURCE_SHEET, VOCAB } from './format.js'
export type { Problem } from './sheet.js'
export { XLSX_TYPE }

export interface ImportSummary {
  created: number
  updated: number
  unchanged: number
  resources: Array<{ code: string; id: string; action: 'created' | 'updated' | 'unchanged' }>
}

export type ImportProgress = (event: { phase: 'read' | 'store'; done: number; total: number }) => void

/** The workbook of these resources (their latest version as given), ready to edit and import back. */
export async function writeCatalogWorkbook(resources: ResourceView[]): Promise<Buffer> {
  return writeCatalogRows(
    resources.map((view) => ({ code: view.code, providerCode: view.providerCode, input: viewToInput(view) })),
  )
}

/** The workbook of import rows (a code edits that resource; no code creates one). */
export async function writeCatalogRows(
  rows: Array<{ code?: string; providerCode?: string; input: ResourceInput }>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const itemCount = rows.reduce((sum, row) => sum + row.input.items.length, 0)
  const resources = addSheet(workbook, RESOURCE_SHEET, RESOURCE_COLUMNS, rows.length)
  const items = addSheet(workbook, ITEM_SHEET, ITEM_COLUMNS, itemCount)
  for (const [index, { code, providerCode, input }] of rows.entries()) {
    const seq = index + 1
    const cells: Record<string, ExcelJS.CellValue> = {
      ...resourceCells(seq, code, input),
      [RC.providerCode]: providerCode,
    }
    resources.addRow(RESOURCE_COLUMNS.map((column) => cells[column.header] ?? null))
    for (const item of input.items) {
      const itemRow = itemCells(seq, code, item)
      items.addRow(ITEM_COLUMNS.map((column) => itemRow[column.header] ?? null))
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * Parses a catalog workbook into import rows. Every row is checked (labels, required cells, the
 * item → resource link, lengths and formats of the wire schema); all problems are returned.
 * Throws CATALOG_IMPORT_FILE_UNREADABLE when the bytes are not an .xlsx workbook.
 */
export async function readCatalogWorkbook(
  buffer: Buffer,
  onProgress?: ImportProgress,
): Promise<{ rows: Array<{ code?: string; input: ResourceInput }>; problems: Problem[] }> {
  const { rows, problems } = await parseWorkbook(buffer, onProgress)
  return { rows: rows.map(({ code, input }) => ({ code, input })), problems }
}

/**
 * Imports a workbook for the actor's department (Art. 10, 14) through catalog.importResources:
 * all rows or none. Throws CATALOG_IMPORT_INVALID with `details.problems` (sheet, row, column,
 * reason, code), FORBIDDEN when the actor may not edit its catalog, CATALOG_IMPORT_FILE_UNREADABLE.
 */
export async function importCatalogWorkbook(
  catalog: CatalogService,
  actor: Actor,
  buffer: Buffer,
  onProgress?: ImportProgress,
): Promise<ImportSummary> {
  const { rows, problems } = await parseWorkbook(buffer, onProgress)
  if (problems.length > 0) {
    throw new AppError('CATALOG_IMPORT_INVALID', { problems })
  }
  onProgress?.({ phase: 'store', done: 0, total: rows.length })
  let results: Awaited<ReturnType<CatalogService['importResources']>>
  try {
    results = await catalog.importResources(
      actor,
      rows.map(({ code, input }) => ({ code, input })),
    )
  } catch (error) {
    throw translateServiceError(error, rows)
  }
  onProgress?.({ phase: 'store', done: rows.length, total: rows.length })
  const count = (action: string) => results.filter((result) => result.action === action).length
  return {
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    resources: results.map(({ code, id, action }) => ({ code, id, action })),
  }
}

/** The workbook of the actor's own department's catalog: every resource, latest version, by code. */
export async function exportCatalogWorkbook(
  catalog: CatalogService,
  actor: Actor,
): Promise<{ workbook: Buffer; resources: number }> {
  const pageSize = 500
  const views: ResourceView[] = []
  for (let page = 1; ; page++) {
    const { items, total } = await catalog.listOwnResources(actor, { page, pageSize })
    for (const summary of items) {
      // A county also sees its townships' resources, which it cannot import back as its own.
      if (summary.providerId === actor.departmentId) {
        views.push(await catalog.getResource(actor, summary.id))
      }
    }
    if (items.length === 0 || page * pageSize >= total) {
      break
    }
  }
  views.sort((a, b) => a.code.localeCompare(b.code))
  return { workbook: await writeCatalogWorkbook(views), resources: views.length }
}

// Reading

async function parseWorkbook(buffer: Buffer, onProgress?: ImportProgress) {
  return parseSheets(await readSheets(buffer, onProgress))
}

/**
 * Reads every sheet's cell texts. Not the streaming reader: it picks sheets' names up in zip-entry
 * order, which exceljs's own writer does not fix, and fails at random. Validations and conditional
 * formats are skipped: templates often set them on whole columns, a million cells each.
 */
async function readSheets(buffer: Buffer, onProgress?: ImportProgress): Promise<SheetData[]> {
  const workbook = new ExcelJS.Workbook()
  try {
    // A copy as a plain ArrayBuffer: exceljs's typings want one (JSZip reads either).
    await workbook.xlsx.load(new Uint8Array(buffer).buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'drawing'],
    })
  } catch {
    throw new AppError('CATALOG_IMPORT_FILE_UNREADABLE')
  }
  const total = workbook.worksheets.reduce((sum, sheet) => sum + sheet.actualRowCount, 0)
  let done = 0
  const sheets = workbook.worksheets.map((worksheet) => {
    const rows: SheetData['rows'] = []
    worksheet.eachRow((row) => {
      const cells: string[] = []
      row.eachCell((cell, column) => {
        cells[column] = cellText(cell.value)
      })
      if (cells.some((text) => text.trim() !== '')) {
        rows.push({ number: row.number, cells })
      }
      done += 1
      if (done % 500 === 0) {
        onProgress?.({ phase: 'read', done, total })
      }
    })
    return { name: worksheet.name, rows }
  })
  onProgress?.({ phase: 'read', done: total, total })
  return sheets
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return ''
  }
  if (typeof value === 'string') {
    return value
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10)
  }
  if ('richText' in value) {
    return value.richText.map((run) => run.text).join('')
  }
  if ('hyperlink' in value) {
    return typeof value.text === 'string' ? value.text : cellText(value.text)
  }
  if ('result' in value) {
    return value.result === undefined || typeof value.result === 'object' ? '' : cellText(value.result)
  }
  return ''
}

// Mapping the service's problems (by row index and field) back to cells

function translateServiceError(error: unknown, rows: ImportedRow[]): unknown {
  if (!(error instanceof AppError) || error.code !== 'CATALOG_IMPORT_INVALID') {
    return error
  }
  const found = serviceProblems(error.details)
  // The policy refuses every row alike when the actor may not edit its catalog at all.
  const refused = found.find((p) => p.code === 'FORBIDDEN' && p.field === undefined)
  if (refused) {
    return new AppError('FORBIDDEN', refused.details)
  }
  const problems = found.map((p): Problem => {
    const row = rows[p.index]
    const fallback = p.code === 'CATALOG_NOT_LEAD_DEPARTMENT' ? RC.category : RC.name
    const place = row
      ? locate(row, p.field, p.field === 'items' ? IC.key : fallback)
      : { sheet: RESOURCE_SHEET, row: p.index + 2, column: fallback }
    return { ...place, code: p.code, reason: serviceReason(p.code, p.details) }
  })
  return new AppError('CATALOG_IMPORT_INVALID', { problems })
}

interface ServiceProblem {
  index: number
  code: string
  field?: string
  details?: unknown
}

function serviceProblems(details: unknown): ServiceProblem[] {
  const list = isRecord(details) && Array.isArray(details.problems) ? details.problems : []
  return list.filter(isRecord).map((p) => ({
    index: typeof p.index === 'number' ? p.index : -1,
    code: typeof p.code === 'string' ? p.code : 'CATALOG_IMPORT_INVALID',
    field: typeof p.field === 'string' ? p.field : undefined,
    details: p.details,
  }))
}

const ZH_MESSAGES = new Map<string, string>(
  Object.entries(ERROR_CATALOG).map(([code, spec]) => [code, spec.zh]),
)

function serviceReason(code: string, details: unknown): string {
  const message = ZH_MESSAGES.get(code) ?? code
  const d = isRecord(details) ? details : {}
  switch (code) {
    case 'CATALOG_DUPLICATE_ITEM':
      return `${message}：${String(d.name)}`
    case 'CATALOG_AUTHORITATIVE_ITEM_EXISTS':
      return `${message}：权威信息项代码 ${String(d.authoritativeItemCode)}（${String(d.resourceName ?? d.resourceCode)}${d.providerName ? `，${String(d.providerName)}` : ''}）`
    case 'CATALOG_AUTHORITATIVE_REFERENCE_INVALID':
    case 'CATALOG_CLASS_NOT_FOUND':
    case 'CATALOG_ELEMENT_UNKNOWN':
      return `${message}：${String(d.code)}`
    case 'FORBIDDEN':
      return d.field === 'code' ? `资源代码 ${String(d.code)} 属于其他部门，不能在本部门导入` : message
    default:
      return message
  }
}

function hasAdd(value: unknown): value is { add(address: string, validation: ExcelJS.DataValidation): void } {
  return isRecord(value) && typeof value.add === 'function'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

// Writing

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: typeof RESOURCE_COLUMNS, rows: number) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }))
  sheet.getRow(1).font = { bold: true }
  // Room for rows a department adds before importing the file back.
  const last = rows + 1 + 1000
  // exceljs 4.4 has worksheet.dataValidations (range addresses) but its typings omit it.
  const validations: unknown = Reflect.get(sheet, 'dataValidations')
  for (const [index, column] of columns.entries()) {
    const letter = sheet.getColumn(index + 1).letter
    if (column.text) {
      sheet.getColumn(index + 1).numFmt = '@'
    }
    if (column.list && hasAdd(validations)) {
      validations.add(`${letter}2:${letter}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${column.list.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        error: `请从列表中选择：${column.list.join('、')}`,
      })
    }
  }
  return sheet
}

function resourceCells(seq: number, code: string | undefined, input: ResourceInput) {
  const cells: Record<string, ExcelJS.CellValue> = {
    [RC.seq]: seq,
    [RC.code]: code,
    [RC.name]: input.name,
    [RC.summary]: input.summary,
    [RC.category]: VOCAB.category.label(input.category),
    [RC.theme]: input.theme && VOCAB.theme.label(input.theme),
    [RC.classCode]: input.classCode,
    [RC.format]: VOCAB.format.label(input.format),
    [RC.shareType]: VOCAB.shareType.label(input.shareType),
    [RC.shareCondition]: input.shareCondition,
    [RC.legalBasis]: input.legalBasis,
    [RC.shareMethod]: VOCAB.shareMethod.label(input.shareMethod),
    [RC.openType]: input.openType && VOCAB.openType.label(input.openType),
    [RC.openCondition]: input.openCondition,
    [RC.updateCycle]: VOCAB.updateCycle.label(input.updateCycle),
    [RC.relatedCodes]: input.relatedCodes?.join(', '),
    [RC.zone]: input.zone && VOCAB.zone.label(input.zone),
    [RC.contactName]: input.contact?.name,
    [RC.contactPhone]: input.contact?.phone,
    [RC.contactEmail]: input.contact?.email,
  }
  return cells
}

function itemCells(seq: number, code: string | undefined, item: ItemInput) {
  const cells: Record<string, ExcelJS.CellValue> = {
    [IC.seq]: seq,
    [IC.code]: code,
    [IC.name]: item.name,
    [IC.dataType]: VOCAB.dataType.label(item.dataType),
    [IC.length]: item.length,
    [IC.key]: item.key === undefined ? null : VOCAB.yesNo.label(item.key ? 'yes' : 'no'),
    [IC.sensitivity]: item.sensitivity && VOCAB.sensitivity.label(item.sensitivity),
    [IC.description]: item.description,
    [IC.authoritativeItemCode]: item.authoritativeItemCode,
    [IC.elementCode]: item.elementCode,
  }
  return cells
}
