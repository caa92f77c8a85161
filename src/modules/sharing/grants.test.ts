/**
 * Disputes and grants (Art. 25, 32) on the services, every dialect: the bureau's arbitration,
 * revocation, narrowing limits, expiry and renewal, catalog changes reaching grants, and who sees
 * which grant.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { inbox, logged, publish, resourceInput } from '../../../test/support/service-kit.js'
import { type ServiceTest, setup } from '../../../test/support/services.js'
import {
  answer,
  ask,
  publishConditional,
  type SharingWorld,
  sharingWorld,
} from '../../../test/support/sharing-kit.js'

const ALL = ['公民身份号码', '姓名', '住址']

for (const dialect of DIALECTS) {
  describe(`${dialect}: sharing disputes and grants`, () => {
    let t: ServiceTest
    let w: SharingWorld
    afterEach(async () => {
      await t?.cleanup()
    })
    const start = async () => {
      t = await setup(dialect)
      w = await sharingWorld(t)
    }

    it('takes a partial approval to the bureau, which grants the rest into the same grant', async () => {
      await start()
      const r = await publishConditional(t, w, '婚姻登记档案信息')
      const request = await ask(t, w, r, ALL)
      const { disputeRequest } = t.services.sharing.requests
      const { arbitrate } = t.services.sharing.decisions
      await expect(
        arbitrate(w.reviewer, request.id, { decision: 'grant', reason: 'x' }),
      ).rejects.toMatchObject({
        code: 'SHARING_DISPUTE_NOT_OPEN',
      })
      // Pending and not yet due: nothing to dispute.
      await expect(disputeRequest(w.applicant, request.id, '太慢')).rejects.toMatchObject({
        code: 'SHARING_NOT_DISPUTABLE',
      })
      const approved = await answer(t, w, request.id, {
        decision: 'approve',
        items: ['公民身份号码', '姓名'],
      })
      await expect(disputeRequest(w.outsider, request.id, '住址必需')).rejects.toMatchObject({
        code: 'SHARING_REQUEST_NOT_FOUND',
      })
      await expect(disputeRequest(w.approver, request.id, '住址必需')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      expect(await disputeRequest(w.applicant, request.id, ' 住址为办理业务所必需 ')).toEqual({
        id: request.id,
        status: 'disputed',
      })
      await expect(disputeRequest(w.applicant, request.id, '再次')).rejects.toMatchObject({
        code: 'SHARING_NOT_DISPUTABLE',
      })
      expect(await inbox(t, w.reviewer)).toContainEqual({ kind: 'sharing.dispute', objectId: request.id })
      expect((await t.services.sharing.listDisputes(w.reviewer, 'open')).map((d) => d.requestId)).toEqual([
        request.id,
      ])
      await expect(t.services.sharing.listDisputes(w.approver)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(
        arbitrate(w.approver, request.id, { decision: 'grant', reason: 'x' }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(
        arbitrate(w.reviewer, request.id, { decision: 'partial', items: ['性别'], reason: 'x' }),
      ).rejects.toMatchObject({ code: 'SHARING_ITEMS_NOT_REQUESTED' })

      const settled = await arbitrate(w.reviewer, request.id, {
        decision: 'grant',
        reason: ' 符合《条例》规定 ',
      })
      expect(settled).toMatchObject({
        status: 'granted',
        grantId: approved.grantId,
        dispute: { status: 'resolved', resolution: 'grant', resolutionReason: '符合《条例》规定' },
      })
      const grant = await t.services.sharing.grants.getGrant(w.applicant, approved.grantId ?? '')
      expect([...grant.items].sort()).toEqual([...ALL].sort())
      expect(await inbox(t, w.applicant)).toContainEqual({
        kind: 'sharing.arbitration',
        objectId: request.id,
      })
      await expect(
        arbitrate(w.reviewer, request.id, { decision: 'uphold', reason: 'x' }),
      ).rejects.toMatchObject({
        code: 'SHARING_DISPUTE_NOT_OPEN',
      })
      expect((await logged(t, 'sharing.dispute'))[0]).toMatchObject({
        objectId: request.id,
        details: { reason: '住址为办理业务所必需', previousStatus: 'granted' },
      })
      expect((await logged(t, 'sharing.arbitrate'))[0]).toMatchObject({
        objectId: request.id,
        details: { decision: 'grant', items: ALL, grantId: approved.grantId },
      })
    })

    it('lets the consumer dispute a refusal or a silence past due; the bureau upholds or grants part', async () => {
      await start()
      const r = await publishConditional(t, w, '收养登记信息')
      const refused = await ask(t, w, r, ['住址'])
      await answer(t, w, refused.id, { decision: 'reject', reason: '超出业务需要' })
      await t.services.sharing.requests.disputeRequest(w.applicant, refused.id, '业务需要')
      const upheld = await t.services.sharing.decisions.arbitrate(w.reviewer, refused.id, {
        decision: 'uphold',
        reason: '拒绝理由成立',
      })
      expect(upheld).toMatchObject({ status: 'rejected', grantId: null, dispute: { resolution: 'uphold' } })

      const silent = await ask(t, w, r, ['公民身份号码', '姓名'])
      t.clock.set('2026-12-10T02:00:00Z') // the day after its due date, not yet marked overdue
      await t.services.sharing.requests.disputeRequest(w.applicant, silent.id, '逾期未答复')
      const partial = await t.services.sharing.decisions.arbitrate(w.reviewer, silent.id, {
        decision: 'partial',
        items: ['姓名'],
        reason: '仅姓名必需',
      })
      expect(partial.status).toBe('granted')
      expect((await t.services.sharing.grants.getGrant(w.applicant, partial.grantId ?? '')).items).toEqual([
        '姓名',
      ])
      // The dispute settled the request: the provider can no longer answer it.
      await expect(answer(t, w, silent.id, { decision: 'approve' })).rejects.toMatchObject({
        code: 'SHARING_ALREADY_DECIDED',
      })
    })

    it('revokes a live grant at once for the provider or the bureau, not for the consumer', async () => {
      await start()
      const open = await publish(t, w.cataloger, w.reviewer, { name: '养老机构备案信息' })
      const granted = await ask(t, w, open, ['姓名'])
      const grantId = granted.grantId ?? ''
      const { revokeGrant, liveGrantFor } = t.services.sharing.grants
      expect((await liveGrantFor(w.consumer, open))?.id).toBe(grantId)
      // Search ranks by use: the catalog is told how many departments hold a grant.
      const use = () =>
        t.db
          .selectFrom('catalog_resource_use')
          .select('consumers')
          .where('resource_id', '=', open)
          .executeTakeFirst()
      expect(await use()).toEqual({ consumers: 1 })
      await expect(revokeGrant(w.applicant, grantId, 'x')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(revokeGrant(w.outsiderApprover, grantId, 'x')).rejects.toMatchObject({
        code: 'GRANT_NOT_FOUND',
      })
      const revoked = await revokeGrant(w.approver, grantId, ' 用途超出授权范围 ')
      expect(revoked).toMatchObject({ status: 'revoked', revokeReason: '用途超出授权范围' })
      expect(await liveGrantFor(w.consumer, open)).toBeUndefined()
      expect(await use()).toEqual({ consumers: 0 })
      await expect(revokeGrant(w.reviewer, grantId, '再次')).rejects.toMatchObject({ code: 'GRANT_NOT_LIVE' })
      expect(await inbox(t, w.applicant)).toContainEqual({ kind: 'grant.revoked', objectId: grantId })
      expect(await logged(t, 'grant.revoke')).toEqual([
        expect.objectContaining({
          objectId: grantId,
          actor: w.approver.name,
          details: { reason: '用途超出授权范围', resourceId: open },
        }),
      ])

      // The bureau may revoke any department's grant.
      const second = await ask(t, w, open, ['住址'])
      expect((await revokeGrant(w.reviewer, second.grantId ?? '', '检查发现滥用')).status).toBe('revoked')
    })

    it('narrows a live grant: mode, budget and row scope, never wider than granted', async () => {
      await start()
      const r = await publish(t, w.cataloger, w.reviewer, {
        name: '低保对象信息',
        items: [
          { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
          { name: '行政区划', dataType: 'string', sensitivity: 'none' },
        ],
      })
      const grantId = (await ask(t, w, r, ['公民身份号码', '行政区划'])).grantId ?? ''
      const { setGrantLimits, getGrant, liveGrantFor } = t.services.sharing.grants
      await expect(
        setGrantLimits(w.applicant, grantId, { accessMode: 'verify', reason: 'x' }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(
        setGrantLimits(w.approver, grantId, { accessMode: 'bulk', reason: 'x' }),
      ).rejects.toMatchObject({
        code: 'SHARING_MODE_NOT_REQUESTED',
      })
      await expect(
        setGrantLimits(w.approver, grantId, {
          rowScope: { item: '公民身份号码', values: ['1'] },
          reason: 'x',
        }),
      ).rejects.toMatchObject({ code: 'SHARING_ROW_SCOPE_INVALID' })
      const narrowed = await setGrantLimits(w.providerAdmin, grantId, {
        accessMode: 'verify',
        dailyBudget: 100,
        rowScope: { item: '行政区划', values: ['530102'] },
        reason: '限本辖区核验',
      })
      expect(narrowed).toMatchObject({
        accessMode: 'verify',
        dailyBudget: 100,
        rowScope: { item: '行政区划', values: ['530102'] },
        status: 'live',
      })
      expect(await liveGrantFor(w.consumer, r)).toMatchObject({ mode: 'verify', dailyBudget: 100 })
      // null clears the scope and the budget; the mode stays as it was.
      expect(
        await setGrantLimits(w.approver, grantId, { rowScope: null, dailyBudget: null, reason: '恢复' }),
      ).toMatchObject({ accessMode: 'verify', rowScope: null, dailyBudget: null })
      expect((await logged(t, 'grant.limit')).map((e) => e.details.reason)).toEqual(['限本辖区核验', '恢复'])
      await t.services.sharing.grants.revokeGrant(w.approver, grantId, '停止')
      await expect(
        setGrantLimits(w.approver, grantId, { dailyBudget: 1, reason: 'x' }),
      ).rejects.toMatchObject({
        code: 'GRANT_NOT_LIVE',
      })
      expect((await getGrant(w.reviewer, grantId)).status).toBe('revoked')
    })

    it('ends a grant after its last valid day, reminds the consumer before, and renews by a new request', async () => {
      await start()
      const open = await publish(t, w.cataloger, w.reviewer, { name: '养老服务补贴信息' })
      const short = await ask(t, w, open, ['姓名'], { validTo: '2026-12-04' })
      const grantId = short.grantId ?? ''
      expect(await t.services.sharing.jobs.remindExpiring()).toBe(1)
      expect(await inbox(t, w.applicant)).toContainEqual({ kind: 'grant.expiring', objectId: grantId })
      t.clock.set('2026-12-04T15:00:00Z') // 23:00 on the last day in Kunming
      expect((await t.services.sharing.grants.liveGrantFor(w.consumer, open))?.id).toBe(grantId)
      t.clock.set('2026-12-04T16:00:00Z')
      expect(await t.services.sharing.grants.liveGrantFor(w.consumer, open)).toBeUndefined()
      expect((await t.services.sharing.grants.getGrant(w.applicant, grantId)).status).toBe('expired')
      await expect(t.services.sharing.grants.revokeGrant(w.approver, grantId, 'x')).rejects.toMatchObject({
        code: 'GRANT_NOT_LIVE',
      })
      const { renewGrant } = t.services.sharing.requests
      await expect(renewGrant(w.outsider, grantId, {})).rejects.toMatchObject({ code: 'GRANT_NOT_FOUND' })
      const renewed = await renewGrant(w.applicant, grantId, { validTo: '2027-12-31' })
      expect(renewed).toMatchObject({
        status: 'granted',
        renewalOf: grantId,
        items: ['姓名'],
        purpose: '核验婚姻状况',
        validTo: '2027-12-31',
      })
      expect((await logged(t, 'sharing.request')).at(-1)?.details).toMatchObject({ renewalOf: grantId })
    })

    it('drops items a new version removes from grants, and ends grants when the resource stops sharing', async () => {
      await start()
      const open = await publish(t, w.cataloger, w.reviewer, { name: '养老机构备案信息' })
      const grantId = (await ask(t, w, open, ['姓名', '住址'])).grantId ?? ''
      const { catalog, workflow } = t.services.catalog
      const republish = async (overrides: Parameters<typeof resourceInput>[0]) => {
        await catalog.updateResource(
          w.cataloger,
          open,
          resourceInput({ name: '养老机构备案信息', ...overrides }),
        )
        await workflow.submit(w.cataloger, open)
        await workflow.review(w.reviewer, open, { decision: 'approve' })
      }
      const fewer = resourceInput().items.filter((item) => item.name !== '住址')
      await republish({ items: fewer })
      expect((await t.services.sharing.grants.getGrant(w.applicant, grantId)).items).toEqual(['姓名'])
      expect((await logged(t, 'grant.items_dropped'))[0]).toMatchObject({
        objectId: grantId,
        actorType: 'system',
        details: { dropped: ['住址'] },
      })
      await republish({ items: fewer, shareType: 'none', legalBasis: '《某法》' })
      expect(await t.services.sharing.grants.getGrant(w.applicant, grantId)).toMatchObject({
        status: 'revoked',
      })
    })

    it('shows a grant to its two departments and the bureau only', async () => {
      await start()
      const open = await publish(t, w.cataloger, w.reviewer, { name: '社会组织登记信息' })
      const grantId = (await ask(t, w, open, ['姓名'])).grantId
      const { listGrants, getGrant } = t.services.sharing.grants
      const ids = async (actor: typeof w.applicant) => (await listGrants(actor, {})).map((g) => g.id)
      expect(await ids(w.applicant)).toEqual([grantId])
      expect(await ids(w.approver)).toEqual([grantId])
      expect(await ids(w.reviewer)).toEqual([grantId])
      expect(await ids(w.outsider)).toEqual([])
      expect(await listGrants(w.applicant, { status: 'revoked' })).toEqual([])
      await expect(getGrant(w.outsider, grantId ?? '')).rejects.toMatchObject({ code: 'GRANT_NOT_FOUND' })
    })
  })
}
