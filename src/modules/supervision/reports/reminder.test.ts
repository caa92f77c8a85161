/**
 * Issue 15, Art. 39: once the year has closed, a department's dept_admins are told its report is
 * due by 5 January and the bureau's reviewers that the city's is due by 15 January; once each,
 * none after the due date, none for a report already submitted. Every dialect.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { inbox } from '../../../../test/support/service-kit.js'
import { type ServiceTest, setup } from '../../../../test/support/services.js'
import { ANNUAL_REPORT_DUE_KIND } from '../index.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: annual report reminders`, () => {
    let t: ServiceTest
    afterEach(async () => {
      await t?.cleanup()
    })

    it('reminds each department and the bureau once, until the due date, not after submitting', async () => {
      t = await setup(dialect, { start: '2026-12-20T02:00:00Z' })
      const [early, late] = [await t.department(), await t.department()]
      const earlyAdmin = await t.person(early, ['dept_admin'])
      const lateAdmin = await t.person(late, ['dept_admin'])
      const reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
      const { annualReports, jobs } = t.services.supervision
      const due = async (who: typeof earlyAdmin) =>
        (await inbox(t, who)).filter((n) => n.kind === ANNUAL_REPORT_DUE_KIND).map((n) => n.objectId)

      // 2026 has not closed: nothing is due yet.
      expect(await jobs.remindAnnualReports()).toBe(0)

      t.clock.set('2027-01-02T02:00:00Z')
      const report = await annualReports.generate(earlyAdmin, 2026, {})
      await annualReports.submit(earlyAdmin, report.id)
      expect(await jobs.remindAnnualReports()).toBeGreaterThanOrEqual(2)
      expect(await due(earlyAdmin)).toEqual([])
      expect(await due(lateAdmin)).toEqual([`2026:${late}`])
      expect(await due(reviewer)).toEqual(['2026:city'])
      // Once per person and year: a second run adds nothing.
      expect(await jobs.remindAnnualReports()).toBe(0)
      expect(await due(lateAdmin)).toHaveLength(1)

      // After 15 January no reminder is sent (the to-do list keeps the late report, flagged).
      const later = await t.person(late, ['dept_admin'])
      t.clock.set('2027-01-16T02:00:00Z')
      expect(await jobs.remindAnnualReports()).toBe(0)
      expect(await due(later)).toEqual([])
      const listed = await annualReports.listReports(lateAdmin, {})
      expect(listed).toMatchObject([
        { departmentId: late, status: 'missing', late: true, dueDate: '2027-01-05' },
      ])
    })
  })
}
