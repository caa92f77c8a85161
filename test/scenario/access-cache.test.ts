/**
 * Reads are answered from cached sessions, grants and resources (src/db/access-cache.ts). These
 * tests warm both instances' caches first, then change access through the other instance, or
 * behind both of them in SQL, and expect the very next read to see it.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, expectError } from '../support/scenario-kit.js'

const ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '性别', dataType: 'string' },
]
const ID_NUMBER = syntheticIdNumber('530102', '1991-03-04', 17)

for (const dialect of DIALECTS) {
  describe(`${dialect}: cached access answers follow every change at once`, () => {
    let t: TestPlatform
    let a: ApiClient
    let b: ApiClient
    let admin: ApiClient
    let reviewer: ApiClient
    let cataloger: ApiClient
    let approver: ApiClient
    let consumerDeptId: string

    /** A published resource with one record; returns its id. */
    async function publish(name: string): Promise<string> {
      const created = await cataloger.post('/api/v1/catalog/resources', resourceBody({ name, items: ITEMS }))
      const id = created.body.id as string
      await cataloger.post(`/api/v1/catalog/resources/${id}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${id}/review`, { decision: 'approve' })
      const loaded = await cataloger.post(`/api/v1/exchange/resources/${id}/records`, {
        records: [{ 公民身份号码: ID_NUMBER, 姓名: '测试甲', 性别: '男' }],
      })
      expect(loaded.status).toBe(200)
      return id
    }

    /** A consumer signed in on A with a grant on the resource, and the same token on B. */
    async function granted(resourceId: string) {
      const user = await createUser(admin, consumerDeptId, ['consumer'])
      const onA = await a.loginAs(user.username, user.password)
      const onB = b.withToken(onA.token ?? '')
      const request = await onA.post('/api/v1/sharing/requests', {
        resourceId,
        items: ['公民身份号码', '姓名'],
        purpose: '缓存一致性测试',
      })
      expect(request.status).toBe(201)
      const path = `/api/v1/exchange/resources/${resourceId}/records/${ID_NUMBER}?caseRef=CASE-CACHE-1`
      // Both instances answer once, so both have the session, grant and resource cached.
      expect((await onA.get(path)).status).toBe(200)
      expect((await onB.get(path)).status).toBe(200)
      return { onA, onB, path, grantId: request.body.grantId as string }
    }

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      a = t.api
      b = (await t.startInstance()).api
      admin = await a.loginAs('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      consumerDeptId = (await createDepartment(admin, 'city')).id
      const login = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return b.loginAs(user.username, user.password)
      }
      reviewer = await login(bureauId, ['bureau_reviewer'])
      cataloger = await login(provider.id, ['cataloger'])
      approver = await login(provider.id, ['approver'])
    })
    afterAll(async () => {
      await t?.close()
    })

    it('refuses on A a grant revoked on B', async () => {
      const { onA, path, grantId } = await granted(await publish('缓存测试一'))
      expect((await approver.post(`/api/v1/grants/${grantId}/revoke`, { reason: '核验结束' })).status).toBe(
        200,
      )
      expectError(await onA.get(path), 403, 'GRANT_REQUIRED')
    })

    it('ends on A a session logged out on B', async () => {
      const { onA, onB, path } = await granted(await publish('缓存测试二'))
      expect((await onB.post('/api/v1/auth/logout')).status).toBe(204)
      expectError(await onA.get(path), 401, 'AUTH_REQUIRED')
    })

    it('stops serving on A a resource withdrawn on B', async () => {
      const resourceId = await publish('缓存测试三')
      const { onA, path } = await granted(resourceId)
      const withdrawn = await cataloger.post(`/api/v1/catalog/resources/${resourceId}/withdraw`, {
        reason: '数据源停用',
      })
      expect(withdrawn.status).toBe(200)
      expectError(await onA.get(path), 403, 'GRANT_REQUIRED')
    })

    it('follows a change made in SQL behind both instances (the triggers move the epoch)', async () => {
      const { onA, onB, path, grantId } = await granted(await publish('缓存测试四'))
      await sql`update grants set status = 'revoked' where id = ${grantId}`.execute(t.platform.handle.db)
      expectError(await onA.get(path), 403, 'GRANT_REQUIRED')
      expectError(await onB.get(path), 403, 'GRANT_REQUIRED')
    })

    it('flags on A a record an objection was raised against on B', async () => {
      const resourceId = await publish('缓存测试五')
      const { onA, onB, path } = await granted(resourceId)
      const raised = await onB.post('/api/v1/quality/objections', {
        resourceId,
        key: ID_NUMBER,
        item: '姓名',
        evidence: '姓名与户籍登记不一致',
      })
      expect(raised.status).toBe(201)
      expect((await onA.get(path)).body).toMatchObject({
        underVerification: true,
        objectionIds: [raised.body.id],
      })
    })
  })
}
