/**
 * Issue 15 item 3: the national catalog tree on a real database, every dialect: the seeded 项 of
 * Art. 11, one 项 per department made on first need (also when instances race), resource codes
 * under a real 项, explicit class codes and related codes checked, the bureau's edits logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { logged, publish, resourceInput } from '../../../../test/support/service-kit.js'
import { type Person, type ServiceTest, setup } from '../../../../test/support/services.js'
import { SEEDED_ITEMS } from '../../../db/migrations/202612060020_catalog_tree.js'
import { viewToInput } from '../inputs.js'
import { THEME_CLASS, THEME_LABELS, THEMES, TOP_CLASS } from '../vocabulary.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: the catalog tree`, () => {
    let t: ServiceTest
    let reviewer: Person
    let deptA: string
    let deptB: string
    let catalogerA: Person
    let catalogerB: Person

    beforeAll(async () => {
      t = await setup(dialect)
      reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
      deptA = await t.department('树测试市民政局')
      deptB = await t.department('树测试市交通运输局')
      catalogerA = await t.person(deptA, ['cataloger'])
      catalogerB = await t.person(deptB, ['cataloger'])
    })
    afterAll(async () => {
      await t?.cleanup()
    })

    const catalog = () => t.services.catalog.catalog
    const tree = () => t.services.catalog.tree
    const itemOfDepartment = async (departmentId: string) =>
      (await tree().listClasses()).find((c) => c.departmentId === departmentId)

    it('holds the 项 of every base resource and theme topic of Art. 11, as THEME_CLASS says', async () => {
      const classes = await tree().listClasses()
      for (const theme of THEMES) {
        const code = THEME_CLASS[theme]
        const category = code.charAt(0) === TOP_CLASS.base ? TOP_CLASS.base : TOP_CLASS.theme
        expect(classes.find((c) => c.code === code)).toEqual({
          code,
          name: THEME_LABELS[theme].zh,
          parentCode: category,
          level: 'item',
          departmentId: null,
        })
      }
      expect(SEEDED_ITEMS.map(([code]) => code).sort()).toEqual(Object.values(THEME_CLASS).sort())
    })

    it("codes a department's resources under its own 项, named after it, made once and logged", async () => {
      const first = await catalog().createResource(catalogerA, resourceInput({ name: '婚姻登记信息' }))
      const second = await catalog().createResource(catalogerA, resourceInput({ name: '收养登记信息' }))
      const other = await catalog().createResource(catalogerB, resourceInput({ name: '道路运输许可信息' }))
      const itemA = await itemOfDepartment(deptA)
      const itemB = await itemOfDepartment(deptB)
      expect(itemA).toMatchObject({ name: '树测试市民政局', parentCode: '3', level: 'item' })
      expect(itemB).toMatchObject({ name: '树测试市交通运输局', parentCode: '3', level: 'item' })
      expect(itemA?.code).toMatch(/^3\d{2}$/)
      expect(itemB?.code).not.toBe(itemA?.code)
      expect([first.code, second.code, other.code]).toEqual([
        `${itemA?.code}/000001`,
        `${itemA?.code}/000002`,
        `${itemB?.code}/000001`,
      ])
      expect(first.classCode).toBe(itemA?.code)
      const made = (await logged(t, 'catalog.class_create')).filter((e) => e.details.departmentId === deptA)
      expect(made).toHaveLength(1)
      expect(made[0]).toMatchObject({ objectId: itemA?.code, details: { name: '树测试市民政局' } })
    })

    it('gives racing callers one 项 per department and never one code twice', async () => {
      // On PostgreSQL each call runs on its own pooled connection: a real race, as between instances.
      const departments = await Promise.all([1, 2, 3, 4].map((n) => t.department(`树竞争部门${n}`)))
      const [d1 = ''] = departments
      const codes = await Promise.all(
        [...departments, d1, d1].map((id) => tree().departmentItem(t.admin, id)),
      )
      expect(new Set(codes.slice(0, 4)).size).toBe(4)
      expect(codes[4]).toBe(codes[0])
      expect(codes[5]).toBe(codes[0])
      const rows = (await tree().listClasses()).filter((c) => c.parentCode === '3')
      expect(new Set(rows.map((r) => r.departmentId)).size).toBe(rows.length)
    })

    it("codes base and theme resources under their theme's 项, or the first theme the department leads", async () => {
      const { admin } = t.services.catalog
      await admin.setLead(reviewer, { category: 'base', theme: 'social_credit', departmentId: deptA })
      await admin.setLead(reviewer, { category: 'theme', theme: 'community', departmentId: deptA })
      await admin.setLead(reviewer, { category: 'theme', theme: 'ecology', departmentId: deptA })
      const base = await catalog().createResource(
        catalogerA,
        resourceInput({ name: '社会组织信用信息', category: 'base', theme: 'social_credit' }),
      )
      const topic = await catalog().createResource(
        catalogerA,
        resourceInput({ name: '生态环境监测信息', category: 'theme', theme: 'ecology' }),
      )
      const untagged = await catalog().createResource(
        catalogerA,
        resourceInput({ name: '城乡社区基本信息', category: 'theme' }),
      )
      expect(base.code).toMatch(/^104\/\d{6}$/)
      expect(topic.code).toMatch(/^209\/\d{6}$/)
      // community comes before ecology in THEMES.
      expect(untagged.code).toMatch(/^208\/\d{6}$/)
    })

    it('checks an explicit class code: 项 or below, existing, in the right 类 and 项', async () => {
      const itemA = (await itemOfDepartment(deptA))?.code ?? ''
      const itemB = (await itemOfDepartment(deptB))?.code ?? ''
      const create = (classCode: string, extra: Parameters<typeof resourceInput>[0] = {}) =>
        catalog().createResource(
          catalogerA,
          resourceInput({ name: `分类测试${classCode}`, classCode, ...extra }),
        )
      await expect(create('3')).rejects.toMatchObject({
        code: 'CATALOG_CLASS_TOO_BROAD',
        details: { field: 'classCode' },
      })
      await expect(create('399001')).rejects.toMatchObject({ code: 'CATALOG_CLASS_NOT_FOUND' })
      await expect(create(itemB)).rejects.toMatchObject({
        code: 'CATALOG_CLASS_MISMATCH',
        details: { field: 'classCode', code: itemB },
      })
      await expect(create('101')).rejects.toMatchObject({ code: 'CATALOG_CLASS_MISMATCH' })
      await expect(create('208', { category: 'theme', theme: 'ecology' })).rejects.toMatchObject({
        code: 'CATALOG_CLASS_MISMATCH',
      })
      await tree().createClass(reviewer, { code: `${itemA}001`, name: '婚姻管理' })
      const entry = await create(`${itemA}001`)
      expect(entry.code).toMatch(new RegExp(`^${itemA}001/000001$`))
      expect(entry.classCode).toBe(`${itemA}001`)
    })

    it('accepts only codes of other resources the provider can see as related codes', async () => {
      const existing = await catalog().getResource(
        reviewer,
        await publish(t, catalogerB, reviewer, { name: '公交线路信息' }),
      )
      const draftOfB = await catalog().createResource(catalogerB, resourceInput({ name: '公交站点信息' }))
      const ownDraft = await catalog().createResource(catalogerA, resourceInput({ name: '殡葬服务信息' }))
      const related = (relatedCodes: string[], name = '关联测试') =>
        catalog().createResource(catalogerA, resourceInput({ name, relatedCodes }))
      // Another department's draft is as missing as an unknown code: a refusal is no oracle of drafts.
      for (const code of [draftOfB.code, '301/999999']) {
        await expect(related([existing.code, code])).rejects.toMatchObject({
          code: 'CATALOG_RELATED_NOT_FOUND',
          details: { field: 'relatedCodes.1', reason: 'not_found' },
        })
      }
      expect((await related([ownDraft.code], '关联本部门草稿')).relatedCodes).toEqual([ownDraft.code])
      await expect(related(['nonsense'])).rejects.toMatchObject({
        code: 'CATALOG_RELATED_NOT_FOUND',
        details: { field: 'relatedCodes.0', reason: 'malformed' },
      })
      const created = await related([existing.code], '关联测试成功')
      expect(created.relatedCodes).toEqual([existing.code])
      const input = { ...viewToInput(created), relatedCodes: [existing.code, created.code] }
      await expect(catalog().updateResource(catalogerA, created.id, input)).rejects.toMatchObject({
        code: 'CATALOG_RELATED_NOT_FOUND',
        details: { field: 'relatedCodes.1', reason: 'self' },
      })
    })

    it('keeps the bare code of a resource cataloged before the tree; its export reads back unchanged', async () => {
      const created = await catalog().createResource(catalogerA, resourceInput({ name: '旧编码资源' }))
      const legacy = `3/${created.code.split('/')[1]}`
      // As the platform stored resources before the tree existed (codes are identifiers: kept).
      await t.db
        .updateTable('resources')
        .set({ code: legacy, class_code: '3' })
        .where('id', '=', created.id)
        .execute()
      const view = await catalog().getResource(catalogerA, created.id)
      expect(view).toMatchObject({ code: legacy, classCode: '3' })
      const edited = await catalog().updateResource(catalogerA, created.id, {
        ...viewToInput(view),
        summary: '改过的摘要',
      })
      expect(edited).toMatchObject({ code: legacy, classCode: '3', summary: '改过的摘要' })
    })

    it('names the provider by its unified social credit code in views and lists', async () => {
      const { code } = await t.db
        .selectFrom('departments')
        .select('code')
        .where('id', '=', deptB)
        .executeTakeFirstOrThrow()
      const created = await catalog().createResource(catalogerB, resourceInput({ name: '出租车营运信息' }))
      expect(created.providerCode).toBe(code)
      const mine = await catalog().listOwnResources(catalogerB, { page: 1, pageSize: 50 })
      expect(new Set(mine.items.map((r) => r.providerCode))).toEqual(new Set([code]))
    })

    it('lets the bureau rename nodes and add 目, keeps 项 under 3 for departments, refuses others', async () => {
      const renamed = await tree().renameClass(reviewer, '101', ' 人口基础信息 ')
      expect(renamed).toMatchObject({ code: '101', name: '人口基础信息', level: 'item' })
      expect((await logged(t, 'catalog.class_rename')).at(-1)).toMatchObject({
        objectId: '101',
        details: { name: '人口基础信息', previous: '人口信息' },
      })
      await expect(tree().createClass(reviewer, { code: '398', name: '手工项' })).rejects.toMatchObject({
        code: 'CATALOG_CLASS_RESERVED',
      })
      expect(await tree().createClass(reviewer, { code: '106', name: '宏观经济信息' })).toMatchObject({
        code: '106',
        parentCode: '1',
        level: 'item',
      })
      await expect(tree().createClass(reviewer, { code: '106', name: '重复' })).rejects.toMatchObject({
        code: 'CATALOG_CLASS_EXISTS',
      })
      await expect(tree().renameClass(reviewer, '107', '无此项')).rejects.toMatchObject({
        code: 'CATALOG_CLASS_NOT_FOUND',
      })
      await expect(tree().renameClass(catalogerA, '101', '越权')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(tree().createClass(catalogerA, { code: '107', name: '越权' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
    })
  })

  describe(`${dialect}: a full department class`, () => {
    it('refuses a 100th department 项 with a clear error', async () => {
      const t = await setup(dialect)
      try {
        const rows = Array.from({ length: 99 }, (_, i) => ({
          code: `3${String(i + 1).padStart(2, '0')}`,
          name: `占位项${i + 1}`,
          parent_code: '3',
          level: 'item',
          created_at: '2026-01-01T00:00:00.000Z',
          department_id: null,
        }))
        await t.db.insertInto('catalog_classes').values(rows).execute()
        const department = await t.department('第一百个部门')
        const cataloger = await t.person(department, ['cataloger'])
        await expect(
          t.services.catalog.catalog.createResource(cataloger, resourceInput()),
        ).rejects.toMatchObject({ code: 'CATALOG_CLASS_CODES_EXHAUSTED', status: 409 })
      } finally {
        await t.cleanup()
      }
    })
  })
}
