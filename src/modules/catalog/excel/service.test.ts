import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { ERROR_CATALOG } from '../../../shared/errors.js'
import { viewToInput } from '../inputs.js'
import type { ResourceInput, ResourceView } from '../schema.js'
import {
  CATEGORY_LABELS,
  DATA_TYPE_LABELS,
  FORMAT_LABELS,
  OPEN_TYPE_LABELS,
  SENSITIVITY_LABELS,
  SHARE_METHOD_LABELS,
  SHARE_TYPE_LABELS,
  THEME_LABELS,
  UPDATE_CYCLE_LABELS,
  ZONE_LABELS,
} from '../vocabulary.js'
import {
  ITEM_SHEET,
  RESOURCE_SHEET,
  readCatalogWorkbook,
  VOCAB,
  writeCatalogRows,
  writeCatalogWorkbook,
} from './service.js'

function resource(n: number, overrides: Partial<ResourceInput> = {}): ResourceInput {
  return {
    name: `企业登记信息${n}`,
    summary: `第 ${n} 个资源的摘要`,
    category: 'department',
    format: 'database',
    shareType: 'unconditional',
    shareMethod: 'api',
    updateCycle: 'daily',
    items: [
      { name: '统一社会信用代码', dataType: 'string', key: true, length: 18 },
      { name: '企业名称', dataType: 'string' },
    ],
    ...overrides,
  }
}

/** Every field the template has, with the awkward values (spaces, line breaks, numbers as text). */
const full: ResourceInput = {
  name: '  人口基础信息 ',
  summary: '全市户籍人口\n第二行：公民身份号码、姓名、住址',
  category: 'base',
  theme: 'population',
  classCode: '101',
  format: 'self_describing',
  shareType: 'unconditional',
  shareCondition: '仅限政务用途',
  legalBasis: '《昆明市政务信息资源共享管理暂行办法》',
  shareMethod: 'database',
  openType: 'conditional',
  openCondition: '脱敏后开放',
  updateCycle: 'semiannual',
  relatedCodes: ['3/000001', '3/000002'],
  zone: 'internal',
  contact: { name: '张三', phone: '0871-12345678', email: 'zhang@km.gov.cn' },
  items: [
    {
      name: '公民身份号码',
      dataType: 'string',
      key: true,
      sensitivity: 'id_number',
      length: 18,
      description: '18 位',
    },
    { name: '出生日期', dataType: 'date', key: false, sensitivity: 'none' },
    { name: '住址', dataType: 'string', sensitivity: 'address', authoritativeItemCode: '101/000001-003' },
  ],
}

/** Changes cells of a workbook: `edit` gets each sheet and a cell finder by row and header. */
async function edit(
  buffer: Buffer,
  change: (
    cell: (sheet: string, row: number, header: string) => ExcelJS.Cell,
    book: ExcelJS.Workbook,
  ) => void,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(new Uint8Array(buffer).buffer)
  change((sheetName, row, header) => {
    const sheet = book.getWorksheet(sheetName)
    if (!sheet) {
      throw new Error(`no sheet ${sheetName}`)
    }
    let column = 0
    sheet.getRow(1).eachCell((cell, number) => {
      if (cell.value === header) {
        column = number
      }
    })
    return sheet.getRow(row).getCell(column)
  }, book)
  return Buffer.from(await book.xlsx.writeBuffer())
}

describe('catalog workbook', () => {
  it('reads back exactly the rows it wrote, codes included', async () => {
    const rows = [{ input: full }, { code: '3/000007', input: resource(2) }, { input: resource(3) }]
    const { rows: read, problems } = await readCatalogWorkbook(await writeCatalogRows(rows))
    expect(problems).toEqual([])
    expect(read).toEqual([
      { code: undefined, input: full },
      { code: '3/000007', input: resource(2) },
      { code: undefined, input: resource(3) },
    ])
  })

  it('writes resource views as the input that would produce them', async () => {
    const view: ResourceView = {
      ...viewShell(),
      ...full,
      theme: 'population',
      code: '101/000001',
      classCode: '101',
      shareCondition: full.shareCondition ?? null,
      legalBasis: full.legalBasis ?? null,
      openType: 'conditional',
      openCondition: full.openCondition ?? null,
      relatedCodes: full.relatedCodes ?? [],
      zone: 'internal',
      contact: full.contact ?? {},
      items: full.items.map((item, i) => ({
        id: `i${i}`,
        code: `101/000001-00${i + 1}`,
        name: item.name,
        dataType: item.dataType,
        key: item.key === true,
        sensitivity: item.sensitivity ?? 'none',
        length: item.length ?? null,
        description: item.description ?? null,
        authoritativeItemCode: item.authoritativeItemCode ?? null,
        elementCode: item.name === '住址' ? 'DE0008' : null,
      })),
    }
    const { rows } = await readCatalogWorkbook(await writeCatalogWorkbook([view]))
    const expected = viewToInput(view)
    expect(rows[0]?.code).toBe('101/000001')
    expect(rows[0]?.input).toEqual({
      ...expected,
      items: expected.items.map(({ length, description, authoritativeItemCode, ...rest }) => ({
        ...rest,
        ...(length !== undefined ? { length } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(authoritativeItemCode !== undefined ? { authoritativeItemCode } : {}),
      })),
    })
  })

  it('lays the sheets out for people: Chinese labels, bold frozen header, lists', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(new Uint8Array(await writeCatalogRows([{ input: full }])).buffer)
    const sheet = book.getWorksheet(RESOURCE_SHEET)
    expect(sheet?.getRow(1).getCell(3).value).toBe('资源名称')
    expect(sheet?.getRow(1).font?.bold).toBe(true)
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet?.getRow(2).getCell(5).value).toBe('基础信息资源')
    expect(sheet?.getRow(2).getCell(5).dataValidation).toMatchObject({ type: 'list' })
    expect(book.getWorksheet(ITEM_SHEET)?.getRow(2).getCell(6).value).toBe('是')
  })

  it('has a label for every code and maps labels back to codes', () => {
    for (const vocab of Object.values(VOCAB)) {
      expect(new Set(vocab.labels).size).toBe(vocab.labels.length)
      for (const label of vocab.labels) {
        expect(vocab.parse(label)).toBeDefined()
      }
    }
    expect(VOCAB.shareType.parse('有条件共享')).toBe('conditional')
    expect(VOCAB.shareType.parse('conditional')).toBe('conditional')
    expect(VOCAB.shareType.parse('随便')).toBeUndefined()
  })

  it("offers in its drop-downs exactly the portal's labels (one table, vocabulary.ts)", async () => {
    const zh = (labels: Record<string, { zh: string }>) => Object.values(labels).map((label) => label.zh)
    const expected: Record<string, Record<string, string[]>> = {
      [RESOURCE_SHEET]: {
        资源分类: zh(CATEGORY_LABELS),
        主题: zh(THEME_LABELS),
        资源格式: zh(FORMAT_LABELS),
        共享类型: zh(SHARE_TYPE_LABELS),
        共享方式: zh(SHARE_METHOD_LABELS),
        开放类型: zh(OPEN_TYPE_LABELS),
        更新周期: zh(UPDATE_CYCLE_LABELS),
        网络区域: zh(ZONE_LABELS),
      },
      [ITEM_SHEET]: {
        数据类型: zh(DATA_TYPE_LABELS),
        是否主键: ['是', '否'],
        敏感类别: zh(SENSITIVITY_LABELS),
      },
    }
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(new Uint8Array(await writeCatalogRows([{ input: full }])).buffer)
    for (const [sheetName, lists] of Object.entries(expected)) {
      const sheet = book.getWorksheet(sheetName)
      const found: Record<string, string[]> = {}
      sheet?.getRow(1).eachCell((cell, column) => {
        const validation = sheet.getRow(2).getCell(column).dataValidation
        if (validation?.type === 'list') {
          found[String(cell.value)] = (validation.formulae?.[0] ?? '').replace(/^"|"$/g, '').split(',')
        }
      })
      expect(found).toEqual(lists)
    }
  })

  it('still imports a workbook filled in with the labels of the former template', async () => {
    const old = await edit(await writeCatalogRows([{ input: full }]), (cell) => {
      cell(RESOURCE_SHEET, 2, '资源分类').value = '基础'
      cell(ITEM_SHEET, 3, '敏感类别').value = '无'
    })
    const integer = resource(2, {
      category: 'theme',
      theme: 'health',
      items: [
        { name: '编号', dataType: 'integer', key: true },
        { name: '是否有效', dataType: 'boolean' },
      ],
    })
    const older = await edit(await writeCatalogRows([{ input: integer }]), (cell) => {
      cell(RESOURCE_SHEET, 2, '资源分类').value = '主题'
      cell(ITEM_SHEET, 2, '数据类型').value = '整数型'
      cell(ITEM_SHEET, 3, '数据类型').value = '布尔型'
    })
    expect(await readCatalogWorkbook(old)).toEqual({ rows: [{ code: undefined, input: full }], problems: [] })
    expect(await readCatalogWorkbook(older)).toEqual({
      rows: [{ code: undefined, input: integer }],
      problems: [],
    })
  })

  it('reports every bad cell of every row by sheet, row and column', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => ({ input: resource(i + 1) }))
    const buffer = await edit(await writeCatalogRows(rows), (cell) => {
      cell(RESOURCE_SHEET, 3, '资源分类').value = '综合'
      cell(RESOURCE_SHEET, 5, '资源名称').value = null
      cell(RESOURCE_SHEET, 6, '资源摘要').value = 'x'.repeat(4001)
      cell(ITEM_SHEET, 4, '资源序号').value = 99
      cell(ITEM_SHEET, 9, '数据长度').value = '十八'
      cell(ITEM_SHEET, 11, '是否主键').value = '也许'
    })
    const { rows: read, problems } = await readCatalogWorkbook(buffer)
    expect(problems.map(({ sheet, row, column, code }) => ({ sheet, row, column, code }))).toEqual([
      { sheet: RESOURCE_SHEET, row: 3, column: '资源分类', code: 'CATALOG_IMPORT_CELL_UNKNOWN_VALUE' },
      { sheet: RESOURCE_SHEET, row: 5, column: '资源名称', code: 'CATALOG_IMPORT_CELL_REQUIRED' },
      { sheet: RESOURCE_SHEET, row: 6, column: '资源摘要', code: 'CATALOG_IMPORT_CELL_INVALID' },
      { sheet: ITEM_SHEET, row: 4, column: '资源序号', code: 'CATALOG_IMPORT_ITEM_ORPHAN' },
      { sheet: ITEM_SHEET, row: 9, column: '数据长度', code: 'CATALOG_IMPORT_CELL_INVALID' },
      { sheet: ITEM_SHEET, row: 11, column: '是否主键', code: 'CATALOG_IMPORT_CELL_UNKNOWN_VALUE' },
    ])
    expect(problems[0]?.reason).toContain('综合')
    expect(problems[0]?.reason).toContain('基础信息资源、主题信息资源、部门信息资源')
    expect(problems[2]?.reason).toContain('4000')
    for (const problem of problems) {
      expect(problem.code in ERROR_CATALOG).toBe(true)
    }
    // Resources 1, 3 and 6 and their items were left alone (row 4 of the items was resource 2's).
    expect(read.map((row) => row.input.name)).toEqual(['企业登记信息1', '企业登记信息3', '企业登记信息6'])
  })

  it('accepts renamed sheets, a title row, starred headers, and items linked by code', async () => {
    const buffer = await edit(
      await writeCatalogRows([{ code: '3/000001', input: resource(1) }]),
      (cell, book) => {
        const resources = book.getWorksheet(RESOURCE_SHEET)
        const items = book.getWorksheet(ITEM_SHEET)
        cell(ITEM_SHEET, 2, '资源序号').value = null
        cell(ITEM_SHEET, 3, '资源序号').value = null
        if (!resources || !items) {
          throw new Error('sheets missing')
        }
        resources.name = '部门目录'
        resources.spliceRows(1, 0, ['某某局政务信息资源目录'])
        resources.getRow(2).getCell(3).value = '资源名称*'
        items.name = 'Sheet2'
      },
    )
    const { rows, problems } = await readCatalogWorkbook(buffer)
    expect(problems).toEqual([])
    expect(rows).toEqual([{ code: '3/000001', input: resource(1) }])
  })

  it('names a missing sheet and an empty file', async () => {
    const book = new ExcelJS.Workbook()
    book.addWorksheet('别的表').addRow(['你好'])
    const { problems } = await readCatalogWorkbook(Buffer.from(await book.xlsx.writeBuffer()))
    expect(problems.map((p) => [p.sheet, p.code])).toEqual([
      [RESOURCE_SHEET, 'CATALOG_IMPORT_TEMPLATE_MISMATCH'],
      [ITEM_SHEET, 'CATALOG_IMPORT_TEMPLATE_MISMATCH'],
    ])
    const empty = await readCatalogWorkbook(await writeCatalogRows([]))
    expect(empty.problems.map((p) => p.code)).toEqual(['CATALOG_IMPORT_EMPTY'])
  })

  it('refuses bytes that are not a workbook', async () => {
    await expect(readCatalogWorkbook(Buffer.from('name,summary\n'))).rejects.toMatchObject({
      code: 'CATALOG_IMPORT_FILE_UNREADABLE',
    })
  })

  it('reads 5 000 resources in seconds', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ input: resource(i + 1) }))
    const buffer = await writeCatalogRows(rows)
    const started = Date.now()
    const { rows: read, problems } = await readCatalogWorkbook(buffer)
    expect(problems).toEqual([])
    expect(read).toHaveLength(5000)
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})

function viewShell() {
  return {
    id: 'r1',
    providerId: 'd1',
    providerCode: '11530100MB0000001X',
    status: 'draft' as const,
    version: 1,
    publishedVersion: null,
    publishedAt: null,
    confirmedAt: null,
    withdrawnReason: null,
    reviewComment: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }
}
