/**
 * Issue 15 item 6: the quick start of the API reference, run with the client generated from
 * /openapi.json (openapi-typescript types, openapi-fetch calls) against a real platform: a provider's
 * system loads records, a consumer's system takes a token with its client credentials, finds the
 * resource id from its code, applies, and reads a record with grantId and caseRef. If the document
 * did not describe the real API, these calls would not type-check or would fail here.
 */
import createClient from 'openapi-fetch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import type { paths } from '../support/api-client/schema.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { allAuditEntries, auditorFor, createDepartment, createUser } from '../support/scenario-kit.js'

const ID_NUMBER = syntheticIdNumber('530103', '1971-01-15', 261)
const CASE_REF = 'MZ-2026-0815'

/** A department system's client of the generated types, signed in with its client credentials. */
async function departmentSystem(baseUrl: string, credentials: { clientId: string; clientSecret: string }) {
  const api = createClient<paths>({ baseUrl })
  const token = await api.POST('/api/v1/auth/token', { body: credentials })
  if (!token.data) {
    throw new Error(`token: ${token.response.status} ${JSON.stringify(token.error)}`)
  }
  return { api, token: token.data, headers: { authorization: `Bearer ${token.data.accessToken}` } }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: the quick start with the generated client`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let code: string
    let resourceId: string
    let consumerCredentials: { clientId: string; clientSecret: string }

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      const consumerDept = await createDepartment(admin, 'city')
      const signIn = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      const cataloger = await signIn(provider.id, ['cataloger'])
      const reviewer = await signIn(bureauId, ['bureau_reviewer'])
      const created = await cataloger.post(
        '/api/v1/catalog/resources',
        resourceBody({
          name: '社会保险参保信息',
          items: [
            { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
            { name: '姓名', dataType: 'string', sensitivity: 'name' },
            { name: '参保状态', dataType: 'string' },
          ],
        }),
      )
      resourceId = created.body.id
      code = created.body.code
      await cataloger.post(`/api/v1/catalog/resources/${resourceId}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${resourceId}/review`, { decision: 'approve' })
      const providerClient = await admin.post('/api/v1/clients', {
        name: '人社局业务系统',
        departmentId: provider.id,
      })
      const consumerClient = await admin.post('/api/v1/clients', {
        name: '民政局低保核对系统',
        departmentId: consumerDept.id,
      })
      consumerCredentials = consumerClient.body

      // The provider's system loads its records through the same generated client.
      const providerSystem = await departmentSystem(t.baseUrl, providerClient.body)
      const loaded = await providerSystem.api.POST('/api/v1/exchange/resources/{id}/records', {
        params: { path: { id: resourceId } },
        body: {
          records: [{ 公民身份号码: ID_NUMBER, 姓名: '肖明', 参保状态: '暂停' }],
          sourceChangedAt: '2026-12-05T18:00:00+08:00',
        },
        headers: providerSystem.headers,
      })
      expect(loaded.data).toEqual({ inserted: 1, updated: 0, unchanged: 0 })
    }, 120_000)
    afterAll(async () => {
      await t?.close()
    })

    it('takes a token, finds the resource by code, applies and reads a masked record with grantId and caseRef', async () => {
      const { api, token, headers } = await departmentSystem(t.baseUrl, consumerCredentials)
      expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 })

      const found = await api.GET('/api/v1/catalog/lookup', { params: { query: { code } }, headers })
      expect(found.data).toMatchObject({ id: resourceId, code, status: 'published' })
      const id = found.data?.id ?? ''

      const applied = await api.POST('/api/v1/sharing/requests', {
        body: {
          resourceId: id,
          items: ['公民身份号码', '姓名', '参保状态'],
          purpose: '低保家庭经济状况核对',
        },
        headers,
      })
      expect(applied.data).toMatchObject({ status: 'granted', grantId: expect.any(String) })
      const grantId = applied.data?.grantId ?? ''

      const read = await api.GET('/api/v1/exchange/resources/{id}/records/{key}', {
        params: { path: { id, key: ID_NUMBER }, query: { grantId, caseRef: CASE_REF } },
        headers,
      })
      expect(read.error).toBeUndefined()
      expect(read.data?.grantId).toBe(grantId)
      expect(read.data?.record).toEqual({
        公民身份号码: `${ID_NUMBER.slice(0, 6)}********${ID_NUMBER.slice(-4)}`,
        姓名: '肖*',
        参保状态: '暂停',
      })
      expect(JSON.stringify(read.data)).not.toContain(ID_NUMBER)

      const reads = await allAuditEntries(await auditorFor(admin), 'action=exchange.read')
      expect(reads.at(-1)).toMatchObject({
        object: id,
        actor: consumerCredentials.clientId,
        details: { grantId, caseRef: CASE_REF, purpose: '低保家庭经济状况核对', records: 1 },
      })
    })

    it('answers the contract’s error codes through the same types', async () => {
      const { api, headers } = await departmentSystem(t.baseUrl, consumerCredentials)
      const unknown = await api.GET('/api/v1/catalog/lookup', {
        params: { query: { code: '9/999999' } },
        headers,
      })
      expect({ status: unknown.response.status, code: unknown.error?.error.code }).toEqual({
        status: 404,
        code: 'CATALOG_RESOURCE_NOT_FOUND',
      })
      const missing = await api.GET('/api/v1/exchange/resources/{id}/records/{key}', {
        params: {
          path: { id: resourceId, key: syntheticIdNumber('530103', '1980-05-05', 7) },
          query: { caseRef: CASE_REF },
        },
        headers,
      })
      expect(missing.error?.error.code).toBe('EXCHANGE_RECORD_NOT_FOUND')
      const badSecret = await api.POST('/api/v1/auth/token', {
        body: { clientId: consumerCredentials.clientId, clientSecret: 'not-the-secret' },
      })
      expect(badSecret.error?.error.code).toBe('AUTH_INVALID_CREDENTIALS')
    })
  })
}
