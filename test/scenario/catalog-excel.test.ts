/**
 * Excel import and export of a department's catalog over HTTP and the CLI: one bad row among 500
 * stores nothing and is named; an exported catalog re-imports to identical resources.
 */
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ResourceInput } from '../../src/modules/catalog/index.js'
import {
  ITEM_SHEET,
  RESOURCE_SHEET,
  readCatalogWorkbook,
  writeCatalogRows,
  XLSX_TYPE,
} from '../../src/modules/catalog/index.js'
import { type CliRun, govshare } from '../support/cli.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, type ApiReply, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, expectError, startScenarioPlatform } from '../support/scenario-kit.js'

function resource(n: number, overrides: Partial<ResourceInput> = {}): ResourceInput {
  return {
    name: `市场主体登记信息${n}`,
    summary: `第 ${n} 类市场主体的登记事项`,
    category: 'department',
    format: 'database',
    shareType: n % 3 === 0 ? 'conditional' : 'unconditional',
    ...(n % 3 === 0
      ? { legalBasis: '《优化营商环境条例》第三十七条', shareCondition: '仅用于行政审批' }
      : {}),
    shareMethod: n % 2 === 0 ? 'api' : 'file',
    updateCycle: 'monthly',
    contact: { name: '李四', phone: '0871-63000000' },
    items: [
      { name: '统一社会信用代码', dataType: 'string', key: true, length: 18 },
      { name: '主体名称', dataType: 'string', length: 200 },
      { name: '成立日期', dataType: 'date', description: '营业执照所载' },
    ],
    ...overrides,
  }
}

const rows500 = () => Array.from({ length: 500 }, (_, i) => ({ input: resource(i + 1) }))

async function upload(client: ApiClient, workbook: Buffer): Promise<ApiReply> {
  const response = await fetch(`${client.baseUrl}/api/v1/catalog/import`, {
    method: 'POST',
    headers: { 'content-type': XLSX_TYPE, authorization: `Bearer ${client.token}` },
    body: new Uint8Array(workbook),
  })
  return { status: response.status, body: await response.json(), headers: response.headers }
}

async function download(client: ApiClient) {
  const response = await fetch(`${client.baseUrl}/api/v1/catalog/export`, {
    headers: { authorization: `Bearer ${client.token}` },
  })
  return {
    status: response.status,
    headers: response.headers,
    workbook: Buffer.from(await response.arrayBuffer()),
  }
}

/** Every resource of the department as GET /catalog/resources/:id shows it, by code. */
async function snapshot(client: ApiClient) {
  const list = await client.get('/api/v1/catalog/resources?pageSize=500')
  expect(list.status).toBe(200)
  const views = []
  for (const summary of list.body.items) {
    const reply = await client.get(`/api/v1/catalog/resources/${summary.id}`)
    expect(reply.status).toBe(200)
    views.push(reply.body)
  }
  return { total: list.body.total, views: views.sort((a, b) => a.code.localeCompare(b.code)) }
}

async function editCell(workbook: Buffer, sheetName: string, row: number, column: number, value: string) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(new Uint8Array(workbook).buffer)
  const sheet = book.getWorksheet(sheetName)
  if (!sheet) {
    throw new Error(`no sheet ${sheetName}`)
  }
  sheet.getRow(row).getCell(column).value = value
  return Buffer.from(await book.xlsx.writeBuffer())
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: catalog Excel import and export`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let cataloger: ApiClient
    let consumer: ApiClient

    beforeAll(async () => {
      t = await startScenarioPlatform(dialect)
      admin = await t.login('admin', ADMIN_PASSWORD)
      const department = await createDepartment(admin, 'city')
      const login = async (roles: string[]) => {
        const user = await createUser(admin, department.id, roles)
        return t.login(user.username, user.password)
      }
      cataloger = await login(['cataloger'])
      consumer = await login(['consumer'])
    })
    afterAll(async () => {
      await t?.close()
    })

    it('stores nothing from 500 rows when one breaks a rule, and names that row', async () => {
      const rows = rows500()
      rows[345] = { input: resource(346, { shareType: 'none', legalBasis: undefined }) }
      const reply = await upload(cataloger, await writeCatalogRows(rows))
      expectError(reply, 400, 'CATALOG_IMPORT_INVALID')
      expect(reply.body.error.details.problems).toEqual([
        {
          sheet: RESOURCE_SHEET,
          row: 347,
          column: '共享依据',
          code: 'CATALOG_LEGAL_BASIS_REQUIRED',
          reason: expect.stringContaining('依据'),
        },
      ])
      expect((await cataloger.get('/api/v1/catalog/resources')).body.total).toBe(0)
    })

    it('stores nothing when one cell of 500 does not parse, and names that cell', async () => {
      // Item row 3 × 120 + 2 is the first item of resource 121; column 5 is 数据长度.
      const workbook = await editCell(await writeCatalogRows(rows500()), ITEM_SHEET, 362, 5, '十八位')
      const reply = await upload(cataloger, workbook)
      expectError(reply, 400, 'CATALOG_IMPORT_INVALID')
      expect(reply.body.error.details.problems).toMatchObject([
        { sheet: ITEM_SHEET, row: 362, column: '数据长度', code: 'CATALOG_IMPORT_CELL_INVALID' },
      ])
      expect((await cataloger.get('/api/v1/catalog/resources')).body.total).toBe(0)
    })

    // 1 000 resources through the catalog's own writer: about 30 s on PostgreSQL when the machine is busy.
    it('imports 500 rows; the export re-imports unchanged to identical resources', {
      timeout: 120_000,
    }, async () => {
      const started = Date.now()
      const first = await upload(cataloger, await writeCatalogRows(rows500()))
      const elapsed = Date.now() - started
      expect(first.status).toBe(200)
      expect(first.body).toMatchObject({ created: 500, updated: 0, unchanged: 0 })
      expect(elapsed).toBeLessThan(20_000)
      const before = await snapshot(cataloger)
      expect(before.total).toBe(500)

      const exported = await download(cataloger)
      expect(exported.status).toBe(200)
      expect(exported.headers.get('content-type')).toContain(XLSX_TYPE)
      expect(exported.headers.get('content-disposition')).toMatch(/^attachment; .*filename\*=UTF-8''/)
      const again = await upload(cataloger, exported.workbook)
      expect(again.status).toBe(200)
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 500 })
      expect(again.body.resources.every((r: { action: string }) => r.action === 'unchanged')).toBe(true)
      expect(await snapshot(cataloger)).toEqual(before)

      // One edited summary in the export edits just that resource, as a draft in place.
      const edited = await editCell(exported.workbook, RESOURCE_SHEET, 11, 4, '改过的摘要')
      const third = await upload(cataloger, edited)
      expect(third.body).toMatchObject({ created: 0, updated: 1, unchanged: 499 })
      const changed = before.views[9]
      const after = await cataloger.get(`/api/v1/catalog/resources/${changed.id}`)
      expect(after.body).toMatchObject({ summary: '改过的摘要', version: 1, code: changed.code })
    })

    it("maps the service's problems to the item cells they concern", async () => {
      const noKey = resource(2, { items: [{ name: '主体名称', dataType: 'string' }] })
      const twice = resource(3, {
        items: [
          { name: '统一社会信用代码', dataType: 'string', key: true },
          { name: '统一社会信用代码', dataType: 'string' },
        ],
      })
      const rows = [{ input: resource(1) }, { input: noKey }, { input: twice }]
      const reply = await upload(cataloger, await writeCatalogRows(rows))
      expectError(reply, 400, 'CATALOG_IMPORT_INVALID')
      // Items: rows 2-4 belong to resource 1, row 5 to resource 2, rows 6-7 to resource 3.
      expect(reply.body.error.details.problems).toMatchObject([
        { sheet: ITEM_SHEET, row: 5, column: '是否主键', code: 'CATALOG_KEY_REQUIRED' },
        { sheet: ITEM_SHEET, row: 7, column: '信息项名称', code: 'CATALOG_DUPLICATE_ITEM' },
      ])
      expect(reply.body.error.details.problems[1].reason).toContain('统一社会信用代码')
    })

    it('needs a signed-in cataloger and a workbook', async () => {
      const workbook = await writeCatalogRows([{ input: resource(1) }])
      expectError(await upload(t.api, workbook), 401, 'AUTH_REQUIRED')
      expectError(await upload(consumer, workbook), 403, 'FORBIDDEN')
      const json = await cataloger.post('/api/v1/catalog/import', { rows: [] })
      expectError(json, 415, 'UNSUPPORTED_MEDIA_TYPE')
      const notExcel = await upload(cataloger, Buffer.from('资源名称,资源摘要\n'))
      expectError(notExcel, 400, 'CATALOG_IMPORT_FILE_UNREADABLE')
      expect((await download(t.api)).status).toBe(401)
    })
  })
}

function runCli(dataDir: string, args: string[]): Promise<CliRun> {
  return govshare(args, { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' })
}

describe.runIf(DIALECTS.includes('sqlite'))('sqlite: govshare catalog import|export', () => {
  let t: TestPlatform
  let cataloger: ApiClient
  let code: string

  beforeAll(async () => {
    t = await startScenarioPlatform('sqlite')
    const admin = await t.login('admin', ADMIN_PASSWORD)
    const department = await createDepartment(admin, 'city')
    code = department.code
    const user = await createUser(admin, department.id, ['cataloger'])
    cataloger = await t.login(user.username, user.password)
  })
  afterAll(async () => {
    await t?.close()
  })

  it('lists the bad row and exits 1; imports 500 rows with a summary; exports them back', async () => {
    const bad = path.join(t.store.dataDir, 'bad.xlsx')
    fs.writeFileSync(bad, await editCell(await writeCatalogRows(rows500()), RESOURCE_SHEET, 101, 5, '综合'))
    const refused = await runCli(t.store.dataDir, ['catalog', 'import', bad, '--department', code])
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain(`${RESOURCE_SHEET} 第 101 行 资源分类: 「综合」不是有效的资源分类`)
    expect((await cataloger.get('/api/v1/catalog/resources')).body.total).toBe(0)

    const good = path.join(t.store.dataDir, 'good.xlsx')
    fs.writeFileSync(good, await writeCatalogRows(rows500()))
    const imported = await runCli(t.store.dataDir, ['catalog', 'import', good, '--department', code])
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain(`catalog import ${good}: 500 created, 0 updated, 0 unchanged`)
    expect(imported.stderr).toContain('100%')
    expect((await cataloger.get('/api/v1/catalog/resources')).body.total).toBe(500)

    const out = path.join(t.store.dataDir, 'out.xlsx')
    const exported = await runCli(t.store.dataDir, ['catalog', 'export', out, '--department', code])
    expect(exported).toMatchObject({ code: 0, stdout: `catalog export ${out}: 500 resources\n` })
    const { rows, problems } = await readCatalogWorkbook(fs.readFileSync(out))
    expect(problems).toEqual([])
    expect(rows.map((row) => row.input.name).sort()).toEqual(
      rows500()
        .map((row) => row.input.name)
        .sort(),
    )
  })

  it('names an unknown department with exit code 2', async () => {
    const result = await runCli(t.store.dataDir, ['catalog', 'export', 'x.xlsx', '--department', 'NOPE'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('no department with code NOPE')
  })
})
