/**
 * `govshare county import` as operators run it (in-process, SQLite data folder): the same small
 * county export written as JSON, as CSV and as Excel tables reads the same, a dry run writes
 * nothing, the run creates what the dry run said, and a second run changes nothing. The 10 000
 * record case on both databases is src/modules/county/service.test.ts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { govshare } from '../../test/support/cli.js'
import { ADMIN_PASSWORD } from '../../test/support/platform.js'
import { readCountyExport } from '../modules/county/index.js'
import { buildUscc, ensureBureauAndAdmin } from '../modules/org/index.js'
import { withServices } from './context.js'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-county-'))
const env = { ...process.env, DATA_DIR: path.join(root, 'data'), DATABASE_URL: '' }
const COUNTY = buildUscc('11', '530113', 'CT000002')
const OFFICE = buildUscc('11', '530113', 'CD000002')

const RESOURCES = [
  {
    资源代码: 'DC-1',
    信息资源名称: '东川区测试登记信息',
    信息资源摘要: '东川区迁移测试用的登记信息',
    资源分类: '部门信息资源',
    资源格式: '数据库',
    共享类型: '无条件共享',
    共享方式: '接口服务',
    更新周期: '每日',
    统一社会信用代码: OFFICE,
  },
]
// The same code twice: the second row is refused, the first imported once.
RESOURCES.push({ ...RESOURCES[0], 信息资源名称: '东川区测试登记信息（重复）' } as (typeof RESOURCES)[number])
const ITEMS = [
  { 资源代码: 'DC-1', 信息项名称: '登记编号', 数据类型: '字符型', 是否主键: '是' },
  { 资源代码: 'DC-1', 信息项名称: '登记日期', 数据类型: '日期型', 是否主键: '否' },
  { 资源代码: 'DC-1', 信息项名称: '份数', 数据类型: '整型', 是否主键: '否' },
]
const RECORDS = [
  { 登记编号: 'A-1', 登记日期: '2026-01-05', 份数: '2' },
  { 登记编号: 'A-2', 登记日期: '2026-02-06', 份数: '3' },
  { 登记编号: 'A-3', 登记日期: '2026-13-01', 份数: '1' },
]

function csv(rows: Array<Record<string, string>>): string {
  const header = Object.keys(rows[0] ?? {})
  return `${[header, ...rows.map((row) => header.map((h) => row[h] ?? ''))].map((r) => r.join(',')).join('\n')}\n`
}

async function xlsx(file: string, rows: Array<Record<string, string>>): Promise<void> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Sheet1')
  const header = Object.keys(rows[0] ?? {})
  sheet.addRow(header)
  for (const row of rows) {
    sheet.addRow(header.map((h) => row[h] ?? ''))
  }
  await workbook.xlsx.writeFile(file)
}

/** The same export in one format: manifest.json beside resources, items and records tables. */
async function writeExport(format: 'csv' | 'xlsx' | 'json'): Promise<string> {
  const dir = path.join(root, format)
  fs.mkdirSync(path.join(dir, 'records'), { recursive: true })
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ county: { code: COUNTY, name: '东川区' } }),
  )
  const tables: Array<[string, Array<Record<string, string>>]> = [
    ['resources', RESOURCES],
    ['items', ITEMS],
    ['records/DC-1', RECORDS],
  ]
  for (const [name, rows] of tables) {
    const file = path.join(dir, `${name}.${format}`)
    if (format === 'csv') {
      fs.writeFileSync(file, csv(rows))
    } else if (format === 'xlsx') {
      await xlsx(file, rows)
    } else {
      const typed = name.startsWith('records') ? rows.map((r) => ({ ...r, 份数: Number(r.份数) })) : rows
      fs.writeFileSync(file, JSON.stringify(typed))
    }
  }
  return dir
}

describe('govshare county import', () => {
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

  it('reads the same export from JSON, CSV and Excel tables', async () => {
    const [json, csvExport, excel] = await Promise.all(
      (['json', 'csv', 'xlsx'] as const).map(async (f) => readCountyExport(await writeExport(f))),
    )
    expect(csvExport?.resources).toEqual(json?.resources)
    expect(excel?.resources).toEqual(json?.resources)
    expect(json?.resources[0]?.input).toMatchObject({
      category: 'department',
      format: 'database',
      shareMethod: 'api',
    })
    expect(csvExport?.records[0]?.rows).toHaveLength(3)
  })

  it('dry-runs, runs, and runs again changing nothing', async () => {
    await withServices(env, async (services) => {
      const { admin } = await ensureBureauAndAdmin(services, ADMIN_PASSWORD)
      const county = await services.org.createDepartment(admin, {
        code: COUNTY,
        name: '东川区（测试）',
        level: 'county',
      })
      await services.org.createDepartment(admin, {
        code: OFFICE,
        name: '东川区测试局',
        level: 'county',
        parentId: county.id,
      })
    })
    const dir = path.join(root, 'csv')
    const dry = await govshare(['county', 'import', dir, '--dry-run'], env)
    expect(dry).toMatchObject({ code: 0, stderr: '' })
    expect(dry.stdout).toContain('(dry run, nothing written)')
    expect(dry.stdout).toContain('resource: 1 create, 0 change, 0 unchanged, 1 refused')
    expect(dry.stdout).toContain('refused resource DC-1 (row 2): COUNTY_DUPLICATE_KEY')
    expect(dry.stdout).toContain('record: 2 create, 0 change, 0 unchanged, 1 refused')
    expect(dry.stdout).toContain('refused record DC-1#3: EXCHANGE_INVALID_RECORD')
    const run = await govshare(['county', 'import', dir], env)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('record: 2 create, 0 change, 0 unchanged, 1 refused')
    const again = await govshare(['county', 'import', dir, '--json'], env)
    const report = JSON.parse(again.stdout)
    expect(report.runId).toBeNull()
    expect(report.counts.resource).toEqual({ create: 0, change: 0, unchanged: 1, refused: 1 })
    expect(report.counts.record).toEqual({ create: 0, change: 0, unchanged: 2, refused: 1 })
    const unknown = await govshare(['county', 'import', path.join(root, 'nowhere')], env)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('COUNTY_EXPORT_INVALID')
  }, 60_000)
})
