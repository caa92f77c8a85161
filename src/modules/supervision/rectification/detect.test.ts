/**
 * Art. 40 detection of the issue 11 breaches on the services, every dialect (moved from
 * test/scenario/rectification-detection.test.ts): late data, update cycles that lapsed, yearly
 * catalog confirmations missed, objections answered late, each drafted once.
 */
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { publish } from '../../../../test/support/service-kit.js'
import { type ServiceTest, setup } from '../../../../test/support/services.js'
import { syntheticIdNumber } from '../../../seed/identity.js'

const person = (i: number) => ({
  公民身份号码: syntheticIdNumber('530102', '1990-01-01', i),
  姓名: `测试${i}号`,
  住址: `云南省昆明市五华区测试路${i}号`,
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: rectification detection of late data and late answers (issue 11)`, () => {
    let t: ServiceTest
    afterEach(async () => {
      await t?.cleanup()
    })

    it('drafts data_late, lapsed-cycle, missed-confirmation and late-objection notices, once each', async () => {
      t = await setup(dialect, { start: '2026-06-22T02:00:00Z' })
      const providerId = await t.department()
      const consumerId = await t.department()
      const reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
      const cataloger = await t.person(providerId, ['cataloger'])
      const { db } = t
      const { notices, jobs } = t.services.rectification
      const load = (id: string, records: Array<Record<string, unknown>>, sourceChangedAt: string) =>
        t.services.exchange.ingest.ingest(cataloger, id, { records, sourceChangedAt })
      const monthly = await publish(t, cataloger, reviewer, { name: '迟报人口信息', updateCycle: 'monthly' })
      const daily = await publish(t, cataloger, reviewer, { name: '每日人口信息', updateCycle: 'daily' })
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

      t.clock.set('2026-06-25T02:00:00Z')
      const first = await jobs.detectBreaches()
      expect(first.drafted).toEqual({ data_late: 2, catalog_overdue: 1, objection_late: 1 })
      const { items } = await notices.listNotices(reviewer, { status: 'draft' })
      const bySource = new Map(items.map((n) => [`${n.kind} ${n.sourceType} ${n.sourceId}`, n]))
      const arrival = '2026-06-22T02:00:00.000Z'
      const late = bySource.get(`data_late exchange_late_arrivals ${monthly}:late:2026-06`)
      expect(late).toMatchObject({
        departmentId: providerId,
        details: { resourceId: monthly, month: '2026-06', batches: 1, lateRecords: 2 },
      })
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
      expect((await jobs.detectBreaches()).drafted).toEqual({})

      // Data arrives, the cycle lapses again: a new lapse is a new breach.
      await load(daily, [person(4)], '2026-06-25T09:00:00+08:00')
      t.clock.set('2026-06-29T02:00:00Z')
      expect((await jobs.detectBreaches()).drafted).toEqual({ data_late: 1 })
    })

    it('drafts a missed resubmission deadline at once and a disagreement once it has stayed open 10 days', async () => {
      t = await setup(dialect)
      const [police, civil] = [await t.department(), await t.department()]
      const reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
      const policeCataloger = await t.person(police, ['cataloger'])
      const civilCataloger = await t.person(civil, ['cataloger'])
      // Yearly cycles: no lapse or late data to report in these two weeks.
      const policeRes = await publish(t, policeCataloger, reviewer, {
        name: '户籍人口',
        updateCycle: 'yearly',
      })
      const civilRes = await publish(t, civilCataloger, reviewer, {
        name: '婚姻当事人',
        updateCycle: 'yearly',
      })
      const legal = await t.services.catalog.workflow.recordLegalChange(civilCataloger, civilRes, {
        eventDate: '2026-11-02',
        description: '《婚姻登记条例》修订',
      })
      expect(legal.dueDate < '2026-11-25').toBe(true)
      await t.services.exchange.ingest.ingest(policeCataloger, policeRes, { records: [person(1), person(2)] })
      await t.services.exchange.ingest.ingest(civilCataloger, civilRes, {
        records: [person(1), { ...person(2), 住址: '云南省昆明市盘龙区测试路2号' }],
      })
      const check = await t.services.quality.consistency.createCheck(reviewer, {
        name: '住址比对',
        leftResourceId: policeRes,
        leftKeyItem: '公民身份号码',
        leftItem: '住址',
        rightResourceId: civilRes,
        rightKeyItem: '公民身份号码',
        rightItem: '住址',
        authoritativeSide: 'left',
      })
      expect(await t.services.quality.consistency.runCheck(reviewer, check.id)).toMatchObject({
        disagreements: 1,
      })

      const { notices, jobs } = t.services.rectification
      expect((await jobs.detectBreaches()).drafted).toEqual({ catalog_overdue: 1 })
      const [missed] = (await notices.listNotices(reviewer, { status: 'draft' })).items
      expect(missed).toMatchObject({
        kind: 'catalog_overdue',
        departmentId: civil,
        sourceType: 'catalog_deadline',
        details: { deadline: 'legal_change', dueDate: legal.dueDate, resourceId: civilRes },
      })
      // Found on 11-25: still open on 12-04 is 9 days, on 12-05 ten.
      t.clock.set('2026-12-04T02:00:00Z')
      expect((await jobs.detectBreaches()).drafted).toEqual({})
      t.clock.set('2026-12-05T02:00:00Z')
      expect((await jobs.detectBreaches()).drafted).toEqual({ inconsistency: 1 })
      const stale = (await notices.listNotices(reviewer, { status: 'draft' })).items.find(
        (n) => n.kind === 'inconsistency',
      )
      expect(stale).toMatchObject({
        departmentId: civil,
        sourceType: 'consistency_check',
        sourceId: `${check.id}:${civil}`,
        details: { checkId: check.id, open: 1 },
      })
      expect((await jobs.detectBreaches()).drafted).toEqual({})
    })
  })
}
