/** Catalog deadlines in working days (Art. 14, 15, 19) and IT projects (Art. 36-37), over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/shared/clock.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, expectError } from '../support/scenario-kit.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: catalog deadlines and IT projects`, () => {
    // Friday 26 September 2025, 10:00 in Kunming.
    const clock = fixedClock('2025-09-26T02:00:00Z')
    let t: TestPlatform
    let reviewer: ApiClient
    let countyCataloger: ApiClient
    let cityCataloger: ApiClient
    let county: { id: string }
    const users: Record<string, { username: string; password: string }> = {}

    /** Moves the clock; sessions are 8 hours long, so everyone signs in again. */
    async function moveTo(at: string) {
      clock.set(at)
      reviewer = await t.login(users.reviewer!.username, users.reviewer!.password)
      countyCataloger = await t.login(users.county!.username, users.county!.password)
      cityCataloger = await t.login(users.city!.username, users.city!.password)
    }

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock })
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      county = await createDepartment(admin, 'county')
      const city = await createDepartment(admin, 'city')
      users.reviewer = await createUser(admin, bureauId, ['bureau_reviewer'])
      users.county = await createUser(admin, county.id, ['cataloger'])
      users.city = await createUser(admin, city.id, ['cataloger'])
      await moveTo('2025-09-26T02:00:00Z')
    })
    afterAll(async () => {
      await t?.close()
    })

    it('lists a county change filed 11 working days late as overdue (Art. 14)', async () => {
      await moveTo('2025-09-26T02:00:00Z')
      const onTime = (
        await countyCataloger.post('/api/v1/catalog/resources', resourceBody({ name: '街道网格信息' }))
      ).body
      const late = (
        await countyCataloger.post('/api/v1/catalog/resources', resourceBody({ name: '社区矫正人员信息' }))
      ).body
      const city = (await cityCataloger.post('/api/v1/catalog/resources', resourceBody({ name: '市级资源' })))
        .body
      const due = (await reviewer.get('/api/v1/catalog/deadlines?status=due')).body.items
      const filing = due.find((d: { resourceId: string }) => d.resourceId === late.id)
      // 10 working days after 2025-09-26: 28 Sep and 11 Oct are make-up days, 1-8 Oct holidays.
      expect(filing).toMatchObject({
        kind: 'county_filing',
        dueDate: '2025-10-16',
        openedOn: '2025-09-26',
        status: 'due',
      })
      expect(due.some((d: { resourceId: string }) => d.resourceId === city.id)).toBe(false)

      await moveTo('2025-10-16T09:00:00Z')
      await countyCataloger.post(`/api/v1/catalog/resources/${onTime.id}/submit`)
      await moveTo('2025-10-17T02:00:00Z') // the 11th working day
      await countyCataloger.post(`/api/v1/catalog/resources/${late.id}/submit`)

      const overdue = (await reviewer.get('/api/v1/catalog/deadlines?status=overdue')).body.items
      expect(overdue.find((d: { resourceId: string }) => d.resourceId === late.id)).toMatchObject({
        late: true,
        status: 'overdue',
      })
      expect(overdue.some((d: { resourceId: string }) => d.resourceId === onTime.id)).toBe(false)
      const own = (await countyCataloger.get('/api/v1/catalog/deadlines?status=all')).body.items
      expect(own.every((d: { departmentId: string }) => d.departmentId === county.id)).toBe(true)
      expect((await cityCataloger.get('/api/v1/catalog/deadlines?status=all')).body.items).toEqual([])
    })

    it('opens a 15-working-day deadline on a legal change and re-confirms yearly (Art. 15, 19)', async () => {
      await moveTo('2025-12-01T02:00:00Z')
      const r = (
        await cityCataloger.post('/api/v1/catalog/resources', resourceBody({ name: '医疗机构执业信息' }))
      ).body
      await cityCataloger.post(`/api/v1/catalog/resources/${r.id}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${r.id}/review`, { decision: 'approve' })
      const change = await reviewer.post(`/api/v1/catalog/resources/${r.id}/legal-changes`, {
        eventDate: '2025-12-31',
        description: '《医疗机构管理条例》修订',
      })
      expect(change.status).toBe(201)
      expect(change.body).toMatchObject({ dueDate: '2026-01-22', provisional: false })

      await moveTo('2026-11-25T02:00:00Z')
      const due = (await cityCataloger.get('/api/v1/catalog/deadlines?status=due')).body.items
      expect(
        due.find(
          (d: { resourceId: string; kind: string }) =>
            d.resourceId === r.id && d.kind === 'annual_confirmation',
        ),
      ).toMatchObject({
        dueDate: '2026-12-31',
      })
      const legal = (await cityCataloger.get('/api/v1/catalog/deadlines?status=overdue')).body.items
      expect(
        legal.find(
          (d: { resourceId: string; kind: string }) => d.resourceId === r.id && d.kind === 'legal_change',
        ),
      ).toBeDefined()
      expect((await cityCataloger.post(`/api/v1/catalog/resources/${r.id}/confirm`)).status).toBe(200)
      const after = (await cityCataloger.get('/api/v1/catalog/deadlines?status=due')).body.items
      expect(
        after.some(
          (d: { resourceId: string; kind: string }) =>
            d.resourceId === r.id && d.kind === 'annual_confirmation',
        ),
      ).toBe(false)
    })

    it('approves an IT project only with a pre-catalog and accepts it only when all is published (Art. 36-37)', async () => {
      const empty = await cityCataloger.post('/api/v1/catalog/it-projects', {
        name: '智慧医疗一期',
        resourceIds: [],
      })
      expect(empty.status).toBe(201)
      expectError(
        await reviewer.post(`/api/v1/catalog/it-projects/${empty.body.id}/approve`),
        409,
        'CATALOG_PROJECT_NO_CATALOG',
      )

      const planned = (
        await cityCataloger.post('/api/v1/catalog/resources', resourceBody({ name: '电子病历共享信息' }))
      ).body
      const project = await cityCataloger.post('/api/v1/catalog/it-projects', {
        name: '智慧医疗二期',
        resourceIds: [planned.id],
      })
      expect(project.body).toMatchObject({
        status: 'planning',
        resources: [{ id: planned.id, published: false }],
      })
      expectError(
        await cityCataloger.post(`/api/v1/catalog/it-projects/${project.body.id}/approve`),
        403,
        'FORBIDDEN',
      )
      expect(
        (await reviewer.post(`/api/v1/catalog/it-projects/${project.body.id}/approve`)).body.status,
      ).toBe('approved')
      const notReady = await reviewer.post(`/api/v1/catalog/it-projects/${project.body.id}/accept`)
      expectError(notReady, 409, 'CATALOG_PROJECT_NOT_READY')
      expect(notReady.body.error.details.unpublished).toEqual([planned.code])

      await cityCataloger.post(`/api/v1/catalog/resources/${planned.id}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${planned.id}/review`, { decision: 'approve' })
      expect((await reviewer.post(`/api/v1/catalog/it-projects/${project.body.id}/accept`)).body.status).toBe(
        'accepted',
      )
      expectError(
        await countyCataloger.post('/api/v1/catalog/it-projects', { name: 'x', resourceIds: [planned.id] }),
        404,
        'CATALOG_RESOURCE_NOT_FOUND',
      )
    })
  })
}
