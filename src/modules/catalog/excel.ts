/**
 * Excel import and export of a department's catalog (Art. 10, 14): a sheet of resources and a sheet
 * of items with the Chinese headers of departments' templates. Import checks every row before it
 * stores anything and names each bad cell by sheet, row and column; export re-imports unchanged.
 */
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { Compile } from 'typebox/compile'
import type { Actor } from '../../shared/actor.js'
import { AppError, ERROR_CATALOG } from '../../shared/errors.js'
import {
  IC,
  ITEM_COLUMNS,
  ITEM_FIELD_COLUMNS,
  ITEM_SHEET,
  RC,
  RESOURCE_COLUMNS,
  RESOURCE_FIELD_COLUMNS,
  RESOURCE_SHEET,
  VOCAB,
} from './excel-format.js'
import { type ImportedRow, type Problem, parseSheets, type SheetData } from './excel-parse.js'
import { type ItemInput, ResourceInput, type ResourceView } from './schema.js'
import { type CatalogService, viewToInput } from './service.js'

export { ITEM_SHEET, RESOURCE_SHEET, VOCAB } from './excel-format.js'
export type { Problem } from './excel-parse.js'

export interface ImportSummary {
  created: number
  updated: number
  unchanged: number
  resources: Array<{ code: string; id: string; action: 'created' | 'updated' | 'unchanged' }>
}

export type ImportProgress = (event: { phase: 'read' | 'store'; done: number; total: number }) => void

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The workbook of these resources (their latest version as given), ready to edit and import back. */
export async function writeCatalogWorkbook(resources: ResourceView[]): Promise<Buffer> {
  return writeCatalogRows(resources.map((view) => ({ code: view.code, input: viewToInput(view) })))
}

/** The workbook of import rows (a code edits that resource; no code creates one). */
export async function writeCatalogRows(rows: Array<{ code?: string; input: ResourceInput }>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const itemCount = rows.reduce((sum, row) => sum + row.input.items.length, 0)
  const resources = addSheet(workbook, RESOURCE_SHEET, RESOURCE_COLUMNS, rows.length)
  const items = addSheet(workbook, ITEM_SHEET, ITEM_COLUMNS, itemCount)
  for (const [index, { code, input }] of rows.entries()) {
    const seq = index + 1
    const cells = resourceCells(seq, code, input)
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
export async function exportCatalogWorkbook(catalog: CatalogService, actor: Actor): Promise<Buffer> {
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
  return writeCatalogWorkbook(views)
}

// Reading

const checkResource = Compile(ResourceInput)

async function parseWorkbook(buffer: Buffer, onProgress?: ImportProgress) {
  const sheets = await readSheets(buffer, onProgress)
  const { rows, problems } = parseSheets(sheets)
  for (const row of rows) {
    const taken = new Set(problems.map(cellKey))
    for (const error of checkResource.Errors(row.input)) {
      const field = error.instancePath.split('/').filter(Boolean).join('.')
      const place = locate(row, field, error.keyword === 'minItems' ? RC.name : IC.name)
      const problem = { ...place, code: 'CATALOG_IMPORT_CELL_INVALID', reason: schemaReason(error) }
      if (!taken.has(cellKey(problem))) {
        taken.add(cellKey(problem))
        problems.push(problem)
      }
    }
  }
  const order = (sheet: string) => (sheet === rows[0]?.itemSheet || sheet === ITEM_SHEET ? 1 : 0)
  problems.sort((a, b) => order(a.sheet) - order(b.sheet) || a.row - b.row)
  return { rows, problems }
}

/** Reads cell texts row by row with the streaming reader: it never expands whole-column validations. */
async function readSheets(buffer: Buffer, onProgress?: ImportProgress): Promise<SheetData[]> {
  const chunkSize = 256 * 1024
  function* chunks() {
    for (let offset = 0; offset < buffer.length; offset += chunkSize) {
      onProgress?.({ phase: 'read', done: offset, total: buffer.length })
      yield buffer.subarray(offset, offset + chunkSize)
    }
    onProgress?.({ phase: 'read', done: buffer.length, total: buffer.length })
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks()), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  })
  const sheets: SheetData[] = []
  try {
    for await (const worksheet of reader) {
      // The reader's type omits `name`, which it sets from workbook.xml.
      const name = 'name' in worksheet && typeof worksheet.name === 'string' ? worksheet.name : ''
      const rows: SheetData['rows'] = []
      for await (const row of worksheet) {
        const cells: string[] = []
        row.eachCell((cell, column) => {
          cells[column] = cellText(cell.value)
        })
        if (cells.some((text) => text.trim() !== '')) {
          rows.push({ number: row.number, cells })
        }
      }
      sheets.push({ name, rows })
    }
  } catch (e) {
    console.log('DEBUG', e)
    throw new AppError('CATALOG_IMPORT_FILE_UNREADABLE')
  }
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

function schemaReason(error: { keyword: string; params: unknown; message: string }): string {
  const limit =
    typeof error.params === 'object' && error.params !== null && 'limit' in error.params
      ? String(error.params.limit)
      : ''
  switch (error.keyword) {
    case 'maxLength':
      return `内容过长，最多 ${limit} 个字符`
    case 'minLength':
      return '不能为空'
    case 'pattern':
      return '格式不正确（分类代码为 1、2、3 开头的 1、3、6 或 9 位数字）'
    case 'minimum':
    case 'maximum':
      return '数值超出允许范围（1 至 1000000）'
    case 'maxItems':
      return `数量过多，最多 ${limit} 个`
    case 'minItems':
      return '至少需要一个信息项'
    default:
      return `内容不符合要求（${error.message}）`
  }
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

const ZH_MESSAGES = new Map<string, string>(Object.entries(ERROR_CATALOG).map(([code, spec]) => [code, spec.zh]))

function serviceReason(code: string, details: unknown): string {
  const message = ZH_MESSAGES.get(code) ?? code
  const d = isRecord(details) ? details : {}
  switch (code) {
    case 'CATALOG_DUPLICATE_ITEM':
      return `${message}：${String(d.name)}`
    case 'CATALOG_AUTHORITATIVE_ITEM_EXISTS':
      return `${message}：权威信息项代码 ${String(d.authoritativeItemCode)}（${String(d.resourceName ?? d.resourceCode)}）`
    case 'CATALOG_AUTHORITATIVE_REFERENCE_INVALID':
    case 'CATALOG_CLASS_NOT_FOUND':
      return `${message}：${String(d.code)}`
    case 'FORBIDDEN':
      return d.field === 'code' ? `资源代码 ${String(d.code)} 属于其他部门，不能在本部门导入` : message
    default:
      return message
  }
}

/** The cell of a field: 'items.3.length' is on the item sheet, 'legalBasis' on the resource row. */
function locate(row: ImportedRow, field: string | undefined, fallback: string) {
  const item = /^items(?:\.(\d+)(?:\.(\w+))?)?/.exec(field ?? '')
  if (item) {
    const itemRow = row.itemRows[Number(item[1] ?? 0)] ?? row.itemRows[0]
    if (itemRow !== undefined) {
      const column = (item[2] && ITEM_FIELD_COLUMNS[item[2]]) || (item[1] === undefined ? fallback : IC.name)
      return { sheet: row.itemSheet, row: itemRow, column }
    }
  }
  const path = (field ?? '').split('.')
  const column = RESOURCE_FIELD_COLUMNS[path.slice(0, 2).join('.')] ?? RESOURCE_FIELD_COLUMNS[path[0] ?? '']
  return { sheet: row.sheet, row: row.row, column: column ?? (item ? RC.name : fallback) }
}

function cellKey(problem: { sheet: string; row: number; column: string }): string {
  return `${problem.sheet}\u0000${problem.row}\u0000${problem.column}`
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
  }
  return cells
}
