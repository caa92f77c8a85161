/**
 * Issue 11 in the portal: a consumer applies with "核验" offered first and preselected, the
 * approver grants it (the mode choice, a daily budget and a row scope in the decision modal), the
 * consumer verifies values on the data page (✓ / ✗, the case reference required), the provider
 * narrows the grant to one read a day and the next verification is refused with its reset time;
 * a bulk request shows the approver all three modes and asks for the reason, and once granted the
 * consumer browses a page and exports CSV; the cataloger sees the resource's exchange settings. Set up over the API on a bare platform (no demo seed).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { resourceBody } from '../support/catalog-kit.js'
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser } from '../support/scenario-kit.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import { type Account, expectMessage, openMenu, pick, signIn, textOf, visible } from './support/portal.js'

const RESOURCE = '户籍核验测试资源'
const BULK_RESOURCE = '婚姻登记批量测试资源'
const KEY = syntheticIdNumber('530102', '1990-05-17', 21)

const items = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '住址', dataType: 'string', sensitivity: 'address' },
  { name: '户籍类别', dataType: 'string', sensitivity: 'none' },
]

describe('portal: access modes (verify first), budgets, row scopes, case references', () => {
  let t: TestPlatform
  let browser: Browser
  let consumer: Account
  let approver: Account
  let cataloger: Account

  beforeAll(async () => {
    t = await startTestPlatform('sqlite')
    const admin = await t.login('admin', ADMIN_PASSWORD)
    const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
    const provider = await createDepartment(admin, 'city')
    const reader = await createDepartment(admin, 'city')
    const account = async (departmentId: string, roles: string[]): Promise<Account> => {
      const user = await createUser(admin, departmentId, roles)
      return { username: user.username, password: user.password, roles, department: departmentId }
    }
    cataloger = await account(provider.id, ['cataloger'])
    approver = await account(provider.id, ['approver'])
    consumer = await account(reader.id, ['consumer'])
    const reviewerAccount = await account(bureauId, ['bureau_reviewer'])
    const catalogerApi = await t.login(cataloger.username, cataloger.password)
    const reviewer = await t.login(reviewerAccount.username, reviewerAccount.password)
    const publish = async (name: string) => {
      const body = resourceBody({
        name,
        shareType: 'conditional',
        legalBasis: '《中华人民共和国户口登记条例》',
        items,
      })
      const created = await catalogerApi.post('/api/v1/catalog/resources', body)
      expect(created.status).toBe(201)
      await catalogerApi.post(`/api/v1/catalog/resources/${created.body.id}/submit`)
      const reviewed = await reviewer.post(`/api/v1/catalog/resources/${created.body.id}/review`, {
        decision: 'approve',
      })
      expect(reviewed.status).toBe(200)
      return created.body.id as string
    }
    const id = await publish(RESOURCE)
    const bulkId = await publish(BULK_RESOURCE)
    for (const resource of [id, bulkId]) {
      const ingest = await catalogerApi.post(`/api/v1/exchange/resources/${resource}/records`, {
        records: [{ 公民身份号码: KEY, 姓名: '李四', 住址: '云南省昆明市五华区', 户籍类别: '城镇' }],
      })
      expect(ingest.status).toBe(200)
    }
    // A bulk request on the second resource, for the approver's full mode choice.
    const consumerApi = await t.login(consumer.username, consumer.password)
    const bulk = await consumerApi.post('/api/v1/sharing/requests', {
      resourceId: bulkId,
      items: ['公民身份号码', '姓名'],
      purpose: '婚姻登记数据统计分析',
      accessMode: 'bulk',
    })
    expect(bulk.status).toBe(201)
    expect(bulk.body.accessMode).toBe('bulk')
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('the request form offers verify first and preselected; bulk notes the approval it needs', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, consumer)
    await openMenu(page, '共享目录')
    const hit = page.getByTestId('catalog-results').locator('.ant-list-item', { hasText: RESOURCE })
    await visible(hit)
    await hit.getByRole('button', { name: '查看详情' }).click()
    await visible(page.getByTestId('resource-detail'))
    await page.getByTestId('apply-button').click()
    const modes = page.getByTestId('apply-mode')
    await visible(modes)
    const labels = await modes.locator('.ant-radio-wrapper').allTextContents()
    expect(labels.map((text) => text.slice(0, 2))).toEqual(['核验', '查询', '批量'])
    expect(await page.getByTestId('apply-mode-verify').isChecked()).toBe(true)
    await visible(page.getByText('身份核验只需核验'))
    await page.getByLabel('用途').fill('户籍身份核验（办理婚姻登记）')

    await page.getByTestId('apply-mode-bulk').check()
    await visible(page.getByTestId('apply-bulk-note'))
    await visible(page.getByTestId('apply-mode-suggest'))
    await screenshot(page, '50-apply-bulk-note')
    await page.getByTestId('apply-mode-verify').check()
    await expect.poll(() => page.getByTestId('apply-bulk-note').count()).toBe(0)
    await screenshot(page, '51-apply-verify')
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /申\s*请/ })
      .click()
    await expectMessage(page, /申请已提交/)
    await page.locator('.ant-drawer-close').click()
    await openMenu(page, '共享申请')
    const row = page.getByTestId('requests-outgoing').locator('tbody tr', { hasText: RESOURCE })
    await visible(row)
    expect(await textOf(row)).toContain('核验')
  })

  it('the approver chooses the mode (≤ requested), a daily budget and a row scope', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, approver)
    await openMenu(page, '共享申请')
    await page.getByRole('tab', { name: '待我审批' }).click()
    const incoming = page.getByTestId('requests-incoming')

    // The bulk request: all three modes, lookup preselected, bulk needs the approver's reason.
    await incoming.locator('tbody tr', { hasText: BULK_RESOURCE }).getByTestId('decide-button').click()
    let modal = page.locator('.ant-modal')
    await visible(modal.getByTestId('decide-mode'))
    expect(await modal.getByTestId('decide-mode').locator('.ant-radio-wrapper').count()).toBe(3)
    expect(await modal.getByTestId('decide-mode-lookup').isChecked()).toBe(true)
    await modal.getByTestId('decide-mode-bulk').check()
    await visible(modal.getByTestId('mode-reason'))
    await modal.getByRole('button', { name: '提交审批' }).click()
    await visible(modal.getByText('对含个人信息的资源批准批量使用，必须说明理由'))
    await screenshot(page, '52-decision-bulk-reason')
    await modal.getByTestId('mode-reason').fill('年度婚姻登记统计须全量数据，经分管领导批准')
    await modal.getByRole('button', { name: '提交审批' }).click()
    await expectMessage(page, '已同意，授权已生效')
    await expect.poll(() => page.locator('.ant-modal:visible').count()).toBe(0)

    // The verify request: only verify to grant; a budget and a row scope.
    await incoming.locator('tbody tr', { hasText: RESOURCE }).first().getByTestId('decide-button').click()
    modal = page.locator('.ant-modal', { hasText: RESOURCE })
    await visible(modal.getByTestId('decide-mode'))
    expect(await modal.getByTestId('decide-mode').locator('.ant-radio-wrapper').count()).toBe(1)
    expect(await modal.getByTestId('decide-mode-verify').isChecked()).toBe(true)
    await modal.getByTestId('daily-budget').fill('50')
    await pick(page, modal.getByTestId('scope-item'), '户籍类别')
    await modal.getByTestId('scope-values').locator('input').fill('城镇')
    await modal.getByTestId('scope-values').locator('input').press('Enter')
    await visible(modal.getByTestId('scope-values').getByText('城镇'))
    await screenshot(page, '53-decision-verify')
    await modal.getByRole('button', { name: '提交审批' }).click()
    await expectMessage(page, '已同意，授权已生效')

    await page.getByRole('tab', { name: '共享授权' }).click()
    const grant = page.getByTestId('grants').locator('tbody tr', { hasText: RESOURCE })
    await visible(grant)
    const shown = await textOf(grant)
    expect(shown).toContain('核验')
    expect(shown).toContain('每日额度 50 条')
    expect(shown).toContain('户籍类别 为 城镇')
    await screenshot(page, '54-grants')
  })

  it('the consumer verifies values: the case reference is required, then ✓ / ✗ per item', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, consumer)
    await openMenu(page, '数据查询')
    await pick(page, page.getByTestId('grant-select'), RESOURCE)
    await visible(page.getByTestId('verify-only'))
    // A verify grant offers no lookup.
    expect(await page.getByRole('tab', { name: '按主键查询' }).count()).toBe(0)
    // The key field is named by the resource's key item, not a generic word.
    await visible(page.locator('.ant-form-item-label').getByText('公民身份号码', { exact: true }))
    await page.getByTestId('verify-key').fill(KEY)
    await page.getByTestId('verify-value-姓名').fill('李四')
    await page.getByTestId('verify-value-住址').fill('云南省昆明市盘龙区')
    await page.getByTestId('run-verify').click()
    await visible(page.getByText('请填写办件编号'))
    await page.getByTestId('case-ref').fill('HY-2026-0007')
    await page.getByTestId('run-verify').click()
    const result = page.getByTestId('verify-result')
    await visible(result)
    const text = await textOf(result)
    expect(text).toMatch(/姓名\s*✓ 一致/)
    expect(text).toMatch(/住址\s*✗ 不一致/)
    expect(text).toContain('✓ 记录存在')
    expect(text).toContain(`${KEY.slice(0, 6)}********`)
    // No stored value comes back.
    expect(await textOf(page.locator('body'))).not.toContain('五华区')
    await screenshot(page, '55-data-verify')
  })

  it('the provider narrows the grant to one read a day; the next verification gets 429 with its reset time', async () => {
    const provider = await browser.newPage()
    await signIn(provider, t.baseUrl, approver)
    await openMenu(provider, '共享申请')
    await provider.getByRole('tab', { name: '共享授权' }).click()
    const grant = provider.getByTestId('grants').locator('tbody tr', { hasText: RESOURCE })
    await grant.getByTestId('limit-grant').click()
    const modal = provider.locator('.ant-modal', { hasText: '调整授权限制' })
    await visible(modal.getByTestId('limit-reason'))
    await modal.getByTestId('daily-budget').fill('1')
    await modal.getByTestId('limit-reason').fill('试运行期间每日限查 1 条')
    await screenshot(provider, '56-narrow-grant')
    await modal.getByRole('button', { name: '调整授权限制' }).click()
    await expectMessage(provider, '授权限制已调整')
    await visible(grant.getByText('每日额度 1 条'))

    const page = await browser.newPage()
    await signIn(page, t.baseUrl, consumer)
    await openMenu(page, '数据查询')
    await pick(page, page.getByTestId('grant-select'), RESOURCE)
    await page.getByTestId('case-ref').fill('HY-2026-0008')
    await page.getByTestId('verify-key').fill(KEY)
    await page.getByTestId('verify-value-姓名').fill('李四')
    await page.getByTestId('run-verify').click()
    const refusal = page.getByTestId('quota-error')
    await visible(refusal)
    const text = await textOf(refusal)
    expect(text).toContain('该授权今日的查询额度已用完')
    expect(text).toMatch(/将于 \d{4}-\d{2}-\d{2} 00:00 恢复查询/)
    await screenshot(page, '57-data-quota')
  })

  it('under the bulk grant the consumer browses a page and exports CSV, masked', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, consumer)
    await openMenu(page, '数据查询')
    await pick(page, page.getByTestId('grant-select'), BULK_RESOURCE)
    await page.getByTestId('case-ref').fill('TJ-2026-0001')
    await page.getByRole('tab', { name: '批量浏览' }).click()
    await page.getByTestId('browse-records').click()
    const row = page.getByTestId('record-page').locator('tbody tr.ant-table-row').first()
    await visible(row)
    expect(await textOf(row)).toContain('李*')
    expect(await textOf(page.locator('body'))).not.toContain('李四')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ])
    expect(download.suggestedFilename()).toBe(`${BULK_RESOURCE}.csv`)
    const file = path.join(os.tmpdir(), `govshare-e2e-modes-${process.pid}.csv`)
    await download.saveAs(file)
    const csv = fs.readFileSync(file, 'utf8')
    fs.rmSync(file, { force: true })
    expect(csv).toContain('李*')
    expect(csv).not.toContain('李四')
    await screenshot(page, '59-data-bulk')
  })

  it('the cataloger sees and saves the resource exchange settings', async () => {
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, cataloger)
    await openMenu(page, '数据提供')
    await pick(page, page.getByTestId('provider-resource'), RESOURCE)
    const card = page.getByTestId('exchange-settings')
    await visible(card.getByTestId('settings-budget'))
    expect(await card.getByTestId('settings-case-ref').getAttribute('aria-checked')).toBe('true')
    await card.getByTestId('settings-budget').fill('200')
    await card.getByTestId('save-settings').click()
    await expectMessage(page, '交换设置已保存')
    await visible(card.getByText(/最近修改/))
    await screenshot(page, '58-provider-settings')
    expect(browser.problems).toEqual([])
  })
})
