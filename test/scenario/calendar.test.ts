/**
 * The working-day calendar and the notification inbox as departments' systems and the bureau meet
 * them over HTTP (API-CONTRACT.md "Audit and calendar"): public due-date arithmetic on the official
 * calendar, the bureau's entries and yearly schedule, and the reminder to load next year's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/shared/clock.js'
import { DIALECTS } from '../support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  type ApiReply,
  startTestPlatform,
  type TestPlatform,
} from '../support/platform.js'
import { auditorFor } from '../support/scenario-kit.js'

const USER_PASSWORD = 'User#2026pass'

function expectError(reply: ApiReply, status: number, code: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status)
  expect(reply.body.error).toMatchObject({ code, message: expect.any(String) })
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: working-day calendar and notifications`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let cataloger: ApiClient
    // 2 November 2026, Asia/Shanghai: the 2027 schedule is due and not loaded.
    const clock = fixedClock('2026-11-02T01:00:00Z')

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock })
      admin = await t.login('admin', ADMIN_PASSWORD)
      const bureau = (await admin.get('/api/v1/departments')).body.items[0].id
      const created = await admin.post('/api/v1/users', {
        username: `cal.cataloger.${dialect}`,
        password: USER_PASSWORD,
        departmentId: bureau,
        roles: ['cataloger'],
      })
      expect(created.status).toBe(201)
      cataloger = await t.login(`cal.cataloger.${dialect}`, USER_PASSWORD)
    })
    afterAll(async () => {
      await t?.close()
    })

    it('adds working days for anyone, across holidays and make-up working days', async () => {
      const add = (from: string, days: number) =>
        t.api.get(`/api/v1/calendar/add-working-days?from=${from}&days=${days}`)
      expect((await add('2025-09-26', 10)).body).toEqual({ date: '2025-10-16', provisional: false })
      expect((await add('2025-12-31', 10)).body).toEqual({ date: '2026-01-15', provisional: false })
      expect((await add('2027-01-01', 5)).body).toEqual({ date: '2027-01-08', provisional: true })
      expect((await add('2025-10-10', 0)).body).toEqual({ date: '2025-10-10', provisional: false })
    })

    it('says whether a day is a working day, and why not', async () => {
      const day = (date: string) => t.api.get(`/api/v1/calendar/working-day?date=${date}`)
      expect((await day('2025-10-11')).body).toEqual({
        date: '2025-10-11',
        workingDay: true,
        reason: 'makeup_workday',
        name: '国庆节',
        provisional: false,
      })
      expect((await day('2025-10-01')).body).toMatchObject({
        workingDay: false,
        reason: 'holiday',
        name: '国庆节',
      })
      expect((await day('2025-10-12')).body).toMatchObject({ workingDay: false, reason: 'weekend' })
    })

    it('refuses bad dates and day counts with the contract codes, in the caller language', async () => {
      expectError(
        await t.api.get('/api/v1/calendar/add-working-days?from=2025-02-30&days=1'),
        400,
        'CALENDAR_INVALID_DATE',
      )
      expectError(
        await t.api.get('/api/v1/calendar/add-working-days?from=26/09/2025&days=1'),
        400,
        'CALENDAR_INVALID_DATE',
      )
      expectError(await t.api.get('/api/v1/calendar/working-day?date=tomorrow'), 400, 'CALENDAR_INVALID_DATE')
      const negative = await t.api.get('/api/v1/calendar/add-working-days?from=2025-09-26&days=-1')
      expectError(negative, 400, 'VALIDATION_FAILED')
      expect(negative.body.error.details.field).toBe('querystring.days')
      expectError(
        await t.api.get('/api/v1/calendar/add-working-days?from=2025-09-26&days=99999'),
        400,
        'VALIDATION_FAILED',
      )
      expectError(
        await t.api.get('/api/v1/calendar/add-working-days?from=2025-09-26&days=ten'),
        400,
        'VALIDATION_FAILED',
      )
      expectError(await t.api.get('/api/v1/calendar/add-working-days?days=1'), 400, 'VALIDATION_FAILED')
      expectError(
        await t.api.get('/api/v1/calendar/add-working-days?from=1800-01-01&days=1'),
        400,
        'CALENDAR_OUT_OF_RANGE',
      )
      const english = await t.api.inLanguage('en').get('/api/v1/calendar/working-day?date=2025-13-01')
      expect(english.body.error.message).toBe('Invalid date; use YYYY-MM-DD')
    })

    it("reminds the platform admin to load next year's schedule, once, in the admin's inbox only", async () => {
      expect(await t.platform.jobs.runDue()).toContain('calendar.schedule-reminder')
      await t.platform.jobs.runDue()
      const inbox = await admin.get('/api/v1/notifications')
      expect(inbox.status).toBe(200)
      expect(inbox.body).toMatchObject({ total: 1, unread: 1 })
      const reminder = inbox.body.items[0]
      expect(reminder).toMatchObject({ kind: 'calendar.schedule_missing', objectId: '2027', readAt: null })
      expect((await cataloger.get('/api/v1/notifications')).body).toMatchObject({ total: 0, items: [] })

      expectError(
        await cataloger.post(`/api/v1/notifications/${reminder.id}/read`),
        404,
        'NOTIFICATION_NOT_FOUND',
      )
      expectError(await t.api.get('/api/v1/notifications'), 401, 'AUTH_REQUIRED')
      const read = await admin.post(`/api/v1/notifications/${reminder.id}/read`)
      expect(read.status).toBe(200)
      expect(read.body.readAt).toBe('2026-11-02T01:00:00.000Z')
      expect((await admin.get('/api/v1/notifications?unreadOnly=true')).body).toMatchObject({
        total: 0,
        unread: 0,
      })
    })

    it("lets only the platform admin set the bureau's entries, which every instance then applies", async () => {
      const body = { kind: 'holiday', name: '临时休假' }
      expectError(
        await t.api.request('PUT', '/api/v1/calendar/overrides/2025-10-14', body),
        401,
        'AUTH_REQUIRED',
      )
      expectError(
        await cataloger.request('PUT', '/api/v1/calendar/overrides/2025-10-14', body),
        403,
        'FORBIDDEN',
      )
      expectError(
        await admin.request('PUT', '/api/v1/calendar/overrides/2025-10-14', { kind: 'off' }),
        400,
        'VALIDATION_FAILED',
      )
      expectError(
        await admin.request('PUT', '/api/v1/calendar/overrides/2025-10-32', body),
        400,
        'CALENDAR_INVALID_DATE',
      )

      const set = await admin.request('PUT', '/api/v1/calendar/overrides/2025-10-14', body)
      expect(set.status).toBe(200)
      expect(set.body).toMatchObject({
        date: '2025-10-14',
        kind: 'holiday',
        name: '临时休假',
        createdBy: 'admin',
      })
      const other = await t.startInstance()
      const due = await other.api.get('/api/v1/calendar/add-working-days?from=2025-09-26&days=10')
      expect(due.body).toEqual({ date: '2025-10-17', provisional: false })
      expect((await cataloger.get('/api/v1/calendar/overrides?year=2025')).body.items).toHaveLength(1)

      expect((await admin.request('DELETE', '/api/v1/calendar/overrides/2025-10-14')).status).toBe(204)
      expectError(
        await admin.request('DELETE', '/api/v1/calendar/overrides/2025-10-14'),
        404,
        'CALENDAR_OVERRIDE_NOT_FOUND',
      )
      expect(
        (await other.api.get('/api/v1/calendar/add-working-days?from=2025-09-26&days=10')).body.date,
      ).toBe('2025-10-16')
      await other.close()
    })

    it("loads next year's schedule, after which 2027 due dates are official", async () => {
      const entries = [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-04', kind: 'holiday', name: '元旦' },
        { date: '2027-01-09', kind: 'workday', name: '元旦' },
      ]
      expectError(await cataloger.post('/api/v1/calendar/years/2027/schedule', { entries }), 403, 'FORBIDDEN')
      expectError(
        await admin.post('/api/v1/calendar/years/2027/schedule', {
          entries: [{ date: '2028-01-01', kind: 'holiday' }],
        }),
        400,
        'CALENDAR_INVALID_SCHEDULE',
      )
      expectError(
        await admin.post('/api/v1/calendar/years/2027/schedule', { entries: [] }),
        400,
        'VALIDATION_FAILED',
      )
      const loaded = await admin.post('/api/v1/calendar/years/2027/schedule', { entries })
      expect(loaded.status).toBe(200)
      expect(loaded.body).toMatchObject({ year: 2027, source: 'api', holidays: 2, workdays: 1 })

      const due = await t.api.get('/api/v1/calendar/add-working-days?from=2026-12-31&days=2')
      expect(due.body).toEqual({ date: '2027-01-06', provisional: false })
      expect((await t.api.get('/api/v1/calendar/working-day?date=2027-01-09')).body).toMatchObject({
        workingDay: true,
        reason: 'makeup_workday',
      })
      const years = await admin.get('/api/v1/calendar/years')
      expect(years.body).toMatchObject({ currentYear: 2026, nextYearOfficial: true })
      expect(years.body.items.at(-1)).toMatchObject({
        year: 2027,
        official: true,
        source: 'bureau',
        loadedBy: 'admin',
      })

      // The portal uploads the CLI's file as text; it must be for the year in the path.
      const csv =
        'date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,holiday,元旦\n2027-01-09,workday,元旦\n'
      const upload = (year: number, content: string) =>
        admin.post(`/api/v1/calendar/years/${year}/schedule-file`, { fileName: '2027.csv', content })
      expectError(
        await cataloger.post('/api/v1/calendar/years/2027/schedule-file', {
          fileName: 'a.csv',
          content: csv,
        }),
        403,
        'FORBIDDEN',
      )
      expectError(await upload(2028, csv), 400, 'CALENDAR_INVALID_FILE')
      expectError(await upload(2027, '2027-01-01,feast,元旦'), 400, 'CALENDAR_INVALID_FILE')
      const fromFile = await upload(2027, csv)
      expect(fromFile.body).toMatchObject({ year: 2027, source: 'api:2027.csv', holidays: 2, workdays: 1 })

      // The loaded schedule replaces the built-in one; a year in the package lists its official days.
      const days2027 = await cataloger.get('/api/v1/calendar/years/2027/days')
      expect(days2027.body).toEqual({
        year: 2027,
        official: true,
        items: entries.map((e) => ({ ...e, source: 'bureau' })),
      })
      const days2026 = await cataloger.get('/api/v1/calendar/years/2026/days')
      expect(days2026.body.official).toBe(true)
      expect(days2026.body.items).toContainEqual({
        date: '2026-10-01',
        kind: 'holiday',
        name: '国庆节',
        source: 'official',
      })
      expect(days2026.body.items.some((d: { kind: string }) => d.kind === 'workday')).toBe(true)
      expectError(await cataloger.get('/api/v1/calendar/years/1800/days'), 400, 'VALIDATION_FAILED')

      const log = await (await auditorFor(admin)).get('/api/v1/audit/entries?action=calendar.schedule.import')
      expect(log.body.items).toHaveLength(2)
      expect(log.body.items[0]).toMatchObject({ object: '2027', actor: 'admin' })
    })

    it('documents every calendar and notification route in the OpenAPI document', async () => {
      const paths = Object.keys((await t.api.get('/openapi.json')).body.paths)
      for (const path of [
        '/api/v1/calendar/add-working-days',
        '/api/v1/calendar/working-day',
        '/api/v1/calendar/overrides',
        '/api/v1/calendar/overrides/{date}',
        '/api/v1/calendar/years/{year}/schedule',
        '/api/v1/calendar/years',
        '/api/v1/calendar/years/{year}/days',
        '/api/v1/calendar/years/{year}/schedule-file',
        '/api/v1/notifications',
        '/api/v1/notifications/{id}/read',
      ]) {
        expect(paths).toContain(path)
      }
    })
  })
}
