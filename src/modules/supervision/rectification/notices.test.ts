/**
 * Art. 40 rectification notices on the services, every dialect (moved from
 * test/scenario/rectification.test.ts, which drove these services beside an HTTP platform):
 * detection drafts a notice once per breach, the bureau issues it, the department answers, the
 * bureau closes it, and an issued notice left unanswered escalates.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { CONDITIONAL, inbox, logged, publish } from '../../../../test/support/service-kit.js'
import { type Person, type ServiceTest, setup } from '../../../../test/support/services.js'

interface People {
  provider: string
  consumer: string
  reviewer: Person
  auditor: Person
  cataloger: Person
  providerAdmin: Person
  otherAdmin: Person
  applicant: Person
}

async function people(t: ServiceTest): Promise<People> {
  const [provider, consumer, other] = [await t.department(), await t.department(), await t.department()]
  return {
    provider,
    consumer,
    reviewer: await t.person(t.bureauId, ['bureau_reviewer']),
    auditor: await t.person(t.bureauId, ['auditor']),
    cataloger: await t.person(provider, ['cataloger']),
    providerAdmin: await t.person(provider, ['dept_admin']),
    otherAdmin: await t.person(other, ['dept_admin']),
    applicant: await t.person(consumer, ['consumer']),
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: rectification notices`, () => {
    let t: ServiceTest
    afterEach(async () => {
      await t?.cleanup()
    })

    it('drafts a notice for a request left unanswered past due, issues it, takes the answer, closes it', async () => {
      t = await setup(dialect, { start: '2026-04-01T02:00:00Z' })
      const p = await people(t)
      const { notices } = t.services.rectification
      // A yearly cycle: this test is about the request, not about data the resource never received.
      const resource = await publish(t, p.cataloger, p.reviewer, {
        name: '收养登记信息',
        ...CONDITIONAL,
        updateCycle: 'yearly',
      })
      const request = await t.services.sharing.requests.createRequest(p.applicant, {
        resourceId: resource,
        items: ['姓名'],
        purpose: '核验',
      })
      // Qingming (4-6 April) is no working day.
      expect(request.dueDate).toBe('2026-04-16')

      t.clock.set('2026-04-16T02:00:00Z')
      expect(await notices.detectBreaches()).toEqual({ drafted: {} })
      // Past due but not yet marked overdue by the sharing job: the one rule says it is overdue.
      t.clock.set('2026-04-17T02:00:00Z')
      expect(await notices.detectBreaches(p.reviewer)).toEqual({ drafted: { request_unanswered: 1 } })
      await t.services.sharing.jobs.markOverdue()
      expect(await notices.detectBreaches(p.reviewer)).toEqual({ drafted: {} })
      const [notice] = (await notices.listNotices(p.auditor, { status: 'draft' })).items
      expect(notice).toMatchObject({
        kind: 'request_unanswered',
        departmentId: p.provider,
        sourceType: 'sharing_request',
        sourceId: request.id,
        status: 'draft',
        details: { dueDate: '2026-04-16', consumerId: p.consumer },
      })
      const id = notice?.id ?? ''
      expect((await logged(t, 'oversight.notice.draft'))[0]).toMatchObject({
        objectId: id,
        actor: p.reviewer.name,
        details: { kind: 'request_unanswered', source: `sharing_request:${request.id}`, detected: true },
      })
      // Drafts are the bureau's: the department does not see them, others may not detect or issue.
      expect((await notices.listNotices(p.providerAdmin, {})).items).toEqual([])
      await expect(notices.detectBreaches(p.providerAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(notices.issueNotice(p.auditor, id, {})).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(notices.listNotices(p.applicant, {})).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(notices.respondToNotice(p.providerAdmin, id, { response: '早' })).rejects.toMatchObject({
        code: 'OVERSIGHT_NOTICE_STATE',
      })

      const issued = await notices.issueNotice(p.reviewer, id, { comment: '请整改' })
      expect(issued).toMatchObject({
        status: 'issued',
        dueDate: (await t.services.calendar.addWorkingDays('2026-04-17', 15)).date,
        details: { comment: '请整改', dueDate: '2026-04-16' },
      })
      // 15 working days from 17 April cross the May Day holidays.
      expect((issued.dueDate ?? '') > '2026-05-08').toBe(true)
      await expect(notices.issueNotice(p.reviewer, id, {})).rejects.toMatchObject({
        code: 'OVERSIGHT_NOTICE_STATE',
      })
      await expect(notices.issueNotice(p.reviewer, 'no-such-notice', {})).rejects.toMatchObject({
        code: 'OVERSIGHT_NOTICE_NOT_FOUND',
      })
      expect(await inbox(t, p.providerAdmin)).toContainEqual({
        kind: 'oversight.notice_issued',
        objectId: id,
      })
      expect((await inbox(t, p.otherAdmin)).map((n) => n.kind)).not.toContain('oversight.notice_issued')

      expect((await notices.listNotices(p.providerAdmin, {})).items.map((n) => n.id)).toEqual([id])
      // Issue 15: the portal shows the issuer and the department by name, beside the login and id.
      const provider = await t.services.org.listDepartments(t.admin)
      expect((await notices.listNotices(p.providerAdmin, {})).items[0]).toMatchObject({
        issuedBy: p.reviewer.name,
        issuedByName: expect.any(String),
        departmentName: provider.find((d) => d.id === p.provider)?.name,
      })
      expect((await notices.listNotices(p.otherAdmin, {})).items).toEqual([])
      await expect(notices.respondToNotice(p.otherAdmin, id, { response: '不是我们' })).rejects.toMatchObject(
        {
          code: 'FORBIDDEN',
        },
      )
      const answered = await notices.respondToNotice(p.providerAdmin, id, { response: '已安排专人答复' })
      expect(answered).toMatchObject({ status: 'responded', response: '已安排专人答复' })
      // Issue 15: the answer reaches the bureau's reviewers, whose to-do it now is.
      expect(await inbox(t, p.reviewer)).toContainEqual({ kind: 'oversight.notice_responded', objectId: id })
      await expect(notices.closeNotice(p.providerAdmin, id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      expect((await notices.closeNotice(p.reviewer, id)).status).toBe('closed')
      await expect(notices.closeNotice(p.reviewer, id)).rejects.toMatchObject({
        code: 'OVERSIGHT_NOTICE_STATE',
      })
      for (const action of ['oversight.notice.issue', 'oversight.notice.respond', 'oversight.notice.close']) {
        expect(
          (await logged(t, action)).map((e) => e.objectId),
          action,
        ).toEqual([id])
      }
      expect((await logged(t, 'oversight.notice.respond'))[0]?.details).toEqual({ late: false })
    })

    it('lets an auditor report misuse as a draft, and escalates an issued notice left unanswered', async () => {
      t = await setup(dialect, { start: '2026-05-11T02:00:00Z' })
      const p = await people(t)
      const { notices, jobs } = t.services.rectification
      const misuseOf = (actor: Person, kind: 'misuse' | 'other', departmentId = p.consumer) =>
        notices.createNotice(actor, {
          departmentId,
          kind,
          description: '将婚姻状况用于招聘审查，超出授权用途',
          sourceType: 'grant',
          sourceId: 'grant-1',
        })
      await expect(misuseOf(p.auditor, 'other')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(misuseOf(p.providerAdmin, 'misuse')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(misuseOf(p.auditor, 'misuse', 'no-such-department')).rejects.toMatchObject({
        code: 'OVERSIGHT_UNKNOWN_DEPARTMENT',
      })
      const misuse = await misuseOf(p.auditor, 'misuse')
      expect(misuse).toMatchObject({
        status: 'draft',
        kind: 'misuse',
        details: { reportedBy: p.auditor.name },
      })
      await expect(misuseOf(p.reviewer, 'misuse')).rejects.toMatchObject({
        code: 'OVERSIGHT_DUPLICATE_NOTICE',
      })
      expect((await notices.issueNotice(p.reviewer, misuse.id, { deadlineDays: 2 })).dueDate).toBe(
        '2026-05-13',
      )

      t.clock.set('2026-05-13T10:00:00Z')
      expect(await jobs.escalateOverdue()).toBe(0)
      t.clock.set('2026-05-14T02:00:00Z')
      expect(await jobs.escalateOverdue()).toBe(1)
      expect(await jobs.escalateOverdue()).toBe(0)
      const [escalated] = (await notices.listNotices(p.reviewer, { status: 'escalated' })).items
      expect(escalated).toMatchObject({ id: misuse.id, escalatedAt: '2026-05-14T02:00:00.000Z' })
      for (const who of [t.admin, p.reviewer]) {
        const mine = (await inbox(t, who)).filter((n) => n.kind === 'oversight.notice_escalated')
        expect(mine.map((n) => n.objectId)).toEqual([misuse.id])
      }
      expect(await logged(t, 'oversight.notice.escalate')).toEqual([
        expect.objectContaining({
          actorType: 'system',
          objectId: misuse.id,
          departmentId: p.consumer,
          details: { dueDate: '2026-05-13' },
        }),
      ])
      // A department may still answer after escalation; the answer is logged as late.
      const consumerAdmin = await t.person(p.consumer, ['dept_admin'])
      expect((await notices.respondToNotice(consumerAdmin, misuse.id, { response: '已整改' })).status).toBe(
        'responded',
      )
      expect((await logged(t, 'oversight.notice.respond'))[0]?.details).toEqual({ late: true })
    })

    it('closes a draft the bureau will not issue, and never issues it afterwards', async () => {
      t = await setup(dialect)
      const p = await people(t)
      const { notices } = t.services.rectification
      const draft = await notices.createNotice(p.reviewer, {
        departmentId: p.provider,
        kind: 'other',
        description: '目录信息不完整',
      })
      // Without a source the notice is its own breach: a second one is no duplicate.
      await notices.createNotice(p.reviewer, { departmentId: p.provider, kind: 'other', description: '再次' })
      expect((await notices.closeNotice(p.reviewer, draft.id)).status).toBe('closed')
      await expect(notices.issueNotice(p.reviewer, draft.id, {})).rejects.toMatchObject({
        code: 'OVERSIGHT_NOTICE_STATE',
      })
      expect((await logged(t, 'oversight.notice.close'))[0]?.details).toEqual({ from: 'draft' })
      expect((await notices.listNotices(p.reviewer, { departmentId: p.provider })).items).toHaveLength(2)
    })
  })
}
