/** Issue 12: the auditor's search of the audit log over HTTP on every database: filters, names, labels, by key, export. */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditDirectory } from '../../src/container.js'
import { createAuditSearch } from '../../src/modules/audit/index.js'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { fieldKeys } from '../../src/shared/field-crypto.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  startTestPlatform,
  TEST_DATA_KEY,
  type TestPlatform,
} from '../support/platform.js'
import {
  type AuditItem,
  allAuditEntries,
  createDepartment,
  createUser,
  expectError,
  USER_PASSWORD,
  uniqueName,
} from '../support/scenario-kit.js'

const KEY_A = syntheticIdNumber('530102', '1986-02-03', 41)
const KEY_B = syntheticIdNumber('530102', '1990-05-06', 42)

interface Entry {
  seq: number
  actor: string
  actorName: string | null
  actorType: string
  departmentName: string | null
  action: string
  actionLabel: string
  category: string | null
  categoryLabel: string | null
  objectType: string | null
  objectId: string | null
  objectName: string | null
  details: Record<string, unknown>
}

/** Every page of a search (500 at a time), in the order served. */
async function searchAll(api: ApiClient, query: string): Promise<{ items: Entry[]; total: number }> {
  const items: Entry[] = []
  for (let page = 1; ; page++) {
    const reply = await api.get(`/api/v1/audit/search?${query}&page=${page}&pageSize=500`)
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    items.push(...reply.body.items)
    if (reply.body.items.length < 500) {
      return { items, total: reply.body.total }
    }
  }
}

/** The contract route's entry; it also carries these fields, which the kit's type leaves out. */
type LoggedItem = AuditItem & { actorId: string | null; actorType: string; objectType: string | null }

const seqs = (items: ReadonlyArray<{ seq: number }>) => items.map((i) => i.seq)
const newestFirst = (items: readonly LoggedItem[]) => seqs(items).reverse()

for (const dialect of DIALECTS) {
  describe(`${dialect}: the auditor's audit search`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let auditor: ApiClient
    let consumer: ApiClient
    let deptAdmin: ApiClient
    let resourceId: string
    let consumerUser: { id: string; username: string }
    let consumerDept: { id: string; name: string }
    let clientId: string
    /** The log as the contract route gives it, oldest first, read before any search is logged. */
    let log: LoggedItem[]
    const resourceName = uniqueName('审计检索户籍')
    const displayName = uniqueName('王审计测')

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      consumerDept = await createDepartment(admin, 'city')
      const login = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      const reviewer = await login(bureauId, ['bureau_reviewer'])
      auditor = await login(bureauId, ['auditor'])
      deptAdmin = await login(consumerDept.id, ['dept_admin'])
      const cataloger = await login(provider.id, ['cataloger'])
      const username = uniqueName('consumer')
      const created = await admin.post('/api/v1/users', {
        username,
        password: USER_PASSWORD,
        displayName,
        departmentId: consumerDept.id,
        roles: ['consumer'],
      })
      consumerUser = { id: created.body.id, username }
      consumer = await t.login(username, USER_PASSWORD)

      resourceId = (await cataloger.post('/api/v1/catalog/resources', resourceBody({ name: resourceName })))
        .body.id
      await cataloger.post(`/api/v1/catalog/resources/${resourceId}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${resourceId}/review`, { decision: 'approve' })
      const records = [KEY_A, KEY_B].map((id, i) => ({ 公民身份号码: id, 姓名: `检索${i}`, 住址: '昆明市' }))
      expect(
        (await cataloger.post(`/api/v1/exchange/resources/${resourceId}/records`, { records })).status,
      ).toBe(200)
      const request = await consumer.post('/api/v1/sharing/requests', {
        resourceId,
        items: ['公民身份号码', '姓名'],
        purpose: '低保资格核验',
      })
      expect(request.body.status).toBe('granted')
      const read = (api: ApiClient, key: string, caseRef: string) =>
        api.get(
          `/api/v1/exchange/resources/${resourceId}/records/${encodeURIComponent(key)}?caseRef=${caseRef}`,
        )
      expect((await read(consumer, KEY_A, 'CASE-1')).status).toBe(200)
      expect((await read(consumer, KEY_B, 'CASE-2')).status).toBe(200)
      const client = await admin.post('/api/v1/clients', {
        name: '民政接口',
        departmentId: consumerDept.id,
        roles: ['consumer'],
      })
      const token = await t.api.post('/api/v1/auth/token', {
        clientId: client.body.clientId,
        clientSecret: client.body.clientSecret,
      })
      clientId = client.body.clientId
      expect((await read(t.api.withToken(token.body.accessToken), KEY_A, 'CASE-3')).status).toBe(200)
      await t.api.post('/api/v1/auth/login', { username: 'nobody-such', password: 'wrong' })
      // The route serves these fields; the kit's AuditItem type names only the contract's.
      log = (await allAuditEntries(auditor)) as LoggedItem[]
    })
    afterAll(async () => {
      await t?.close()
    })

    it('refuses consumers and department admins', async () => {
      for (const api of [consumer, deptAdmin]) {
        expectError(await api.get('/api/v1/audit/search'), 403, 'FORBIDDEN')
        expectError(await api.get('/api/v1/audit/actions'), 403, 'FORBIDDEN')
        expectError(await api.post('/api/v1/audit/search/by-key', { key: KEY_A }), 403, 'FORBIDDEN')
        expectError(await api.get('/api/v1/audit/search/export?format=csv'), 403, 'FORBIDDEN')
      }
    })

    it('documents its routes in the OpenAPI document', async () => {
      const paths = (await t.api.get('/openapi.json')).body.paths
      for (const path of [
        '/audit/actions',
        '/audit/search',
        '/audit/search/by-key',
        '/audit/search/export',
        '/audit/resources',
      ]) {
        expect(paths[`/api/v1${path}`], path).toBeDefined()
      }
    })

    it('serves the action catalog with both labels', async () => {
      const reply = await auditor.get('/api/v1/audit/actions')
      expect(reply.status).toBe(200)
      expect(reply.body.actions).toContainEqual({
        code: 'exchange.read',
        category: 'exchange',
        zh: '查询数据',
        en: 'Data read',
      })
      expect(reply.body.categories).toContainEqual({
        code: 'account',
        zh: '登录与账号',
        en: 'Sign-in and accounts',
      })
    })

    it('lists the whole log newest first, by default', async () => {
      const all = await searchAll(auditor, 'to=2999-12-31')
      const upTo = log.at(-1)?.seq ?? 0
      expect(seqs(all.items).filter((s) => s <= upTo)).toEqual(newestFirst(log))
      const asc = await auditor.get('/api/v1/audit/search?order=asc&pageSize=5')
      expect(seqs(asc.body.items)).toEqual(seqs(log.slice(0, 5)))
    })

    it('filters by action, category, department, resource, person, actor type and case, exactly', async () => {
      const upTo = log.at(-1)?.seq ?? 0
      const check = async (query: string, expected: (e: LoggedItem) => boolean) => {
        const found = await searchAll(auditor, query)
        expect(
          seqs(found.items).filter((s) => s <= upTo),
          query,
        ).toEqual(newestFirst(log.filter(expected)))
        expect(found.items.length, query).toBeGreaterThan(0)
        return found.items
      }
      await check('action=exchange.read', (e) => e.action === 'exchange.read')
      await check('category=exchange', (e) => e.action.startsWith('exchange.'))
      await check(`departmentId=${consumerDept.id}`, (e) => e.departmentId === consumerDept.id)
      // A resource's filter also finds its grants and requests (their entries name the resource).
      const onResource = new Set(
        log
          .filter(
            (e) =>
              ['grant', 'sharing_request'].includes(e.objectType ?? '') &&
              e.details?.resourceId === resourceId,
          )
          .map((e) => e.object),
      )
      expect(onResource.size).toBe(2)
      const about = await check(
        `resourceId=${resourceId}`,
        (e) => (e.objectType === 'resource' && e.object === resourceId) || onResource.has(e.object),
      )
      expect(new Set(about.map((e) => e.objectName))).toEqual(new Set([resourceName]))
      await check(`actor=${encodeURIComponent(displayName)}`, (e) => e.actorId === consumerUser.id)
      await check(`actor=${consumerUser.username}`, (e) => e.actorId === consumerUser.id)
      await check('actor=nobody-such', (e) => e.actor === 'nobody-such')
      await check('actorType=client', (e) => e.actorType === 'client')
      const byCase = await check('caseRef=CASE-1', (e) => e.details?.caseRef === 'CASE-1')
      expect(byCase).toHaveLength(1)
      await check(
        `action=exchange.read&departmentId=${consumerDept.id}&actorType=user`,
        (e) => e.action === 'exchange.read' && e.departmentId === consumerDept.id && e.actorType === 'user',
      )
    })

    it('filters by Beijing-time dates, both included, and refuses a reversed range', async () => {
      const day = new Date(Date.parse(log[0]?.at ?? '') + 8 * 3_600_000).toISOString().slice(0, 10)
      const same = await auditor.get(`/api/v1/audit/search?from=${day}&to=${day}&pageSize=1`)
      expect(same.body.total).toBeGreaterThanOrEqual(log.length)
      const before = await auditor.get('/api/v1/audit/search?to=2020-01-01')
      expect(before.body).toMatchObject({ items: [], total: 0 })
      expectError(
        await auditor.get('/api/v1/audit/search?from=2026-02-02&to=2026-02-01'),
        400,
        'AUDIT_SEARCH_BAD_RANGE',
      )
      expectError(await auditor.get('/api/v1/audit/search?from=2026-2-1'), 400, 'VALIDATION_FAILED')
    })

    it('names who, for which department and on what, and labels the action in zh-CN or en', async () => {
      const reply = await auditor.get(`/api/v1/audit/search?caseRef=CASE-1`)
      expect(reply.body.items[0]).toMatchObject({
        actor: consumerUser.username,
        actorName: displayName,
        actorType: 'user',
        departmentName: consumerDept.name,
        action: 'exchange.read',
        actionLabel: '查询数据',
        category: 'exchange',
        categoryLabel: '数据交换',
        objectName: resourceName,
      })
      const en = await auditor.inLanguage('en').get('/api/v1/audit/search?caseRef=CASE-1')
      expect(en.body.items[0]).toMatchObject({ actionLabel: 'Data read', categoryLabel: 'Data exchange' })
      const grants = await auditor.get(
        `/api/v1/audit/search?action=grant.create&departmentId=${consumerDept.id}`,
      )
      expect(grants.body.items[0]).toMatchObject({ objectType: 'grant', objectName: resourceName })
      const viaClient = await auditor.get('/api/v1/audit/search?caseRef=CASE-3')
      expect(viaClient.body.items[0]).toMatchObject({
        actor: clientId,
        actorName: '民政接口',
        actorType: 'client',
      })
    })

    it('finds the reads of one record by its plain key, and logs that search masked', async () => {
      const reply = await auditor.post('/api/v1/audit/search/by-key', { key: KEY_A, resourceId })
      expect(reply.status).toBe(200)
      expect(reply.body.items.map((e: Entry) => e.details.caseRef)).toEqual(['CASE-3', 'CASE-1'])
      expect(reply.body.total).toBe(2)
      expect(reply.body.key).toBe(`${KEY_A.slice(0, 6)}********${KEY_A.slice(14)}`)
      const anyResource = await auditor.post('/api/v1/audit/search/by-key', { key: KEY_B, actorType: 'user' })
      expect(anyResource.body.items.map((e: Entry) => e.details.caseRef)).toEqual(['CASE-2'])
      const logged = await auditor.get(`/api/v1/audit/search?action=audit.search_by_key&pageSize=5`)
      expect(logged.body.items[1]).toMatchObject({ seq: reply.body.querySeq, objectId: resourceId })
      expect(JSON.stringify(logged.body)).not.toContain(KEY_A)
      expect(JSON.stringify(logged.body)).not.toContain(KEY_B)
    })

    it('exports the search as CSV and xlsx in the caller language, and logs the export', async () => {
      const query = `departmentId=${consumerDept.id}&action=exchange.read`
      const csv = await auditor.get(`/api/v1/audit/search/export?format=csv&${query}`)
      expect(csv.status).toBe(200)
      expect(csv.headers.get('content-type')).toContain('text/csv')
      const lines = String(csv.body)
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
      expect(lines[0]).toContain('时间（北京时间）')
      expect(lines).toHaveLength(1 + 3)
      expect(lines[1]).toContain('查询数据')
      expect(lines[1]).toContain(consumerDept.name)
      expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(
        newestFirst(log.filter((e) => e.action === 'exchange.read' && e.departmentId === consumerDept.id)),
      )
      const en = await auditor.inLanguage('en').get(`/api/v1/audit/search/export?format=csv&${query}`)
      expect(String(en.body)).toContain('Time (Beijing)')
      expect(String(en.body)).toContain('Data read')

      const response = await fetch(`${t.baseUrl}/api/v1/audit/search/export?format=xlsx&${query}`, {
        headers: { authorization: `Bearer ${auditor.token}` },
      })
      expect(response.status).toBe(200)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(await response.arrayBuffer())
      const sheet = workbook.getWorksheet('审计日志')
      expect(sheet?.rowCount).toBe(1 + 3)
      expect(sheet?.getRow(2).getCell(8).value).toBe('查询数据')
      const exports = await auditor.get('/api/v1/audit/search?action=audit.export&pageSize=5')
      expect(exports.body.total).toBe(3)
      expect(exports.body.items[0].details).toMatchObject({ format: 'xlsx', rows: 3 })
    })

    /** The search service over this platform's log with lowered caps, and a stand-in auditor. */
    const withCaps = (caps: { exportCap?: number; countCap?: number }) => {
      const { services } = t.platform
      const search = createAuditSearch({
        db: services.db,
        audit: services.audit,
        keys: fieldKeys([TEST_DATA_KEY]),
        directory: auditDirectory(),
        ...caps,
      })
      const actor = {
        kind: 'user' as const, // only its roles are checked
        id: null,
        name: 'cap-test',
        departmentId: null,
        departmentPath: null,
        departmentLevel: null,
        roles: ['auditor' as const],
      }
      return { search, actor }
    }

    it('refuses an export above its cap with a clear code', async () => {
      const { search: small, actor } = withCaps({ exportCap: 2 })
      await expect(
        small.exportSearch(actor, { format: 'csv', action: 'exchange.read' }, 'zh-CN'),
      ).rejects.toMatchObject({
        code: 'AUDIT_EXPORT_TOO_LARGE',
        details: { total: 3, cap: 2 },
      })
    })

    it('stops counting at its cap and says so, pages past it still served', async () => {
      const { actor } = withCaps({})
      const capped = (countCap: number) => withCaps({ countCap }).search
      const reads = { action: 'exchange.read', pageSize: 1 }
      const all = await capped(10).search(actor, reads, 'zh-CN')
      expect(all).toMatchObject({ total: 3, totalCapped: false })
      expect(await capped(3).search(actor, reads, 'zh-CN')).toMatchObject({ total: 3, totalCapped: false })
      const two = await capped(2).search(actor, reads, 'zh-CN')
      expect(two).toMatchObject({ total: 2, totalCapped: true })
      expect(two.items.map((e) => e.seq)).toEqual(all.items.map((e) => e.seq))
      // The count is a lower bound, not a wall: the third entry is still a page away.
      const third = await capped(2).search(actor, { ...reads, page: 3 }, 'zh-CN')
      expect(third.items).toHaveLength(1)
    })
  })
}
