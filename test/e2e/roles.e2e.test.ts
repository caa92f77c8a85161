/**
 * Issue 13 in the portal: a department admin unlocks a locked user, disables another (whose
 * session stops at once) and resets a password, from the users tab of 部门与用户. Bare platform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, USER_PASSWORD } from '../support/scenario-kit.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import { type Account, openMenu, signIn, visible } from './support/portal.js'

describe('portal: user upkeep by a department admin', () => {
  let t: TestPlatform
  let browser: Browser
  let deptAdmin: Account
  let locked = { id: '', username: '' }
  let busy = { id: '', username: '' }
  let busySession: ApiClient

  beforeAll(async () => {
    t = await startTestPlatform('sqlite')
    const admin = await t.login('admin', ADMIN_PASSWORD)
    const county = await createDepartment(admin, 'county')
    const user = await createUser(admin, county.id, ['dept_admin'], 'admin')
    deptAdmin = { ...user, roles: ['dept_admin'], department: county.id }
    locked = await createUser(admin, county.id, ['consumer'], 'locked')
    for (let i = 0; i < 5; i++) {
      await t.api.post('/api/v1/auth/login', { username: locked.username, password: 'Wrong#2026pass' })
    }
    busy = await createUser(admin, county.id, ['cataloger'], 'busy')
    busySession = await t.login(busy.username, USER_PASSWORD)
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('unlocks, disables and resets from the users tab', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, deptAdmin)
    await openMenu(page, '部门与用户')
    await page.getByRole('tab', { name: '用户' }).click()
    const lockedRow = page.locator('tbody tr', { hasText: locked.username })
    await lockedRow.getByRole('button', { name: '解锁' }).click()
    await visible(page.getByText('已解锁'))
    expect(
      (await t.api.post('/api/v1/auth/login', { username: locked.username, password: USER_PASSWORD })).status,
    ).toBe(200)

    const busyRow = page.locator('tbody tr', { hasText: busy.username })
    await busyRow.getByRole('button', { name: '停用' }).click()
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click()
    await visible(busyRow.getByText('已停用'))
    expect((await busySession.get('/api/v1/auth/me')).status).toBe(401)

    await lockedRow.getByRole('button', { name: '重置密码' }).click()
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click()
    await visible(page.getByTestId('temporary-password'))
    await screenshot(page, '50-user-upkeep')
  })
})
