/**
 * Issue 12 in the portal: the auditor opens the audit page, filters by a Chinese action label and
 * sees the reads newest first with names (department, person, resource) and Beijing time; opens a
 * row's details; searches by a record's plain key; and reads the page in English. Data is set up
 * over the API on a bare platform (no demo seed), so this stays short.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { resourceBody } from '../support/catalog-kit.js'
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, USER_PASSWORD, uniqueName } from '../support/scenario-kit.js'
import { type Browser, launchBrowser, SCREENSHOTS, screenshot } from './support/browser.js'
import { type Account, openMenu, pick, signIn, textOf, visible } from './support/portal.js'

const RESOURCE = '审计检索页测试资源'
const KEY_A = syntheticIdNumber('530102', '1987-07-07', 7)
const KEY_B = syntheticIdNumber('530102', '1991-01-09', 9)
const READER = uniqueName('赵核验')

describe('portal: the auditor searches the audit log', () => {
  let t: TestPlatform
  let browser: Browser
  let auditor: Account
  let readerDept = ''

  beforeAll(async () => {
    t = await startTestPlatform('sqlite')
    const admin = await t.login('admin', ADMIN_PASSWORD)
    const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
    const provider = await createDepartment(admin, 'city')
    const reader = await createDepartment(admin, 'city')
    readerDept = reader.name
    const login = async (departmentId: string, roles: string[]) => {
      const user = await createUser(admin, departmentId, roles)
      return t.login(user.username, user.password)
    }
    const cataloger = await login(provider.id, ['cataloger'])
    const reviewer = await login(bureauId, ['bureau_reviewer'])
    const username = uniqueName('reader')
    await admin.post('/api/v1/users', {
      username,
      password: USER_PASSWORD,
      displayName: READER,
      departmentId: reader.id,
      roles: ['consumer'],
    })
    const consumer = await t.login(username, USER_PASSWORD)
    const user = await createUser(admin, bureauId, ['auditor'])
    auditor = { ...user, roles: ['auditor'], department: bureauId }
    const id = (await cataloger.post('/api/v1/catalog/resources', resourceBody({ name: RESOURCE }))).body.id
    await cataloger.post(`/api/v1/catalog/resources/${id}/submit`)
    await reviewer.post(`/api/v1/catalog/resources/${id}/review`, { decision: 'approve' })
    await cataloger.post(`/api/v1/exchange/resources/${id}/records`, {
      records: [
        { 公民身份号码: KEY_A, 姓名: '李四', 住址: '昆明市' },
        { 公民身份号码: KEY_B, 姓名: '王五', 住址: '昆明市' },
      ],
    })
    await consumer.post('/api/v1/sharing/requests', { resourceId: id, items: ['姓名'], purpose: '户籍核验' })
    for (const [key, caseRef] of [
      [KEY_A, 'SJ-0001'],
      [KEY_B, 'SJ-0002'],
    ]) {
      expect(
        (await consumer.get(`/api/v1/exchange/resources/${id}/records/${key}?caseRef=${caseRef}`)).status,
      ).toBe(200)
    }
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('filters by a Chinese action label and reads names, labels and details; searches by key', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, auditor)
    await openMenu(page, '审计日志')
    const table = page.getByTestId('audit-entries')
    await visible(table.locator('tbody tr.ant-table-row'))
    await screenshot(page, '50-audit-search')

    await pick(page, page.getByTestId('audit-action'), '查询数据', '查询')
    await page.getByTestId('audit-search').click()
    const rows = table.locator('tbody tr.ant-table-row')
    await visible(rows.filter({ hasText: 'SJ-0002' }).or(rows.first()))
    await expect.poll(() => rows.count()).toBe(2)
    const newest = await textOf(rows.nth(0))
    expect(newest).toContain('查询数据')
    expect(newest).toContain(READER)
    expect(newest).toContain(readerDept)
    expect(newest).toContain(RESOURCE)
    expect(newest).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
    expect(Number(await textOf(rows.nth(0).locator('td').nth(1)))).toBeGreaterThan(
      Number(await textOf(rows.nth(1).locator('td').nth(1))),
    )
    await rows.nth(0).locator('.ant-table-row-expand-icon').click()
    const details = page.getByTestId('audit-entry-details')
    await visible(details.getByText('SJ-0002'))
    expect(await textOf(details)).toContain('exchange.read')
    await screenshot(page, '51-audit-search-action')
    await page.screenshot({ path: path.join(SCREENSHOTS, '51-audit-search-action-full.png'), fullPage: true })

    // Without a resource the logged key is masked in every character; with one, like its key item.
    await pick(page, page.getByTestId('audit-resource'), RESOURCE, '审计检索页')
    await page.getByTestId('audit-record-key').fill(KEY_A)
    await page.getByTestId('audit-search').click()
    await visible(page.getByTestId('audit-summary').getByText(`${KEY_A.slice(0, 6)}********`))
    await expect.poll(() => rows.count()).toBe(1)
    expect(await textOf(rows.nth(0))).toContain(READER)
    expect(await page.getByTestId('audit-export-csv').isDisabled()).toBe(true)
    await screenshot(page, '52-audit-search-by-key')

    await page.getByTestId('audit-reset').click()
    await page.getByTestId('lang-switch').getByText('English').click()
    await visible(page.getByText('Search the audit log'))
    await pick(page, page.getByTestId('audit-action'), 'Data read', 'Data')
    await page.getByTestId('audit-search').click()
    await expect.poll(() => rows.count()).toBe(2)
    expect(await textOf(rows.nth(0))).toContain('Data read')
    await screenshot(page, '53-audit-search-en')
    expect(browser.problems).toEqual([])
  })
})
