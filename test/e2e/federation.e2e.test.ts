/**
 * Art. 21 in the portal (§52, §58), a city and a province platform on 127.0.0.1, set up over the
 * API: the province first refuses the city (its peer disabled), so two catalog messages die. The
 * city's system administrator sees the peer and the dead messages on 平台互联, requeues one and
 * discards the other, and syncs; a city consumer finds the province's resources, applies for one,
 * and once the province's approver grants it reads a record by key through the city, masked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUDIT_DEFAULTS } from '../../src/config.js'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { publishResource } from '../support/catalog-kit.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser } from '../support/scenario-kit.js'
import { type Browser, launchBrowser, screenshot } from './support/browser.js'
import { type Account, expectMessage, openMenu, signIn, textOf, visible } from './support/portal.js'

const PROVINCE_KEY = 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210'
const PEOPLE = '省级人口基础信息'
const FIRMS = '省级法人基础信息'
const KEY = syntheticIdNumber('530102', '1990-01-01', 1)
const ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '性别', dataType: 'string' },
]

async function userOf(t: TestPlatform, roles: string[], departmentId: string): Promise<ApiClient> {
  const admin = await t.login('admin', ADMIN_PASSWORD)
  const user = await createUser(admin, departmentId, roles, roles[0])
  return t.login(user.username, user.password)
}

describe('portal: the link to the provincial platform', () => {
  let city: TestPlatform
  let province: TestPlatform
  let cityAdmin: ApiClient
  let provinceAdmin: ApiClient
  let provinceApprover: ApiClient
  let consumer: Account
  let browser: Browser

  beforeAll(async () => {
    province = await startTestPlatform('sqlite', {
      config: { audit: { ...AUDIT_DEFAULTS, signingKey: PROVINCE_KEY } },
    })
    city = await startTestPlatform('sqlite')
    cityAdmin = await city.login('admin', ADMIN_PASSWORD)
    provinceAdmin = await province.login('admin', ADMIN_PASSWORD)

    const cityDept = await createDepartment(cityAdmin, 'city')
    const registered = await provinceAdmin.post('/api/v1/departments', {
      code: cityDept.code,
      name: cityDept.name,
      level: 'city',
    })
    expect(registered.status).toBe(201)
    const user = await createUser(cityAdmin, cityDept.id, ['consumer'], 'consumer')
    consumer = {
      username: user.username,
      password: user.password,
      roles: ['consumer'],
      department: cityDept.id,
    }

    const provinceBureau = (await (await province.login('admin', ADMIN_PASSWORD)).get('/api/v1/auth/me')).body
      .departmentId
    const provider = await createDepartment(provinceAdmin, 'city')
    const provinceReviewer = await userOf(province, ['bureau_reviewer'], provinceBureau)
    const provinceCataloger = await userOf(province, ['cataloger'], provider.id)
    provinceApprover = await userOf(province, ['approver'], provider.id)
    const people = await publishResource(provinceCataloger, provinceReviewer, {
      name: PEOPLE,
      shareType: 'conditional',
      legalBasis: '《政务信息资源共享管理暂行办法》',
      shareCondition: '仅用于政务服务办理',
      items: ITEMS,
    })
    await publishResource(provinceCataloger, provinceReviewer, {
      name: FIRMS,
      summary: '全省企业法人的统一社会信用代码、名称、法定代表人等登记信息',
      shareType: 'conditional',
      legalBasis: '《政务信息资源共享管理暂行办法》',
      shareCondition: '仅用于政务服务办理',
    })
    const loaded = await provinceCataloger.post(`/api/v1/exchange/resources/${people}/records`, {
      records: [{ 公民身份号码: KEY, 姓名: '测试1号', 性别: '男' }],
    })
    expect(loaded.status).toBe(200)

    const cityKey = (await cityAdmin.get('/api/v1/federation/identity')).body
    const provinceKey = (await provinceAdmin.get('/api/v1/federation/identity')).body
    const provincePeer = await cityAdmin.post('/api/v1/federation/peers', {
      name: '云南省政务数据共享平台',
      baseUrl: province.baseUrl,
      publicKey: provinceKey.publicKey,
      role: 'province',
    })
    expect(provincePeer.status).toBe(201)
    // The province has not switched the city on yet: what the city sends now is refused, for good.
    const cityPeer = await provinceAdmin.post('/api/v1/federation/peers', {
      name: '昆明市平台',
      baseUrl: city.baseUrl,
      publicKey: cityKey.publicKey,
      role: 'city',
      departmentCodes: [cityDept.code],
      enabled: false,
    })
    expect(cityPeer.status).toBe(201)
    const cityBureau = (await cityAdmin.get('/api/v1/auth/me')).body.departmentId
    const cityReviewer = await userOf(city, ['bureau_reviewer'], cityBureau)
    const cityCataloger = await userOf(city, ['cataloger'], cityDept.id)
    for (const name of ['市级企业登记信息', '市级社保参保信息']) {
      await publishResource(cityCataloger, cityReviewer, { name, shareType: 'unconditional' })
      await cityAdmin.post('/api/v1/federation/sync')
    }
    await provinceAdmin.request('PATCH', `/api/v1/federation/peers/${cityPeer.body.id}`, { enabled: true })
    // The province's catalog comes into the city's mirror; the two dead messages stay dead.
    const synced = await cityAdmin.post('/api/v1/federation/sync')
    expect(synced.body.peers[0].error).toBeNull()
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await city?.close()
    await province?.close()
  })

  it('the system administrator sees the peer and its dead messages, requeues one, discards the other', async () => {
    const page = await browser.newPage()
    await signIn(page, city.baseUrl, {
      username: 'admin',
      password: ADMIN_PASSWORD,
      roles: [],
      department: '',
    })
    await openMenu(page, '平台互联')
    const peers = page.getByTestId('peers')
    const peerRow = peers.locator('tbody tr', { hasText: '云南省政务数据共享平台' })
    await visible(peerRow)
    const cells = await peerRow.locator('td').allTextContents()
    // name + URL, level, state, queued, failing, dead, last success, next try, last error
    expect(cells[0]).toContain(province.baseUrl)
    expect(cells.slice(1, 6)).toEqual(['上级平台', '正常', '0', '0', '2'])
    expect(cells[6]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)

    const outbox = page.getByTestId('outbox')
    await visible(page.getByText('已停止重试的消息：对方平台拒收'))
    const dead = outbox.locator('tbody tr', { hasText: '已停止重试' })
    await visible(dead)
    expect(await dead.count()).toBe(2)
    expect(await textOf(dead.first())).toContain('云南省政务数据共享平台')
    expect(await textOf(dead.first())).toContain('目录变更')
    expect(await textOf(dead.first())).toContain('FEDERATION_PEER_UNKNOWN')
    await screenshot(page, '70-federation-dead')

    await dead.first().getByRole('button', { name: '重新投递' }).click()
    await expectMessage(page, '已重新排队，下次同步时投递')
    await visible(outbox.locator('tbody tr', { hasText: '已停止重试' }))
    expect(await outbox.locator('tbody tr', { hasText: '已停止重试' }).count()).toBe(1)
    await outbox.getByRole('button', { name: /丢\s*弃/ }).click()
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click()
    await expectMessage(page, '已丢弃')
    await visible(outbox.getByText('没有消息'))
    expect((await peerRow.locator('td').allTextContents()).slice(3, 6)).toEqual(['1', '0', '0'])

    await page.getByTestId('sync-now').click()
    await expectMessage(page, '同步完成：送达 1 条，新排队 0 条')
    await page.locator('.ant-segmented-item', { hasText: '已送达' }).click()
    await visible(outbox.locator('tbody tr', { hasText: '已送达' }))
    // Requeue and discard leave no button behind: nothing else can be done with a delivered message.
    expect(await outbox.getByRole('button').count()).toBe(0)
    expect((await peerRow.locator('td').allTextContents()).slice(3, 6)).toEqual(['0', '0', '0'])
    await screenshot(page, '71-federation-delivered')

    await page.getByTestId('lang-switch').getByText('English').click()
    await visible(page.locator('.ant-layout-content h4', { hasText: 'Platform link' }))
    await visible(peers.getByText('Provincial platform'))
    await page.locator('.ant-segmented-item', { hasText: 'Dead' }).click()
    await visible(page.getByText('Dead messages are no longer retried'))
    await page.getByTestId('lang-switch').getByText('中文').click()
    await page.close()
  })

  it('a city consumer finds the provincial resources, applies, and reads a granted one by key', async () => {
    const page = await browser.newPage()
    await signIn(page, city.baseUrl, consumer)
    await openMenu(page, '上级平台资源')
    const resources = page.getByTestId('remote-resources')
    await visible(resources.locator('tbody tr', { hasText: PEOPLE }))
    await visible(resources.locator('tbody tr', { hasText: FIRMS }))
    await page.getByTestId('remote-search').locator('input').fill('人口')
    await page
      .getByTestId('remote-search')
      .getByRole('button', { name: /检\s*索/ })
      .click()
    await visible(resources.locator('tbody tr', { hasText: PEOPLE }))
    await expect.poll(() => resources.locator('tbody tr', { hasText: FIRMS }).count()).toBe(0)
    const row = resources.locator('tbody tr', { hasText: PEOPLE })
    expect(await textOf(row)).toContain('云南省政务数据共享平台')
    await screenshot(page, '72-province-catalog')

    await row.getByTestId('remote-apply').click()
    const modal = page.locator('.ant-modal', { hasText: `申请上级平台资源：${PEOPLE}` })
    await visible(modal)
    await modal.getByLabel('公民身份号码').check()
    await modal.getByLabel('姓名').check()
    await modal.getByTestId('remote-apply-purpose').fill('核验户籍信息办理业务')
    await screenshot(page, '73-province-apply')
    await modal.getByRole('button', { name: '申请使用' }).click()
    await expectMessage(page, '申请已提交，由上级平台审批')

    await page.locator('.ant-tabs-tab', { hasText: '我的跨级申请' }).click()
    const requests = page.getByTestId('remote-requests')
    const mine = requests.locator('tbody tr', { hasText: PEOPLE })
    await visible(mine)
    expect(await textOf(mine)).toContain('上级平台审批中')
    expect(await textOf(mine)).toContain('公民身份号码、姓名')
    expect(await mine.getByTestId('remote-read').count()).toBe(0)

    // The province's approver decides on the province; the city hears it at its next sync.
    const pending = await provinceApprover.get('/api/v1/sharing/requests?status=pending')
    const request = pending.body.items.find((r: { resourceName?: string }) => r.resourceName === PEOPLE)
    const decided = await provinceApprover.post(
      `/api/v1/sharing/requests/${request?.id ?? pending.body.items[0]?.id}/decision`,
      { decision: 'approve' },
    )
    expect(decided.status).toBe(200)
    await cityAdmin.post('/api/v1/federation/sync')

    await page.locator('.ant-tabs-tab', { hasText: '上级平台目录' }).click()
    await page.locator('.ant-tabs-tab', { hasText: '我的跨级申请' }).click()
    await visible(requests.locator('tbody tr', { hasText: '已授权' }))
    await screenshot(page, '74-province-requests')
    await requests.getByTestId('remote-read').click()
    const read = page.locator('.ant-modal', { hasText: `按主键查询：${PEOPLE}` })
    await visible(read)
    await read.getByTestId('remote-read-key').fill(KEY)
    await read.getByPlaceholder('办件编号').fill('SX-2026-01')
    await read.getByTestId('remote-read-submit').click()
    const record = read.getByTestId('remote-read-record')
    await visible(record)
    const text = await textOf(record)
    expect(text).toContain('公民身份号码')
    expect(text).not.toContain(KEY)
    expect(text).toMatch(/\*/)
    expect(text).toContain('查询流水号')
    await screenshot(page, '75-province-read')
    await page.close()
  })
})
