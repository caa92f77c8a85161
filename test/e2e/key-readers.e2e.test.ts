/**
 * Issue 11 in the portal: the auditor opens "个人数据查询记录" on the audit page, picks a resource,
 * types an ID number, sees who read that record and prints the report. Data is set up over the
 * API on a bare platform (no demo seed), so this stays short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { resourceBody } from '../support/catalog-kit.js'
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser } from '../support/scenario-kit.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import { type Account, openMenu, pick, signIn, textOf, visible } from './support/portal.js'

const RESOURCE = '个人查询记录测试资源'
const KEY = syntheticIdNumber('530102', '1988-08-08', 8)

describe('portal: who read this record', () => {
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
    const consumer = await login(reader.id, ['consumer'])
    const user = await createUser(admin, bureauId, ['auditor'])
    auditor = { ...user, roles: ['auditor'], department: bureauId }
    const id = (await cataloger.post('/api/v1/catalog/resources', resourceBody({ name: RESOURCE }))).body.id
    await cataloger.post(`/api/v1/catalog/resources/${id}/submit`)
    await reviewer.post(`/api/v1/catalog/resources/${id}/review`, { decision: 'approve' })
    await cataloger.post(`/api/v1/exchange/resources/${id}/records`, {
      records: [{ 公民身份号码: KEY, 姓名: '李四', 住址: '昆明市' }],
    })
    await consumer.post('/api/v1/sharing/requests', { resourceId: id, items: ['姓名'], purpose: '户籍核验' })
    expect(
      (await consumer.get(`/api/v1/exchange/resources/${id}/records/${KEY}?caseRef=HJ-0001`)).status,
    ).toBe(200)
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('the auditor finds the read of one ID number and opens the printable report', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, auditor)
    await openMenu(page, '审计日志')
    const panel = page.getByTestId('key-readers')
    await visible(panel.getByText('个人数据查询记录'))
    await pick(page, page.getByTestId('key-readers-resource'), RESOURCE, '查询记录测试')
    await page.getByTestId('key-readers-key').fill(KEY)
    await page.getByTestId('key-readers-search').click()
    const row = page.getByTestId('key-readers-table').locator('tbody tr', { hasText: 'HJ-0001' })
    await visible(row)
    expect(await textOf(row)).toContain(readerDept)
    expect(await textOf(row)).toContain('户籍核验')
    expect(await textOf(page.getByTestId('key-readers-summary'))).toContain(`${KEY.slice(0, 6)}********`)
    await screenshot(page, '40-key-readers')

    const [report] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.getByTestId('key-readers-print').click(),
    ])
    await visible(report.getByText('个人数据查询记录报告'))
    expect(await textOf(report.locator('body'))).toContain('HJ-0001')
    expect(await textOf(report.locator('body'))).not.toContain(KEY)
    await screenshot(report, '41-key-readers-report')
    expect(browser.problems).toEqual([])
  })
})
