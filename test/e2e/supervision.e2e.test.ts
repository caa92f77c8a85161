/**
 * Supervision and the providers' side of the exchange, in a real Chromium against a demo-seeded
 * platform (records and a few grants included): statistics with charts and export, the ranked
 * evaluation, a cataloger loading a CSV and reading the access log, and an Art. 26 objection raised
 * by a consumer and answered by the provider. Screenshots go to test/e2e/screenshots/ (s-*.png).
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber, syntheticPhone } from '../../src/seed/identity.js'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import {
  type Account,
  expectMessage,
  openMenu,
  pick,
  readDemoAccounts,
  signIn,
  textOf,
  visible,
} from './support/portal.js'

/** The psb's population resource: keyed by 公民身份号码, granted to hrss in the demo seed. */
const RESOURCE = '人口基础信息'
const HEADER = ['公民身份号码', '姓名', '性别', '民族', '出生日期', '户籍地址', '联系电话']
/** A district code and sequence range the demo's 500 people do not use, so these rows are new. */
const PEOPLE = [0, 1, 2].map((i) => ({
  id: syntheticIdNumber('530112', `1990-0${i + 1}-15`, 900 + i),
  name: ['测甲', '测乙', '测丙'][i] ?? '测',
  male: i % 2 === 1,
  birth: `1990-0${i + 1}-15`,
  phone: syntheticPhone(9900 + i),
}))

function csvOf(rows: typeof PEOPLE): string {
  const lines = rows.map((p) =>
    [
      p.id,
      p.name,
      p.male ? '男' : '女',
      '汉族',
      p.birth,
      `云南省昆明市西山区滇池路${p.birth.slice(5, 7)}号`,
      p.phone,
    ].join(','),
  )
  return `${[HEADER.join(','), ...lines].join('\n')}\n`
}

describe('supervision pages', () => {
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

  beforeAll(async () => {
    t = await startTestPlatform('sqlite', { seed: 'demo' })
    accounts = readDemoAccounts(t.store.dataDir)
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('a cataloger uploads a CSV; a consumer reads a record and objects; the provider sees the read and answers', async () => {
    const cataloger = await browser.newPage()
    await signIn(cataloger, t.baseUrl, account('psb_cataloger'))
    await openMenu(cataloger, '数据提供')
    await pick(cataloger, cataloger.getByTestId('provider-resource'), RESOURCE, RESOURCE)
    await cataloger.locator('input[type=file]').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csvOf(PEOPLE), 'utf8'),
    })
    const summary = cataloger.getByTestId('upload-summary')
    await visible(summary)
    expect(await textOf(summary)).toContain('入库 3 条')
    await visible(cataloger.getByTestId('freshness').or(cataloger.getByText('数据时效统计暂未开通')))
    await screenshot(cataloger, 's-05-provider-upload')

    // A bad row is reported by row and item, not as JSON.
    const bad = `${HEADER.join(',')}\n${PEOPLE[0]?.id},测甲,女,汉族,不是日期,地址,${PEOPLE[0]?.phone}\n`
    await cataloger.locator('input[type=file]').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad, 'utf8'),
    })
    await visible(cataloger.getByTestId('upload-problems').locator('tbody tr'))
    expect(await textOf(summary)).not.toContain('{')
    await screenshot(cataloger, 's-06-provider-upload-problems')

    const consumer = await browser.newPage()
    await signIn(consumer, t.baseUrl, account('hrss_consumer'))
    await openMenu(consumer, '数据查询')
    await pick(consumer, consumer.getByTestId('grant-select'), RESOURCE)
    const key = PEOPLE[1]?.id ?? ''
    await consumer.getByTestId('case-ref').fill('RS-2026-0001')
    await consumer.getByTestId('record-key').fill(key)
    await consumer.getByTestId('query-record').click()
    await visible(consumer.getByTestId('record'))
    // The birth date is the part the ID number's mask hides: it is masked with it (docs/masking.md).
    const shown = await textOf(consumer.getByTestId('record'))
    expect(shown).not.toContain(PEOPLE[1]?.birth ?? '')
    expect(shown).toContain('**********')
    expect(await consumer.getByTestId('under-verification').count()).toBe(0)
    await consumer.getByTestId('raise-objection').click()
    // Let the modal finish opening: a click during its animation can be swallowed.
    await visible(consumer.getByTestId('objection-form'))
    await consumer.waitForTimeout(300)
    await pick(consumer, consumer.getByTestId('objection-item'), '户籍地址')
    await consumer.getByLabel('异议理由及依据').fill('户籍已于上月迁至五华区，见本局参保登记材料')
    await consumer.getByRole('button', { name: '提交异议' }).click()
    await expectMessage(consumer, /异议已提交/)
    // The page reads the record again: now flagged as under verification.
    await visible(consumer.getByTestId('under-verification'))
    await screenshot(consumer, 's-07-consumer-objection')

    await cataloger.getByTestId('reload-access-log').click()
    const reads = cataloger.getByTestId('access-log').locator('tbody tr.ant-table-row')
    await visible(reads.filter({ hasText: '社会保险参保登记身份核验' }))
    expect(await textOf(reads.first())).toContain('人力资源和社会保障局')
    await screenshot(cataloger, 's-08-provider-access-log')

    // Art. 26: the objection is on the provider's to-do list with its due date.
    await openMenu(cataloger, '工作台')
    const todo = cataloger.getByTestId('todo-list').locator('.ant-list-item', { hasText: '待核实数据异议' })
    await visible(todo.filter({ hasText: RESOURCE }))
    await screenshot(cataloger, 's-08b-provider-objection-todo')

    await openMenu(cataloger, '数据异议')
    const open = cataloger.getByTestId('objections').locator('tbody tr.ant-table-row', { hasText: RESOURCE })
    await visible(open)
    await screenshot(cataloger, 's-09-provider-objections')
    await open.first().getByTestId('answer-objection').click()
    await cataloger.getByLabel('答复说明').fill('经核对户籍系统，该记录户籍地址正确')
    await cataloger
      .locator('.ant-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click()
    await expectMessage(cataloger, '已答复')
    await cataloger.getByTestId('objection-status').getByText('已确认无误').click()
    await visible(cataloger.getByTestId('objections').getByText(RESOURCE))
    await screenshot(cataloger, 's-10-provider-objection-answered')

    // The old result stays on screen until the new read returns: wait for the flag to go, not for the record.
    await consumer.getByTestId('query-record').click()
    await consumer.getByTestId('under-verification').waitFor({ state: 'detached', timeout: 10_000 })
    await visible(consumer.getByTestId('record').getByText('**********'))
    await openMenu(consumer, '数据异议')
    await visible(consumer.getByTestId('objections').getByText('已确认无误'))
    await screenshot(consumer, 's-11-consumer-objections')
    await consumer.close()
    await cataloger.close()
  })

  it('statistics: summary, a bar and a line chart drawn, the table, CSV and Excel export', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, account('reviewer'))
    await openMenu(page, '统计分析')
    await visible(page.getByTestId('line-chart').locator('canvas'), 20_000)
    // The story above made reads, so the department chart has bars (not the "no queries" note).
    await visible(page.getByTestId('bar-chart').locator('canvas'), 20_000)
    await visible(page.getByTestId('stats-table').locator('tbody tr.ant-table-row'))
    const summary = await textOf(page.getByTestId('stats-summary'))
    expect(summary).toContain('已发布资源')
    expect(summary).not.toContain('—')
    await screenshot(page, 's-01-statistics')

    for (const [button, extension] of [
      ['export-csv', '.csv'],
      ['export-xlsx', '.xlsx'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()])
      expect(download.suggestedFilename()).toMatch(new RegExp(`${extension.replace('.', '\\.')}$`))
      const file = await download.path()
      expect(fs.statSync(file).size).toBeGreaterThan(50)
      if (extension === '.csv') {
        expect(fs.readFileSync(file, 'utf8')).toContain(',')
      }
    }

    await page.getByTestId('stats-group').getByText('按资源').click()
    await visible(page.getByTestId('stats-table').getByText(RESOURCE))
    await screenshot(page, 's-02-statistics-by-resource')
    await page.close()
  })

  it('evaluation: the bureau reviewer sees the ranked table and the weights; the auditor the table', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, account('reviewer'))
    await openMenu(page, '考核评估')
    const rows = page.getByTestId('evaluation-table').locator('tbody tr.ant-table-row')
    await visible(rows)
    expect(await rows.count()).toBeGreaterThan(3)
    // Ranked: the first row is rank 1.
    expect(await textOf(rows.first().locator('td').nth(1))).toBe('1')
    await visible(page.getByTestId('weights-editor'))
    // Issue 15: all fourteen columns fit at 1366×768, the last one in view without scrolling.
    const table = page.getByTestId('evaluation-table')
    const overflow = await table
      .locator('.ant-table-content, .ant-table-body')
      .first()
      .evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(overflow).toBeLessThanOrEqual(1)
    const lastHeader = await table.locator('thead th').last().boundingBox()
    const tableBox = await table.boundingBox()
    expect(lastHeader && tableBox && lastHeader.x + lastHeader.width <= tableBox.x + tableBox.width + 1).toBe(
      true,
    )
    await screenshot(page, 's-03-evaluation-reviewer')
    // The HTML report opens in a new tab to read and print; it is not saved as a file.
    const [reportTab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByTestId('report-html').click(),
    ])
    await reportTab.waitForURL(/^blob:/)
    await visible(reportTab.getByText('政务信息资源共享工作评估报告').first())
    await screenshot(reportTab, 's-03b-evaluation-report')
    await reportTab.close()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-xlsx').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    await page.close()

    const auditor = await browser.newPage()
    await signIn(auditor, t.baseUrl, account('auditor'))
    await openMenu(auditor, '考核评估')
    await visible(auditor.getByTestId('evaluation-table').locator('tbody tr.ant-table-row'))
    expect(await auditor.getByTestId('weights-editor').count()).toBe(0)
    await screenshot(auditor, 's-04-evaluation-auditor')
    await auditor.close()
  })

  it('left no page errors or CSP violations behind', () => {
    expect(browser.problems).toEqual([])
  })
})
