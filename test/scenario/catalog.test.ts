/** The Catalog section of the contract, driven over HTTP as departments' systems and staff would. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/shared/clock.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, expectError } from '../support/scenario-kit.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: catalog`, () => {
    const clock = fixedClock('2025-09-26T02:00:00Z')
    let t: TestPlatform
    let admin: ApiClient
    let reviewer: ApiClient
    let cataloger: ApiClient
    let otherConsumer: ApiClient
    let otherCataloger: ApiClient
    let provider: { id: string }

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock })
      admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      provider = await createDepartment(admin, 'city')
      const other = await createDepartment(admin, 'city')
      const login = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      reviewer = await login(bureauId, ['bureau_reviewer'])
      cataloger = await login(provider.id, ['cataloger'])
      otherCataloger = await login(other.id, ['cataloger'])
      otherConsumer = await login(other.id, ['consumer'])
    })
    afterAll(async () => {
      await t?.close()
    })

    async function publish(body: Record<string, unknown>, as = cataloger) {
      const created = await as.post('/api/v1/catalog/resources', body)
      expect(created.status).toBe(201)
      expect((await as.post(`/api/v1/catalog/resources/${created.body.id}/submit`)).status).toBe(200)
      const reviewed = await reviewer.post(`/api/v1/catalog/resources/${created.body.id}/review`, {
        decision: 'approve',
      })
      expect(reviewed.status).toBe(200)
      return reviewed.body
    }

    it('creates a draft with coded items, checks the body before the lead-department rule', async () => {
      const created = await cataloger.post('/api/v1/catalog/resources', resourceBody())
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({ status: 'draft', version: 1, providerId: provider.id })
      // A department resource sits in its department's 项 under 3 (issue 15 item 3), never bare `3/`.
      expect(created.body.code).toMatch(/^3\d{2}\/\d{6}$/)
      expect(created.body.items.map((i: { code: string }) => i.code)).toEqual([
        `${created.body.code}-001`,
        `${created.body.code}-002`,
        `${created.body.code}-003`,
      ])
      expectError(
        await cataloger.post('/api/v1/catalog/resources', resourceBody({ shareType: 'conditional' })),
        400,
        'CATALOG_LEGAL_BASIS_REQUIRED',
      )
      expectError(
        await cataloger.post(
          '/api/v1/catalog/resources',
          resourceBody({ category: 'base', shareType: 'conditional', legalBasis: '某法' }),
        ),
        400,
        'CATALOG_BASE_MUST_BE_UNCONDITIONAL',
      )
      expectError(
        await cataloger.post(
          '/api/v1/catalog/resources',
          resourceBody({ items: [{ name: '姓名', dataType: 'string' }] }),
        ),
        400,
        'CATALOG_KEY_REQUIRED',
      )
      expectError(
        await cataloger.post('/api/v1/catalog/resources', resourceBody({ category: 'base' })),
        403,
        'CATALOG_NOT_LEAD_DEPARTMENT',
      )
      expectError(await otherConsumer.post('/api/v1/catalog/resources', resourceBody()), 403, 'FORBIDDEN')
      expectError(
        await cataloger.post('/api/v1/catalog/resources', resourceBody({ format: 'papyrus' })),
        400,
        'VALIDATION_FAILED',
      )
    })

    it('lets the lead department the bureau assigned catalog a base resource', async () => {
      expectError(
        await cataloger.request('PUT', '/api/v1/catalog/leads', {
          category: 'base',
          theme: 'population',
          departmentId: provider.id,
        }),
        403,
        'FORBIDDEN',
      )
      const lead = await reviewer.request('PUT', '/api/v1/catalog/leads', {
        category: 'base',
        theme: 'population',
        departmentId: provider.id,
      })
      expect(lead.status).toBe(200)
      const created = await cataloger.post(
        '/api/v1/catalog/resources',
        resourceBody({ category: 'base', theme: 'population' }),
      )
      expect(created.status).toBe(201)
      expect(created.body.code).toMatch(/^101\/\d{6}$/)
      expectError(
        await otherCataloger.post(
          '/api/v1/catalog/resources',
          resourceBody({ category: 'base', theme: 'population' }),
        ),
        403,
        'CATALOG_NOT_LEAD_DEPARTMENT',
      )
    })

    it('shows drafts and none-type resources only to the provider and the bureau', async () => {
      const draft = (await cataloger.post('/api/v1/catalog/resources', resourceBody())).body
      expect((await cataloger.get(`/api/v1/catalog/resources/${draft.id}`)).status).toBe(200)
      expect((await reviewer.get(`/api/v1/catalog/resources/${draft.id}`)).status).toBe(200)
      expectError(
        await otherConsumer.get(`/api/v1/catalog/resources/${draft.id}`),
        404,
        'CATALOG_RESOURCE_NOT_FOUND',
      )

      const none = await publish(
        resourceBody({
          name: '涉密人口信息',
          shareType: 'none',
          legalBasis: '《中华人民共和国保守国家秘密法》',
        }),
      )
      expect(none.status).toBe('published')
      expectError(
        await otherConsumer.get(`/api/v1/catalog/resources/${none.id}`),
        404,
        'CATALOG_RESOURCE_NOT_FOUND',
      )
      expect((await cataloger.get(`/api/v1/catalog/resources/${none.id}`)).status).toBe(200)

      const shared = await publish(resourceBody({ name: '婚姻登记信息' }))
      expect((await otherConsumer.get(`/api/v1/catalog/resources/${shared.id}`)).body).toMatchObject({
        status: 'published',
        version: 1,
      })
    })

    it('reviews: return needs a comment, a returned draft is fixed and resubmitted, approval publishes', async () => {
      const draft = (
        await cataloger.post('/api/v1/catalog/resources', resourceBody({ name: '社会保险参保信息' }))
      ).body
      expectError(
        await reviewer.post(`/api/v1/catalog/resources/${draft.id}/review`, { decision: 'approve' }),
        409,
        'CATALOG_INVALID_STATE',
      )
      expect((await cataloger.post(`/api/v1/catalog/resources/${draft.id}/submit`)).body.status).toBe(
        'submitted',
      )
      expectError(
        await cataloger.post(`/api/v1/catalog/resources/${draft.id}/review`, { decision: 'approve' }),
        403,
        'FORBIDDEN',
      )
      expectError(
        await reviewer.post(`/api/v1/catalog/resources/${draft.id}/review`, { decision: 'return' }),
        400,
        'CATALOG_COMMENT_REQUIRED',
      )
      const returned = await reviewer.post(`/api/v1/catalog/resources/${draft.id}/review`, {
        decision: 'return',
        comment: '请补充共享条件',
      })
      expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '请补充共享条件' })
      const queue = await reviewer.get('/api/v1/catalog/review-queue')
      expect(queue.body.items.some((q: { id: string }) => q.id === draft.id)).toBe(false)
      expect(
        (
          await cataloger.request(
            'PUT',
            `/api/v1/catalog/resources/${draft.id}`,
            resourceBody({ name: '社会保险参保登记信息' }),
          )
        ).body,
      ).toMatchObject({ status: 'draft', version: 1 })
      await cataloger.post(`/api/v1/catalog/resources/${draft.id}/submit`)
      expect(
        (await reviewer.get('/api/v1/catalog/review-queue')).body.items.some(
          (q: { id: string }) => q.id === draft.id,
        ),
      ).toBe(true)
      const published = await reviewer.post(`/api/v1/catalog/resources/${draft.id}/review`, {
        decision: 'approve',
      })
      expect(published.body).toMatchObject({
        status: 'published',
        version: 1,
        publishedVersion: 1,
        name: '社会保险参保登记信息',
      })
    })

    it('changes a published resource as a new version, serving the old one meanwhile, with a diff', async () => {
      const v1 = await publish(resourceBody({ name: '养老保险待遇信息' }))
      const changed = resourceBody({
        name: '养老保险待遇发放信息',
        items: [
          { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
          { name: '姓名', dataType: 'string', sensitivity: 'name' },
          { name: '发放金额', dataType: 'decimal' },
        ],
      })
      const v2 = await cataloger.request('PUT', `/api/v1/catalog/resources/${v1.id}`, changed)
      expect(v2.body).toMatchObject({ status: 'draft', version: 2, publishedVersion: 1 })
      expect(v2.body.items.find((i: { name: string }) => i.name === '姓名').code).toBe(
        v1.items.find((i: { name: string }) => i.name === '姓名').code,
      )
      expect(v2.body.items.find((i: { name: string }) => i.name === '发放金额').code).toBe(`${v1.code}-004`)
      const seenByOthers = await otherConsumer.get(`/api/v1/catalog/resources/${v1.id}`)
      expect(seenByOthers.body).toMatchObject({ version: 1, name: '养老保险待遇信息', status: 'published' })
      const versions = await cataloger.get(`/api/v1/catalog/resources/${v1.id}/versions`)
      expect(
        versions.body.items.map((v: { version: number; status: string }) => [v.version, v.status]),
      ).toEqual([
        [1, 'published'],
        [2, 'draft'],
      ])
      const fields = versions.body.items[1].changes.map((c: { field: string }) => c.field)
      expect(fields).toEqual(expect.arrayContaining(['name', 'items.发放金额', 'items.住址']))
      const otherView = await otherConsumer.get(`/api/v1/catalog/resources/${v1.id}/versions`)
      expect(otherView.body.items.map((v: { version: number }) => v.version)).toEqual([1])
    })

    it('one data, one source: a repeated authoritative item must reference it (Art. 16)', async () => {
      const source = await publish(resourceBody({ name: '居民身份证信息' }))
      const idItem = source.items.find((i: { name: string }) => i.name === '公民身份号码')
      const marked = await reviewer.post('/api/v1/catalog/authoritative-items', {
        itemCode: idItem.code,
        standardName: '公民身份号码',
      })
      expect(marked.status).toBe(200)
      const refused = await otherCataloger.post(
        '/api/v1/catalog/resources',
        resourceBody({ name: '低保对象信息' }),
      )
      expectError(refused, 409, 'CATALOG_AUTHORITATIVE_ITEM_EXISTS')
      expect(refused.body.error.details).toMatchObject({
        resourceId: source.id,
        resourceCode: source.code,
        providerId: provider.id,
      })
      const referencing = resourceBody({
        name: '低保对象信息',
        items: [
          {
            name: '公民身份号码',
            dataType: 'string',
            key: true,
            sensitivity: 'id_number',
            authoritativeItemCode: idItem.code,
          },
          { name: '救助金额', dataType: 'decimal' },
        ],
      })
      expect((await otherCataloger.post('/api/v1/catalog/resources', referencing)).status).toBe(201)
      // The provider itself keeps using its own item name.
      expect(
        (await cataloger.post('/api/v1/catalog/resources', resourceBody({ name: '暂住人口信息' }))).status,
      ).toBe(201)
    })

    it('withdraws with a reason; a withdrawn resource leaves the catalog and cannot be edited', async () => {
      const published = await publish(resourceBody({ name: '流动人口信息' }))
      expectError(
        await cataloger.post(`/api/v1/catalog/resources/${published.id}/withdraw`, {}),
        400,
        'VALIDATION_FAILED',
      )
      const withdrawn = await cataloger.post(`/api/v1/catalog/resources/${published.id}/withdraw`, {
        reason: '职能调整',
      })
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnReason: '职能调整' })
      expectError(
        await otherConsumer.get(`/api/v1/catalog/resources/${published.id}`),
        404,
        'CATALOG_RESOURCE_NOT_FOUND',
      )
      expectError(
        await cataloger.request('PUT', `/api/v1/catalog/resources/${published.id}`, resourceBody()),
        409,
        'CATALOG_INVALID_STATE',
      )
    })
  })
}
