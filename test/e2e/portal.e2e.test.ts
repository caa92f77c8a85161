/**
 * The portal end to end, in a real Chromium against a real platform (demo city, SQLite) serving
 * the built portal. The must-hold story runs through the portal only: a cataloger
 * creates and submits a resource, the reviewer publishes it, a consumer of another department
 * finds it by a Chinese word and applies, the approver approves two items, the consumer queries
 * a record and sees those two items masked, the auditor finds the query in the log.
 * Screenshots of every page go to test/e2e/screenshots/.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import {
  type Account,
  expectMessage,
  fillLogin,
  openMenu,
  pick,
  readDemoAccounts,
  signIn,
  textOf,
  untick,
  visible,
} from './support/portal.js'

/** A word no demo resource uses, so the search finds exactly the story's resource. */
const WORD = '犬只'
const RESOURCE = '犬只狂犬病免疫登记信息'
const KEY = 'QZ-2026-0001'
const OWNER_NAME = '张三丰'
const OWNER_PHONE = '13812345678'

describe('portal', () => {
  let t: TestPlatform
  let browser: Browser
  let accounts: Map<string, Account>
  let resourceId = ''
  let grantedItems: string[] = []

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
    const home = await fetch(t.baseUrl, { headers: { accept: 'text/html' } })
    const html = await home.text()
    if (!html.includes('id="root"')) {
      throw new Error(
        'GET / does not serve the built portal: run `npm run build:web` and make sure src/app.ts calls registerPortal(app)',
      )
    }
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('a cataloger creates a resource with its items (inline validation), submits it, sees history and Excel', async () => {
    const page = await tab()
    await page.goto(t.baseUrl)
    await fillLogin(page, 'health_cataloger', account('health_cataloger').password)
    await visible(page.getByText('首次登录请修改密码'))
    await screenshot(page, '04-first-sign-in-password')
    await page.close()

    const cataloger = await tab()
    await signIn(cataloger, t.baseUrl, account('health_cataloger'))
    await screenshot(cataloger, '05-home-cataloger')
    await openMenu(cataloger, '本部门目录')
    await visible(cataloger.getByTestId('my-catalog').locator('tbody tr'))
    await screenshot(cataloger, '06-my-catalog')

    await cataloger.getByTestId('new-resource').click()
    await visible(cataloger.getByTestId('resource-form'))
    await cataloger.getByLabel('资源名称').fill(RESOURCE)
    await cataloger.getByLabel('资源摘要').fill('犬只狂犬病免疫接种登记，含犬主联系方式与犬只品种')
    const rows = cataloger.getByTestId('items-editor').locator('.ant-space')
    const items: Array<[string, string]> = [
      ['登记编号', '非个人信息'],
      ['犬主姓名', '姓名'],
      ['犬主电话', '电话号码'],
      ['犬只品种', '非个人信息'],
    ]
    for (const [index, [name, sensitivity]] of items.entries()) {
      if (index > 0) {
        await cataloger.getByRole('button', { name: '添加信息项' }).click()
      }
      const row = rows.nth(index)
      await row.getByPlaceholder('信息项名称').fill(name)
      // The name field is an AutoComplete (data elements), itself an .ant-select: skip it.
      await pick(cataloger, row.locator('.ant-select:not(.ant-select-auto-complete)').nth(1), sensitivity)
    }
    // Conditional sharing without a legal basis: refused beside the field, before any request.
    await cataloger.getByTestId('save-submit').click()
    await visible(cataloger.getByText('有条件共享或不予共享的资源必须填写法律依据'))
    await screenshot(cataloger, '07-resource-form-validation')
    await cataloger.getByLabel('法律依据').fill('《中华人民共和国动物防疫法》第三十条')
    await cataloger.getByTestId('save-submit').click()
    await expectMessage(cataloger, `“${RESOURCE}”已提交审核`)
    const row = cataloger.getByTestId('my-catalog').locator('tbody tr', { hasText: RESOURCE })
    await visible(row)
    expect(await textOf(row)).toContain('待审核')
    await screenshot(cataloger, '08-my-catalog-submitted')

    await row.getByRole('button', { name: '版本历史' }).click()
    await visible(cataloger.getByTestId('version-history'))
    await screenshot(cataloger, '09-version-history')
    await cataloger.locator('.ant-drawer-close').click()

    // Export, break one cell, import: the per-row error table, and nothing stored.
    const [download] = await Promise.all([
      cataloger.waitForEvent('download'),
      cataloger.getByTestId('export-button').click(),
    ])
    const exported = path.join(os.tmpdir(), `govshare-e2e-export-${process.pid}.xlsx`)
    await download.saveAs(exported)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(exported)
    const sheet = workbook.worksheets[0]
    expect(sheet?.rowCount ?? 0).toBeGreaterThan(1)
    const header = sheet?.getRow(1)
    let nameColumn = 0
    header?.eachCell((cell, column) => {
      if (String(cell.value).includes('名称') && nameColumn === 0) {
        nameColumn = column
      }
    })
    if (sheet) {
      sheet.getRow(2).getCell(nameColumn || 2).value = null
    }
    const broken = path.join(os.tmpdir(), `govshare-e2e-broken-${process.pid}.xlsx`)
    await workbook.xlsx.writeFile(broken)
    await cataloger.locator('input[type=file]').setInputFiles(broken)
    await visible(cataloger.getByTestId('import-problems').locator('tbody tr'))
    await screenshot(cataloger, '10-excel-import-problems')
    fs.rmSync(exported, { force: true })
    fs.rmSync(broken, { force: true })
  })

  it('the reviewer publishes it from the review queue', async () => {
    const reviewer = await tab()
    await signIn(reviewer, t.baseUrl, account('reviewer'))
    await screenshot(reviewer, '11-home-reviewer')
    await openMenu(reviewer, '目录审核')
    const row = reviewer.getByTestId('review-queue').locator('tbody tr', { hasText: RESOURCE })
    await visible(row)
    await screenshot(reviewer, '12-review-queue')
    await row.getByRole('button', { name: '审核' }).click()
    await visible(reviewer.getByTestId('resource-detail'))
    await screenshot(reviewer, '13-review-drawer')
    await reviewer.getByTestId('review-approve').click()
    await expectMessage(reviewer, '已通过，资源已发布')
  })

  it('a consumer of another department finds it by a Chinese word and applies', async () => {
    const consumer = await tab()
    await signIn(consumer, t.baseUrl, account('amr_consumer'))
    await openMenu(consumer, '共享目录')
    await visible(consumer.getByTestId('catalog-results').locator('.ant-list-item'))
    await screenshot(consumer, '14-shared-catalog')
    await consumer.getByTestId('catalog-search').locator('input').fill(WORD)
    await consumer.getByTestId('catalog-search').locator('input').press('Enter')
    // The unfiltered list may show the resource too: wait for the search's own answer.
    await visible(consumer.getByTestId('catalog-results').getByText('共 1 条资源'))
    const hit = consumer.getByTestId('catalog-results').locator('.ant-list-item', { hasText: RESOURCE })
    await visible(hit)
    expect(await consumer.getByTestId('catalog-results').locator('.ant-list-item').count()).toBe(1)
    await screenshot(consumer, '15-shared-catalog-search')
    await hit.getByRole('button', { name: '查看详情' }).click()
    const detail = consumer.getByTestId('resource-detail')
    await visible(detail)
    for (const text of ['有条件共享', '动物防疫法', '卫生健康委员会', '每日', '犬主电话']) {
      expect(await textOf(consumer.locator('.ant-drawer'))).toContain(text)
    }
    await screenshot(consumer, '16-resource-detail')
    await consumer.getByTestId('apply-button').click()
    await consumer.getByLabel('用途').fill('市场主体登记核查')
    // Verify is preselected (issue 11); this story reads a record, so it asks for lookup.
    expect(await consumer.getByTestId('apply-mode-verify').isChecked()).toBe(true)
    await consumer.getByTestId('apply-mode-lookup').check()
    // The grant's end date is picked from a calendar whose days before today are disabled.
    await consumer.getByTestId('apply-valid-to').click()
    const cells = consumer.locator('.ant-picker-dropdown .ant-picker-cell')
    await visible(cells.first())
    const days = await cells.evaluateAll((tds) =>
      tds.map((td) => ({
        day: td.getAttribute('title') ?? '',
        off: td.classList.contains('ant-picker-cell-disabled'),
      })),
    )
    const today = await consumer.evaluate(() => new Date().toLocaleDateString('sv-SE'))
    expect(days.filter((d) => d.off).every((d) => d.day < today)).toBe(true)
    expect(days.filter((d) => !d.off).every((d) => d.day >= today)).toBe(true)
    await screenshot(consumer, '17a-apply-valid-to')
    await consumer.keyboard.press('Escape')
    await screenshot(consumer, '17-apply')
    await consumer
      .locator('.ant-modal')
      .getByRole('button', { name: /申\s*请/ })
      .click()
    await expectMessage(consumer, /申请已提交/)
    await consumer.locator('.ant-drawer-close').click()
    await openMenu(consumer, '共享申请')
    const mine = consumer.getByTestId('requests-outgoing').locator('tbody tr', { hasText: RESOURCE })
    await visible(mine)
    expect(await textOf(mine)).toMatch(/待审批/)
    await visible(mine.getByText(/剩 \d+ 个工作日/))
    await screenshot(consumer, '18-my-applications')
  })

  it('the approver sees the request with its countdown and approves two items', async () => {
    const approver = await tab()
    await signIn(approver, t.baseUrl, account('health_approver'))
    const todo = approver.getByTestId('todo-list').locator('.ant-list-item', { hasText: RESOURCE })
    await visible(todo)
    await visible(todo.getByText(/剩 \d+ 个工作日/))
    await screenshot(approver, '19-home-approver-todo')
    await openMenu(approver, '共享申请')
    await approver.getByRole('tab', { name: '待我审批' }).click()
    const row = approver.getByTestId('requests-incoming').locator('tbody tr', { hasText: RESOURCE })
    await visible(row)
    await row.getByTestId('decide-button').click()
    const modal = approver.locator('.ant-modal')
    await visible(modal.getByText('同意的信息项'))
    await untick(modal.getByLabel('登记编号'))
    await untick(modal.getByLabel('犬只品种'))
    grantedItems = ['犬主姓名', '犬主电话']
    await screenshot(approver, '20-decision')
    await modal.getByRole('button', { name: '提交审批' }).click()
    await expectMessage(approver, '已同意，授权已生效')
    await approver.getByRole('tab', { name: '待我审批' }).click()
    await visible(row.getByText('已授权'))
    // Partly approved: the list shows the two granted items, not all four asked for.
    await visible(row.getByText('同意 2/4 项'))
    await screenshot(approver, '20b-partly-approved')
  })

  it('the consumer queries a record and sees the two items masked; the auditor finds the query', async (ctx) => {
    // Records reach the platform from the provider's own system (there is no portal page for
    // ingest), so the provider's cataloger uploads one through the exchange API.
    const provider = await t.login('health_cataloger', account('health_cataloger').password)
    const list = await provider.get('/api/v1/catalog/resources?pageSize=200')
    resourceId = list.body.items.find((r: { name: string }) => r.name === RESOURCE)?.id ?? ''
    expect(resourceId).not.toBe('')
    const ingest = await provider.post(`/api/v1/exchange/resources/${resourceId}/records`, {
      records: [{ 登记编号: KEY, 犬主姓名: OWNER_NAME, 犬主电话: OWNER_PHONE, 犬只品种: '中华田园犬' }],
    })
    if (ingest.status === 404 || ingest.status === 501) {
      ctx.skip(`the exchange API is not deployed yet (POST records answered ${ingest.status})`)
    }
    expect(ingest.status).toBe(200)

    // A new tab: background tabs do not run animations, and antd waits for them to close popups.
    const consumer = await tab()
    await signIn(consumer, t.baseUrl, account('amr_consumer'))
    await openMenu(consumer, '数据查询')
    await pick(consumer, consumer.getByTestId('grant-select'), RESOURCE)
    await consumer.getByTestId('case-ref').fill('SCJG-2026-0001')
    await consumer.getByTestId('record-key').fill(KEY)
    await consumer.getByTestId('query-record').click()
    const record = consumer.getByTestId('record').or(consumer.getByTestId('exchange-unavailable'))
    await visible(record)
    if (await consumer.getByTestId('exchange-unavailable').isVisible()) {
      ctx.skip('the exchange record query answers 404/501: not deployed yet')
    }
    const shown = await textOf(consumer.getByTestId('record'))
    expect(shown).toContain('犬主姓名')
    expect(shown).toContain('犬主电话')
    expect(shown).toContain('张**')
    expect(shown).toContain('138****5678')
    for (const plain of [OWNER_NAME, OWNER_PHONE, '中华田园犬', '犬只品种']) {
      expect(await textOf(consumer.locator('body'))).not.toContain(plain)
    }
    expect(grantedItems).toEqual(['犬主姓名', '犬主电话'])
    await screenshot(consumer, '21-data-query-masked')

    // Newest first (issue 12): the query just made is the department's latest read of the resource.
    const auditor = await tab()
    await signIn(auditor, t.baseUrl, account('auditor'))
    await openMenu(auditor, '审计日志')
    await pick(auditor, auditor.getByTestId('audit-action'), '查询数据', '查询')
    await pick(auditor, auditor.getByTestId('audit-department'), '市场监督管理局', '市场监督')
    await auditor.getByTestId('audit-search').click()
    const entry = auditor
      .getByTestId('audit-entries')
      .locator('tbody tr.ant-table-row', { hasText: RESOURCE })
      .first()
    await visible(entry)
    expect(await textOf(entry)).toContain('amr_consumer')
    await screenshot(auditor, '22-audit-query-found')
  })

  it('the cataloger edits the published resource: version 2 with its diff, reviewed and published', async () => {
    const cataloger = await tab()
    await signIn(cataloger, t.baseUrl, account('health_cataloger'))
    await openMenu(cataloger, '本部门目录')
    const row = cataloger.getByTestId('my-catalog').locator('tbody tr', { hasText: RESOURCE })
    await row.getByRole('button', { name: '编辑' }).click()
    await visible(cataloger.getByText('该资源已发布'))
    await pick(
      cataloger,
      cataloger.getByLabel('更新周期').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]'),
      '每周',
    )
    await cataloger.getByTestId('save-submit').click()
    await expectMessage(cataloger, `“${RESOURCE}”已提交审核`)
    await row.getByRole('button', { name: '版本历史' }).click()
    const diff = cataloger.getByTestId('change-diff')
    await visible(diff)
    expect(await textOf(diff)).toMatch(/更新周期\s*每日\s*每周/)
    await screenshot(cataloger, '23-version-diff')

    const reviewer = await tab()
    await signIn(reviewer, t.baseUrl, account('reviewer'))
    await openMenu(reviewer, '目录审核')
    await reviewer
      .getByTestId('review-queue')
      .locator('tbody tr', { hasText: RESOURCE })
      .getByRole('button', { name: '审核' })
      .click()
    await visible(reviewer.getByTestId('change-diff').getByText('每周'))
    await screenshot(reviewer, '24-review-diff')
    await reviewer.getByTestId('review-approve').click()
    await expectMessage(reviewer, '已通过，资源已发布')
  })

  it('the auditor searches the log and verifies the chain', async () => {
    const auditor = await tab()
    await signIn(auditor, t.baseUrl, account('auditor'))
    await openMenu(auditor, '审计日志')
    await visible(auditor.getByTestId('audit-entries').locator('tbody tr'))
    await auditor.getByTestId('audit-verify').click()
    await visible(auditor.getByTestId('verify-result').getByText(/日志链完整/))
    await screenshot(auditor, '25-audit-verify')
  })

  it('shows no page errors or CSP violations on any page', () => {
    expect(browser.problems).toEqual([])
  })
})
