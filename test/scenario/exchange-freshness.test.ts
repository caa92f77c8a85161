/**
 * Art. 18 freshness over HTTP: lags counted in working days on the official calendar (make-up
 * days count, the National Day holidays do not), late arrivals, overdue update cycles, and who
 * may see which resources. The clock is fixed so every figure below is derived by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { fixedClock } from '../../src/shared/clock.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, expectError } from '../support/scenario-kit.js'

function person(i: number) {
  return {
    公民身份号码: syntheticIdNumber('530102', '1990-01-01', i),
    姓名: `测试${i}号`,
    住址: `云南省昆明市五华区测试路${i}号`,
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: exchange freshness (Art. 18)`, () => {
    const clock = fixedClock('2025-09-25T10:00:00+08:00')
    let t: TestPlatform
    let cataloger: ApiClient
    let otherCataloger: ApiClient
    let consumer: ApiClient
    let auditor: ApiClient
    const ids: Record<'daily' | 'weekly' | 'monthly' | 'other' | 'elsewhere', string> = {
      daily: '',
      weekly: '',
      monthly: '',
      other: '',
      elsewhere: '',
    }

    const load = (id: string, records: unknown[], sourceChangedAt: string) =>
      cataloger.post(`/api/v1/exchange/resources/${id}/records`, { records, sourceChangedAt })

    beforeAll(async () => {
      // Sessions outlive the three weeks the clock is moved through.
      t = await startTestPlatform(dialect, { clock, config: { sessionHours: 24 * 60 } })
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      const otherProvider = await createDepartment(admin, 'city')
      const consumerDept = await createDepartment(admin, 'city')
      const login = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      const reviewer = await login(bureauId, ['bureau_reviewer'])
      cataloger = await login(provider.id, ['cataloger'])
      otherCataloger = await login(otherProvider.id, ['cataloger'])
      consumer = await login(consumerDept.id, ['consumer'])
      auditor = await login(bureauId, ['auditor'])
      const publish = async (by: ApiClient, name: string, updateCycle: string) => {
        const created = await by.post('/api/v1/catalog/resources', resourceBody({ name, updateCycle }))
        expect(created.status, JSON.stringify(created.body)).toBe(201)
        await by.post(`/api/v1/catalog/resources/${created.body.id}/submit`)
        const reviewed = await reviewer.post(`/api/v1/catalog/resources/${created.body.id}/review`, {
          decision: 'approve',
        })
        expect(reviewed.status).toBe(200)
        return created.body.id as string
      }
      ids.daily = await publish(cataloger, '每日更新人口信息', 'daily')
      ids.weekly = await publish(cataloger, '每周更新人口信息', 'weekly')
      ids.monthly = await publish(cataloger, '每月更新人口信息', 'monthly')
      ids.other = await publish(cataloger, '不定期更新人口信息', 'other')
      ids.elsewhere = await publish(otherCataloger, '另一部门人口信息', 'daily')

      // Fri 2025-10-10: changed Fri 09-26; working days after it: 09-28 (make-up Sunday), 09-29,
      // 09-30, then 10-01..10-08 are holidays, 10-09, 10-10 → lag 5, not late.
      clock.set('2025-10-10T15:00:00+08:00')
      expect(
        (await load(ids.daily, [person(0), person(1), person(2)], '2025-09-26T09:00:00+08:00')).body,
      ).toEqual({ inserted: 3, updated: 0, unchanged: 0 })
      // Sat 2025-10-11 is a make-up working day: the same change now arrives 6 working days on → late.
      clock.set('2025-10-11T10:00:00+08:00')
      await load(ids.daily, [person(3), person(4)], '2025-09-26T18:00:00+08:00')
      // Mon 2025-10-13: person 0 changed this morning (lag 0); its first version (lag 5) moves to
      // history and still counts as an arrival. Person 3 re-sent unchanged stores nothing.
      clock.set('2025-10-13T09:00:00+08:00')
      expect(
        (await load(ids.daily, [{ ...person(0), 姓名: '改名' }, person(3)], '2025-10-13T08:00:00+08:00'))
          .body,
      ).toEqual({ inserted: 0, updated: 1, unchanged: 1 })
      // 2025-09-30T20:00Z is 10-01 in Kunming (a holiday): 10-09, 10-10, 10-11, 10-13 → lag 4
      // (counted from the UTC date 09-30 it would wrongly be 5).
      await load(ids.daily, [person(5)], '2025-09-30T20:00:00Z')
      // Weekly resource: changed Fri 10-10, arrived Mon 10-13: 10-11 (make-up), 10-13 → lag 2.
      await load(ids.weekly, [person(6)], '2025-10-10T12:00:00+08:00')
      clock.set('2025-10-14T10:00:00+08:00')
    }, 120_000)
    afterAll(async () => {
      await t?.close()
    })

    it('reports records, last arrival and change, median and max lag, and late arrivals', async () => {
      // Arrivals of the daily resource: current 0 (person 0 v2), 5, 5 (persons 1-2), 6, 6 (persons
      // 3-4), 4 (person 5); earlier: 5 (person 0 v1). Sorted 0,4,5,5,5,6,6: median 5, max 6, 2 late.
      const reply = await cataloger.get(`/api/v1/exchange/resources/${ids.daily}/freshness`)
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({
        resourceId: ids.daily,
        name: '每日更新人口信息',
        updateCycle: 'daily',
        records: 6,
        lastArrivalAt: '2025-10-13T01:00:00.000Z',
        lastSourceChangeAt: '2025-10-13T00:00:00.000Z',
        medianLagDays: 5,
        maxLagDays: 6,
        lateRecords: 2,
        // Last arrival 10-13, today 10-14: one day, within a daily cycle.
        cycleOverdue: false,
      })
      // The two late arrivals, by time and lag (keys are stored only as hashes).
      expect(reply.body.lateArrivals).toEqual([
        {
          arrivedAt: '2025-10-11T02:00:00.000Z',
          sourceChangedAt: '2025-09-26T10:00:00.000Z',
          lagDays: 6,
          version: 1,
        },
        {
          arrivedAt: '2025-10-11T02:00:00.000Z',
          sourceChangedAt: '2025-09-26T10:00:00.000Z',
          lagDays: 6,
          version: 1,
        },
      ])
    })

    it('lists every resource of the department, flags overdue cycles, and filters the late ones', async () => {
      clock.set('2025-10-15T10:00:00+08:00')
      const all = await cataloger.get('/api/v1/exchange/freshness')
      expect(all.status).toBe(200)
      const byId = new Map(all.body.items.map((item: { resourceId: string }) => [item.resourceId, item]))
      expect([...byId.keys()].sort()).toEqual([ids.daily, ids.weekly, ids.monthly, ids.other].sort())
      // Daily: last arrival 10-13, today 10-15 → two days, overdue.
      expect(byId.get(ids.daily)).toMatchObject({ records: 6, lateRecords: 2, cycleOverdue: true })
      expect(byId.get(ids.weekly)).toMatchObject({
        records: 1,
        medianLagDays: 2,
        maxLagDays: 2,
        lateRecords: 0,
        cycleOverdue: false,
      })
      // Never loaded: overdue unless the cycle is 'other'.
      expect(byId.get(ids.monthly)).toMatchObject({
        records: 0,
        lastArrivalAt: null,
        lastSourceChangeAt: null,
        medianLagDays: null,
        maxLagDays: null,
        lateRecords: 0,
        cycleOverdue: true,
      })
      expect(byId.get(ids.other)).toMatchObject({ records: 0, cycleOverdue: false })

      const late = await cataloger.get('/api/v1/exchange/freshness?late=true')
      expect(late.body.items.map((i: { resourceId: string }) => i.resourceId).sort()).toEqual(
        [ids.daily, ids.monthly].sort(),
      )
    })

    it('shows the bureau and auditors every department, a department only its own, a consumer nothing', async () => {
      const seen = (await auditor.get('/api/v1/exchange/freshness')).body.items.map(
        (i: { resourceId: string }) => i.resourceId,
      )
      expect(seen).toEqual(expect.arrayContaining(Object.values(ids)))
      const other = await otherCataloger.get('/api/v1/exchange/freshness')
      expect(other.body.items.map((i: { resourceId: string }) => i.resourceId)).toEqual([ids.elsewhere])
      expectError(
        await otherCataloger.get(`/api/v1/exchange/resources/${ids.daily}/freshness`),
        404,
        'CATALOG_RESOURCE_NOT_FOUND',
      )
      expectError(await consumer.get('/api/v1/exchange/freshness'), 403, 'FORBIDDEN')
      expect((await auditor.get(`/api/v1/exchange/resources/${ids.daily}/freshness`)).body.lateRecords).toBe(
        2,
      )
    })

    it('refuses a change time in the future and counts the arrivals that leave it out', async () => {
      clock.set('2025-10-15T10:00:00+08:00')
      // Five minutes of clock skew are allowed, six are not.
      expectError(
        await load(ids.other, [person(7)], '2025-10-15T10:06:00+08:00'),
        400,
        'EXCHANGE_SOURCE_TIME_IN_FUTURE',
      )
      expect((await load(ids.other, [person(7)], '2025-10-15T10:04:00+08:00')).status).toBe(200)
      const undeclared = await cataloger.post(`/api/v1/exchange/resources/${ids.other}/records`, {
        records: [person(8), person(9)],
      })
      expect(undeclared.body).toEqual({ inserted: 2, updated: 0, unchanged: 0 })
      const reply = await cataloger.get(`/api/v1/exchange/resources/${ids.other}/freshness`)
      // The undeclared arrivals have no lag: the median and maximum are person 7's alone.
      expect(reply.body).toMatchObject({
        records: 3,
        undeclaredChangeTimes: 2,
        medianLagDays: 0,
        maxLagDays: 0,
        lateRecords: 0,
      })
      const daily = await cataloger.get(`/api/v1/exchange/resources/${ids.daily}/freshness`)
      expect(daily.body.undeclaredChangeTimes).toBe(0)
    })
  })
}
