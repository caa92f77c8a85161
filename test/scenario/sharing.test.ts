/** The Sharing section of the contract (Art. 12, 24, 25, 32), driven over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/shared/clock.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
} from '../support/scenario-kit.js'

const CONDITIONAL = {
  shareType: 'conditional',
  legalBasis: '《婚姻登记条例》第十七条',
  shareCondition: '仅限婚姻状况核验',
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: sharing`, () => {
    const clock = fixedClock('2025-09-26T02:00:00Z')
    let t: TestPlatform
    let admin: ApiClient
    const users: Record<string, { username: string; password: string }> = {}
    const as: Record<string, ApiClient> = {}
    let consumerDept: { id: string }

    /** Sets the clock and signs everyone in again (sessions last 8 hours). */
    async function at(instant: string) {
      clock.set(instant)
      admin = await t.login('admin', ADMIN_PASSWORD)
      for (const [key, user] of Object.entries(users)) {
        as[key] = await t.login(user.username, user.password)
      }
    }

    async function publish(body: Record<string, unknown>) {
      const created = await as.cataloger!.post('/api/v1/catalog/resources', body)
      await as.cataloger!.post(`/api/v1/catalog/resources/${created.body.id}/submit`)
      return (
        await as.reviewer!.post(`/api/v1/catalog/resources/${created.body.id}/review`, {
          decision: 'approve',
        })
      ).body
    }

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock })
      admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      consumerDept = await createDepartment(admin, 'city')
      users.reviewer = await createUser(admin, bureauId, ['bureau_reviewer'])
      users.cataloger = await createUser(admin, provider.id, ['cataloger'])
      users.approver = await createUser(admin, provider.id, ['approver'])
      users.approver2 = await createUser(admin, provider.id, ['approver'])
      users.consumer = await createUser(admin, consumerDept.id, ['consumer'])
      users.consumerCataloger = await createUser(admin, consumerDept.id, ['cataloger'])
      await at('2025-09-26T02:00:00Z')
    })
    afterAll(async () => {
      await t?.close()
    })

    it('grants an unconditional resource at once, refuses none-type and own resources, wants a purpose', async () => {
      const open = await publish(resourceBody({ name: '社会组织登记信息' }))
      const granted = await as.consumer!.post('/api/v1/sharing/requests', {
        resourceId: open.id,
        items: ['姓名'],
        purpose: '办理社会组织年检',
      })
      expect(granted.status).toBe(201)
      expect(granted.body).toMatchObject({ status: 'granted', dueDate: null })
      expect(granted.body.grantId).toEqual(expect.any(String))
      const none = await publish(
        resourceBody({ name: '涉密信息', shareType: 'none', legalBasis: '《保守国家秘密法》' }),
      )
      expectError(
        await as.consumer!.post('/api/v1/sharing/requests', {
          resourceId: none.id,
          items: ['姓名'],
          purpose: '核验',
        }),
        403,
        'SHARING_NOT_SHAREABLE',
      )
      expectError(
        await as.consumer!.post('/api/v1/sharing/requests', {
          resourceId: open.id,
          items: ['姓名'],
          purpose: '',
        }),
        400,
        'VALIDATION_FAILED',
      )
      expectError(
        await as.consumer!.post('/api/v1/sharing/requests', {
          resourceId: open.id,
          items: ['不存在'],
          purpose: '核验',
        }),
        400,
        'SHARING_UNKNOWN_ITEM',
      )
      expectError(
        await as.cataloger!.post('/api/v1/sharing/requests', {
          resourceId: open.id,
          items: ['姓名'],
          purpose: '核验',
        }),
        403,
        'FORBIDDEN',
      )
    })

    it('gives a conditional request 10 working days, holidays and make-up days counted', async () => {
      await at('2025-09-26T02:00:00Z')
      const marriage = await publish(resourceBody({ name: '婚姻登记信息', ...CONDITIONAL }))
      const request = await as.consumer!.post('/api/v1/sharing/requests', {
        resourceId: marriage.id,
        items: ['姓名'],
        purpose: '核验婚姻状况',
      })
      expect(request.body).toMatchObject({
        status: 'pending',
        dueDate: '2025-10-16',
        dueDateProvisional: false,
      })
      expectError(
        await as.consumer!.post('/api/v1/sharing/requests', {
          resourceId: marriage.id,
          items: ['姓名'],
          purpose: '再次',
        }),
        409,
        'SHARING_DUPLICATE_REQUEST',
      )

      await at('2025-12-31T02:00:00Z')
      const later = await as.consumer!.post('/api/v1/sharing/requests', {
        resourceId: marriage.id,
        items: ['住址'],
        purpose: '核验住址',
      })
      expect(later.body).toMatchObject({ status: 'pending', dueDate: '2026-01-15' })
    })

    it('approves fewer items into a grant; a refusal needs a reason; one decision only', async () => {
      await at('2026-03-02T02:00:00Z')
      const r = await publish(resourceBody({ name: '婚姻登记档案信息', ...CONDITIONAL }))
      const ask = (items: string[]) =>
        as.consumer!.post('/api/v1/sharing/requests', { resourceId: r.id, items, purpose: '办理不动产登记' })
      const request = (await ask(['公民身份号码', '姓名', '住址'])).body
      expectError(
        await as.consumer!.post(`/api/v1/sharing/requests/${request.id}/decision`, { decision: 'approve' }),
        403,
        'FORBIDDEN',
      )
      expectError(
        await as.approver!.post(`/api/v1/sharing/requests/${request.id}/decision`, { decision: 'reject' }),
        400,
        'SHARING_REASON_REQUIRED',
      )
      const approved = await as.approver!.post(`/api/v1/sharing/requests/${request.id}/decision`, {
        decision: 'approve',
        items: ['公民身份号码', '姓名'],
      })
      expect(approved.body).toMatchObject({ status: 'granted', items: ['公民身份号码', '姓名'], late: false })
      expectError(
        await as.approver2!.post(`/api/v1/sharing/requests/${request.id}/decision`, {
          decision: 'reject',
          reason: '晚了',
        }),
        409,
        'SHARING_ALREADY_DECIDED',
      )
      const grants = (await as.consumer!.get('/api/v1/grants')).body.items
      expect(grants.find((g: { id: string }) => g.id === approved.body.grantId)).toMatchObject({
        resourceId: r.id,
        consumerId: consumerDept.id,
        items: ['公民身份号码', '姓名'],
        purpose: '办理不动产登记',
        status: 'live',
      })
      expect(
        (await as.approver!.get('/api/v1/grants')).body.items.some(
          (g: { id: string }) => g.id === approved.body.grantId,
        ),
      ).toBe(true)

      // Partial approval → the consumer disputes → the bureau grants the rest.
      expectError(
        await as.reviewer!.post(`/api/v1/sharing/requests/${request.id}/arbitration`, {
          decision: 'grant',
          reason: 'x',
        }),
        409,
        'SHARING_DISPUTE_NOT_OPEN',
      )
      const disputed = await as.consumer!.post(`/api/v1/sharing/requests/${request.id}/dispute`, {
        reason: '住址为办理业务所必需',
      })
      expect(disputed.body).toEqual({ id: request.id, status: 'disputed' })
      expect(
        (await as.reviewer!.get('/api/v1/sharing/disputes?status=open')).body.items.map(
          (d: { requestId: string }) => d.requestId,
        ),
      ).toContain(request.id)
      const settled = await as.reviewer!.post(`/api/v1/sharing/requests/${request.id}/arbitration`, {
        decision: 'grant',
        reason: '符合《条例》规定',
      })
      expect(settled.body).toMatchObject({
        status: 'granted',
        dispute: { resolution: 'grant', status: 'resolved' },
      })
      const grant = (await as.consumer!.get(`/api/v1/grants/${approved.body.grantId}`)).body
      expect(grant.items.sort()).toEqual(['住址', '公民身份号码', '姓名'].sort())

      const refused = (await ask(['住址'])).body
      await as.approver!.post(`/api/v1/sharing/requests/${refused.id}/decision`, {
        decision: 'reject',
        reason: '超出业务需要',
      })
      expect((await as.consumer!.get(`/api/v1/sharing/requests/${refused.id}`)).body).toMatchObject({
        status: 'rejected',
        decision: { reason: '超出业务需要' },
      })
    })

    it('lets exactly one of two simultaneous decisions win, and creates one grant', async () => {
      const r = await publish(resourceBody({ name: '离婚登记信息', ...CONDITIONAL }))
      const request = (
        await as.consumer!.post('/api/v1/sharing/requests', {
          resourceId: r.id,
          items: ['姓名'],
          purpose: '核验',
        })
      ).body
      const replies = await Promise.all([
        as.approver!.post(`/api/v1/sharing/requests/${request.id}/decision`, { decision: 'approve' }),
        as.approver2!.post(`/api/v1/sharing/requests/${request.id}/decision`, {
          decision: 'reject',
          reason: '不符合条件',
        }),
      ])
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409])
      expect(replies.find((reply) => reply.status === 409)?.body.error.code).toBe('SHARING_ALREADY_DECIDED')
      const grants = (await as.consumer!.get(`/api/v1/grants?resourceId=${r.id}`)).body.items
      expect(grants.length).toBe(replies.some((reply) => reply.body.status === 'granted') ? 1 : 0)
    })

    it('marks silence past the due date overdue, tells the bureau, and accepts a late answer as late', async () => {
      await at('2026-04-01T02:00:00Z')
      const r = await publish(resourceBody({ name: '收养登记信息', ...CONDITIONAL }))
      const request = (
        await as.consumer!.post('/api/v1/sharing/requests', {
          resourceId: r.id,
          items: ['姓名'],
          purpose: '核验',
        })
      ).body
      expect(request.dueDate).toBe('2026-04-16')
      await at('2026-04-17T02:00:00Z')
      await t.platform.jobs.runDue()
      expect((await as.consumer!.get(`/api/v1/sharing/requests/${request.id}`)).body.status).toBe('overdue')
      const inbox = (await as.reviewer!.get('/api/v1/notifications')).body.items
      expect(
        inbox.some(
          (n: { kind: string; objectId: string }) =>
            n.kind === 'sharing.overdue' && n.objectId === request.id,
        ),
      ).toBe(true)
      const answer = await as.approver!.post(`/api/v1/sharing/requests/${request.id}/decision`, {
        decision: 'approve',
      })
      expect(answer.body).toMatchObject({ status: 'granted', late: true })
    })

    it('stops a revoked or expired grant; new versions drop items from grants, none ends them', async () => {
      await at('2026-05-06T02:00:00Z')
      const r = await publish(resourceBody({ name: '养老机构备案信息' }))
      const short = (
        await as.consumer!.post('/api/v1/sharing/requests', {
          resourceId: r.id,
          items: ['姓名', '住址'],
          purpose: '补贴审核',
          validTo: '2026-05-08',
        })
      ).body
      expectError(
        await as.consumer!.post(`/api/v1/grants/${short.grantId}/revoke`, { reason: 'x' }),
        403,
        'FORBIDDEN',
      )
      const dropped = resourceBody({
        name: '养老机构备案信息',
        items: [
          { name: '公民身份号码', dataType: 'string', key: true },
          { name: '姓名', dataType: 'string' },
        ],
      })
      await as.cataloger!.request('PUT', `/api/v1/catalog/resources/${r.id}`, dropped)
      await as.cataloger!.post(`/api/v1/catalog/resources/${r.id}/submit`)
      await as.reviewer!.post(`/api/v1/catalog/resources/${r.id}/review`, { decision: 'approve' })
      expect((await as.consumer!.get(`/api/v1/grants/${short.grantId}`)).body.items).toEqual(['姓名'])

      await at('2026-05-09T02:00:00Z')
      expect((await as.consumer!.get(`/api/v1/grants/${short.grantId}`)).body.status).toBe('expired')
      expectError(
        await as.approver!.post(`/api/v1/grants/${short.grantId}/revoke`, { reason: '已过期' }),
        409,
        'GRANT_NOT_LIVE',
      )

      const open = (
        await as.consumer!.post('/api/v1/sharing/requests', {
          resourceId: r.id,
          items: ['姓名'],
          purpose: '补贴发放',
        })
      ).body
      const revoked = await as.approver!.post(`/api/v1/grants/${open.grantId}/revoke`, {
        reason: '用途超出授权范围',
      })
      expect(revoked.body).toMatchObject({ status: 'revoked', revokeReason: '用途超出授权范围' })

      const again = (await as.consumer!.post(`/api/v1/grants/${open.grantId}/renewal`, {})).body
      expect(again).toMatchObject({ status: 'granted', renewalOf: open.grantId })
      await as.cataloger!.request('PUT', `/api/v1/catalog/resources/${r.id}`, {
        ...dropped,
        shareType: 'none',
        legalBasis: '《某法》',
      })
      await as.cataloger!.post(`/api/v1/catalog/resources/${r.id}/submit`)
      await as.reviewer!.post(`/api/v1/catalog/resources/${r.id}/review`, { decision: 'approve' })
      expect((await as.consumer!.get(`/api/v1/grants/${again.grantId}`)).body.status).toBe('revoked')
    })

    it('warns a department cataloging data it can already get through the platform (Art. 24)', async () => {
      const r = await publish(
        resourceBody({
          name: '医师执业注册信息',
          items: [
            { name: '执业证书编码', dataType: 'string', key: true },
            { name: '执业范围', dataType: 'string' },
          ],
        }),
      )
      const grant = (
        await as.consumer!.post('/api/v1/sharing/requests', {
          resourceId: r.id,
          items: ['执业范围'],
          purpose: '医保定点审核',
        })
      ).body
      const own = await as.consumerCataloger!.post(
        '/api/v1/catalog/resources',
        resourceBody({
          name: '定点医师信息',
          items: [
            { name: '医师编号', dataType: 'string', key: true },
            { name: '执业范围', dataType: 'string' },
          ],
        }),
      )
      expect(own.status).toBe(201)
      expect(own.body.warnings).toEqual([
        expect.objectContaining({
          code: 'SHARING_AVAILABLE_ON_PLATFORM',
          itemName: '执业范围',
          grantId: grant.grantId,
        }),
      ])
    })

    it('writes every step to the audit log', async () => {
      const actions = new Set((await allAuditEntries(await auditorFor(admin))).map((e) => e.action))
      for (const action of [
        'sharing.request',
        'grant.create',
        'sharing.decide',
        'sharing.dispute',
        'sharing.arbitrate',
        'sharing.overdue',
        'grant.revoke',
        'grant.items_dropped',
      ]) {
        expect(actions.has(action), action).toBe(true)
      }
      expect((await (await auditorFor(admin)).get('/api/v1/audit/verify')).body.ok).toBe(true)
    })
  })
}
