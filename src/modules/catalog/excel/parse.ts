/**
 * Pure: the cell texts of a catalog workbook → import rows, with a problem for every bad cell of
 * every row (not only the first), so a department fixes its file in one pass.
 */
import { Compile } from 'typebox/compile'
import type { ErrorCode } from '../../../shared/errors.js'
import { type ItemInput, ResourceInput } from '../schema.js'
import {
  IC,
  ITEM_SHEET,
  locate,
  RC,
  REQUIRED_ITEM_HEADERS,
  REQUIRED_RESOURCE_HEADERS,
  RESOURCE_SHEET,
  type RowPlace,
  schemaReason,
  VOCAB,
  type Vocab,
} from './format.js'
import type { ImportProblem } from './schema.js'

/** One bad cell, as CATALOG_IMPORT_INVALID sends it (schema.ts). */
export type Problem = ImportProblem

/** A worksheet as read: its name and its non-empty rows' cell texts (index = column number). */
export interface SheetData {
  name: string
  rows: Array<{ number: number; cells: string[] }>
}

/** A resource row ready for importResources, with where it and its items came from. */
export interface ImportedRow extends RowPlace {
  code?: string
  input: ResourceInput
}

interface Draft {
  row: number
  seq?: string
  code?: string
  meta?: Omit<ResourceInput, 'items'>
  items: ItemInput[]
  itemRows: number[]
  itemsComplete: boolean
}

function problemAt(sheet: string, row: number, column: string, code: ErrorCode, reason: string): Problem {
  return { sheet, row, column, reason, code }
}

/** Parses both sheets; rows come back only for resources whose every cell parsed. */
export function parseSheets(sheets: SheetData[]): { rows: ImportedRow[]; problems: Problem[] } {
  const problems: Problem[] = []
  const resourceSheet = findSheet(sheets, RESOURCE_SHEET, RC.name)
  const itemSheet = findSheet(sheets, ITEM_SHEET, IC.name)
  if (!resourceSheet || !itemSheet) {
    for (const name of [resourceSheet ? [] : [RESOURCE_SHEET], itemSheet ? [] : [ITEM_SHEET]].flat()) {
      problems.push(problemAt(name, 1, '', MISMATCH, `缺少工作表「${name}」`))
    }
    return { rows: [], problems }
  }
  const resources = tableOf(resourceSheet, RC.name, REQUIRED_RESOURCE_HEADERS, problems)
  const items = tableOf(itemSheet, IC.name, REQUIRED_ITEM_HEADERS, problems)
  if (!items.headers.has(IC.seq) && !items.headers.has(IC.code)) {
    const reason = `缺少「${IC.seq}」或「${IC.code}」列`
    problems.push(problemAt(items.name, items.headerRow, IC.seq, MISMATCH, reason))
  }
  if (problems.length > 0) {
    return { rows: [], problems }
  }
  const drafts = resources.rows.map((row) => parseResource(resources.cellsOf(row, problems)))
  if (drafts.length === 0) {
    const emptyAt = resources.headerRow + 1
    problems.push(problemAt(resources.name, emptyAt, RC.name, 'CATALOG_IMPORT_EMPTY', '没有任何资源行'))
  }
  linkItems(drafts, items, resources.name, problems)
  const rows: ImportedRow[] = []
  const taken = new Set(problems.map(cellKey))
  for (const draft of drafts) {
    if (draft.items.length === 0 && draft.itemsComplete) {
      const reason = `该资源在「${items.name}」表中没有信息项`
      problems.push(problemAt(resources.name, draft.row, RC.name, 'CATALOG_IMPORT_NO_ITEMS', reason))
    }
    if (!draft.meta) {
      continue
    }
    const row: ImportedRow = {
      code: draft.code,
      input: { ...draft.meta, items: draft.items },
      sheet: resources.name,
      row: draft.row,
      itemSheet: items.name,
      itemRows: draft.itemRows,
    }
    const fits = checkSchema(row, draft.itemsComplete, problems, taken)
    if (fits && draft.itemsComplete && draft.items.length > 0) {
      rows.push(row)
    }
  }
  const order = (sheet: string) => (sheet === items.name ? 1 : 0)
  problems.sort((a, b) => order(a.sheet) - order(b.sheet) || a.row - b.row)
  return { rows, problems }
}

const checkResource = Compile(ResourceInput)
const INVALID: ErrorCode = 'CATALOG_IMPORT_CELL_INVALID'

function cellKey(p: { sheet: string; row: number; column: string }): string {
  return `${p.sheet}\u0000${p.row}\u0000${p.column}`
}

/** Lengths, formats and ranges of the wire schema, so the file is held to what the API accepts. */
function checkSchema(
  row: ImportedRow,
  itemsComplete: boolean,
  problems: Problem[],
  taken: Set<string>,
): boolean {
  if (checkResource.Check(row.input)) {
    return true
  }
  for (const error of checkResource.Errors(row.input)) {
    if (error.keyword === 'minItems' && (!itemsComplete || error.instancePath === '/items')) {
      continue // reported already: the bad item rows, or CATALOG_IMPORT_NO_ITEMS
    }
    const field = error.instancePath.split('/').filter(Boolean).join('.')
    const place = locate(row, field, IC.name)
    const problem = problemAt(place.sheet, place.row, place.column, INVALID, schemaReason(error))
    if (!taken.has(cellKey(problem))) {
      taken.add(cellKey(problem))
      problems.push(problem)
    }
  }
  return false
}

const MISMATCH: ErrorCode = 'CATALOG_IMPORT_TEMPLATE_MISMATCH'

/** By its name, else by its headers (a department may have renamed the tab). */
function findSheet(sheets: SheetData[], name: string, anchor: string): SheetData | undefined {
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

function tableOf(sheet: SheetData, anchor: string, required: readonly string[], problems: Problem[]) {
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
class Cells {
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

function parseResource(cells: Cells): Draft {
  const draft: Draft = {
    row: cells.row,
    seq: cells.seq(RC.seq),
    code: cells.text(RC.code)?.trim(),
    items: [],
    itemRows: [],
    itemsComplete: true,
  }
  const name = cells.required(RC.name)
  const summary = cells.required(RC.summary)
  const category = cells.choice(RC.category, VOCAB.category, true)
  const theme = cells.choice(RC.theme, VOCAB.theme)
  const format = cells.choice(RC.format, VOCAB.format, true)
  const shareType = cells.choice(RC.shareType, VOCAB.shareType, true)
  const shareMethod = cells.choice(RC.shareMethod, VOCAB.shareMethod, true)
  const openType = cells.choice(RC.openType, VOCAB.openType)
  const updateCycle = cells.choice(RC.updateCycle, VOCAB.updateCycle, true)
  const zone = cells.choice(RC.zone, VOCAB.zone)
  const related = cells
    .text(RC.relatedCodes)
    ?.split(/[,，;；、\s]+/)
    .filter((code) => code !== '')
  const contact = compact({
    name: cells.text(RC.contactName),
    phone: cells.text(RC.contactPhone)?.trim(),
    email: cells.text(RC.contactEmail)?.trim(),
  })
  if (
    cells.isBad ||
    name === undefined ||
    summary === undefined ||
    category === undefined ||
    format === undefined ||
    shareType === undefined ||
    shareMethod === undefined ||
    updateCycle === undefined
  ) {
    return draft
  }
  draft.meta = compact({
    name,
    summary,
    category,
    theme,
    classCode: cells.text(RC.classCode)?.trim(),
    format,
    shareType,
    shareCondition: cells.text(RC.shareCondition),
    legalBasis: cells.text(RC.legalBasis),
    shareMethod,
    openType,
    openCondition: cells.text(RC.openCondition),
    updateCycle,
    relatedCodes: related && related.length > 0 ? related : undefined,
    zone,
    contact: Object.keys(contact).length > 0 ? contact : undefined,
  })
  return draft
}

function parseItem(cells: Cells): ItemInput | undefined {
  const name = cells.required(IC.name)
  const dataType = cells.choice(IC.dataType, VOCAB.dataType, true)
  const length = cells.integer(IC.length)
  const key = cells.yesNo(IC.key)
  const sensitivity = cells.choice(IC.sensitivity, VOCAB.sensitivity)
  if (cells.isBad || name === undefined || dataType === undefined) {
    return undefined
  }
  return compact({
    name,
    dataType,
    key,
    sensitivity,
    length,
    description: cells.text(IC.description),
    authoritativeItemCode: cells.text(IC.authoritativeItemCode)?.trim(),
  })
}

/** Attaches each item row to its resource row: by 资源序号, else by 资源代码. */
function linkItems(
  drafts: Draft[],
  items: ReturnType<typeof tableOf>,
  resourceSheet: string,
  problems: Problem[],
) {
  const bySeq = new Map<string, Draft>()
  const byCode = new Map<string, Draft>()
  for (const draft of drafts) {
    const duplicate = (column: string, value: string) =>
      problems.push(
        problemAt(resourceSheet, draft.row, column, 'CATALOG_IMPORT_DUPLICATE_ROW', `「${value}」重复出现`),
      )
    if (draft.seq !== undefined) {
      if (bySeq.has(draft.seq)) {
        duplicate(RC.seq, draft.seq)
      }
      bySeq.set(draft.seq, bySeq.get(draft.seq) ?? draft)
    }
    if (draft.code !== undefined) {
      if (byCode.has(draft.code)) {
        duplicate(RC.code, draft.code)
      }
      byCode.set(draft.code, byCode.get(draft.code) ?? draft)
    }
  }
  for (const source of items.rows) {
    const cells = items.cellsOf(source, problems)
    const seq = cells.seq(IC.seq)
    const code = cells.text(IC.code)?.trim()
    const owner = seq !== undefined ? bySeq.get(seq) : code !== undefined ? byCode.get(code) : undefined
    if (seq === undefined && code === undefined) {
      cells.report(IC.seq, 'CATALOG_IMPORT_CELL_REQUIRED', `须填写「${IC.seq}」或「${IC.code}」`)
    } else if (!owner) {
      const [column, value] = seq !== undefined ? [IC.seq, seq] : [IC.code, code]
      const reason = `「${resourceSheet}」表中没有${column === IC.seq ? '序号' : '资源代码'}为「${value}」的资源`
      cells.report(column, 'CATALOG_IMPORT_ITEM_ORPHAN', reason)
    } else if (seq !== undefined && code !== undefined && owner.code !== undefined && owner.code !== code) {
      const reason = `与资源序号「${seq}」所指资源的代码「${owner.code}」不一致`
      cells.report(IC.code, 'CATALOG_IMPORT_ITEM_ORPHAN', reason)
    }
    const item = parseItem(cells)
    if (!owner) {
      continue
    }
    if (item === undefined || cells.isBad) {
      owner.itemsComplete = false
      continue
    }
    owner.items.push(item)
    owner.itemRows.push(cells.row)
  }
}

/** Drops undefined members, so stored metadata and the diff see exactly what the file said. */
function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value)) {
    if (Reflect.get(value, key) === undefined) {
      Reflect.deleteProperty(value, key)
    }
  }
  return value
}
