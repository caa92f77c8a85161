/**
 * Sharing requests and their answers (Art. 12, 25, 32-33) on the services, every dialect:
 * unconditional grants at once, conditional requests due in 10 working days, partial approval,
 * access modes, the overdue rule and who may see which request.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { CONDITIONAL, inbox, logged, publish } from '../../../test/support/service-kit.js'
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
  describe(`${dialect}: sharing requests and decisions`, () => {
    let t: ServiceTest
    let w: SharingWorld
    const start = async (at?: string) => {
      t = await setup(dialect, at ? { start: at } : {})
      w = await sharingWorld(t)
    }
    afterEach(async () => {
      await t?.cleanup()
    })

    it('grants an unconditional resource at once, logs request and grant, and refuses what it must', async () => {
      await start()
      const open = await publish(t, w.cataloger, w.reviewer, { name: '社会组织登记信息' })
      const granted = await ask(t, w, open, ['姓名', '姓名 '], { purpose: ' 办理年检 ' })
      expect(granted).toMatchObject({
        status: 'granted',
        dueDate: null,
        items: ['姓名'],
        purpose: '办理年检',
        accessMode: 'lookup',
        consumerId: w.consumer,
        providerId: w.provider,
      })
      const grant = await t.services.sharing.grants.getGrant(w.applicant, granted.grantId ?? '')
      expect(grant).toMatchObject({ items: ['姓名'], status: 'live', accessMode: 'lookup', plain: false })
      const [request] = await logged(t, 'sharing.request')
      expect(request).toMatchObject({
        objectId: granted.id,
        departmentId: w.consumer,
        details: { resourceId: open, items: ['姓名'], purpose: '办理年检', dueDate: null },
      })
      expect((await logged(t, 'grant.create')).map((e) => e.objectId)).toEqual([granted.grantId])

      const none = await publish(t, w.cataloger, w.reviewer, {
        name: '涉密信息',
        shareType: 'none',
        legalBasis: '《保守国家秘密法》',
      })
      const refusals: Array<[() => Promise<unknown>, string]> = [
        [() => ask(t, w, 'no-such-resource', ['姓名']), 'SHARING_RESOURCE_NOT_FOUND'],
        [() => ask(t, w, none, ['姓名']), 'SHARING_NOT_SHAREABLE'],
        [() => ask(t, w, open, ['性别']), 'SHARING_UNKNOWN_ITEM'],
        [() => ask(t, w, open, ['住址'], { validTo: '2026-11-24' }), 'SHARING_INVALID_PERIOD'],
        [
          () =>
            t.services.sharing.requests.createRequest(w.insider, {
              resourceId: open,
              items: ['姓名'],
              purpose: 'x',
            }),
          'SHARING_OWN_RESOURCE',
        ],
        [
          () =>
            t.services.sharing.requests.createRequest(w.approver, {
              resourceId: open,
              items: ['姓名'],
              purpose: 'x',
            }),
          'FORBIDDEN',
        ],
      ]
      for (const [attempt, code] of refusals) {
        await expect(attempt()).rejects.toMatchObject({ code })
      }
      // Refusals change nothing: still one request, one grant.
      expect(await logged(t, 'sharing.request')).toHaveLength(1)
    })

    it('sends bulk of personal data on an unconditional resource to an approver instead of granting it', async () => {
      await start()
      const open = await publish(t, w.cataloger, w.reviewer, { name: '养老机构备案信息' })
      const bulk = await ask(t, w, open, ALL, { accessMode: 'bulk' })
      expect(bulk).toMatchObject({
        status: 'pending',
        accessMode: 'bulk',
        grantId: null,
        dueDate: '2026-12-09',
      })
      const plain = await publish(t, w.cataloger, w.reviewer, {
        name: '养老机构名录',
        items: [
          { name: '机构编码', dataType: 'string', key: true, sensitivity: 'none' },
          { name: '机构名称', dataType: 'string', sensitivity: 'none' },
        ],
      })
      // Nothing personal: bulk is the default and granted at once.
      expect(await ask(t, w, plain, ['机构名称'])).toMatchObject({ status: 'granted', accessMode: 'bulk' })
    })

    it('gives a conditional request 10 working days, tells the approvers, and refuses a duplicate', async () => {
      await start()
      const marriage = await publishConditional(t, w, '婚姻登记信息')
      const request = await ask(t, w, marriage, ['姓名'])
      expect(request).toMatchObject({ status: 'pending', dueDate: '2026-12-09', dueDateProvisional: false })
      expect(await inbox(t, w.approver)).toContainEqual({ kind: 'sharing.request', objectId: request.id })
      expect(await inbox(t, w.outsiderApprover)).toEqual([])
      await expect(ask(t, w, marriage, [' 姓名'], { purpose: '再次' })).rejects.toMatchObject({
        code: 'SHARING_DUPLICATE_REQUEST',
        details: { requestId: request.id },
      })
      // Other items are another request.
      expect((await ask(t, w, marriage, ['住址'])).status).toBe('pending')
    })

    it('approves fewer items into a grant of those items; refusals need a reason; one decision only', async () => {
      await start()
      const marriage = await publishConditional(t, w, '婚姻登记档案信息')
      const request = await ask(t, w, marriage, ALL)
      const decide = t.services.sharing.decisions.decideRequest
      await expect(decide(w.applicant, request.id, { decision: 'approve' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      // An approver of another department does not see the request at all.
      await expect(decide(w.outsiderApprover, request.id, { decision: 'approve' })).rejects.toMatchObject({
        code: 'SHARING_REQUEST_NOT_FOUND',
      })
      await expect(answer(t, w, request.id, { decision: 'reject', reason: '  ' })).rejects.toMatchObject({
        code: 'SHARING_REASON_REQUIRED',
      })
      await expect(
        answer(t, w, request.id, { decision: 'approve', items: ['姓名', '性别'] }),
      ).rejects.toMatchObject({ code: 'SHARING_ITEMS_NOT_REQUESTED' })

      const approved = await answer(t, w, request.id, {
        decision: 'approve',
        items: ['公民身份号码', '姓名'],
      })
      expect(approved).toMatchObject({ status: 'granted', items: ['公民身份号码', '姓名'], late: false })
      const grant = await t.services.sharing.grants.getGrant(w.applicant, approved.grantId ?? '')
      expect(grant).toMatchObject({
        requestId: request.id,
        items: ['公民身份号码', '姓名'],
        purpose: '核验婚姻状况',
      })
      await expect(answer(t, w, request.id, { decision: 'reject', reason: '晚了' })).rejects.toMatchObject({
        code: 'SHARING_ALREADY_DECIDED',
      })
      expect(await inbox(t, w.applicant)).toContainEqual({ kind: 'sharing.decision', objectId: request.id })
      const [entry] = await logged(t, 'sharing.decide')
      expect(entry).toMatchObject({
        objectId: request.id,
        actor: w.approver.name,
        details: {
          decision: 'approve',
          items: ['公民身份号码', '姓名'],
          late: false,
          grantId: approved.grantId,
        },
      })

      const refused = await ask(t, w, marriage, ['住址'])
      expect(await answer(t, w, refused.id, { decision: 'reject', reason: ' 超出业务需要 ' })).toMatchObject({
        status: 'rejected',
        grantId: null,
        items: [],
      })
      expect(await t.services.sharing.requests.getRequest(w.applicant, refused.id)).toMatchObject({
        status: 'rejected',
        decision: { decision: 'reject', reason: '超出业务需要', items: null },
      })
    })

    it('lets exactly one of two simultaneous decisions win, with at most one grant', async () => {
      await start()
      const r = await publishConditional(t, w, '离婚登记信息')
      const request = await ask(t, w, r, ['姓名'])
      const second = await t.person(w.provider, ['approver'])
      const results = await Promise.allSettled([
        answer(t, w, request.id, { decision: 'approve' }),
        t.services.sharing.decisions.decideRequest(second, request.id, {
          decision: 'reject',
          reason: '不符合条件',
        }),
      ])
      const won = results.filter((r) => r.status === 'fulfilled')
      const lost = results.filter((r) => r.status === 'rejected')
      expect(won).toHaveLength(1)
      expect(lost.map((r) => r.reason)).toEqual([
        expect.objectContaining({ code: 'SHARING_ALREADY_DECIDED' }),
      ])
      const final = await t.services.sharing.requests.getRequest(w.applicant, request.id)
      const grants = await t.services.sharing.grants.listGrants(w.applicant, { resourceId: r })
      expect(grants).toHaveLength(final.status === 'granted' ? 1 : 0)
      expect(await logged(t, 'sharing.decide')).toHaveLength(1)
    })

    it('grants the mode asked for, never more, and bulk of personal data only with a reason', async () => {
      await start()
      const resource = await publish(t, w.cataloger, w.reviewer, {
        name: '低保对象信息',
        ...CONDITIONAL,
        items: [
          { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
          { name: '姓名', dataType: 'string', sensitivity: 'name' },
          { name: '行政区划', dataType: 'string', sensitivity: 'none' },
        ],
      })
      const bulk = await ask(t, w, resource, ['姓名', '行政区划'], { accessMode: 'bulk' })
      await expect(answer(t, w, bulk.id, { decision: 'approve', accessMode: 'bulk' })).rejects.toMatchObject({
        code: 'SHARING_BULK_REASON_REQUIRED',
      })
      await expect(
        answer(t, w, bulk.id, { decision: 'approve', rowScope: { item: '姓名', values: ['张三'] } }),
      ).rejects.toMatchObject({ code: 'SHARING_ROW_SCOPE_INVALID' })
      const granted = await answer(t, w, bulk.id, {
        decision: 'approve',
        accessMode: 'bulk',
        modeReason: '年度核查需全量比对',
        dailyBudget: 500,
        rowScope: { item: '行政区划', values: ['530102', ' 530102', '530103'] },
      })
      expect(await t.services.sharing.grants.getGrant(w.applicant, granted.grantId ?? '')).toMatchObject({
        accessMode: 'bulk',
        modeReason: '年度核查需全量比对',
        dailyBudget: 500,
        rowScope: { item: '行政区划', values: ['530102', '530103'] },
      })
      expect((await logged(t, 'sharing.decide'))[0]?.details).toMatchObject({
        accessMode: 'bulk',
        modeReason: '年度核查需全量比对',
      })

      // Without a word from the approver, a bulk request on personal data becomes lookup.
      const quiet = await ask(t, w, resource, ['公民身份号码'], { accessMode: 'bulk' })
      const lookup = await answer(t, w, quiet.id, { decision: 'approve' })
      expect((await t.services.sharing.grants.getGrant(w.applicant, lookup.grantId ?? '')).accessMode).toBe(
        'lookup',
      )

      const verify = await ask(t, w, resource, ['姓名'], { accessMode: 'verify' })
      await expect(
        answer(t, w, verify.id, { decision: 'approve', accessMode: 'lookup' }),
      ).rejects.toMatchObject({
        code: 'SHARING_MODE_NOT_REQUESTED',
      })
    })

    it('marks silence past the due date overdue once, tells bureau and approvers, and takes a late answer as late', async () => {
      await start()
      const r = await publishConditional(t, w, '收养登记信息')
      const request = await ask(t, w, r, ['姓名'])
      const { jobs } = t.services.sharing
      t.clock.set('2026-12-09T15:00:00Z') // 23:00 on the due date in Kunming: not yet overdue
      expect(await jobs.markOverdue()).toBe(0)
      t.clock.set('2026-12-09T16:00:00Z')
      expect(await jobs.markOverdue()).toBe(1)
      expect(await jobs.markOverdue()).toBe(0)
      expect((await t.services.sharing.requests.getRequest(w.applicant, request.id)).status).toBe('overdue')
      for (const who of [w.reviewer, w.approver]) {
        expect(await inbox(t, who)).toContainEqual({ kind: 'sharing.overdue', objectId: request.id })
      }
      const overdue = await logged(t, 'sharing.overdue')
      expect(overdue).toEqual([
        expect.objectContaining({
          actorType: 'system',
          objectId: request.id,
          departmentId: w.provider,
          details: { dueDate: '2026-12-09' },
        }),
      ])
      expect(await answer(t, w, request.id, { decision: 'approve' })).toMatchObject({
        status: 'granted',
        late: true,
      })
      expect((await t.services.sharing.requests.getRequest(w.applicant, request.id)).decision?.late).toBe(
        true,
      )
    })

    it('shows each department its own requests, both ways, and the bureau all of them', async () => {
      await start()
      const r = await publishConditional(t, w, '婚姻登记信息')
      const request = await ask(t, w, r, ['姓名'])
      const { listRequests, getRequest } = t.services.sharing.requests
      const ids = async (actor: typeof w.applicant, direction?: 'outgoing' | 'incoming') =>
        (await listRequests(actor, { direction, page: 1, pageSize: 20 })).items.map((q) => q.id)
      expect(await ids(w.applicant, 'outgoing')).toEqual([request.id])
      expect(await ids(w.applicant, 'incoming')).toEqual([])
      expect(await ids(w.approver, 'incoming')).toEqual([request.id])
      expect(await ids(w.approver, 'outgoing')).toEqual([])
      expect(await ids(w.approver)).toEqual([request.id])
      expect(await ids(w.outsider)).toEqual([])
      expect(await ids(w.reviewer)).toEqual([request.id])
      expect((await getRequest(w.consumerAdmin, request.id)).id).toBe(request.id)
      await expect(getRequest(w.outsider, request.id)).rejects.toMatchObject({
        code: 'SHARING_REQUEST_NOT_FOUND',
      })
      await expect(getRequest(w.applicant, 'no-such-request')).rejects.toMatchObject({
        code: 'SHARING_REQUEST_NOT_FOUND',
      })
    })
  })
}
