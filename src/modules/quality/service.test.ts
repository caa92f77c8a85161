import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { publish } from '../../../test/support/service-kit.js'
import { SERVICE_TEST_CONFIG, type ServiceTest, setup } from '../../../test/support/services.js'
import { createServices, type Services } from '../../container.js'
import type { DbHandle } from '../../db/connect.js'
import type { Db } from '../../db/database.js'
import { syntheticIdNumber } from '../../seed/identity.js'
import type { Actor } from '../../shared/actor.js'
import { createJobRunner, platformJobs, tryAcquireLease } from '../jobs/index.js'

const DAY = 24 * 60 * 60 * 1000
const id = (i: number) => syntheticIdNumber('530102', '1985-03-04', i)
const person = (i: number, address = `云南省昆明市五华区测试路${i}号`) => ({
  公民身份号码: id(i),
  姓名: `测试${i}`,
  住址: address,
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: quality services`, () => {
    let t: ServiceTest | undefined
    /** Handles of extra instances a test opened on its store: closed before the store goes. */
    let extra: DbHandle[] = []
    afterEach(async () => {
      await Promise.all(extra.map((h) => h.close()))
      extra = []
      await t?.cleanup()
      t = undefined
    })

    async function world() {
      t = await setup(dialect)
      const s = t.services
      const [civil, police, user, outsiderDept] = [
        await t.department(),
        await t.department(),
        await t.department(),
        await t.department(),
      ]
      const a = {
        reviewer: await t.person(t.bureauId, ['bureau_reviewer']),
        civilCataloger: await t.person(civil, ['cataloger']),
        civilApprover: await t.person(civil, ['approver']),
        policeCataloger: await t.person(police, ['cataloger']),
        policeApprover: await t.person(police, ['approver']),
        consumer: await t.person(user, ['consumer']),
        outsider: await t.person(outsiderDept, ['consumer']),
      }
      const civilRes = await publish(t, a.civilCataloger, a.reviewer, { name: '婚姻登记当事人信息' })
      const policeRes = await publish(t, a.policeCataloger, a.reviewer, { name: '户籍人口基本信息' })
      await s.sharing.requests.createRequest(a.consumer, {
        resourceId: civilRes,
        items: ['公民身份号码', '姓名', '住址'],
        purpose: '婚姻状况核验',
      })
      return { t, s, clock: t.clock, a, civil, police, civilRes, policeRes }
    }

    /** The consumer reads the records first: one objects to a record one was served. */
    const serve = async (s: Services, a: { consumer: Actor }, resourceId: string, keys: number[]) => {
      for (const i of keys) {
        await s.exchange.query.readByKey(a.consumer, resourceId, id(i), { caseRef: `ZL-READ-${i}` })
      }
    }

    const inbox = async (s: Services, actor: Actor) =>
      (await s.notifications.listMine(actor, { page: 1, pageSize: 50 })).items.map((m) => m.kind)

    it('files an objection with a 5-working-day deadline, flags the record, and tells provider and bureau', async () => {
      const { t, s, a, civilRes } = await world()
      await s.exchange.ingest.ingest(a.civilCataloger, civilRes, { records: [person(1), person(2)] })
      await serve(s, a, civilRes, [1])
      const objection = await s.quality.objections.raiseObjection(a.consumer, {
        resourceId: civilRes,
        key: id(1),
        item: '住址',
        evidence: '当事人提供的户口簿住址为盘龙区',
      })
      expect(objection).toMatchObject({
        status: 'open',
        dueDate: '2026-12-02',
        dueDateProvisional: false,
        item: '住址',
        maskedKey: `530102********${id(1).slice(14)}`,
        recordVersion: 1,
        overdue: false,
      })
      const stored = await sql<{ k: string }>`select key_hash || masked_key as k from objections`.execute(
        t.db,
      )
      expect(JSON.stringify(stored.rows)).not.toContain(id(1))
      const read = await s.exchange.query.readByKey(a.consumer, civilRes, id(1), { caseRef: 'ZL-2026-1' })
      expect(read).toMatchObject({ underVerification: true, objectionIds: [objection.id] })
      expect(read.record.住址).toBeDefined()
      expect(
        await s.exchange.query.readByKey(a.consumer, civilRes, id(2), { caseRef: 'ZL-2026-2' }),
      ).not.toHaveProperty('underVerification')
      expect(await inbox(s, a.civilApprover)).toContain('quality.objection')
      // The cataloger may answer too, so the deadline reaches them as well.
      expect(await inbox(s, a.civilCataloger)).toContain('quality.objection')
      expect(await inbox(s, a.reviewer)).toContain('quality.objection_filed')

      const raise = (actor: Actor, body: Partial<{ key: string; item: string }>) =>
        s.quality.objections.raiseObjection(actor, {
          resourceId: civilRes,
          key: id(1),
          evidence: '证据',
          ...body,
        })
      await expect(raise(a.consumer, { item: '住址' })).rejects.toMatchObject({
        code: 'QUALITY_DUPLICATE_OBJECTION',
      })
      await expect(raise(a.consumer, { key: id(9) })).rejects.toMatchObject({
        code: 'QUALITY_RECORD_NOT_FOUND',
      })
      await expect(raise(a.consumer, { item: '性别' })).rejects.toMatchObject({
        code: 'QUALITY_UNKNOWN_ITEM',
      })
      await expect(raise(a.outsider, {})).rejects.toMatchObject({ code: 'GRANT_REQUIRED' })
      await expect(raise(a.civilApprover, {})).rejects.toMatchObject({ code: 'FORBIDDEN' })
    })

    it('accepts corrected only after a re-load, links that version, and counts a late answer late', async () => {
      const { s, clock, a, civilRes } = await world()
      await s.exchange.ingest.ingest(a.civilCataloger, civilRes, { records: [person(1), person(2)] })
      await serve(s, a, civilRes, [1, 2])
      const first = await s.quality.objections.raiseObjection(a.consumer, {
        resourceId: civilRes,
        key: id(1),
        evidence: '姓名有误',
      })
      const answer = s.quality.objections.answer
      await expect(answer(a.civilApprover, first.id, { outcome: 'corrected' })).rejects.toMatchObject({
        code: 'QUALITY_NOT_CORRECTED',
      })
      await expect(answer(a.consumer, first.id, { outcome: 'corrected' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(answer(a.policeApprover, first.id, { outcome: 'corrected' })).rejects.toMatchObject({
        code: 'QUALITY_OBJECTION_NOT_FOUND',
      })
      await s.exchange.ingest.ingest(a.civilCataloger, civilRes, {
        records: [{ ...person(1), 姓名: '测试一' }],
      })
      const corrected = await answer(a.civilCataloger, first.id, { outcome: 'corrected' })
      expect(corrected).toMatchObject({ status: 'corrected', correctionVersion: 2, late: false })
      expect(
        await s.exchange.query.readByKey(a.consumer, civilRes, id(1), { caseRef: 'ZL-2026-1' }),
      ).not.toHaveProperty('underVerification')
      expect(await inbox(s, a.consumer)).toContain('quality.objection_answered')
      await expect(
        answer(a.civilApprover, first.id, { outcome: 'confirmed', reason: 'x' }),
      ).rejects.toMatchObject({
        code: 'QUALITY_ALREADY_ANSWERED',
      })

      const second = await s.quality.objections.raiseObjection(a.consumer, {
        resourceId: civilRes,
        key: id(2),
        evidence: '住址疑似过期',
      })
      await expect(answer(a.civilApprover, second.id, { outcome: 'confirmed' })).rejects.toMatchObject({
        code: 'QUALITY_REASON_REQUIRED',
      })
      clock.set('2026-12-03T02:00:00Z')
      expect(await s.quality.objections.getObjection(a.consumer, second.id)).toMatchObject({ overdue: true })
      const late = await answer(a.civilApprover, second.id, { outcome: 'confirmed', reason: '与档案一致' })
      expect(late).toMatchObject({ status: 'confirmed', late: true, answer: '与档案一致', overdue: false })
    })

    it('uses the bureau deadline setting and shows each side its own objections', async () => {
      const { s, a, civilRes } = await world()
      await expect(
        s.quality.objections.updateSettings(a.civilApprover, { objectionDays: 3 }),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      expect(await s.quality.objections.updateSettings(a.reviewer, { objectionDays: 3 })).toEqual({
        objectionDays: 3,
      })
      await s.exchange.ingest.ingest(a.civilCataloger, civilRes, { records: [person(1)] })
      await serve(s, a, civilRes, [1])
      const objection = await s.quality.objections.raiseObjection(a.consumer, {
        resourceId: civilRes,
        key: id(1),
        evidence: '证据',
      })
      expect(objection.dueDate).toBe('2026-11-30')
      const list = (actor: Actor, direction?: 'outgoing' | 'incoming') =>
        s.quality.objections.listObjections(actor, { direction, page: 1, pageSize: 10 }).then((p) => p.total)
      expect(await list(a.consumer, 'outgoing')).toBe(1)
      expect(await list(a.consumer, 'incoming')).toBe(0)
      expect(await list(a.civilApprover, 'incoming')).toBe(1)
      expect(await list(a.policeApprover)).toBe(0)
      expect(await list(a.reviewer)).toBe(1)
    })

    it('finds exactly the planted disagreements, routes them, and keeps a trend across runs', async () => {
      const { s, clock, a, police, civilRes, policeRes } = await world()
      const people = Array.from({ length: 12 }, (_, i) => person(i))
      await s.exchange.ingest.ingest(a.policeCataloger, policeRes, { records: people })
      const planted = new Map([
        [3, '云南省昆明市盘龙区测试路3号'],
        [7, '云南省昆明市官渡区测试路7号'],
      ])
      await s.exchange.ingest.ingest(a.civilCataloger, civilRes, {
        records: [
          // 3 and 7 disagree; 5 differs in whitespace only, which is no disagreement.
          ...people.slice(0, 10).map((p, i) => ({
            ...p,
            住址: planted.get(i) ?? (i === 5 ? ` ${p.住址.slice(0, 6)} ${p.住址.slice(6)}\u3000` : p.住址),
          })),
          person(40), // only in the civil resource: not compared
        ],
      })
      const body = {
        name: '婚姻登记住址与户籍住址比对',
        leftResourceId: policeRes,
        leftKeyItem: '公民身份号码',
        leftItem: '住址',
        rightResourceId: civilRes,
        rightKeyItem: '公民身份号码',
        rightItem: '住址',
        authoritativeSide: 'left' as const,
      }
      const create = s.quality.consistency.createCheck
      await expect(create(a.civilApprover, body)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(create(a.reviewer, { ...body, rightResourceId: policeRes })).rejects.toMatchObject({
        code: 'QUALITY_CHECK_INVALID',
      })
      await expect(create(a.reviewer, { ...body, leftKeyItem: '姓名' })).rejects.toMatchObject({
        code: 'QUALITY_CHECK_KEY_MISMATCH',
      })
      await expect(create(a.reviewer, { ...body, rightItem: '性别' })).rejects.toMatchObject({
        code: 'QUALITY_CHECK_INVALID',
      })
      const check = await create(a.reviewer, body)

      const first = await s.quality.consistency.runCheck(a.reviewer, check.id)
      expect(first).toMatchObject({ compared: 10, disagreements: 2 })
      const found = await s.quality.consistency.listDisagreements(a.policeApprover, { page: 1, pageSize: 50 })
      expect(found.total).toBe(0)
      const routed = await s.quality.consistency.listDisagreements(a.civilApprover, { page: 1, pageSize: 50 })
      expect(routed.items.map((d) => d.maskedKey).sort()).toEqual(
        [3, 7].map((i) => `530102********${id(i).slice(14)}`).sort(),
      )
      expect(routed.items.every((d) => d.status === 'open' && d.routedToDepartmentId !== police)).toBe(true)
      expect(JSON.stringify(routed)).not.toContain('盘龙区')
      expect(await inbox(s, a.civilApprover)).toContain('quality.disagreements')

      clock.advance(DAY)
      await s.exchange.ingest.ingest(a.civilCataloger, civilRes, { records: [person(3)] })
      const second = await s.quality.consistency.runCheck(a.reviewer, check.id)
      expect(second).toMatchObject({ compared: 10, disagreements: 1 })
      const trend = await s.quality.consistency.listRuns(a.reviewer, check.id)
      expect(trend.map((r) => r.disagreements)).toEqual([2, 1])
      const open = await s.quality.consistency.listDisagreements(a.reviewer, {
        status: 'open',
        page: 1,
        pageSize: 50,
      })
      expect(open.items.map((d) => d.maskedKey)).toEqual([`530102********${id(7).slice(14)}`])
      const history = await s.quality.consistency.listDisagreements(a.reviewer, { page: 1, pageSize: 50 })
      expect(history.items.map((d) => d.status).sort()).toEqual(['open', 'resolved', 'superseded'])
      await expect(s.quality.consistency.listRuns(a.civilApprover, check.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
    })

    it('refuses a manual run while another holder runs the check', async () => {
      const { s, clock, a, civilRes, policeRes } = await world()
      const check = await s.quality.consistency.createCheck(a.reviewer, {
        name: '比对',
        leftResourceId: policeRes,
        leftKeyItem: '公民身份号码',
        leftItem: '姓名',
        rightResourceId: civilRes,
        rightKeyItem: '公民身份号码',
        rightItem: '姓名',
        authoritativeSide: 'left',
      })
      expect(
        await tryAcquireLease(s.db, `quality.consistency:${check.id}`, 'other', 60_000, clock.now()),
      ).toBe(true)
      await expect(s.quality.consistency.runCheck(a.reviewer, check.id)).rejects.toMatchObject({
        code: 'QUALITY_RUN_IN_PROGRESS',
      })
      clock.advance(61_000)
      expect(await s.quality.consistency.runCheck(a.reviewer, check.id)).toMatchObject({ compared: 0 })
    })

    it('runs the daily job once when two instances start it at once, again the next day', async () => {
      const { t, s, clock, a, civilRes, policeRes } = await world()
      await s.quality.consistency.createCheck(a.reviewer, {
        name: '比对',
        leftResourceId: policeRes,
        leftKeyItem: '公民身份号码',
        leftItem: '姓名',
        rightResourceId: civilRes,
        rightKeyItem: '公民身份号码',
        rightItem: '姓名',
        authoritativeSide: 'right',
      })
      const handles = [await t.store.open(), await t.store.open()]
      extra.push(...handles)
      const runners = handles.map((h, i) => {
        const services = createServices({ handle: h, config: SERVICE_TEST_CONFIG, clock })
        return createJobRunner({ db: h.db, clock, jobs: platformJobs(services), holder: `instance-${i}` })
      })
      const ran = await Promise.all(runners.map((r) => r.runDue()))
      expect(ran.flat().filter((name) => name === 'quality.consistency')).toHaveLength(1)
      expect(await runCount(s.db)).toBe(1)
      clock.advance(DAY + 1000)
      await Promise.all(runners.map((r) => r.runDue()))
      expect(await runCount(s.db)).toBe(2)
    })
  })
}

async function runCount(db: Db): Promise<number> {
  const rows = await sql<{ n: number }>`select count(*) as n from consistency_runs`.execute(db)
  return Number(rows.rows[0]?.n)
}
