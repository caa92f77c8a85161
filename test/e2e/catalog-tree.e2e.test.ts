/**
 * Issue 15 item 3 in a real Chromium against a demo city: the bureau's reviewer opens 目录分类,
 * finds the seeded 项 and the demo departments' 项 under 3, renames a node, adds a 目, and reads
 * the page in English. Screenshots: test/e2e/screenshots/60-catalog-tree*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import {
  type Account,
  expectMessage,
  openMenu,
  readDemoAccounts,
  signIn,
  textOf,
  visible,
} from './support/portal.js'

describe('portal: the catalog tree', () => {
  let t: TestPlatform
  let browser: Browser
  let reviewer: Account

  beforeAll(async () => {
    t = await startTestPlatform('sqlite', { seed: 'demo' })
    const found = readDemoAccounts(t.store.dataDir).get('reviewer')
    if (!found) {
      throw new Error('no demo reviewer')
    }
    reviewer = found
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('shows the tree, renames a node and adds a 目, in both languages', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, reviewer)
    await openMenu(page, '目录分类')
    const tree = page.getByTestId('class-tree')
    await visible(tree.getByText('人口信息', { exact: true }))
    await visible(tree.getByText('健康保障', { exact: true }))
    // The demo's department resources made their departments' 项 under 3, named after them.
    const admin = await t.login('admin', ADMIN_PASSWORD)
    const classes = (await admin.get('/api/v1/catalog/classes')).body.items as Array<{
      code: string
      name: string
      departmentId: string | null
    }>
    const departmentItems = classes.filter((c) => c.departmentId !== null)
    expect(departmentItems.length).toBeGreaterThanOrEqual(5)
    const first = departmentItems[0]
    await visible(tree.getByText(first?.name ?? '', { exact: true }))
    await screenshot(page, '60-catalog-tree')

    await tree.getByText('法人单位信息', { exact: true }).click()
    const panel = page.getByTestId('class-node')
    await visible(panel.getByText('102', { exact: true }))
    await panel.getByLabel('分类名称', { exact: true }).first().fill('法人单位基础信息')
    await panel.getByRole('button', { name: '修改名称' }).click()
    await expectMessage(page, '已修改名称')
    await visible(tree.getByText('法人单位基础信息', { exact: true }))

    await panel.getByLabel('下级代码').fill('001')
    await panel.getByLabel('分类名称', { exact: true }).last().fill('企业登记信息')
    await panel.getByRole('button', { name: '添加下级分类' }).click()
    await expectMessage(page, '已添加分类 102001')
    await visible(tree.getByText('企业登记信息', { exact: true }))
    await screenshot(page, '60-catalog-tree-edited')

    const after = (await admin.get('/api/v1/catalog/classes')).body.items as Array<{
      code: string
      name: string
    }>
    expect(after.find((c) => c.code === '102')?.name).toBe('法人单位基础信息')
    expect(after.find((c) => c.code === '102001')).toMatchObject({ name: '企业登记信息' })

    // A 项 under 3 is the platform's to allocate: the page says so instead of offering a form.
    await tree.getByText('部门信息资源', { exact: true }).click()
    expect(await textOf(panel)).toContain('部门的“项”由平台自动分配')

    await page.getByTestId('lang-switch').getByText('English').click()
    await openMenu(page, 'Catalog classes')
    await tree.getByText('企业登记信息', { exact: true }).click()
    await visible(panel.getByText('Entry', { exact: true }))
    await screenshot(page, '60-catalog-tree-en')
    expect(browser.problems).toEqual([])
  })
})
