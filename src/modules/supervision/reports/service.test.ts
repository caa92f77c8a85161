/** Annual reports (Art. 39) on a real database, every dialect: generate, edit, submit, late flags. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { type ServiceTest, setup } from '../../../../test/support/services.js'
import type { Services } from '../../../container.js'
import type { Db } from '../../../db/database.js'
import { inTransaction } from '../../../db/transaction.js'
import { type Actor, type Role, SYSTEM_ACTOR } from '../../../shared/actor.js'
import type { AuditEvent } from '../../audit/index.js'

/** Seeded entries carry only the detail keys these counts read, so they skip the catalog's typing. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const T0 = '2025-10-01T00:00:00.000Z'

function actor(departmentId: string, roles: Role[]): Actor {
  return {
    ...SYSTEM_ACTOR,
    kind: 'user',
    id: `u-${departmentId}`,
    name: `u-${departmentId}`,
    departmentId,
    departmentPath: `/${departmentId}/`,
    departmentLevel: 'city',
    roles,
  }
}

/** Two departments, and d1's resource r1 (one item) published by the bureau and read twice in 2025. */
async function seed(
  db: Db,
  bureau: Actor,
  log: (at: string, who: Actor, action: string, details: Record<string, unknown>) => Promise<void>,
) {
  for (const [id, code] of [
    ['d1', 'D1'],
    ['d2', 'D2'],
  ] as const) {
    await db
      .insertInto('departments')
      .values({
        id,
        code,
        name: `部门${id}`,
        level: 'city',
        parent_id: null,
        path: `/${id}/`,
        zone: 'external',
        created_at: T0,
        updated_at: T0,
      })
      .execute()
  }
  await db
    .insertInto('resources')
    .values({
      id: 'r1',
      code: 'C/r1',
      provider_id: 'd1',
      status: 'published',
      latest_version: 1,
      published_version: 1,
      name: '资源r1',
      summary: 's',
      category: 'department',
      theme: null,
      class_code: 'C',
      share_type: 'unconditional',
      format: 'database',
      update_cycle: 'daily',
      zone: 'external',
      published_at: T0,
      confirmed_at: T0,
      withdrawn_reason: null,
      created_at: T0,
      updated_at: T0,
    })
    .execute()
  await db
    .insertInto('items')
    .values({
      id: 'r1-1-0',
      resource_id: 'r1',
      version: 1,
      position: 0,
      code: 'i0',
      name: '项0',
      data_type: 'string',
      length: null,
      is_key: 1,
      sensitivity: 'none',
      description: null,
      authoritative_item_code: null,
    })
    .execute()
  const reader = actor('d2', ['consumer'])
  await log('2025-11-03T02:00:00.000Z', bureau, 'catalog.publish', { version: 1, shareType: 'unconditional' })
  await log('2025-11-05T02:00:00.000Z', reader, 'exchange.read', { records: 1 })
  await log('2025-11-06T02:00:00.000Z', reader, 'exchange.read', { records: 1 })
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: annual reports`, () => {
    let t: ServiceTest
    let clock: ServiceTest['clock']
    let sut: Services['supervision']
    let bureau: Actor
    const admin1 = actor('d1', ['dept_admin'])

    beforeAll(async () => {
      t = await setup(dialect, { start: T0 })
      const { db } = t
      const { audit } = t.services
      clock = t.clock
      sut = t.services.supervision
      bureau = actor(t.bureauId, ['bureau_reviewer'])
      await seed(db, bureau, async (at, who, action, details) => {
        clock.set(at)
        await inTransaction(db, (trx) =>
          audit.append(trx, who, { ...anyEvent(action, details), objectType: 'resource', objectId: 'r1' }),
        )
      })
    })
    afterAll(async () => {
      await t?.cleanup()
    })

    it('generates, edits and submits annual reports, flagging the late ones', async () => {
      clock.set('2025-12-31T02:00:00.000Z')
      await expect(sut.annualReports.generate(admin1, 2025, {})).rejects.toMatchObject({
        code: 'REPORT_YEAR_NOT_CLOSED',
      })
      clock.set('2026-01-03T02:00:00.000Z')
      await expect(sut.annualReports.generate(admin1, 2025, { departmentId: 'd2' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(sut.annualReports.generate(admin1, 2025, { kind: 'city' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      const draft = await sut.annualReports.generate(admin1, 2025, {})
      expect(draft).toMatchObject({
        kind: 'department',
        departmentId: 'd1',
        status: 'draft',
        dueDate: '2026-01-05',
        late: false,
      })
      expect(draft.figures).toMatchObject({ statistics: { queries: 2 }, facts: { resourcesPublished: 1 } })
      await sut.annualReports.updateText(admin1, draft.id, '本年度共享工作总结')
      const again = await sut.annualReports.generate(admin1, 2025, {})
      expect(again).toMatchObject({ id: draft.id, text: '本年度共享工作总结' })

      clock.set('2026-01-06T02:00:00.000Z')
      const submitted = await sut.annualReports.submit(admin1, draft.id)
      expect(submitted).toMatchObject({ status: 'submitted', late: true, submittedBy: 'u-d1' })
      await expect(sut.annualReports.submit(admin1, draft.id)).rejects.toMatchObject({
        code: 'REPORT_ALREADY_SUBMITTED',
      })
      await expect(sut.annualReports.updateText(admin1, draft.id, 'x')).rejects.toMatchObject({
        code: 'REPORT_ALREADY_SUBMITTED',
      })
      await expect(sut.annualReports.getReport(actor('d2', ['dept_admin']), draft.id)).rejects.toMatchObject({
        code: 'REPORT_NOT_FOUND',
      })
      const city = await sut.annualReports.generate(bureau, 2025, { kind: 'city' })
      expect(city).toMatchObject({ kind: 'city', departmentId: null, dueDate: '2026-01-15', late: false })
      expect(city.figures).toMatchObject({
        departments: expect.arrayContaining([
          expect.objectContaining({ departmentId: 'd1', report: 'submitted', reportLate: true }),
          expect.objectContaining({ departmentId: 'd2', report: 'missing', reportLate: true }),
        ]),
      })
      const list = await sut.annualReports.listReports(bureau, { year: 2025 })
      expect(list.map((r) => [r.departmentId, r.status, r.late])).toEqual([
        ['d1', 'submitted', true],
        ['d2', 'missing', true],
        [null, 'draft', false],
      ])
      expect(
        (await sut.annualReports.listReports(admin1, { year: 2025 })).map((r) => r.departmentId),
      ).toEqual(['d1'])
    })
  })
}
