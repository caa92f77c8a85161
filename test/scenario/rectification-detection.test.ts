/**
 * Art. 40 detection of the issue 11 breaches on a real platform: late data, update cycles that
 * lapsed, yearly catalog confirmations missed, objections answered late. Data arrives over HTTP;
 * the oversight module runs in-process on the platform's services (as in oversight.test.ts).
 */

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditFacts } from '../../src/modules/audit/index.js'
import { createRectificationModule, type RectificationModule } from '../../src/modules/supervision/index.js'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import type { Actor } from '../../src/shared/actor.js'
import { fixedClock } from '../../src/shared/clock.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser } from '../support/scenario-kit.js'

const person = (i: number) => ({
  公民身份号码: syntheticIdNumber('530102', '1990-01-01', i),
  姓名: `测试${i}号`,
  住址: `云南省昆明市五华区测试路${i}号`,
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: oversight detection of late data and late answers (issue 11)`, () => {
    const clock = fixedClock('2026-06-22T02:00:00Z')
    let t: TestPlatform
    let oversight: RectificationModule
    let cataloger: ApiClient
    let reviewer: ApiClient
    let reviewerActor: Actor
    let providerId: string
    let consumerId: string

    const publish = async (name: string, updateCycle: string) => {
      const created = await cataloger.post('/api/v1/catalog/resources', resourceBody({ name, updateCycle }))
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      await cataloger.post(`/api/v1/catalog/resources/${created.body.id}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${created.body.id}/review`, { decision: 'approve' })
      return created.body.id as string
    }
    const load = async (id: string, records: unknown[], sourceChangedAt: string) => {
      const reply = await cataloger.post(`/api/v1/exchange/resources/${id}/records`, {
        records,
        sourceChangedAt,
      })
      expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    }

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock, config: { sessionHours: 24 * 30 } })
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
      providerId = (await createDepartment(admin, 'city')).id
      consumerId = (await createDepartment(admin, 'city')).id
      const reviewerUser = await createUser(admin, bureauId, ['bureau_reviewer'])
      const catalogerUser = await createUser(admin, providerId, ['cataloger'])
      reviewer = await t.login(reviewerUser.username, reviewerUser.password)
      cataloger = await t.login(catalogerUser.username, catalogerUser.password)
      const actor = await services.auth.resolveToken(reviewer.token ?? '')
      if (!actor) {
        throw new Error('no reviewer actor')
      }
      reviewerActor = actor
    })
    afterAll(async () => {
      await t?.close()
    })

    it('drafts data_late, lapsed-cycle, missed-confirmation and late-objection notices, once each', async () => {
      const { db } = t.platform.services
      const monthly = await publish('迟报人口信息', 'monthly')
      const daily = await publish('每日人口信息', 'daily')
      // Changed Mon 06-01, arrived Mon 06-22: far more than 5 working days → late (Art. 18).
      await load(monthly, [person(1), person(2)], '2026-06-01T09:00:00+08:00')
      // The daily resource gets data on time today, then nothing for three days.
      await load(daily, [person(3)], '2026-06-22T09:00:00+08:00')
      // The monthly resource was last confirmed in 2024: its 2025 confirmation is missed (Art. 19).
      await sql`update resources set confirmed_at = '2024-06-01T02:00:00.000Z' where id = ${monthly}`.execute(
        db,
      )
      // An objection due 06-10, answered 06-12 (Art. 26).
      await db
        .insertInto('objections')
        .values({
          id: 'objection-late-1',
          resource_id: daily,
          provider_id: providerId,
          key_hash: 'k',
          masked_key: '530102********0003',
          item_name: '住址',
          consumer_id: consumerId,
          raised_by: 'consumer',
          evidence: '住址与实际不符',
          status: 'corrected',
          due_date: '2026-06-10',
          due_provisional: 0,
          record_version: 1,
          answered_at: '2026-06-12T02:00:00.000Z',
          answered_by: 'cataloger',
          answer: '已更正',
          late: 1,
          correction_version: 2,
          created_at: '2026-06-01T02:00:00.000Z',
        })
        .execute()

      clock.set('2026-06-25T02:00:00Z')
      const first = await oversight.jobs.detectBreaches()
      expect(first.drafted).toEqual({ data_late: 2, catalog_overdue: 1, objection_late: 1 })
      const { items } = await oversight.notices.listNotices(reviewerActor, { status: 'draft' })
      const bySource = new Map(items.map((n) => [`${n.kind} ${n.sourceType} ${n.sourceId}`, n]))
      const arrival = '2026-06-22T02:00:00.000Z'
      expect(bySource.get(`data_late exchange_late_arrivals ${monthly}:late:2026-06`)).toMatchObject({
        departmentId: providerId,
        details: { resourceId: monthly, month: '2026-06', batches: 1, lateRecords: 2 },
      })
      const late = bySource.get(`data_late exchange_late_arrivals ${monthly}:late:2026-06`)
      expect(Number(late?.details.maxLagDays)).toBeGreaterThan(5)
      expect(bySource.get(`data_late exchange_update_cycle ${daily}:cycle:${arrival}`)).toMatchObject({
        departmentId: providerId,
        details: { updateCycle: 'daily', lastArrivalAt: arrival },
      })
      expect(
        bySource.get(`catalog_overdue catalog_annual_confirmation annual:${monthly}:2025`),
      ).toMatchObject({
        departmentId: providerId,
        details: { deadline: 'annual_confirmation', dueDate: '2025-12-31' },
      })
      expect(bySource.get('objection_late objection objection-late-1')).toMatchObject({
        departmentId: providerId,
        details: { dueDate: '2026-06-10', answeredAt: '2026-06-12T02:00:00.000Z' },
      })
      // One notice per breach however often the job runs.
      expect((await oversight.jobs.detectBreaches()).drafted).toEqual({})

      // Data arrives, the cycle lapses again: a new lapse is a new breach.
      await load(daily, [person(4)], '2026-06-25T09:00:00+08:00')
      clock.set('2026-06-29T02:00:00Z')
      expect((await oversight.jobs.detectBreaches()).drafted).toEqual({ data_late: 1 })
    })
  })
}
