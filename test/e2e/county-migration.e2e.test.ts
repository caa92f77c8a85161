/**
 * Issue 16 item 2 in the portal (Art. 21, decisions §59): the bureau's system administrator opens
 * 区县平台迁移, picks a county's export folder (CSV, Excel and JSON files), reads the dry run (counts,
 * refused rows with their codes and reasons, filtered by outcome), confirms, and sees the batches
 * applied with the dry run's counts; the page in English; a consumer has no such menu entry.
 * Screenshots: test/e2e/screenshots/70-county-*.png.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countyExportFiles } from '../support/county-kit.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, USER_PASSWORD } from '../support/scenario-kit.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import { type Account, openMenu, signIn, textOf, visible } from './support/portal.js'

const OK = /确\s*定|OK/

describe('portal: county platform migration', () => {
  let t: TestPlatform
  let browser: Browser
  let admin: ApiClient
  let bureauAdmin: Account
  let consumer: Account
  let folder: string

  beforeAll(async () => {
    t = await startTestPlatform('sqlite')
    admin = await t.login('admin', ADMIN_PASSWORD)
    const county = await createDepartment(admin, 'county')
    const provider = await createDepartment(admin, 'county', county.id)
    const user = await createDepartment(admin, 'county', county.id)
    const bureauId = (await admin.get('/api/v1/auth/me')).body.departmentId
    const operator = await createUser(admin, bureauId, ['platform_admin'], 'operator')
    bureauAdmin = { ...operator, roles: ['platform_admin'], department: bureauId }
    const reader = await createUser(admin, user.id, ['consumer'], 'reader')
    consumer = { ...reader, password: USER_PASSWORD, roles: ['consumer'], department: user.id }
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'county-e2e-'))
    const files = await countyExportFiles({
      county: { code: county.code, name: county.name },
      departments: [provider.code, user.code],
    })
    for (const [name, data] of files) {
      fs.mkdirSync(path.dirname(path.join(folder, 'xishan-export', name)), { recursive: true })
      fs.writeFileSync(path.join(folder, 'xishan-export', name), data)
    }
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
    fs.rmSync(folder, { recursive: true, force: true })
  })

  it('uploads an export folder, shows the dry run, applies it and shows the result', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, bureauAdmin)
    await openMenu(page, '区县平台迁移')
    await page.locator('input[type=file][webkitdirectory]').setInputFiles(path.join(folder, 'xishan-export'))
    const report = page.getByTestId('county-report')
    await visible(report, 20_000)
    await visible(report.getByTestId('county-state').getByText('已预演，待确认'))
    const counts = report.getByTestId('county-counts')
    // 资源: 2 new, 1 refused; 记录: 7 new, 1 refused (an invalid ID number).
    expect(await textOf(counts.locator('tr', { hasText: '资源' }))).toMatch(/资源\s*2\s*0\s*0\s*1/)
    expect(await textOf(counts.locator('tr', { hasText: '记录' }))).toMatch(/记录\s*7\s*0\s*0\s*1/)
    const details = report.getByTestId('county-details')
    await visible(details.getByText('CATALOG_KEY_REQUIRED'))
    await visible(details.getByText('EXCHANGE_INVALID_RECORD'))
    await visible(details.getByText('SHARING_UNKNOWN_ITEM'))
    await screenshot(page, '70-county-dry-run')

    await report.getByTestId('county-filter').getByText(/^拒绝/).click()
    expect(await details.locator('tbody tr').count()).toBe(3)
    // The record's refusal names the item and the check, not only the code.
    await visible(details.getByText(/公民身份号码.*GB 11643/))
    await details.scrollIntoViewIfNeeded()
    await screenshot(page, '70-county-refused')
    await report.getByTestId('county-filter').getByText(/^变更/).click()
    await visible(details.getByText('没有被拒绝或变更的行'))
    await report.getByTestId('county-filter').getByText(/^全部/).click()

    const before = await admin.get('/api/v1/catalog/shared?pageSize=1')
    await report.getByTestId('county-apply-button').click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: OK }).click()
    const applied = report.getByTestId('county-applied')
    await visible(applied, 30_000)
    expect(await textOf(applied)).toContain('迁移已完成')
    await visible(report.getByTestId('county-state').getByText('已执行'))
    expect(await textOf(report.getByTestId('county-progress'))).toMatch(/已完成批次 (\d+) \/ \1/)
    const result = report.getByTestId('county-result')
    expect(await textOf(result.locator('tr', { hasText: '资源' }))).toMatch(/资源\s*2\s*0\s*0\s*1/)
    await result.scrollIntoViewIfNeeded()
    await screenshot(page, '70-county-applied')

    // What the page said happened did: the two resources are in the sharing catalog.
    const after = await admin.get('/api/v1/catalog/shared?pageSize=1')
    expect(after.body.total - before.body.total).toBe(2)

    await page.getByTestId('lang-switch').getByText('English').click()
    await visible(report.getByText('Migration done', { exact: false }))
    await visible(report.getByTestId('county-details').getByText('At least one item must be a key item'))
    await page.mouse.move(700, 600)
    await screenshot(page, '70-county-applied-en')
    await page.getByTestId('lang-switch').getByText('中文').click()
    expect(browser.problems).toEqual([])
  })

  it('offers the page to the system administrator only', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, consumer)
    await visible(page.locator('.ant-layout-sider'))
    expect(await page.locator('.ant-layout-sider').getByText('区县平台迁移').count()).toBe(0)
    const refused = await (await t.login(consumer.username, consumer.password)).get(
      `/api/v1/county/imports/${'0'.repeat(64)}`,
    )
    expect(refused.status).toBe(403)
  })
})
