/**
 * Data quality over HTTP (Art. 16-17, 26): objections flag a record that keeps being served, the
 * provider answers (late answers count late), the bureau is told; consistency checks find exactly
 * the planted disagreements, route them and keep a trend. That a check runs once however many
 * instances start the job is src/modules/quality/service.test.ts's (both dialects).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { fixedClock } from '../../src/shared/clock.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
} from '../support/scenario-kit.js'

const id = (i: number) => syntheticIdNumber('530103', '1992-07-15', i)
const masked = (i: number) => `530103********${id(i).slice(14)}`
const person = (i: number) => ({
  公民身份号码: id(i),
  姓名: `样例${i}`,
  住址: `云南省昆明市盘龙区样例街${i}号`,
})
const ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '住址', dataType: 'string', sensitivity: 'address' },
]

for (const dialect of DIALECTS) {
  describe(`${dialect}: quality`, () => {
    // Wednesday 25 November 2026, 10:00 in Kunming: 5 working days later is Wednesday 2 December.
    const clock = fixedClock('2026-11-25T02:00:00Z')
    let t: TestPlatform
    const users: Record<string, { username: string; password: string }> = {}
    const as: Record<string, ApiClient> = {}
    let civilRes: string
    let policeRes: string
    let civilId: string
    let checkId: string

    /** Sets the clock and signs everyone in again (sessions last 8 hours). */
    async function at(instant: string) {
      clock.set(instant)
      for (const [key, user] of Object.entries(users)) {
        as[key] = await t.login(user.username, user.password)
      }
    }

    async function publish(cataloger: ApiClient, name: string): Promise<string> {
      const created = await cataloger.post('/api/v1/catalog/resources', resourceBody({ name, items: ITEMS }))
      await cataloger.post(`/api/v1/catalog/resources/${created.body.id}/submit`)
      await as.reviewer!.post(`/api/v1/catalog/resources/${created.body.id}/review`, { decision: 'approve' })
      return created.body.id
    }

    const kinds = async (client: ApiClient) =>
      (await client.get('/api/v1/notifications?pageSize=100')).body.items.map((n: { kind: string }) => n.kind)

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock })
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const civil = await createDepartment(admin, 'city')
      const police = await createDepartment(admin, 'city')
      const consumerDept = await createDepartment(admin, 'city')
      civilId = civil.id
      users.reviewer = await createUser(admin, bureauId, ['bureau_reviewer'])
      users.civilCataloger = await createUser(admin, civil.id, ['cataloger'])
      users.civilApprover = await createUser(admin, civil.id, ['approver'])
      users.policeCataloger = await createUser(admin, police.id, ['cataloger'])
      users.policeApprover = await createUser(admin, police.id, ['approver'])
      users.consumer = await createUser(admin, consumerDept.id, ['consumer'])
      await at('2026-11-25T02:00:00Z')
      civilRes = await publish(as.civilCataloger!, '婚姻登记当事人信息')
      policeRes = await publish(as.policeCataloger!, '户籍人口信息')
      await as.consumer!.post('/api/v1/sharing/requests', {
        resourceId: civilRes,
        items: ['公民身份号码', '姓名', '住址'],
        purpose: '婚姻状况核验',
      })
      const people = Array.from({ length: 20 }, (_, i) => person(i))
      await as.civilCataloger!.post(`/api/v1/exchange/resources/${civilRes}/records`, { records: people })
      await as.policeCataloger!.post(`/api/v1/exchange/resources/${policeRes}/records`, { records: people })
    })
    afterAll(async () => {
      await t?.close()
    })

    const record = (i: number) =>
      as.consumer!.get(
        `/api/v1/exchange/resources/${civilRes}/records/${encodeURIComponent(id(i))}?caseRef=ZL-2026-${i}`,
      )

    it('files an objection with the bureau and keeps serving the record, flagged under verification', async () => {
      // One objects to a record one was served (a key never served is refused like an unknown one).
      expect((await record(1)).status).toBe(200)
      const raised = await as.consumer!.post('/api/v1/quality/objections', {
        resourceId: civilRes,
        key: id(1),
        item: '住址',
        evidence: '当事人户口簿所载住址为五华区',
      })
      expect(raised.status).toBe(201)
      expect(raised.body).toMatchObject({
        status: 'open',
        dueDate: '2026-12-02',
        maskedKey: masked(1),
        item: '住址',
        late: false,
      })
      expect(JSON.stringify(raised.body)).not.toContain(id(1))
      const served = await record(1)
      expect(served.status).toBe(200)
      expect(served.body).toMatchObject({ underVerification: true, objectionIds: [raised.body.id] })
      expect(served.body.record.姓名).toBe('样**')
      expect((await record(2)).body.underVerification).toBeUndefined()

      expect(await kinds(as.reviewer!)).toContain('quality.objection_filed')
      expect(await kinds(as.civilApprover!)).toContain('quality.objection')
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const audit = await allAuditEntries(await auditorFor(admin), 'action=quality.objection.raise')
      expect(audit.map((e) => e.object)).toContain(raised.body.id)
      expect(JSON.stringify(audit)).not.toContain(id(1))

      expectError(
        await as.consumer!.post('/api/v1/quality/objections', {
          resourceId: civilRes,
          key: id(1),
          item: '住址',
          evidence: '再次提出',
        }),
        409,
        'QUALITY_DUPLICATE_OBJECTION',
      )
      expectError(
        await as.policeApprover!.post('/api/v1/quality/objections', {
          resourceId: civilRes,
          key: id(1),
          evidence: 'x',
        }),
        403,
        'FORBIDDEN',
      )
    })

    it('takes "corrected" once the provider re-loaded the record, on time; the flag goes away', async () => {
      const [open] = (
        await as.civilApprover!.get('/api/v1/quality/objections?direction=incoming&status=open')
      ).body.items
      expectError(
        await as.civilApprover!.post(`/api/v1/quality/objections/${open.id}/answer`, {
          outcome: 'corrected',
        }),
        409,
        'QUALITY_NOT_CORRECTED',
      )
      await at('2026-12-01T03:00:00Z')
      const reloaded = await as.civilCataloger!.post(`/api/v1/exchange/resources/${civilRes}/records`, {
        records: [{ ...person(1), 住址: '云南省昆明市五华区样例街1号' }],
      })
      expect(reloaded.body).toMatchObject({ updated: 1 })
      const answered = await as.civilApprover!.post(`/api/v1/quality/objections/${open.id}/answer`, {
        outcome: 'corrected',
        reason: '已按户籍档案更正',
      })
      expect(answered.status).toBe(200)
      expect(answered.body).toMatchObject({ status: 'corrected', late: false, correctionVersion: 2 })
      expect((await record(1)).body).toMatchObject({ version: 2 })
      expect((await record(1)).body.underVerification).toBeUndefined()
      expect(await kinds(as.consumer!)).toContain('quality.objection_answered')
    })

    it('counts an objection answered after its due date late', async () => {
      await at('2026-12-01T03:00:00Z')
      expect((await record(2)).status).toBe(200)
      const raised = await as.consumer!.post('/api/v1/quality/objections', {
        resourceId: civilRes,
        key: id(2),
        evidence: '姓名与身份证不符',
      })
      expect(raised.body.dueDate).toBe('2026-12-08')
      await at('2026-12-09T02:00:00Z')
      const mine = await as.consumer!.get(`/api/v1/quality/objections/${raised.body.id}`)
      expect(mine.body).toMatchObject({ status: 'open', overdue: true })
      expectError(
        await as.civilApprover!.post(`/api/v1/quality/objections/${raised.body.id}/answer`, {
          outcome: 'confirmed',
        }),
        400,
        'QUALITY_REASON_REQUIRED',
      )
      const answered = await as.civilApprover!.post(`/api/v1/quality/objections/${raised.body.id}/answer`, {
        outcome: 'confirmed',
        reason: '经核对户籍档案，姓名无误',
      })
      expect(answered.body).toMatchObject({
        status: 'confirmed',
        late: true,
        answer: '经核对户籍档案，姓名无误',
      })
      const all = await as.reviewer!.get('/api/v1/quality/objections')
      expect(all.body.items.map((o: { late: boolean }) => o.late).sort()).toEqual([false, true])
    })

    it('lets the bureau set the deadline, and no one else', async () => {
      expectError(
        await as.consumer!.request('PUT', '/api/v1/quality/settings', { objectionDays: 3 }),
        403,
        'FORBIDDEN',
      )
      const set = await as.reviewer!.request('PUT', '/api/v1/quality/settings', { objectionDays: 3 })
      expect(set.body).toEqual({ objectionDays: 3 })
      expect((await as.consumer!.get('/api/v1/quality/settings')).body).toEqual({ objectionDays: 3 })
      expectError(
        await as.reviewer!.request('PUT', '/api/v1/quality/settings', { objectionDays: 0 }),
        400,
        'VALIDATION_FAILED',
      )
    })

    it('finds exactly the planted disagreements and routes them to the non-authoritative provider', async () => {
      await at('2026-12-10T02:00:00Z')
      // Planted: the civil resource's address of 4, 9 and 15 differs from the population base's.
      await as.civilCataloger!.post(`/api/v1/exchange/resources/${civilRes}/records`, {
        records: [4, 9, 15].map((i) => ({ ...person(i), 住址: `云南省昆明市官渡区迁出街${i}号` })),
      })
      const created = await as.reviewer!.post('/api/v1/quality/checks', {
        name: '婚姻登记住址与户籍住址比对',
        leftResourceId: policeRes,
        leftKeyItem: '公民身份号码',
        leftItem: '住址',
        rightResourceId: civilRes,
        rightKeyItem: '公民身份号码',
        rightItem: '住址',
        authoritativeSide: 'left',
      })
      expect(created.status).toBe(201)
      checkId = created.body.id
      const run = await as.reviewer!.post(`/api/v1/quality/checks/${checkId}/run`)
      expect(run.body).toMatchObject({ compared: 20, disagreements: 4 })
      const routed = await as.civilApprover!.get('/api/v1/quality/disagreements?status=open')
      // 1 was corrected to 五华区 on the civil side only, so it disagrees too.
      expect(routed.body.items.map((d: { maskedKey: string }) => d.maskedKey).sort()).toEqual(
        [1, 4, 9, 15].map(masked).sort(),
      )
      expect(
        routed.body.items.every((d: { routedToDepartmentId: string }) => d.routedToDepartmentId === civilId),
      ).toBe(true)
      expect(JSON.stringify(routed.body)).not.toMatch(/迁出街|盘龙区样例街/)
      expect((await as.policeApprover!.get('/api/v1/quality/disagreements')).body.total).toBe(0)
      expect(await kinds(as.civilApprover!)).toContain('quality.disagreements')
      expectError(await as.civilApprover!.post(`/api/v1/quality/checks/${checkId}/run`), 403, 'FORBIDDEN')
    })

    it('keeps a trend of disagreements per run', async () => {
      await at('2026-12-11T02:00:00Z')
      await as.civilCataloger!.post(`/api/v1/exchange/resources/${civilRes}/records`, {
        records: [person(4), person(9)],
      })
      const second = await as.reviewer!.post(`/api/v1/quality/checks/${checkId}/run`)
      expect(second.body).toMatchObject({ compared: 20, disagreements: 2 })
      const trend = await as.reviewer!.get(`/api/v1/quality/checks/${checkId}/runs`)
      expect(trend.body.items.map((r: { disagreements: number }) => r.disagreements)).toEqual([4, 2])
      const checks = await as.reviewer!.get('/api/v1/quality/checks')
      expect(checks.body.items[0].lastRun).toMatchObject({ id: second.body.id, disagreements: 2 })
    })
  })
}
