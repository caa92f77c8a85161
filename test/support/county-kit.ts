/**
 * A small county export (docs/county-migration.md) as the files of its folder, in CSV, Excel and
 * JSON, for the upload routes and the portal's browser test: three resources (one refused: no key
 * item), two grants (one refused: an item the resource lacks), records in CSV and Excel (one
 * refused: not a valid ID number). `variant` edits it the way a county's next export would.
 */
import ExcelJS from 'exceljs'
import { idNumber } from './synthetic-people.js'

export interface CountyPlaces {
  county: { code: string; name: string }
  /** Two departments under the county: the first provides, the second consumes. */
  departments: [string, string]
}

export interface Variant {
  /** A new summary for XS-0001. */
  summary?: string
  /** A new valid-to of the grant on XS-0001. */
  validTo?: string
  /** A new 办理事项 for every record of XS-0001. */
  matter?: string
}

const RESOURCE_HEADER = [
  '资源编码',
  '资源名称',
  '资源摘要',
  '资源分类',
  '资源格式',
  '共享类型',
  '共享方式',
  '更新周期',
  '提供部门代码',
]
const ITEM_HEADER = ['资源编码', '信息项名称', '数据类型', '是否主键', '敏感类别']

function csv(rows: ReadonlyArray<ReadonlyArray<string>>): Buffer {
  return Buffer.from(
    `${rows.map((row) => row.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n')}\n`,
  )
}

function people(count: number, matter: string, from: number): string[][] {
  return Array.from({ length: count }, (_, k) => [
    idNumber(
      '990101',
      { digits: `198${k % 10}0${(k % 9) + 1}1${k % 10}` } as never,
      String(from + k).padStart(3, '0'),
    ),
    `测试${from + k}`,
    matter,
  ])
}

/** The export's files by their path in the folder, as a browser or the CLI would find them. */
export async function countyExportFiles(
  places: CountyPlaces,
  variant: Variant = {},
): Promise<Map<string, Buffer>> {
  const [provider, consumer] = places.departments
  const resources = [1, 2, 3].map((n) => [
    `XS-000${n}`,
    `西山区迁移资源${n}`,
    n === 1 && variant.summary ? variant.summary : `西山区迁移资源${n}的摘要`,
    'department',
    'database',
    '无条件共享',
    'api',
    'daily',
    provider,
  ])
  const items = [1, 2, 3].flatMap((n) => [
    [`XS-000${n}`, '公民身份号码', 'string', n === 3 ? '否' : '是', 'id_number'],
    [`XS-000${n}`, '姓名', 'string', '否', 'name'],
    [`XS-000${n}`, '办理事项', 'string', '否', ''],
  ])
  const grants = [
    ['资源编码', '使用部门代码', '授权信息项', '有效期至', '用途'],
    ['XS-0001', consumer, '公民身份号码、姓名', variant.validTo ?? '2030-12-31', '业务办理核验'],
    ['XS-0002', consumer, '不存在的信息项', '2030-12-31', '业务办理核验'],
  ]
  const first = people(5, variant.matter ?? '户籍证明', 1)
  const invalid = first[4]
  if (invalid) {
    invalid[0] = '99010119800101123X'
  }
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('records')
  sheet.addRow(['公民身份号码', '姓名', '办理事项'])
  for (const row of people(3, '婚姻登记', 20)) {
    sheet.addRow(row)
  }
  const manifest = { platform: 'test county platform', county: places.county }
  return new Map<string, Buffer>([
    ['manifest.json', Buffer.from(JSON.stringify(manifest))],
    ['resources.csv', csv([RESOURCE_HEADER, ...resources])],
    ['items.csv', csv([ITEM_HEADER, ...items])],
    ['grants.csv', csv(grants)],
    ['records/XS-0001.csv', csv([['公民身份号码', '姓名', '办理事项'], ...first])],
    ['records/XS-0002.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())],
  ])
}

/** The files as a browser sends a picked folder: multipart, each part named by its path under `top`. */
export function exportForm(files: ReadonlyMap<string, Buffer>, top = 'xishan-export'): FormData {
  const form = new FormData()
  for (const [name, data] of files) {
    form.append('files', new Blob([new Uint8Array(data)]), `${top}/${name}`)
  }
  return form
}
