/**
 * Issue 15 item 2 (Art. 16, one data, one source) in a real Chromium against the demo city, where
 * 公民身份号码 of 人口基础信息 (昆明市公安局) is authoritative: a cataloger of 民政局 types the item
 * by hand, the form finds the data element, a save without the reference is refused beside the
 * field naming the source, one click references the authoritative item and the draft saves. Then
 * another department's system adds 身份证号 as a new item through the API: refused, naming the source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createUser } from '../support/scenario-kit.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import {
  type Account,
  expectMessage,
  openMenu,
  readDemoAccounts,
  signIn,
  textOf,
  visible,
} from './support/portal.js'

const RESOURCE = '城乡低保对象核对信息'

describe('data elements in the resource form', () => {
  let t: TestPlatform
  let browser: Browser
  let accounts: Map<string, Account>

  beforeAll(async () => {
    t = await startTestPlatform('sqlite', { seed: 'demo' })
    accounts = readDemoAccounts(t.store.dataDir)
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('a cataloger references the authoritative 公民身份号码 in one click; 身份证号 elsewhere is refused', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD)
    const source = (await admin.get('/api/v1/catalog/authoritative-items')).body.items.find(
      (a: { standardName: string }) => a.standardName === '公民身份号码',
    )
    expect(source).toMatchObject({ elementCode: 'DE0001' })
    const sourceResource = (await admin.get(`/api/v1/catalog/resources/${source.resourceId}`)).body

    const account = accounts.get('civil_cataloger')
    if (!account) {
      throw new Error('no demo account civil_cataloger')
    }
    const page = await browser.newPage()
    await signIn(page, t.baseUrl, account)
    await openMenu(page, '本部门目录')
    await page.getByTestId('new-resource').click()
    await visible(page.getByTestId('resource-form'))
    await page.getByLabel('资源名称').fill(RESOURCE)
    await page.getByLabel('资源摘要').fill('城乡最低生活保障对象家庭经济状况核对信息（演示）')
    await page.getByLabel('法律依据').fill('《社会救助暂行办法》第十一条')

    // Typing part of the name offers the dictionary's element; picking it fills the standard name.
    const name = page.getByTestId('items-editor').getByPlaceholder('信息项名称').first()
    await name.click()
    await page.keyboard.type('公民身份')
    const option = page.getByTestId('element-option').filter({ hasText: '公民身份号码（DE0001）' })
    await visible(option)
    await screenshot(page, 'elements-01-suggestions')
    await option.click()
    expect(await name.inputValue()).toBe('公民身份号码')
    const hint = page.getByTestId('item-source')
    await visible(hint)
    expect(await textOf(hint)).toContain('昆明市公安局“人口基础信息”的信息项')

    // Saving without the reference: refused beside the item, with the field's Chinese label and the source.
    await page.getByTestId('save-draft').click()
    const refusal = page.getByText('请引用权威信息项（一数一源）')
    await visible(refusal)
    const refusalText = await textOf(refusal.first())
    expect(refusalText).toContain('（字段：名称）')
    expect(refusalText).toContain(`权威来源：昆明市公安局“人口基础信息”（${sourceResource.code}）`)
    await screenshot(page, 'elements-02-refused-names-source')

    await page.getByTestId('reference-source').click()
    await visible(page.getByTestId('item-reference').getByText(`已引用权威信息项 ${source.itemCode}`))
    await screenshot(page, 'elements-03-referenced')
    await page.getByTestId('save-draft').click()
    await expectMessage(page, `“${RESOURCE}”已保存为草稿`)

    // Reopened for editing, the item keeps its reference; saved and submitted, the bureau sees it.
    const row = page.getByTestId('my-catalog').locator('tbody tr', { hasText: RESOURCE })
    await row.getByRole('button', { name: '编辑' }).click()
    await visible(page.getByTestId('item-reference').getByText(`已引用权威信息项 ${source.itemCode}`))
    await page.getByTestId('save-submit').click()
    await expectMessage(page, `“${RESOURCE}”已提交审核`)
    const reviewerAccount = accounts.get('reviewer')
    if (!reviewerAccount) {
      throw new Error('no demo account reviewer')
    }
    const reviewer = await browser.newPage()
    await signIn(reviewer, t.baseUrl, reviewerAccount)
    await openMenu(reviewer, '目录审核')
    await reviewer
      .getByTestId('review-queue')
      .locator('tbody tr', { hasText: RESOURCE })
      .getByRole('button', { name: '审核' })
      .click()
    const item = reviewer.locator('tbody tr', { hasText: '公民身份号码' }).last()
    await visible(item.getByText(`引用权威项 ${source.itemCode}`))
    expect(await textOf(item)).toContain('DE0001')
    await screenshot(reviewer, 'elements-04-review-shows-reference')

    const cataloger = await t.login(account.username, account.password)
    const mine = (await cataloger.get('/api/v1/catalog/resources?pageSize=200')).body.items
    const created = mine.find((r: { name: string }) => r.name === RESOURCE)
    const view = (await cataloger.get(`/api/v1/catalog/resources/${created.id}`)).body
    expect(view.items[0]).toMatchObject({
      name: '公民身份号码',
      authoritativeItemCode: source.itemCode,
      elementCode: 'DE0001',
    })

    // Another department's system adds the same data under another name: refused, naming the source.
    const departments = (await admin.get('/api/v1/departments')).body.items
    const amr = departments.find((d: { name: string }) => d.name === '昆明市市场监督管理局')
    const amrUser = await createUser(admin, amr.id, ['cataloger'], 'amrcat')
    const amrCataloger = await t.login(amrUser.username, amrUser.password)
    const refused = await amrCataloger.post('/api/v1/catalog/resources', {
      name: '个体经营者身份核验信息',
      summary: '个体经营者身份核验（演示）',
      category: 'department',
      format: 'database',
      shareType: 'unconditional',
      shareMethod: 'api',
      updateCycle: 'daily',
      items: [{ name: '身份证号', dataType: 'string', key: true, sensitivity: 'id_number' }],
    })
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatchObject({
      code: 'CATALOG_AUTHORITATIVE_ITEM_EXISTS',
      details: {
        field: 'items.0.name',
        authoritativeItemCode: source.itemCode,
        resourceName: '人口基础信息',
        resourceCode: sourceResource.code,
        providerName: '昆明市公安局',
        elementCode: 'DE0001',
      },
    })
    expect(browser.problems).toEqual([])
  })
})
