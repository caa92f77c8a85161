/**
 * The portal's pages that stand apart from the story in portal.e2e.test.ts, in a real Chromium
 * against their own demo city (so the two files run side by side): sign-in in both languages and
 * the lockout message, the bureau's pages and the English switch, and how the built portal is
 * served. Screenshots go to test/e2e/screenshots/.
 */
import os from 'node:os'
import path from 'node:path'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerPortal } from '../../src/http/portal.js'
import { buildUscc } from '../../src/modules/org/index.js'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import {
  type Account,
  expectMessage,
  fillLogin,
  openMenu,
  readDemoAccounts,
  signIn,
  textOf,
  visible,
} from './support/portal.js'

describe('portal pages', () => {
  let t: TestPlatform
  let browser: Browser
  let accounts: Map<string, Account>

  const account = (username: string): Account => {
    const found = accounts.get(username)
    if (!found) {
      throw new Error(`no demo account ${username}`)
    }
    return found
  }
  const tab = () => browser.newPage()

  beforeAll(async () => {
    t = await startTestPlatform('sqlite', { seed: 'demo' })
    accounts = readDemoAccounts(t.store.dataDir)
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('signs in: first page load, wrong password in both languages, lockout message', async () => {
    const page = await tab()
    const started = performance.now()
    await page.goto(t.baseUrl)
    await visible(page.getByRole('button', { name: /登\s*录/ }))
    const visibleAfter = performance.now() - started
    const timing = JSON.parse(
      String(await page.evaluate('JSON.stringify(performance.getEntriesByType("navigation")[0])')),
    ) as { domContentLoadedEventEnd: number; loadEventEnd: number; transferSize: number }
    const assets = Number(
      await page.evaluate(
        'performance.getEntriesByType("resource").reduce((n, e) => n + (e.transferSize || 0), 0)',
      ),
    )
    console.log(
      `[portal] first page load from the local server: sign-in form visible after ${visibleAfter.toFixed(0)} ms ` +
        `(DOMContentLoaded ${timing.domContentLoadedEventEnd.toFixed(0)} ms, load ${timing.loadEventEnd.toFixed(0)} ms, ` +
        `${((timing.transferSize + assets) / 1024).toFixed(0)} KiB transferred)`,
    )
    await screenshot(page, '01-login')

    await page.getByTestId('lang-switch').getByText('English').click()
    await fillLogin(page, 'amr_consumer', 'not-the-password')
    await visible(page.getByTestId('login-error').getByText('Wrong username or password'))
    await screenshot(page, '02-login-error-en')
    await page.getByTestId('lang-switch').getByText('中文').click()
    await fillLogin(page, 'amr_consumer', 'not-the-password')
    await visible(page.getByTestId('login-error').getByText('用户名或密码错误'))

    // Five failures in a row lock the account; the next attempt says so, even with the right password.
    const victim = account('civil_consumer')
    for (let i = 0; i < 5; i++) {
      await fillLogin(page, victim.username, `wrong-${i}`)
      await visible(page.getByTestId('login-error'))
      await page.waitForTimeout(100)
    }
    await fillLogin(page, victim.username, victim.password)
    await visible(page.getByTestId('login-error').getByText(/锁定/))
    expect(await textOf(page.getByTestId('login-error'))).not.toContain('{')
    await screenshot(page, '03-login-locked')
  })

  it('bureau pages: deadlines, departments and users, calendar, arbitration, statistics; English', async () => {
    const admin = await tab()
    await signIn(admin, t.baseUrl, {
      username: 'admin',
      password: 'Admin#2026pass',
      roles: [],
      department: '',
    })
    await openMenu(admin, '时限看板')
    await visible(admin.getByTestId('deadlines').locator('tbody tr'))
    await screenshot(admin, '26-deadlines')
    await openMenu(admin, '部门与用户')
    await visible(admin.locator('.ant-table tbody tr'))
    await screenshot(admin, '27-departments')
    await admin.getByRole('tab', { name: '用户' }).click()
    await visible(admin.getByText('amr_consumer'))
    await screenshot(admin, '28-users')
    await openMenu(admin, '工作日历')
    await visible(admin.getByTestId('calendar-overrides'))
    // The year's official holidays and make-up working days are listed, and a schedule file can be imported.
    await visible(admin.getByTestId('calendar-days').locator('tbody tr', { hasText: '国庆节' }).first())
    await visible(admin.getByTestId('calendar-days').getByText('国务院公布').first())
    await visible(admin.getByTestId('calendar-import'))
    await screenshot(admin, '29-calendar')
    await openMenu(admin, '统计分析')
    await visible(admin.getByTestId('bar-chart').locator('canvas'))
    await screenshot(admin, '30-statistics')

    const reviewer = await tab()
    await signIn(reviewer, t.baseUrl, account('reviewer'))
    await openMenu(reviewer, '争议仲裁')
    await visible(reviewer.getByTestId('disputes'))
    await screenshot(reviewer, '31-disputes')

    // The English switch: menus in English, and an API error comes back in English too.
    await reviewer.getByTestId('lang-switch').getByText('English').click()
    await openMenu(reviewer, 'Catalog review')
    await visible(reviewer.getByTestId('review-queue').locator('tbody tr'))
    await reviewer.getByTestId('review-queue').getByRole('button', { name: 'Review' }).first().click()
    await visible(reviewer.getByTestId('resource-detail'))
    await reviewer.getByTestId('review-return').click()
    await expectMessage(reviewer, /comment/i)
    await screenshot(reviewer, '32-english-error')
    await reviewer.keyboard.press('Escape')
    await reviewer.getByTestId('lang-switch').getByText('中文').click()
    await visible(reviewer.locator('.ant-layout-sider').getByText('目录审核'))
  })

  it('the search box finds what a clerk means by the words staff type, and says why', async () => {
    const page = await tab()
    await signIn(page, t.baseUrl, account('amr_consumer'))
    await openMenu(page, '共享目录')
    const box = page.getByTestId('catalog-search').locator('input')
    const results = page.getByTestId('catalog-results')
    const words: Array<[string, string]> = [
      ['营业执照', '法人单位基础信息'],
      ['执照', '法人单位基础信息'],
      ['身份证', '人口基础信息'],
      ['医保', '社会保险参保信息'],
      ['驾照', '机动车驾驶证信息'],
      ['房产', '不动产登记信息'],
    ]
    for (const [word, resource] of words) {
      await box.fill(word)
      await box.press('Enter')
      const hit = results.locator('.ant-list-item', { hasText: resource })
      await visible(hit)
      await visible(hit.getByTestId('matched-via').filter({ hasText: `“${word}”即` }))
    }
    await screenshot(page, '34-search-synonyms')
  })

  it('the bureau adds a word to the search dictionary and the search box finds by it at once', async () => {
    const reviewer = await tab()
    await signIn(reviewer, t.baseUrl, account('reviewer'))
    await openMenu(reviewer, '搜索词典')
    await visible(reviewer.getByTestId('synonym-table').locator('tbody tr', { hasText: '营业执照' }))
    await reviewer.getByTestId('synonym-term').fill('人员户籍')
    const expansions = reviewer.getByTestId('synonym-expansions').locator('input')
    await expansions.fill('人口基础信息')
    await expansions.press('Enter')
    await reviewer.getByTestId('synonym-save').click()
    await expectMessage(reviewer, '已保存')
    const row = reviewer.getByTestId('synonym-table').locator('tbody tr', { hasText: '人员户籍' })
    await visible(row.getByText('人口基础信息'))
    await screenshot(reviewer, '35-search-dictionary')

    const consumer = await tab()
    await signIn(consumer, t.baseUrl, account('amr_consumer'))
    await openMenu(consumer, '共享目录')
    const box = consumer.getByTestId('catalog-search').locator('input')
    await box.fill('人员户籍')
    await box.press('Enter')
    const hit = consumer.getByTestId('catalog-results').locator('.ant-list-item', { hasText: '人口基础信息' })
    await visible(hit.getByTestId('matched-via').filter({ hasText: '“人员户籍”即“人口基础信息”' }))

    await row.getByRole('button', { name: /删\s*除/ }).click()
    await reviewer
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click()
    await expect.poll(() => row.count()).toBe(0)
  })

  it('a department admin creates a department under its own without a refusal', async () => {
    const page = await tab()
    await signIn(page, t.baseUrl, account('psb_admin'))
    await openMenu(page, '部门与用户')
    await page.getByRole('button', { name: '新建部门' }).click()
    const dialog = page.locator('.ant-modal')
    await visible(dialog)
    await dialog.getByLabel('部门名称').fill('昆明市公安局交通管理支队')
    await dialog.getByLabel('统一社会信用代码').fill(buildUscc('11', '530100', 'JG000001'))
    await dialog.getByRole('button', { name: /确\s*定|保\s*存|创\s*建/ }).click()
    await expectMessage(page, '已保存')
    await visible(page.locator('.ant-table').getByText('昆明市公安局交通管理支队'))
    await screenshot(page, '33-dept-admin-new-department')
  })

  it('serves index.html for page paths only; API paths and non-browser clients keep the JSON 404', async () => {
    const html = { accept: 'text/html,application/xhtml+xml' }
    const page = await fetch(`${t.baseUrl}/my-catalog/abc/edit`, { headers: html })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('id="root"')
    for (const url of ['/api/v1/no-such-thing', '/docs/no-such-thing']) {
      const reply = await fetch(`${t.baseUrl}${url}`, { headers: html })
      expect(reply.headers.get('content-type'), url).toContain('application/json')
      expect(((await reply.json()) as any).error.code, url).toMatch(/NOT_FOUND|AUTH_REQUIRED/)
    }
    const script = await fetch(`${t.baseUrl}/my-catalog`, { headers: { accept: '*/*' } })
    expect(script.status).toBe(404)
    expect(((await script.json()) as any).error.code).toBe('NOT_FOUND')
    const asset = (await (await fetch(t.baseUrl)).text()).match(/\/assets\/[^"]+\.js/)?.[0]
    const served = await fetch(`${t.baseUrl}${asset}`)
    expect(served.status).toBe(200)
    expect(served.headers.get('cache-control')).toContain('immutable')
    // The build's brotli copy (web/vite-plugins.ts), not the 800 KB of plain JavaScript.
    const compressed = await fetch(`${t.baseUrl}${asset}`, { headers: { 'accept-encoding': 'br, gzip' } })
    expect(compressed.headers.get('content-encoding')).toBe('br')
    expect(compressed.headers.get('cache-control')).toContain('immutable')
  })

  it('answers / with the placeholder page when the portal was never built', async () => {
    const app = Fastify({ logger: false })
    await registerPortal(app, path.join(os.tmpdir(), 'govshare-no-such-build'))
    const reply = await app.inject({ method: 'GET', url: '/' })
    expect(reply.statusCode).toBe(200)
    expect(reply.body).toContain('门户网站正在建设中')
    await app.close()
  })

  it('shows no page errors or CSP violations on any page', () => {
    expect(browser.problems).toEqual([])
  })
})
