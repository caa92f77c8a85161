/**
 * Issue 16 item 4 (Art. 23) over HTTP, every dialect, without a token: the four CKAN actions
 * answer in CKAN's documented shapes and list only the open part, and the DCAT-AP export expands
 * as JSON-LD with no undefined term. A draft, a not_open, an internal-zone, a withdrawn and a
 * conditional-but-not-shared resource appear nowhere.
 */
import jsonld from 'jsonld'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishResource, resourceBody } from '../../../../test/support/catalog-kit.js'
import { DIALECTS } from '../../../../test/support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  startTestPlatform,
  type TestPlatform,
} from '../../../../test/support/platform.js'
import { createDepartment, createUser } from '../../../../test/support/scenario-kit.js'

// The keys CKAN 2.10's API documentation shows for each dictionary (ckan.logic.action.get).
const PACKAGE_KEYS = [
  'author',
  'author_email',
  'creator_user_id',
  'extras',
  'groups',
  'id',
  'isopen',
  'license_id',
  'license_title',
  'maintainer',
  'maintainer_email',
  'metadata_created',
  'metadata_modified',
  'name',
  'notes',
  'num_resources',
  'num_tags',
  'organization',
  'owner_org',
  'private',
  'relationships_as_object',
  'relationships_as_subject',
  'resources',
  'state',
  'tags',
  'title',
  'type',
  'url',
  'version',
]
const RESOURCE_KEYS = [
  'cache_last_updated',
  'cache_url',
  'created',
  'datastore_active',
  'description',
  'format',
  'hash',
  'id',
  'last_modified',
  'metadata_modified',
  'mimetype',
  'mimetype_inner',
  'name',
  'package_id',
  'position',
  'resource_type',
  'size',
  'state',
  'url',
  'url_type',
]
const ORGANIZATION_KEYS = [
  'approval_status',
  'created',
  'description',
  'id',
  'image_url',
  'is_organization',
  'name',
  'state',
  'title',
  'type',
]
const ORGANIZATION_LIST_KEYS = [
  ...ORGANIZATION_KEYS,
  'display_name',
  'image_display_url',
  'num_followers',
  'package_count',
]
const TAG_KEYS = ['display_name', 'id', 'name', 'state', 'vocabulary_id']
const SEARCH_KEYS = ['count', 'facets', 'results', 'search_facets', 'sort']

const NAMESPACES = [
  'http://www.w3.org/ns/dcat#',
  'http://purl.org/dc/terms/',
  'http://xmlns.com/foaf/0.1/',
  'http://www.w3.org/2006/vcard/ns#',
  'http://www.w3.org/ns/adms#',
]
const DCAT = 'http://www.w3.org/ns/dcat#'
const DCT = 'http://purl.org/dc/terms/'

const sorted = (o: object) => Object.keys(o).sort()
const slug = (code: string) => code.replace('/', '-')

/** No network: any remote context is refused, so only the inline one can define terms. */
const documentLoader = async (url: string): Promise<never> => {
  throw new Error(`no remote documents: ${url}`)
}

/** `safe`: a term that maps to no IRI throws instead of being dropped (jsonld 9; not in @types/jsonld 1.5). */
const EXPAND = { safe: true, documentLoader }

type Expanded = Record<string, unknown> & { '@id'?: string; '@type'?: string[] }

for (const dialect of DIALECTS) {
  describe(`${dialect}: the open catalog (CKAN action API, DCAT-AP 3)`, () => {
    let t: TestPlatform
    let anyone: ApiClient
    let department: { id: string; code: string; name: string }
    const visible: Record<string, { id: string; code: string; name: string }> = {}
    const hidden: Record<string, { id: string; code: string; name: string }> = {}

    beforeAll(async () => {
      // An internal-network instance (Art. 20): the one place internal-zone resources exist, which
      // the open formats must still leave out; an external instance refuses them outright (§51).
      t = await startTestPlatform(dialect, { config: { zone: 'internal' } })
      anyone = t.api
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/auth/me')).body.departmentId
      const rev = await createUser(admin, bureauId, ['bureau_reviewer'], 'reviewer')
      const reviewer = await t.login(rev.username, rev.password)
      department = await createDepartment(admin, 'city')
      const cat = await createUser(admin, department.id, ['cataloger'], 'cat')
      const cataloger = await t.login(cat.username, cat.password)
      const codeOf = async (id: string) => (await cataloger.get(`/api/v1/catalog/resources/${id}`)).body.code
      const publish = async (name: string, overrides: Record<string, unknown>) => {
        const id = await publishResource(cataloger, reviewer, { name, ...overrides })
        return { id, code: await codeOf(id), name }
      }
      const none = { shareType: 'none', legalBasis: '《测试条例》第三条' }
      visible.open = await publish('园林开放绿地名录', {
        openType: 'open',
        theme: undefined,
        contact: { name: '张三', email: 'open@example.org', phone: '0871-1234567' },
      })
      visible.conditional = await publish('园林有条件古树名录', {
        openType: 'conditional',
        openCondition: '仅限科研用途',
      })
      visible.noneOpen = await publish('园林不共享但开放名录', { openType: 'open', ...none })
      hidden.notOpen = await publish('园林不开放苗圃名录', { openType: 'not_open' })
      hidden.internal = await publish('园林内网养护名录', { openType: 'open', zone: 'internal' })
      hidden.noneConditional = await publish('园林不共享有条件名录', {
        openType: 'conditional',
        openCondition: '无',
        ...none,
      })
      hidden.withdrawn = await publish('园林已撤销名录', { openType: 'open' })
      await cataloger.post(`/api/v1/catalog/resources/${hidden.withdrawn.id}/withdraw`, {
        reason: '停止维护',
      })
      const draft = await cataloger.post(
        '/api/v1/catalog/resources',
        resourceBody({ name: '园林草稿名录', openType: 'open' }),
      )
      hidden.draft = { id: draft.body.id, code: draft.body.code, name: '园林草稿名录' }
      // Published closed, then republished open: the row follows publication.
      visible.reopened = await publish('园林后开放花卉名录', { openType: 'not_open' })
      const edit = resourceBody({ name: '园林后开放花卉名录', openType: 'open' })
      expect(
        (await cataloger.request('PUT', `/api/v1/catalog/resources/${visible.reopened.id}`, edit)).status,
      ).toBe(200)
      await cataloger.post(`/api/v1/catalog/resources/${visible.reopened.id}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${visible.reopened.id}/review`, { decision: 'approve' })
      // Published open, then a draft closing it: the published version still serves.
      visible.closing = await publish('园林待关闭湿地名录', { openType: 'open' })
      const closing = resourceBody({ name: '园林待关闭湿地名录', openType: 'not_open' })
      expect(
        (await cataloger.request('PUT', `/api/v1/catalog/resources/${visible.closing.id}`, closing)).status,
      ).toBe(200)
    }, 180_000)
    afterAll(async () => {
      await t?.close()
    })

    const visibleNames = () =>
      Object.values(visible)
        .map((r) => slug(r.code))
        .sort()

    it('package_list: the names of the open part only, GET and POST alike', async () => {
      const got = await anyone.get('/api/3/action/package_list')
      expect(got.status).toBe(200)
      expect(got.body).toEqual({
        help: expect.stringContaining('package_list'),
        success: true,
        result: visibleNames(),
      })
      const bodiless = await anyone.request('POST', '/api/3/action/package_list')
      expect(bodiless.body.result).toEqual(visibleNames())
      const posted = await anyone.post('/api/3/action/package_list', { limit: 2, offset: 1 })
      expect(posted.body.result).toEqual(visibleNames().slice(1, 3))
    })

    it('package_search: counts and finds only the open part, in CKAN shape', async () => {
      const reply = await anyone.get(`/api/3/action/package_search?q=${encodeURIComponent('园林')}&rows=100`)
      expect(reply.status).toBe(200)
      expect(sorted(reply.body)).toEqual(['help', 'result', 'success'])
      const result = reply.body.result
      expect(sorted(result)).toEqual(SEARCH_KEYS)
      expect(result.count).toBe(Object.keys(visible).length)
      expect(result.sort).toBe('metadata_modified desc')
      expect(result.results.map((p: { name: string }) => p.name).sort()).toEqual(visibleNames())
      const modified = result.results.map((p: { metadata_modified: string }) => p.metadata_modified)
      expect(modified).toEqual([...modified].sort().reverse())
      for (const pkg of result.results) {
        expect(sorted(pkg)).toEqual(PACKAGE_KEYS)
        expect(sorted(pkg.organization)).toEqual(ORGANIZATION_KEYS)
        for (const resource of pkg.resources) {
          expect(sorted(resource)).toEqual(RESOURCE_KEYS)
        }
        for (const tag of pkg.tags) {
          expect(sorted(tag)).toEqual(TAG_KEYS)
        }
        expect(pkg).toMatchObject({ type: 'dataset', state: 'active', private: false, num_resources: 1 })
      }
      for (const resource of Object.values(hidden)) {
        const byName = await anyone.get(`/api/3/action/package_search?q=${encodeURIComponent(resource.name)}`)
        expect(byName.body.result, resource.name).toMatchObject({ count: 0, results: [] })
      }
      const all = await anyone.post('/api/3/action/package_search', { rows: 1000 })
      expect(all.body.result.count).toBe(Object.keys(visible).length)
    })

    it('package_search: pages, filters by organization and modification time, refuses bad input', async () => {
      const page = await anyone.get('/api/3/action/package_search?rows=2&start=1&sort=name%20asc')
      expect(page.body.result.results.map((p: { name: string }) => p.name)).toEqual(
        visibleNames().slice(1, 3),
      )
      const org = department.code.toLowerCase()
      const byOrg = await anyone.post('/api/3/action/package_search', { fq: `organization:${org}`, rows: 0 })
      expect(byOrg.body.result).toMatchObject({ count: Object.keys(visible).length, results: [] })
      const other = await anyone.get('/api/3/action/package_search?fq=organization:nobody')
      expect(other.body.result.count).toBe(0)
      const later = await anyone.get(
        `/api/3/action/package_search?fq=${encodeURIComponent('metadata_modified:[2999-01-01T00:00:00Z TO *]')}`,
      )
      expect(later.body.result.count).toBe(0)
      const tooMany = await anyone.get('/api/3/action/package_search?rows=1001')
      expect(tooMany.status).toBe(409)
      expect(tooMany.body).toEqual({
        help: expect.stringContaining('package_search'),
        success: false,
        error: {
          __type: 'Validation Error',
          message: expect.stringContaining('rows'),
          rows: [expect.any(String)],
        },
      })
      expect((await anyone.get('/api/3/action/package_search?fq=res_format:CSV')).status).toBe(409)
    })

    it('package_show: by id and by name; anything outside the open part is Not Found', async () => {
      for (const resource of Object.values(visible)) {
        for (const id of [resource.id, slug(resource.code)]) {
          const reply = await anyone.get(`/api/3/action/package_show?id=${encodeURIComponent(id)}`)
          expect(reply.status, id).toBe(200)
          expect(reply.body.result).toMatchObject({
            id: resource.id,
            name: slug(resource.code),
            title: resource.name,
          })
        }
      }
      const conditional = (await anyone.post('/api/3/action/package_show', { id: visible.conditional?.id }))
        .body.result
      expect(conditional.isopen).toBe(false)
      expect(conditional.extras).toContainEqual({ key: 'open_condition', value: '仅限科研用途' })
      expect(conditional.extras).toContainEqual({ key: 'provider_uscc', value: department.code })
      const open = (await anyone.get(`/api/3/action/package_show?id=${visible.open?.id}`)).body.result
      expect(open).toMatchObject({ isopen: true, maintainer: '张三', maintainer_email: 'open@example.org' })
      expect(open.tags.map((tag: { name: string }) => tag.name)).toEqual([
        '部门信息资源',
        '公民身份号码',
        '姓名',
        '住址',
      ])
      expect(open.organization).toMatchObject({
        id: department.id,
        name: department.code.toLowerCase(),
        title: department.name,
      })
      for (const resource of Object.values(hidden)) {
        for (const id of [resource.id, slug(resource.code)]) {
          const reply = await anyone.get(`/api/3/action/package_show?id=${encodeURIComponent(id)}`)
          expect({ status: reply.status, body: reply.body }, `${resource.name} ${id}`).toEqual({
            status: 404,
            body: {
              help: expect.stringContaining('package_show'),
              success: false,
              error: { __type: 'Not Found Error', message: 'Not found' },
            },
          })
        }
      }
      const missing = await anyone.get('/api/3/action/package_show')
      expect(missing.status).toBe(409)
      expect(missing.body.error).toMatchObject({ __type: 'Validation Error', id: ['Missing value'] })
    })

    it('organization_list: names, or dicts with the open package count', async () => {
      const names = await anyone.get('/api/3/action/organization_list')
      expect(names.body.result).toEqual([department.code.toLowerCase()])
      const all = await anyone.post('/api/3/action/organization_list', { all_fields: true })
      expect(all.body.result).toHaveLength(1)
      expect(sorted(all.body.result[0])).toEqual(ORGANIZATION_LIST_KEYS.sort())
      expect(all.body.result[0]).toMatchObject({
        id: department.id,
        title: department.name,
        package_count: Object.keys(visible).length,
        is_organization: true,
      })
    })

    it('DCAT-AP 3: expands with no undefined term, mandatory properties present, only the open part', async () => {
      const reply = await anyone.get('/api/v1/catalog/open/dcat')
      expect(reply.status).toBe(200)
      expect(reply.headers.get('content-type')).toMatch(/^application\/ld\+json/)
      // Expanded JSON-LD is an array of node objects keyed by IRIs.
      const expanded = (await jsonld.expand(reply.body, EXPAND)) as Expanded[]
      const nodes: Expanded[] = []
      const walk = (value: unknown) => {
        if (Array.isArray(value)) {
          value.forEach(walk)
        } else if (value && typeof value === 'object' && !('@value' in value)) {
          nodes.push(value as Expanded)
          Object.values(value).forEach(walk)
        }
      }
      walk(expanded)
      for (const node of nodes) {
        for (const key of Object.keys(node).filter((k) => !k.startsWith('@'))) {
          expect(
            NAMESPACES.some((ns) => key.startsWith(ns)),
            key,
          ).toBe(true)
        }
        for (const type of node['@type'] ?? []) {
          expect(
            NAMESPACES.some((ns) => type.startsWith(ns)),
            type,
          ).toBe(true)
        }
      }
      const ofType = (type: string) => nodes.filter((n) => n['@type']?.includes(type))
      const [catalog] = ofType(`${DCAT}Catalog`)
      for (const property of ['title', 'description', 'publisher']) {
        expect(catalog?.[`${DCT}${property}`], property).toBeDefined()
      }
      const datasets = ofType(`${DCAT}Dataset`)
      expect(
        datasets.map((d) => (d[`${DCT}identifier`] as Array<{ '@value': string }>)[0]?.['@value']).sort(),
      ).toEqual(
        Object.values(visible)
          .map((r) => r.code)
          .sort(),
      )
      const recommended = [
        'title',
        'description',
        'publisher',
        'issued',
        'modified',
        'accrualPeriodicity',
        'accessRights',
      ]
      for (const dataset of datasets) {
        for (const property of recommended) {
          expect(dataset[`${DCT}${property}`], property).toBeDefined()
        }
        for (const property of ['keyword', 'theme', 'contactPoint', 'distribution']) {
          expect(dataset[`${DCAT}${property}`], property).toBeDefined()
        }
      }
      const distributions = ofType(`${DCAT}Distribution`)
      expect(distributions).toHaveLength(datasets.length)
      for (const distribution of distributions) {
        expect(distribution[`${DCAT}accessURL`]).toEqual([
          { '@id': expect.stringMatching(/^http:\/\/.+\/records$/) },
        ])
      }
      for (const agent of ofType('http://xmlns.com/foaf/0.1/Agent')) {
        expect(agent['http://xmlns.com/foaf/0.1/name']).toBeDefined()
      }
    })

    it('refuses an undefined term: a term outside the context makes the safe expansion throw', async () => {
      const reply = await anyone.get('/api/v1/catalog/open/dcat')
      const broken = { ...reply.body, 'dcat:dataset': [{ '@type': 'dcat:Dataset', unknownTerm: 'x' }] }
      await expect(jsonld.expand(broken, EXPAND)).rejects.toThrow()
    })
  })
}
