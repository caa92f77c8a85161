import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/shared/clock.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, expectError } from '../support/scenario-kit.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: oversight over HTTP`, () => {
    const clock = fixedClock('2026-04-01T02:00:00Z')
    let t: TestPlatform
    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock })
    })
    afterAll(async () => {
      await t?.close()
    })
    it('runs the notice and incident flow over HTTP', async () => {
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      const consumerDept = await createDepartment(admin, 'city')
      const u = {
        reviewer: await createUser(admin, bureauId, ['bureau_reviewer']),
        security: await createUser(admin, bureauId, ['security_officer']),
        cataloger: await createUser(admin, provider.id, ['cataloger']),
        padmin: await createUser(admin, provider.id, ['dept_admin']),
        consumer: await createUser(admin, consumerDept.id, ['consumer']),
      }
      const login = async () =>
        Object.fromEntries(
          await Promise.all(
            Object.entries(u).map(async ([k, v]) => [k, await t.login(v.username, v.password)]),
          ),
        )
      let as = await login()
      const created = await as.cataloger.post(
        '/api/v1/catalog/resources',
        resourceBody({
          name: '收养登记信息',
          shareType: 'conditional',
          legalBasis: '《收养登记办法》第十条',
          shareCondition: '核验',
        }),
      )
      await as.cataloger.post(`/api/v1/catalog/resources/${created.body.id}/submit`)
      await as.reviewer.post(`/api/v1/catalog/resources/${created.body.id}/review`, { decision: 'approve' })
      const request = (
        await as.consumer.post('/api/v1/sharing/requests', {
          resourceId: created.body.id,
          items: ['姓名'],
          purpose: '核验',
        })
      ).body
      clock.set('2026-04-17T02:00:00Z')
      as = await login()
      const ran = await t.platform.jobs.runDue()
      expect(ran).toContain('oversight.detect-breaches')
      const det = await as.reviewer.post('/api/v1/oversight/detect')
      expect(det.status).toBe(200)
      expectError(await as.padmin.post('/api/v1/oversight/detect'), 403, 'FORBIDDEN')
      const list = await as.reviewer.get('/api/v1/oversight/notices?status=draft')
      expect(list.status).toBe(200)
      const n = list.body.items.find((x: { sourceId: string }) => x.sourceId === request.id)
      expect(n.kind).toBe('request_unanswered')
      const issued = await as.reviewer.post(`/api/v1/oversight/notices/${n.id}/issue`, { deadlineDays: 15 })
      expect(issued.status).toBe(200)
      console.log('due', issued.body.dueDate)
      expect((await as.padmin.get('/api/v1/oversight/notices')).body.items).toHaveLength(1)
      const resp = await as.padmin.post(`/api/v1/oversight/notices/${n.id}/respond`, { response: '已整改' })
      expect(resp.body.status).toBe('responded')
      expectError(
        await as.padmin.post(`/api/v1/oversight/notices/${n.id}/respond`, { response: '再次' }),
        409,
        'OVERSIGHT_NOTICE_STATE',
      )
      expect((await as.reviewer.post(`/api/v1/oversight/notices/${n.id}/close`)).body.status).toBe('closed')
      expectError(
        await as.reviewer.post('/api/v1/oversight/notices/nope/close'),
        404,
        'OVERSIGHT_NOTICE_NOT_FOUND',
      )
      const inc = await as.security.post('/api/v1/oversight/incidents', {
        title: 't',
        description: 'd',
        occurredAt: '2026-04-16T10:00:00Z',
        dataAffected: 'x',
        severity: 'medium',
      })
      expect(inc.status).toBe(201)
      expect(inc.body.routedTo).toEqual(['bureau', 'cyberspace_office', 'police'])
      expect((await as.reviewer.get('/api/v1/oversight/incidents')).body.items).toHaveLength(1)
      expect((await as.security.post(`/api/v1/oversight/incidents/${inc.body.id}/close`)).body.status).toBe(
        'closed',
      )
      expect((await as.security.get('/api/v1/oversight/anomalies')).status).toBe(200)
      expectError(await as.consumer.get('/api/v1/oversight/anomalies'), 403, 'FORBIDDEN')
    })
  })
}
