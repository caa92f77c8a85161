/**
 * Issue 13 in the portal: a department admin issues an API client from the 接口客户端 tab of
 * 部门与用户 and sees its secret once, rotates it (the old secret stops getting tokens), limits
 * the addresses it may call from, and revokes it (no more tokens); and the platform admin resets a
 * user's lost second factor with a reason, an action the department admin is not offered. Bare
 * platform; each step checked over HTTP the way the department's system would call.
 */
import { Secret, TOTP } from 'otpauth'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, USER_PASSWORD } from '../support/scenario-kit.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import { type Account, expectMessage, openMenu, signIn, textOf, visible } from './support/portal.js'

const CLIENT_NAME = '不动产登记系统'
const OK = /确\s*定|OK/

describe('portal: API clients and second-factor reset', () => {
  let t: TestPlatform
  let browser: Browser
  let admin: ApiClient
  let deptAdmin: Account
  let lost = { id: '', username: '' }
  let lostSession: ApiClient

  beforeAll(async () => {
    t = await startTestPlatform('sqlite')
    admin = await t.login('admin', ADMIN_PASSWORD)
    const county = await createDepartment(admin, 'county')
    const user = await createUser(admin, county.id, ['dept_admin'], 'admin')
    deptAdmin = { ...user, roles: ['dept_admin'], department: county.id }
    // A user with a second factor who has lost the phone (enrolled with the platform's real clock).
    lost = await createUser(admin, county.id, ['consumer'], 'lost')
    lostSession = await t.login(lost.username, USER_PASSWORD)
    const started = await lostSession.post('/api/v1/auth/mfa/enrol')
    const totp = new TOTP({ secret: Secret.fromBase32(started.body.secret), digits: 6, period: 30 })
    expect((await lostSession.post('/api/v1/auth/mfa/confirm', { code: totp.generate() })).status).toBe(200)
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  const token = (clientId: string, clientSecret: string) =>
    t.api.post('/api/v1/auth/token', { clientId, clientSecret })

  /** Reads the secret modal, checks its warning, and closes it with the acknowledgement button. */
  async function readSecretOnce(page: Page, shot?: string) {
    const dialog = page.locator('.ant-modal', { hasText: '仅显示一次' })
    await visible(dialog.getByTestId('client-secret'))
    await visible(dialog.getByText('关闭后无法再次查看'))
    const clientId = await textOf(dialog.getByTestId('client-id'))
    const clientSecret = await textOf(dialog.getByTestId('client-secret'))
    expect(clientSecret.length).toBeGreaterThan(20)
    if (shot) {
      await screenshot(page, shot)
    }
    await dialog.getByRole('button', { name: '我已妥善保存' }).click()
    await dialog.waitFor({ state: 'hidden' })
    // Once closed, nothing in the page shows it again.
    expect(await page.getByText(clientSecret).count()).toBe(0)
    return { clientId, clientSecret }
  }

  it('a department admin issues, rotates, limits and revokes an API client', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, deptAdmin)
    await openMenu(page, '部门与用户')
    // The second-factor reset belongs to the platform admin and the security officer only.
    await page.getByRole('tab', { name: '用户' }).click()
    await visible(page.locator('tbody tr', { hasText: lost.username }))
    expect(await page.getByRole('button', { name: '重置双因素' }).count()).toBe(0)

    await page.getByRole('tab', { name: '接口客户端' }).click()
    await page.getByRole('button', { name: '新建接口客户端' }).click()
    const create = page.locator('.ant-modal', { hasText: '新建接口客户端' })
    await create.getByLabel('客户端名称').fill(CLIENT_NAME)
    await create.getByLabel('编目员').check()
    await create.getByRole('button', { name: OK }).click()
    const first = await readSecretOnce(page, '51-api-client-secret')
    expect((await token(first.clientId, first.clientSecret)).status).toBe(200)

    const row = page.locator('tbody tr', { hasText: CLIENT_NAME })
    await visible(row.getByText('编目员'))
    await visible(row.getByText('不限'))
    await row.getByRole('button', { name: '更换密钥' }).click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: OK }).click()
    const second = await readSecretOnce(page)
    expect(second.clientId).toBe(first.clientId)
    expect(second.clientSecret).not.toBe(first.clientSecret)
    expect((await token(first.clientId, first.clientSecret)).status).toBe(401)
    expect((await token(second.clientId, second.clientSecret)).status).toBe(200)

    await row.getByRole('button', { name: '允许地址' }).click()
    const allow = page.locator('.ant-modal', { hasText: '每行一个' })
    const addresses = allow.getByRole('textbox')
    await addresses.fill('127.0.0.1/32\n10.1.2.300/24')
    await allow.getByRole('button', { name: OK }).click()
    await visible(allow.getByText('不是有效的地址或网段：10.1.2.300/24'))
    await screenshot(page, '52-api-client-allowlist-invalid')
    await addresses.fill('127.0.0.1/32\n10.1.2.0/24')
    await allow.getByRole('button', { name: OK }).click()
    await allow.waitFor({ state: 'hidden' })
    await visible(row.getByText('10.1.2.0/24'))
    const id = (await admin.get('/api/v1/clients')).body.items.find(
      (c: { clientId: string }) => c.clientId === first.clientId,
    ).id
    expect((await admin.get(`/api/v1/clients/${id}`)).body.allowedCidrs).toEqual([
      '127.0.0.1/32',
      '10.1.2.0/24',
    ])
    // The test calls from 127.0.0.1, which the list allows.
    expect((await token(second.clientId, second.clientSecret)).status).toBe(200)
    await screenshot(page, '53-api-clients-list')

    await row.getByRole('button', { name: '吊销' }).click()
    const revoke = page.locator('.ant-modal', { hasText: '吊销接口客户端' })
    await visible(revoke.getByText('吊销后不可恢复'))
    await revoke.getByRole('button', { name: OK }).click()
    await visible(revoke.getByText('必填'))
    await revoke.getByLabel('吊销原因').fill('系统下线')
    await screenshot(page, '54-api-client-revoke')
    await revoke.getByRole('button', { name: OK }).click()
    await visible(row.getByText('已吊销'))
    expect(await row.getByRole('button', { name: '更换密钥' }).count()).toBe(0)
    const refused = await token(second.clientId, second.clientSecret)
    expect(refused.status).toBe(401)
    expect(refused.body.error.code).toBe('AUTH_INVALID_CREDENTIALS')
    await screenshot(page, '55-api-client-revoked')
    // The same tab in English (the choice is kept in localStorage, so switch back after).
    await page.getByText('English', { exact: true }).click()
    await visible(page.getByRole('button', { name: 'New API client' }))
    await visible(row.getByText('Revoked'))
    await page.mouse.move(700, 600) // off the header, whose account menu opens on hover
    await screenshot(page, '57-api-clients-en')
    await page.getByText('中文', { exact: true }).click()
    await visible(page.getByRole('button', { name: '新建接口客户端' }))
    expect(browser.problems).toEqual([])
  })

  it('the platform admin resets a lost second factor with a reason', async () => {
    expect(
      (await t.api.post('/api/v1/auth/login', { username: lost.username, password: USER_PASSWORD })).status,
    ).not.toBe(200)
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, {
      username: 'admin',
      password: ADMIN_PASSWORD,
      roles: ['platform_admin'],
      department: '',
    })
    await openMenu(page, '部门与用户')
    await page.getByRole('tab', { name: '用户' }).click()
    // Never on one's own account.
    const own = page
      .locator('tbody tr')
      .filter({ has: page.getByRole('cell', { name: 'admin', exact: true }) })
    await visible(own)
    expect(await own.getByRole('button', { name: '重置双因素' }).count()).toBe(0)
    const row = page.locator('tbody tr', { hasText: lost.username })
    await row.getByRole('button', { name: '重置双因素' }).click()
    const dialog = page.locator('.ant-modal', { hasText: '重置原因' })
    await dialog.getByLabel(/重置原因/).fill('手机遗失，本人到场核验身份')
    await screenshot(page, '56-mfa-reset')
    await dialog.getByRole('button', { name: OK }).click()
    await expectMessage(page, '已重置双因素')
    expect((await lostSession.get('/api/v1/auth/me')).status).toBe(401)
    const again = await t.login(lost.username, USER_PASSWORD)
    expect((await again.get('/api/v1/auth/security')).body.mfa.enrolled).toBe(false)
    expect(browser.problems).toEqual([])
  })
})
