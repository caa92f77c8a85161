/**
 * Oversight (Art. 30-31, 40) on a real platform. The oversight routes are wired in app.ts separately,
 * so this drives the module in-process on the platform's own services and database, and everything
 * else (sharing requests, inboxes) over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inTransaction } from '../../src/db/transaction.js'
import { type AuditEvent, auditFacts } from '../../src/modules/audit/index.js'
import { createRectificationModule, type RectificationModule } from '../../src/modules/supervision/index.js'
import type { Actor } from '../../src/shared/actor.js'
import { fixedClock } from '../../src/shared/clock.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser } from '../support/scenario-kit.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const CONDITIONAL = {
  shareType: 'conditional',
  legalBasis: '《收养登记办法》第十条',
  shareCondition: '仅限收养关系核验',
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: oversight`, () => {
    const clock = fixedClock('2026-04-01T02:00:00Z')
    let t: TestPlatform
    let oversight: RectificationModule
    const users: Record<string, { username: string; password: string }> = {}
    const as: Record<string, ApiClient> = {}
    const actors: Record<string, Actor> = {}
    let provider: { id: string }
    let consumerDept: { id: string }
    let otherDept: { id: string }

    /** Sets the clock and signs everyone in again (sessions last 8 hours). */
    async function at(instant: string) {
      clock.set(instant)
      for (const [key, user] of Object.entries(users)) {
        as[key] = await t.login(user.username, user.password)
        const actor = await t.platform.services.auth.resolveToken(as[key]?.token ?? '')
        if (!actor) {
          throw new Error(`no actor for ${key}`)
        }
        actors[key] = actor
      }
    }

    async function inbox(key: string): Promise<Array<{ kind: string; objectId: string }>> {
      return (await as[key]!.get('/api/v1/notifications?pageSize=500')).body.items
    }

    async function appendReads(departmentId: string, instant: string, count: number) {
      clock.set(instant)
      const { services } = t.platform
      const reader: Actor = { ...actors.consumer!, departmentId }
      await inTransaction(services.db, (trx) =>
        services.audit.appendMany(
          trx,
          Array.from({ length: count }, () => ({
            actor: reader,
            event: { ...anyEvent('exchange.read', { records: 1 }), objectType: 'resource', objectId: 'r' },
          })),
        ),
      )
    }

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock })
      const { services } = t.platform
      oversight = createRectificationModule({
        db: services.db,
        clock,
        audit: services.audit,
        auditFacts,
        notifications: services.notifications,
        workingDays: services.calendar,
      })
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      provider = await createDepartment(admin, 'city')
      consumerDept = await createDepartment(admin, 'city')
      otherDept = await createDepartment(admin, 'city')
      users.admin = { username: 'admin', password: ADMIN_PASSWORD }
      users.reviewer = await createUser(admin, bureauId, ['bureau_reviewer'])
      users.auditor = await createUser(admin, bureauId, ['auditor'])
      users.security = await createUser(admin, bureauId, ['security_officer'])
      users.cataloger = await createUser(admin, provider.id, ['cataloger'])
      users.approver = await createUser(admin, provider.id, ['approver'])
      users.providerAdmin = await createUser(admin, provider.id, ['dept_admin'])
      users.otherAdmin = await createUser(admin, otherDept.id, ['dept_admin'])
      users.consumer = await createUser(admin, consumerDept.id, ['consumer'])
      await at('2026-04-01T02:00:00Z')
    })
    afterAll(async () => {
      await t?.close()
    })

    it('drafts a notice for a request left unanswered past due, issues it, takes the answer', async () => {
      const created = await as.cataloger!.post(
        '/api/v1/catalog/resources',
        // A yearly cycle: this test is about the request, not about data the resource never received.
        resourceBody({ name: '收养登记信息', ...CONDITIONAL, updateCycle: 'yearly' }),
      )
      await as.cataloger!.post(`/api/v1/catalog/resources/${created.body.id}/submit`)
      await as.reviewer!.post(`/api/v1/catalog/resources/${created.body.id}/review`, { decision: 'approve' })
      const request = (
        await as.consumer!.post('/api/v1/sharing/requests', {
          resourceId: created.body.id,
          items: ['姓名'],
          purpose: '核验',
        })
      ).body
      expect(request.dueDate).toBe('2026-04-16')

      // On the due date itself nothing is a breach yet.
      await at('2026-04-16T02:00:00Z')
      await oversight.jobs.detectBreaches()
      expect((await oversight.notices.listNotices(actors.reviewer!, {})).items).toHaveLength(0)

      await at('2026-04-17T02:00:00Z')
      await t.platform.jobs.runDue()
      await oversight.notices.detectBreaches(actors.reviewer!)
      expect((await oversight.notices.detectBreaches(actors.reviewer!)).drafted).toEqual({})
      const drafts = (await oversight.notices.listNotices(actors.auditor!, { status: 'draft' })).items
      const notice = drafts.find((n) => n.sourceId === request.id)
      expect(notice).toMatchObject({
        kind: 'request_unanswered',
        departmentId: provider.id,
        sourceType: 'sharing_request',
        status: 'draft',
      })
      // Drafts are the bureau's: the department does not see them, others may not detect or issue.
      expect((await oversight.notices.listNotices(actors.providerAdmin!, {})).items).toHaveLength(0)
      await expect(oversight.notices.detectBreaches(actors.providerAdmin!)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(oversight.notices.issueNotice(actors.auditor!, notice!.id, {})).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })

      const issued = await oversight.notices.issueNotice(actors.reviewer!, notice!.id, { comment: '请整改' })
      const expected = await t.platform.services.calendar.addWorkingDays('2026-04-17', 15)
      expect(issued).toMatchObject({
        status: 'issued',
        dueDate: expected.date,
        details: { comment: '请整改' },
      })
      expect(issued.dueDate! > '2026-05-07').toBe(true)
      await expect(oversight.notices.issueNotice(actors.reviewer!, notice!.id, {})).rejects.toMatchObject({
        code: 'OVERSIGHT_NOTICE_STATE',
      })
      expect(
        (await inbox('providerAdmin')).some(
          (n) => n.kind === 'oversight.notice_issued' && n.objectId === notice!.id,
        ),
      ).toBe(true)
      expect((await inbox('otherAdmin')).some((n) => n.kind === 'oversight.notice_issued')).toBe(false)

      const own = (await oversight.notices.listNotices(actors.providerAdmin!, {})).items
      expect(own.map((n) => n.id)).toEqual([notice!.id])
      await expect(
        oversight.notices.respondToNotice(actors.otherAdmin!, notice!.id, { response: '不是我们' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
      const answered = await oversight.notices.respondToNotice(actors.providerAdmin!, notice!.id, {
        response: '已安排专人答复',
      })
      expect(answered).toMatchObject({ status: 'responded', response: '已安排专人答复' })
      expect((await oversight.notices.closeNotice(actors.reviewer!, notice!.id)).status).toBe('closed')
    })

    it('lets an auditor report misuse as a draft, and escalates an issued notice left unanswered', async () => {
      await at('2026-05-11T02:00:00Z')
      await expect(
        oversight.notices.createNotice(actors.auditor!, {
          departmentId: consumerDept.id,
          kind: 'other',
          description: 'x',
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
      const misuse = await oversight.notices.createNotice(actors.auditor!, {
        departmentId: consumerDept.id,
        kind: 'misuse',
        description: '将婚姻状况用于招聘审查，超出授权用途',
        sourceType: 'grant',
        sourceId: 'grant-1',
      })
      expect(misuse).toMatchObject({ status: 'draft', kind: 'misuse' })
      await expect(
        oversight.notices.createNotice(actors.reviewer!, {
          departmentId: consumerDept.id,
          kind: 'misuse',
          description: '重复',
          sourceType: 'grant',
          sourceId: 'grant-1',
        }),
      ).rejects.toMatchObject({ code: 'OVERSIGHT_DUPLICATE_NOTICE' })
      const issued = await oversight.notices.issueNotice(actors.reviewer!, misuse.id, { deadlineDays: 2 })
      expect(issued.dueDate).toBe('2026-05-13')

      await at('2026-05-13T10:00:00Z')
      expect(await oversight.jobs.escalateOverdue()).toBe(0)
      await at('2026-05-14T02:00:00Z')
      expect(await oversight.jobs.escalateOverdue()).toBe(1)
      expect(await oversight.jobs.escalateOverdue()).toBe(0)
      const [escalated] = (await oversight.notices.listNotices(actors.reviewer!, { status: 'escalated' }))
        .items
      expect(escalated).toMatchObject({ id: misuse.id, escalatedAt: '2026-05-14T02:00:00.000Z' })
      for (const key of ['admin', 'reviewer']) {
        const mine = (await inbox(key)).filter((n) => n.kind === 'oversight.notice_escalated')
        expect(mine.map((n) => n.objectId)).toEqual([misuse.id])
      }
    })

    it('records an incident and routes it to the bureau and the police (security officers)', async () => {
      await at('2026-05-20T02:00:00Z')
      await expect(
        oversight.incidents.reportIncident(actors.reviewer!, {
          title: 'x',
          description: 'x',
          occurredAt: '2026-05-19T10:00:00Z',
          dataAffected: 'x',
          severity: 'low',
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
      const incident = await oversight.incidents.reportIncident(actors.security!, {
        title: '接口令牌泄露',
        description: '某部门接口令牌出现在公开代码库中',
        occurredAt: '2026-05-19T10:00:00+08:00',
        dataAffected: '婚姻登记信息（姓名、身份证号）',
        severity: 'high',
        departmentId: consumerDept.id,
        routedTo: ['bureau', 'police'],
      })
      expect(incident).toMatchObject({
        status: 'open',
        occurredAt: '2026-05-19T02:00:00.000Z',
        routedTo: ['bureau', 'police'],
      })
      for (const key of ['reviewer', 'admin', 'security']) {
        expect(
          (await inbox(key)).some((n) => n.kind === 'oversight.incident' && n.objectId === incident.id),
        ).toBe(true)
      }
      expect((await inbox('consumer')).some((n) => n.kind === 'oversight.incident')).toBe(false)
      expect(
        (await oversight.incidents.listIncidents(actors.auditor!, { status: 'open' })).items.map((i) => i.id),
      ).toEqual([incident.id])
      await expect(oversight.incidents.listIncidents(actors.consumer!, {})).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      expect((await oversight.incidents.closeIncident(actors.security!, incident.id)).status).toBe('closed')
      await expect(oversight.incidents.closeIncident(actors.security!, incident.id)).rejects.toMatchObject({
        code: 'OVERSIGHT_INCIDENT_CLOSED',
      })
    })

    it('flags a department whose reads burst far above its 14-day baseline, once a day', async () => {
      await at('2026-06-01T02:00:00Z')
      // Baseline: 5 reads a day for 14 days in both departments (mean 5, threshold 105).
      for (let day = 1; day <= 14; day++) {
        const instant = `2026-06-${String(day).padStart(2, '0')}T03:00:00Z`
        await appendReads(consumerDept.id, instant, 5)
        await appendReads(otherDept.id, instant, 5)
      }
      await appendReads(consumerDept.id, '2026-06-15T08:00:00Z', 110)
      await appendReads(otherDept.id, '2026-06-15T08:00:00Z', 100)
      await at('2026-06-15T10:00:00Z')
      expect(await oversight.jobs.detectAnomalies()).toBe(1)
      expect(await oversight.jobs.detectAnomalies()).toBe(0)
      const { items } = await oversight.incidents.listAnomalies(actors.security!)
      expect(items).toHaveLength(1)
      expect(items[0]).toMatchObject({
        departmentId: consumerDept.id,
        observed: 110,
        baselineMean: 5,
        threshold: 105,
      })
      for (const key of ['security', 'reviewer']) {
        expect(
          (await inbox(key)).some((n) => n.kind === 'oversight.anomaly' && n.objectId === items[0]!.id),
        ).toBe(true)
      }
      await expect(oversight.incidents.listAnomalies(actors.consumer!)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
    })
  })
}
