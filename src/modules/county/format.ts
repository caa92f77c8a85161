/**
 * Art. 21: what a county platform's export says, whatever platform wrote it. Each file's column
 * (or JSON field) names are mapped to ours by a small alias table of the names common county
 * platforms use; vocabulary cells take our codes or the template's Chinese labels.
 */
import { VOCAB } from '../catalog/index.js'

export type RawRow = Record<string, unknown>

/** One export, read from its files (read.ts) and named rows (`row`: 1-based, for the report). */
export interface CountyExport {
  county: { code: string; name: string }
  platform: string | null
  departments: Array<{ row: number; code: string; name: string }>
  resources: Array<{ row: number; code: string; departmentCode: string; input: RawRow }>
  grants: Array<{
    row: number
    resourceCode: string
    consumerCode: string
    items: string[]
    validTo: string | null
    purpose: string
  }>
  /** Per resource code: its records (item name → value; `tabular`: cells still to type) and their source change time. */
  records: Array<{ resourceCode: string; sourceChangedAt: string | null; tabular: boolean; rows: RawRow[] }>
}

/** Our field ← the names county platforms give it (compared without case, spaces, `_` or `-`). */
export const ALIASES: Record<string, readonly string[]> = {
  code: [
    'code',
    'resourceCode',
    'resCode',
    'catalogCode',
    '资源编码',
    '资源代码',
    '信息资源代码',
    '目录编码',
  ],
  departmentCode: [
    'departmentCode',
    'providerCode',
    'orgCode',
    'deptCode',
    'creditCode',
    '提供方代码',
    '提供部门代码',
    '部门代码',
    '统一社会信用代码',
  ],
  name: [
    'name',
    'title',
    'resourceName',
    '资源名称',
    '信息资源名称',
    '名称',
    '部门名称',
    '信息项名称',
    '字段名称',
  ],
  summary: ['summary', 'description', 'abstract', '摘要', '资源摘要', '信息资源摘要'],
  category: ['category', '资源分类', '资源类别', '类别'],
  theme: ['theme', 'topic', '主题', '主题分类'],
  classCode: ['classCode', '分类编码', '目录分类代码'],
  format: ['format', '资源格式', '信息资源格式'],
  shareType: ['shareType', 'sharingType', '共享类型', '共享属性'],
  shareCondition: ['shareCondition', '共享条件'],
  legalBasis: ['legalBasis', 'basis', '共享依据', '不予共享依据', '法律依据'],
  shareMethod: ['shareMethod', 'sharingMethod', '共享方式'],
  openType: ['openType', '开放类型', '开放属性'],
  openCondition: ['openCondition', '开放条件'],
  updateCycle: ['updateCycle', 'updateFrequency', 'frequency', '更新周期', '更新频率'],
  zone: ['zone', 'network', '网络区域', '所属网络'],
  dataType: ['dataType', 'type', 'fieldType', '数据类型', '字段类型'],
  key: ['key', 'isKey', 'primaryKey', '是否主键', '主键'],
  sensitivity: ['sensitivity', '敏感类别', '敏感级别', '敏感类型'],
  length: ['length', 'fieldLength', '数据长度', '字段长度'],
  itemDescription: ['itemDescription', '信息项说明', '字段说明'],
  resourceCode: ['resourceCode', 'resCode', '资源编码', '资源代码', '信息资源代码'],
  consumerCode: [
    'consumerCode',
    'consumer',
    'applicantCode',
    '使用部门代码',
    '申请部门代码',
    '共享使用方代码',
  ],
  items: ['items', 'fields', '信息项', '授权信息项'],
  validTo: ['validTo', 'expiresOn', 'endDate', '有效期至', '截止日期'],
  purpose: ['purpose', 'usage', '用途', '使用用途'],
  sourceChangedAt: ['sourceChangedAt', 'updatedAt', '数据更新时间'],
}

const squeeze = (name: string) => name.replace(/[\s_-]/g, '').toLowerCase()

/** The value of our `field` in a row, under whichever alias the row uses; blank cells are absent. */
export function cell(row: RawRow, field: string): unknown {
  const names = new Set((ALIASES[field] ?? [field]).map(squeeze))
  for (const [name, value] of Object.entries(row)) {
    if (names.has(squeeze(name)) && value !== null && value !== undefined && value !== '') {
      return value
    }
  }
  return undefined
}

export function text(row: RawRow, field: string): string | undefined {
  const value = cell(row, field)
  return value === undefined ? undefined : String(value).trim()
}

type VocabField = Exclude<keyof typeof VOCAB, 'yesNo'>

/** A vocabulary cell as our code: the code itself or the template's label; unknown text is kept (the schema check refuses it). */
export function vocabulary(row: RawRow, field: VocabField): string | undefined {
  const value = text(row, field)
  return value === undefined ? undefined : (VOCAB[field].parse(value) ?? value)
}

const YES = new Set(['是', 'y', 'yes', 'true', '1'])

function yes(value: unknown): boolean {
  return value === true || value === 1 || (typeof value === 'string' && YES.has(value.trim().toLowerCase()))
}

/** A resource row (and its item rows) as the catalog's resource input; the catalog checks it. */
export function resourceInput(row: RawRow, itemRows: readonly RawRow[]): RawRow {
  const input: RawRow = {
    name: text(row, 'name'),
    summary: text(row, 'summary'),
    category: vocabulary(row, 'category'),
    theme: vocabulary(row, 'theme'),
    classCode: text(row, 'classCode'),
    format: vocabulary(row, 'format'),
    shareType: vocabulary(row, 'shareType'),
    shareCondition: text(row, 'shareCondition'),
    legalBasis: text(row, 'legalBasis'),
    shareMethod: vocabulary(row, 'shareMethod'),
    openType: vocabulary(row, 'openType'),
    openCondition: text(row, 'openCondition'),
    updateCycle: vocabulary(row, 'updateCycle'),
    zone: vocabulary(row, 'zone'),
    items: itemRows.map(itemInput),
  }
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))
}

function itemInput(row: RawRow): RawRow {
  const length = cell(row, 'length')
  const item: RawRow = {
    name: text(row, 'name'),
    dataType: vocabulary(row, 'dataType'),
    key: yes(cell(row, 'key')) || undefined,
    sensitivity: vocabulary(row, 'sensitivity'),
    length: length === undefined ? undefined : Number(length),
    description: text(row, 'itemDescription'),
  }
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined))
}

/** A grant's items: a JSON array, or names separated by 、 , ; or |. */
export function itemList(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.map((v) => String(v).trim()).filter((v) => v.length > 0)
  }
  return typeof value === 'string'
    ? value
        .split(/[、,，;；|]/)
        .map((v) => v.trim())
        .filter((v) => v.length > 0)
    : []
}
