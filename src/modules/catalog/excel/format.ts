/**
 * The catalog workbook's layout: sheet names, Chinese column headers and the two-way tables between
 * the vocabulary's codes and their Chinese labels — the same labels the portal shows (vocabulary.ts).
 */
import type { Labels } from '../../../shared/schema.js'
import {
  CATEGORIES,
  CATEGORY_LABELS,
  DATA_TYPE_LABELS,
  DATA_TYPES,
  FORMAT_LABELS,
  FORMATS,
  FORMER_EXCEL_LABELS,
  OPEN_TYPE_LABELS,
  OPEN_TYPES,
  SENSITIVITIES,
  SENSITIVITY_LABELS,
  SHARE_METHOD_LABELS,
  SHARE_METHODS,
  SHARE_TYPE_LABELS,
  SHARE_TYPES,
  THEME_LABELS,
  THEMES,
  UPDATE_CYCLE_LABELS,
  UPDATE_CYCLES,
  ZONE_LABELS,
  ZONES,
} from '../vocabulary.js'

export const RESOURCE_SHEET = '信息资源'
export const ITEM_SHEET = '信息项'

/** Resource sheet headers; 序号 is what item rows of a resource without a code point at. */
export const RC = {
  seq: '序号',
  code: '资源代码',
  name: '资源名称',
  summary: '资源摘要',
  category: '资源分类',
  theme: '主题',
  classCode: '分类代码',
  format: '资源格式',
  shareType: '共享类型',
  shareCondition: '共享条件',
  legalBasis: '共享依据',
  shareMethod: '共享方式',
  openType: '开放类型',
  openCondition: '开放条件',
  updateCycle: '更新周期',
  relatedCodes: '关联资源代码',
  zone: '网络区域',
  contactName: '联系人',
  contactPhone: '联系电话',
  contactEmail: '联系邮箱',
  // Written on export for the reader; the import takes the provider from the signed-in department.
  providerCode: '提供方统一社会信用代码',
} as const

export const IC = {
  seq: '资源序号',
  code: '资源代码',
  name: '信息项名称',
  dataType: '数据类型',
  length: '数据长度',
  key: '是否主键',
  sensitivity: '敏感类别',
  description: '描述',
  authoritativeItemCode: '权威信息项代码',
  elementCode: '数据元代码',
} as const

export interface Vocab<K extends string> {
  label(key: K): string
  /** The code for a label, a former label or the code itself (as API users may write it). */
  parse(text: string): K | undefined
  labels: readonly string[]
}

function vocab<K extends string>(
  keys: readonly K[],
  labels: Labels<K>,
  former: Readonly<Record<string, K>> = {},
): Vocab<K> {
  return {
    label: (key) => labels[key].zh,
    parse: (text) => keys.find((key) => labels[key].zh === text || key === text) ?? former[text],
    labels: keys.map((key) => labels[key].zh),
  }
}

const YES_NO = ['yes', 'no'] as const

/** The lists of the template's drop-downs; old templates' labels still parse (FORMER_EXCEL_LABELS). */
export const VOCAB = {
  category: vocab(CATEGORIES, CATEGORY_LABELS, FORMER_EXCEL_LABELS.category),
  theme: vocab(THEMES, THEME_LABELS),
  format: vocab(FORMATS, FORMAT_LABELS),
  shareType: vocab(SHARE_TYPES, SHARE_TYPE_LABELS),
  shareMethod: vocab(SHARE_METHODS, SHARE_METHOD_LABELS),
  openType: vocab(OPEN_TYPES, OPEN_TYPE_LABELS),
  updateCycle: vocab(UPDATE_CYCLES, UPDATE_CYCLE_LABELS),
  zone: vocab(ZONES, ZONE_LABELS),
  dataType: vocab(DATA_TYPES, DATA_TYPE_LABELS, FORMER_EXCEL_LABELS.dataType),
  sensitivity: vocab(SENSITIVITIES, SENSITIVITY_LABELS, FORMER_EXCEL_LABELS.sensitivity),
  // A cell's yes / no, not a wire vocabulary: the API has a boolean.
  yesNo: vocab(YES_NO, { yes: { zh: '是', en: 'Yes' }, no: { zh: '否', en: 'No' } }),
}

export interface ColumnSpec {
  header: string
  width: number
  /** Typed as text in the template, so Excel keeps codes and phone numbers as written. */
  text?: boolean
  list?: readonly string[]
}

export const RESOURCE_COLUMNS: readonly ColumnSpec[] = [
  { header: RC.seq, width: 7 },
  { header: RC.code, width: 16, text: true },
  { header: RC.name, width: 28 },
  { header: RC.summary, width: 40 },
  { header: RC.category, width: 10, list: VOCAB.category.labels },
  { header: RC.theme, width: 20, list: VOCAB.theme.labels },
  { header: RC.classCode, width: 12, text: true },
  { header: RC.format, width: 12, list: VOCAB.format.labels },
  { header: RC.shareType, width: 13, list: VOCAB.shareType.labels },
  { header: RC.shareCondition, width: 24 },
  { header: RC.legalBasis, width: 28 },
  { header: RC.shareMethod, width: 12, list: VOCAB.shareMethod.labels },
  { header: RC.openType, width: 13, list: VOCAB.openType.labels },
  { header: RC.openCondition, width: 24 },
  { header: RC.updateCycle, width: 10, list: VOCAB.updateCycle.labels },
  { header: RC.relatedCodes, width: 24, text: true },
  { header: RC.zone, width: 11, list: VOCAB.zone.labels },
  { header: RC.contactName, width: 10 },
  { header: RC.contactPhone, width: 15, text: true },
  { header: RC.contactEmail, width: 24 },
  { header: RC.providerCode, width: 22, text: true },
]

export const ITEM_COLUMNS: readonly ColumnSpec[] = [
  { header: IC.seq, width: 9 },
  { header: IC.code, width: 16, text: true },
  { header: IC.name, width: 24 },
  { header: IC.dataType, width: 12, list: VOCAB.dataType.labels },
  { header: IC.length, width: 10 },
  { header: IC.key, width: 9, list: VOCAB.yesNo.labels },
  { header: IC.sensitivity, width: 14, list: VOCAB.sensitivity.labels },
  { header: IC.description, width: 36 },
  { header: IC.authoritativeItemCode, width: 22, text: true },
  { header: IC.elementCode, width: 14, text: true },
]

/** Columns a sheet cannot do without (the item sheet also needs 资源序号 or 资源代码). */
export const REQUIRED_RESOURCE_HEADERS: readonly string[] = [
  RC.name,
  RC.summary,
  RC.category,
  RC.format,
  RC.shareType,
  RC.shareMethod,
  RC.updateCycle,
]
export const REQUIRED_ITEM_HEADERS: readonly string[] = [IC.name, IC.dataType]

/** Where a field of ResourceInput (as the service names it: 'legalBasis', 'contact.email') sits. */
export const RESOURCE_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  code: RC.code,
  name: RC.name,
  summary: RC.summary,
  category: RC.category,
  theme: RC.theme,
  classCode: RC.classCode,
  format: RC.format,
  shareType: RC.shareType,
  shareCondition: RC.shareCondition,
  legalBasis: RC.legalBasis,
  shareMethod: RC.shareMethod,
  openType: RC.openType,
  openCondition: RC.openCondition,
  updateCycle: RC.updateCycle,
  relatedCodes: RC.relatedCodes,
  zone: RC.zone,
  contact: RC.contactName,
  'contact.name': RC.contactName,
  'contact.phone': RC.contactPhone,
  'contact.email': RC.contactEmail,
}

export const ITEM_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  name: IC.name,
  dataType: IC.dataType,
  length: IC.length,
  key: IC.key,
  sensitivity: IC.sensitivity,
  description: IC.description,
  authoritativeItemCode: IC.authoritativeItemCode,
  elementCode: IC.elementCode,
}

/** Where a resource row and its item rows sit in the workbook. */
export interface RowPlace {
  sheet: string
  row: number
  itemSheet: string
  itemRows: number[]
}

/**
 * The cell of a field as the service or the schema names it: 'items.3.length' is on the item
 * sheet, 'legalBasis' and 'contact.email' on the resource row; unknown fields go to `fallback`.
 */
export function locate(place: RowPlace, field: string | undefined, fallback: string) {
  const item = /^items(?:\.(\d+)(?:\.(\w+))?)?/.exec(field ?? '')
  if (item) {
    const itemRow = place.itemRows[Number(item[1] ?? 0)] ?? place.itemRows[0]
    if (itemRow !== undefined) {
      const column = (item[2] && ITEM_FIELD_COLUMNS[item[2]]) || (item[1] === undefined ? fallback : IC.name)
      return { sheet: place.itemSheet, row: itemRow, column }
    }
  }
  const path = (field ?? '').split('.')
  const column = RESOURCE_FIELD_COLUMNS[path.slice(0, 2).join('.')] ?? RESOURCE_FIELD_COLUMNS[path[0] ?? '']
  return { sheet: place.sheet, row: place.row, column: column ?? (item ? RC.name : fallback) }
}

/** Why a cell fails the wire schema, in the words a department's clerk reads. */
export function schemaReason(error: { keyword: string; params: unknown; message: string }): string {
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
