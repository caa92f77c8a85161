/**
 * Issue 15: a portal without dead ends. Each demo role signs in, opens every page of its menu (and
 * every tab), and clicks every enabled, non-destructive button there: dialogs are opened and their
 * forms sent empty, confirmations are cancelled. The walk fails on any 403 the API answers, on the
 * words 无权执行该操作, on an error that names a raw field (validTo, departmentId…), and on
 * English words in the zh-CN text of a page. Own demo city, so it runs beside the other files.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { allDepartments, BUREAU_CODE, departmentActor } from '../../src/modules/org/index.js'
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import { type Account, readDemoAccounts, signIn, visible } from './support/portal.js'
import { englishWords, rawFieldNames } from './support/zh-text.js'

/** Buttons whose click changes or ends something at once, or leaves the page (files). */
const DESTRUCTIVE =
  /删\s*除|撤\s*销|撤\s*回|停\s*用|启\s*用|重置|解\s*锁|退出|注销|轮换|吊销|禁\s*用|下\s*载|导\s*出|导\s*入|上\s*传|选择文件|English|中文|^Close$|^关\s*闭$/

/** The pages issue 15 added, photographed on the walk. */
const SHOWN = new Map([
  ['整改通知', 'notices'],
  ['安全事件', 'incidents'],
  ['年度报告', 'annual-reports'],
])

const ROLES: Array<{ role: string; username: string }> = [
  { role: 'consumer', username: 'psb_consumer' },
  { role: 'approver', username: 'psb_approver' },
  { role: 'cataloger', username: 'psb_cataloger' },
  { role: 'bureau_reviewer', username: 'reviewer' },
  { role: 'dept_admin', username: 'psb_admin' },
  { role: 'platform_admin', username: 'admin' },
  { role: 'auditor', username: 'auditor' },
  { role: 'security_officer', username: 'security' },
]

interface Findings {
  /** Where the walk went and what it clicked, for the log. */
  clicked: string[]
  forbidden: string[]
  rawFields: string[]
  english: string[]
}

// The roles walk side by side, each in its own tab (sessions are per tab): the walk mostly waits for the
// portal to settle, so walking them one after another took minutes.
describe.concurrent('portal: every role walks its pages without dead ends', () => {
  let t: TestPlatform
  let browser: Browser
  let accounts: Map<string, Account>

  beforeAll(async () => {
    t = await startTestPlatform('sqlite', { seed: 'demo' })
    accounts = readDemoAccounts(t.store.dataDir)
    accounts.set('admin', { username: 'admin', password: ADMIN_PASSWORD, roles: [], department: '' })
    await seedOversight(t)
    browser = await launchBrowser()
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  for (const { role, username } of ROLES) {
    it(`${role} (${username})`, { timeout: 420_000 }, async ({ expect }) => {
      const account = accounts.get(username)
      if (!account) {
        throw new Error(`no demo account ${username}`)
      }
      const page = await browser.newPage()
      const found: Findings = { clicked: [], forbidden: [], rawFields: [], english: [] }
      page.on('response', (response) => {
        if (response.url().includes('/api/') && response.status() === 403) {
          found.forbidden.push(`${response.request().method()} ${new URL(response.url()).pathname} → 403`)
        }
      })
      await signIn(page, t.baseUrl, account)
      const menu = await menuLabels(page)
      expect(menu.length, 'a menu').toBeGreaterThan(1)
      for (const label of menu) {
        await openPage(page, label)
        for (const tab of await tabLabels(page)) {
          await page.locator('.ant-layout-content .ant-tabs-tab', { hasText: tab }).first().click()
          await settle(page)
          await check(page, `${label} › ${tab}`, found)
          await clickButtons(page, `${label} › ${tab}`, found, () => openPage(page, label, tab))
        }
        await openPage(page, label)
        if (SHOWN.has(label)) {
          await screenshot(page, `61-walk-${role}-${SHOWN.get(label)}`)
        }
        await check(page, label, found)
        await clickButtons(page, label, found, () => openPage(page, label))
      }
      await openPage(page, menu[0] ?? '')
      await screenshot(page, `60-walk-${role}`)
      console.log(
        `[walk] ${role}: ${menu.length} pages, ${found.clicked.length} buttons\n  ${found.clicked.join('\n  ')}`,
      )
      expect(found.forbidden, 'buttons or pages the role may not use').toEqual([])
      expect(found.rawFields, 'raw field names in errors').toEqual([])
      expect(found.english, 'English in the zh-CN portal').toEqual([])
      await page.close()
    })
  }
})

/** A notice issued to the city's police bureau, a draft, and an open incident: so their buttons show. */
async function seedOversight(t: TestPlatform): Promise<void> {
  const { db } = t.platform.services
  const departments = await allDepartments(db)
  const bureau = departments.find((d) => d.code === BUREAU_CODE)
  const psb = departments.find((d) => d.name === '昆明市公安局')
  if (!bureau || !psb) {
    throw new Error('demo departments missing')
  }
  const reviewer = await departmentActor(db, bureau.id, ['bureau_reviewer'], 'reviewer')
  const security = await departmentActor(db, bureau.id, ['security_officer'], 'security')
  const { notices, incidents } = t.platform.services.rectification
  const issued = await notices.createNotice(reviewer, {
    departmentId: psb.id,
    kind: 'other',
    description: '共享数据使用台账未按月登记',
  })
  await notices.issueNotice(reviewer, issued.id, { comment: '请建立台账并答复' })
  await notices.createNotice(reviewer, {
    departmentId: psb.id,
    kind: 'other',
    description: '接口调用未留存用途',
  })
  await incidents.reportIncident(security, {
    title: '测试环境数据外泄',
    description: '测试库被外部访问',
    occurredAt: new Date().toISOString(),
    dataAffected: '人口基础信息（测试数据）',
    severity: 'medium',
    departmentId: psb.id,
  })
}

async function menuLabels(page: Page): Promise<string[]> {
  const sider = page.locator('.ant-layout-sider')
  // Open every group so its pages are listed.
  for (const group of await sider.locator('.ant-menu-submenu-title').all()) {
    if ((await group.getAttribute('aria-expanded')) !== 'true') {
      await group.click()
    }
  }
  await page.waitForTimeout(300)
  const items = await sider.locator('.ant-menu-item').allInnerTexts()
  return items.map((text) => text.trim()).filter(Boolean)
}

async function openPage(page: Page, label: string, tab?: string): Promise<void> {
  await page.keyboard.press('Escape')
  await page.locator('.ant-layout-sider .ant-menu-item', { hasText: label }).first().click()
  await visible(page.locator('.ant-layout-content h4', { hasText: label }))
  if (tab) {
    await page.locator('.ant-layout-content .ant-tabs-tab', { hasText: tab }).first().click()
  }
  await settle(page)
}

async function tabLabels(page: Page): Promise<string[]> {
  const tabs = await page.locator('.ant-layout-content .ant-tabs-nav .ant-tabs-tab').allInnerTexts()
  return tabs.map((text) => text.trim()).filter(Boolean)
}

/** Waits for the page's loads to end (no spinner); the browser asks for reduced motion, so no animation runs. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(100)
  await page
    .locator('.ant-spin-spinning, .ant-btn-loading')
    .first()
    .waitFor({ state: 'detached', timeout: 8_000 })
    .catch(() => {})
  await page.waitForTimeout(50)
}

/** What the page says now: no refusal, no raw field name in a message, no English. */
async function check(page: Page, where: string, found: Findings): Promise<void> {
  // Commands and code shown as such (<code>) are not words to translate.
  const text = String(
    await page.evaluate(
      "[...document.querySelectorAll('code')].reduce((all, code) => all.split(code.textContent || '').join(' '), document.body.innerText)",
    ),
  )
  if (text.includes('无权执行该操作')) {
    found.forbidden.push(`${where}: 无权执行该操作`)
  }
  const errors = await page
    .locator('.ant-message, .ant-form-item-explain-error, .ant-alert-error, .ant-notification')
    .allInnerTexts()
  for (const field of rawFieldNames(errors.join('\n'))) {
    found.rawFields.push(`${where}: ${field}`)
  }
  for (const word of englishWords(text)) {
    const entry = `${where}: ${word}`
    if (!found.english.includes(entry)) {
      found.english.push(entry)
    }
  }
}

/**
 * Clicks the first of each enabled, non-destructive button of the page's content; a dialog it
 * opens is checked, its form sent (empty fields show their messages), then closed; a
 * confirmation is cancelled. `reopen` brings the page back after a button that navigated away.
 */
async function clickButtons(
  page: Page,
  where: string,
  found: Findings,
  reopen: () => Promise<void>,
  content = page.locator('.ant-layout-content'),
) {
  const seen = new Set<string>()
  const inDrawer = (await content.getAttribute('class'))?.includes('ant-drawer') === true
  for (let round = 0; round < 40; round++) {
    const buttons = content.locator('button:visible:not([disabled])')
    // One round trip for every label: asking button by button took most of the walk's time.
    const labels = await buttons.evaluateAll((elements) =>
      elements.map((e) => (e.textContent ?? '').trim() || (e.getAttribute('aria-label') ?? '')),
    )
    const index = labels.findIndex((key) => key !== '' && !seen.has(key) && !DESTRUCTIVE.test(key))
    if (index < 0) {
      return
    }
    const next = { button: buttons.nth(index), label: labels[index] ?? '' }
    seen.add(next.label)
    const url = page.url()
    // As a user clicks (no force): a button still covered after a second is one no user can reach.
    await next.button.click({ timeout: 1_000 }).catch(() => {})
    await settle(page)
    const here = `${where} › ${next.label}`
    found.clicked.push(here)
    await check(page, here, found)
    const drawer = page.locator('.ant-drawer-open .ant-drawer-section').last()
    if (!inDrawer && (await drawer.isVisible().catch(() => false))) {
      // A detail drawer holds the next step (apply, review): its buttons are walked too, then it closes.
      await clickButtons(page, here, found, reopen, drawer)
      await page.keyboard.press('Escape')
      await settle(page)
    }
    await finishDialog(page, here, found)
    if (page.url() !== url) {
      await reopen()
    }
  }
}

async function finishDialog(page: Page, where: string, found: Findings): Promise<void> {
  const confirm = page.locator('.ant-popconfirm:visible, .ant-popover:visible').first()
  if (await confirm.isVisible().catch(() => false)) {
    await confirm
      .getByRole('button', { name: /取\s*消|Cancel/ })
      .click()
      .catch(() => page.keyboard.press('Escape'))
    await settle(page)
  }
  const modal = page.locator('.ant-modal-wrap:visible .ant-modal').last()
  if (!(await modal.isVisible().catch(() => false))) {
    return
  }
  const ok = modal.locator('.ant-modal-footer .ant-btn-primary:not([disabled])').first()
  if (await ok.isVisible().catch(() => false)) {
    await ok.click().catch(() => {})
    await settle(page)
    await check(page, `${where} › 提交`, found)
  }
  for (let i = 0; i < 3 && (await modal.isVisible().catch(() => false)); i++) {
    await page.keyboard.press('Escape')
    await page.waitForTimeout(100)
  }
}
