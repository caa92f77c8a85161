import { afterEach, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../test/support/db.js'
import { DIALECTS } from '../../../test/support/dialects.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../shared/actor.js'
import { fixedClock } from '../../shared/clock.js'
import { createAuditService } from '../audit/index.js'
import { createCalendarService } from './service.js'

const admin: Actor = {
  ...SYSTEM_ACTOR,
  kind: 'user',
  id: 'u-admin',
  name: 'admin',
  roles: ['platform_admin'],
}
const cataloger: Actor = { ...SYSTEM_ACTOR, kind: 'user', id: 'u-cat', name: 'cat', roles: ['cataloger'] }
const auditor: Actor = { ...SYSTEM_ACTOR, kind: 'user', id: 'u-aud', name: 'aud', roles: ['auditor'] }

const SCHEDULE_2027 = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-02-06', kind: 'holiday', name: '春节' },
  { date: '2027-02-20', kind: 'workday', name: '春节' },
] as const

for (const dialect of DIALECTS) {
  describe(`${dialect}: calendar service`, () => {
    let cleanup: (() => Promise<void>) | undefined
    afterEach(async () => {
      await cleanup?.()
      cleanup = undefined
    })

    async function setup() {
      const t = await openTestDb(dialect)
      const extra: Array<() => Promise<void>> = []
      cleanup = async () => {
        for (const close of extra) {
          await close()
        }
        await t.cleanup()
      }
      const clock = fixedClock('2026-11-25T08:00:00Z')
      const make = ({ db, native }: typeof t.handle) => {
        const audit = createAuditService({ db, native, clock })
        return { audit, calendar: createCalendarService({ db, clock, audit }) }
      }
      const openOther = async () => {
        const other = await t.store.open()
        extra.push(() => other.close())
        return make(other)
      }
      return { db: t.handle.db, clock, ...make(t.handle), openOther }
    }

    it('adds working days across National Day and New Year, and flags 2027 as provisional', async () => {
      const { calendar } = await setup()
      expect(await calendar.addWorkingDays('2025-09-26', 10)).toEqual({
        date: '2025-10-16',
        provisional: false,
      })
      expect(await calendar.addWorkingDays('2025-12-31', 10)).toEqual({
        date: '2026-01-15',
        provisional: false,
      })
      expect(await calendar.addWorkingDays('2027-01-01', 1)).toEqual({
        date: '2027-01-04',
        provisional: true,
      })
      expect(await calendar.workingDay('2025-10-11')).toMatchObject({
        workingDay: true,
        reason: 'makeup_workday',
      })
      expect(await calendar.workingDay('2025-10-01')).toMatchObject({ workingDay: false, reason: 'holiday' })
    })

    it("applies a bureau entry set on another instance (nothing kept in one instance's memory)", async () => {
      const { calendar, openOther } = await setup()
      const other = await openOther()
      expect(await calendar.addWorkingDays('2025-09-26', 10)).toEqual({
        date: '2025-10-16',
        provisional: false,
      })
      await other.calendar.setOverride(admin, '2025-10-14', { kind: 'holiday', name: '临时休假' })
      expect(await calendar.addWorkingDays('2025-09-26', 10)).toEqual({
        date: '2025-10-17',
        provisional: false,
      })
      expect(await calendar.workingDay('2025-10-14')).toMatchObject({ workingDay: false, name: '临时休假' })
      await calendar.deleteOverride(admin, '2025-10-14')
      expect(await other.calendar.addWorkingDays('2025-09-26', 10)).toEqual({
        date: '2025-10-16',
        provisional: false,
      })
    })

    it('finds bureau entries far beyond the first window it reads', async () => {
      const { calendar } = await setup()
      const before = await calendar.addWorkingDays('2020-01-02', 3000)
      await calendar.setOverride(admin, before.date, { kind: 'holiday', name: '测试' })
      const after = await calendar.addWorkingDays('2020-01-02', 3000)
      expect(after.date > before.date).toBe(true)
      expect(after.provisional).toBe(true)
    })

    it('works inside a caller transaction when given it (a second connection would wait on SQLite)', async () => {
      const { db, calendar } = await setup()
      const due = await inTransaction(db, (trx) => calendar.addWorkingDays('2025-09-26', 10, trx))
      expect(due.date).toBe('2025-10-16')
    })

    it('lets only platform admins change the calendar, and audits each change', async () => {
      const { calendar, audit } = await setup()
      await expect(calendar.setOverride(cataloger, '2026-05-06', { kind: 'holiday' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(calendar.importSchedule(cataloger, 2027, [...SCHEDULE_2027])).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      const view = await calendar.setOverride(admin, '2026-05-06', { kind: 'holiday', name: ' 调休 ' })
      expect(view).toEqual({
        date: '2026-05-06',
        kind: 'holiday',
        name: '调休',
        createdAt: '2026-11-25T08:00:00.000Z',
        createdBy: 'admin',
      })
      // Issue 15: the list names who set it; this setup has no user behind the login 'admin'.
      expect(await calendar.listOverrides(cataloger, { year: 2026 })).toEqual([
        { ...view, createdByName: null },
      ])
      const { entries } = await audit.listEntries(auditor, { page: 1, pageSize: 50 })
      expect(entries.map((e) => [e.action, e.objectId])).toEqual([['calendar.override.set', '2026-05-06']])
    })

    it('refuses bad dates and a missing entry with their codes', async () => {
      const { calendar } = await setup()
      await expect(calendar.addWorkingDays('2025-02-30', 1)).rejects.toMatchObject({
        code: 'CALENDAR_INVALID_DATE',
      })
      await expect(calendar.addWorkingDays('2025-02-03', 5000)).rejects.toMatchObject({
        code: 'CALENDAR_OUT_OF_RANGE',
      })
      await expect(calendar.setOverride(admin, '2025-13-01', { kind: 'holiday' })).rejects.toMatchObject({
        code: 'CALENDAR_INVALID_DATE',
      })
      await expect(calendar.deleteOverride(admin, '2025-10-14')).rejects.toMatchObject({
        code: 'CALENDAR_OVERRIDE_NOT_FOUND',
      })
    })

    it("loads a year's schedule: replaces that year's entries only, makes the year official", async () => {
      const { calendar, audit } = await setup()
      await calendar.setOverride(admin, '2027-03-01', { kind: 'holiday', name: 'old' })
      await calendar.setOverride(admin, '2026-12-30', { kind: 'holiday', name: 'kept' })
      expect((await calendar.yearsStatus(admin)).nextYearOfficial).toBe(false)
      expect(await calendar.missingScheduleYear()).toBe(2027)

      const result = await calendar.importSchedule(admin, 2027, [...SCHEDULE_2027])
      expect(result).toMatchObject({ year: 2027, source: 'api', loadedBy: 'admin', holidays: 2, workdays: 1 })
      expect((await calendar.listOverrides(admin, {})).map((o) => o.date)).toEqual([
        '2026-12-30',
        '2027-01-01',
        '2027-02-06',
        '2027-02-20',
      ])
      expect(await calendar.addWorkingDays('2026-12-31', 1)).toEqual({
        date: '2027-01-04',
        provisional: false,
      })
      expect(await calendar.workingDay('2027-02-20')).toMatchObject({
        workingDay: true,
        reason: 'makeup_workday',
      })
      expect(await calendar.missingScheduleYear()).toBeNull()

      const status = await calendar.yearsStatus(admin)
      expect(status).toMatchObject({ currentYear: 2026, nextYearOfficial: true })
      expect(status.items.at(0)).toMatchObject({ year: 2004, official: true, source: 'package' })
      expect(status.items.at(-1)).toMatchObject({
        year: 2027,
        official: true,
        source: 'bureau',
        loadedBy: 'admin',
      })

      await expect(
        calendar.importSchedule(admin, 2027, [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }]),
      ).rejects.toMatchObject({ code: 'CALENDAR_INVALID_SCHEDULE' })
      const { entries } = await audit.listEntries(auditor, {
        page: 1,
        pageSize: 50,
        action: 'calendar.schedule.import',
      })
      expect(entries).toHaveLength(1)
    })

    it('lets the CLI operator load a schedule as the system actor', async () => {
      const { calendar, audit } = await setup()
      const result = await calendar.importScheduleAsOperator(2027, [...SCHEDULE_2027], '2027.json')
      expect(result).toMatchObject({ source: 'cli:2027.json', loadedBy: 'system' })
      const { entries } = await audit.listEntries(auditor, { page: 1, pageSize: 50 })
      expect(entries.map((e) => [e.action, e.actorType])).toEqual([['calendar.schedule.import', 'system']])
    })
  })
}
