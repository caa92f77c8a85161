/**
 * Issue 15 item 3 over HTTP, every dialect: anyone signed in reads the tree; only the bureau adds
 * and renames nodes, and a department's refused attempt is logged; the provider's unified social
 * credit code comes with a resource in its view, its department's list, the sharing catalog and
 * the Excel export.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishResource, resourceBody } from '../../../../test/support/catalog-kit.js'
import { DIALECTS } from '../../../../test/support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  startTestPlatform,
  type TestPlatform,
} from '../../../../test/support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
} from '../../../../test/support/scenario-kit.js'
import { RC, RESOURCE_SHEET } from '../excel/format.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: catalog tree routes`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let auditor: ApiClient
    let reviewer: ApiClient
    let deptAdmin: { api: ApiClient; username: string }
    let cataloger: ApiClient
    let department: { id: string; code: string; name: string }

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      admin = await t.login('admin', ADMIN_PASSWORD)
      auditor = await auditorFor(admin)
      const bureauId = (await admin.get('/api/v1/auth/me')).body.departmentId
      const reviewerUser = await createUser(admin, bureauId, ['bureau_reviewer'], 'reviewer')
      reviewer = await t.login(reviewerUser.username, reviewerUser.password)
      department = await createDepartment(admin, 'city')
      const da = await createUser(admin, department.id, ['dept_admin'], 'da')
      deptAdmin = { api: await t.login(da.username, da.password), username: da.username }
      const cat = await createUser(admin, department.id, ['cataloger'], 'cat')
      cataloger = await t.login(cat.username, cat.password)
    }, 120_000)
    afterAll(async () => {
      await t?.close()
    })

    it('lets anyone signed in read the tree, with the seeded 项', async () => {
      const reply = await cataloger.get('/api/v1/catalog/classes')
      expect(reply.status).toBe(200)
      expect(reply.body.items).toContainEqual({
        code: '102',
        name: '法人单位信息',
        parentCode: '1',
        level: 'item',
        departmentId: null,
      })
      expectError(await t.api.get('/api/v1/catalog/classes'), 401, 'AUTH_REQUIRED')
    })

    it('refuses a department admin and a cataloger who edit the tree, and logs each refusal', async () => {
      const before = (await allAuditEntries(auditor)).at(-1)?.seq ?? 0
      expectError(
        await deptAdmin.api.request('PUT', '/api/v1/catalog/classes/101', { name: '改名' }),
        403,
        'FORBIDDEN',
      )
      expectError(
        await cataloger.post('/api/v1/catalog/classes', { code: '101001', name: '户籍' }),
        403,
        'FORBIDDEN',
      )
      const refusals = (await allAuditEntries(auditor, `afterSeq=${before}`)).filter(
        (e) => e.action === 'access.denied',
      )
      expect(refusals).toHaveLength(2)
      expect(refusals[0]).toMatchObject({ actor: deptAdmin.username, departmentId: department.id })
      expect(JSON.stringify(refusals[0]?.details)).toContain('FORBIDDEN')
      expect(JSON.stringify(refusals[1]?.details)).toContain('/api/v1/catalog/classes')
      const tree = (await cataloger.get('/api/v1/catalog/classes')).body.items
      expect(tree.find((c: { code: string }) => c.code === '101')?.name).toBe('人口信息')
      expect(tree.some((c: { code: string }) => c.code === '101001')).toBe(false)
    })

    it('lets the bureau add a 目 and rename it, in the caller’s language on error', async () => {
      const added = await reviewer.post('/api/v1/catalog/classes', { code: '102001', name: '企业登记' })
      expect(added.status).toBe(201)
      expect(added.body).toEqual({
        code: '102001',
        name: '企业登记',
        parentCode: '102',
        level: 'entry',
        departmentId: null,
      })
      const renamed = await reviewer.request('PUT', '/api/v1/catalog/classes/102001', {
        name: '市场主体登记',
      })
      expect(renamed.status).toBe(200)
      expect(renamed.body.name).toBe('市场主体登记')
      const reserved = await reviewer
        .inLanguage('en')
        .post('/api/v1/catalog/classes', { code: '350', name: '手工' })
      expectError(reserved, 400, 'CATALOG_CLASS_RESERVED')
      expect(reserved.body.error.message).toMatch(/department/)
      expectError(
        await reviewer.request('PUT', '/api/v1/catalog/classes/1x', { name: '坏代码' }),
        400,
        'VALIDATION_FAILED',
      )
    })

    it('names the provider by its unified social credit code wherever a resource is shown', async () => {
      const id = await publishResource(cataloger, reviewer, { name: '树路由测试资源' })
      const view = await cataloger.get(`/api/v1/catalog/resources/${id}`)
      expect(view.body).toMatchObject({ providerId: department.id, providerCode: department.code })
      expect(view.body.code).toMatch(/^3\d{2}\/\d{6}$/)
      const mine = await cataloger.get('/api/v1/catalog/resources')
      expect(mine.body.items[0]).toMatchObject({ id, providerCode: department.code })
      const shared = await admin.get(`/api/v1/catalog/shared?q=${encodeURIComponent('树路由测试')}`)
      expect(shared.body.items).toContainEqual(expect.objectContaining({ id, providerCode: department.code }))

      const response = await fetch(`${cataloger.baseUrl}/api/v1/catalog/export`, {
        headers: { authorization: `Bearer ${cataloger.token}` },
      })
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(await response.arrayBuffer())
      const sheet = book.getWorksheet(RESOURCE_SHEET)
      const headers = (sheet?.getRow(1).values ?? []) as unknown[]
      const column = headers.indexOf(RC.providerCode)
      expect(column).toBeGreaterThan(0)
      expect(sheet?.getRow(2).getCell(column).value).toBe(department.code)
    })
  })

  // SQLite is one process on one file: only PostgreSQL runs several instances on one store.
  describe.skipIf(dialect !== 'postgres')(`${dialect}: two instances allocate department 项`, () => {
    let t: TestPlatform

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
    })
    afterAll(async () => {
      await t?.close()
    })

    it('gives each department one 项 and no two departments the same, however the first resources race', async () => {
      const other = await t.startInstance()
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const departments = await Promise.all([1, 2, 3, 4].map(() => createDepartment(admin, 'city')))
      const catalogers = await Promise.all(
        departments.map((d) => createUser(admin, d.id, ['cataloger'], 'race')),
      )
      const sessions = await Promise.all(
        catalogers.flatMap((c) => [
          t.login(c.username, c.password),
          other.api.loginAs(c.username, c.password),
        ]),
      )
      // Every department's cataloger creates its first resource on both instances at once.
      const replies = await Promise.all(
        sessions.map((session, i) =>
          session.post('/api/v1/catalog/resources', resourceBody({ name: `竞争资源${i}` })),
        ),
      )
      expect(replies.map((r) => r.status)).toEqual(sessions.map(() => 201))
      const items = (
        (await admin.get('/api/v1/catalog/classes')).body.items as Array<{
          code: string
          departmentId: string | null
        }>
      ).filter((c) => departments.some((d) => d.id === c.departmentId))
      expect(items).toHaveLength(4)
      expect(new Set(items.map((c) => c.code)).size).toBe(4)
      for (const [i, reply] of replies.entries()) {
        const department = departments[Math.floor(i / 2)]
        const item = items.find((c) => c.departmentId === department?.id)
        expect(reply.body.code.startsWith(`${item?.code}/`)).toBe(true)
      }
    })
  })
}
