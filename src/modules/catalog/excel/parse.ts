/**
 * Pure: the cell texts of a catalog workbook → import rows, with a problem for every bad cell of
 * every row (not only the first), so a department fixes its file in one pass.
 */
import { Compile } from 'typebox/compile'
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
} from './format.js'
import {
  type Cells,
  cellKey,
  findSheet,
  INVALID,
  MISMATCH,
  type Problem,
  problemAt,
  type SheetData,
  tableOf,
} from './sheet.js'

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
    elementCode: cells.text(IC.elementCode)?.trim(),
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
