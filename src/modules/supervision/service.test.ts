/**
 * Statistics and evaluation facts on a real database, every dialect: the JSON
 * extraction, the Shanghai month and the joins of repo.ts are checked against hand-counted rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { type ServiceTest, setup } from '../../../test/support/services.js'
import type { Services } from '../../container.js'
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, type Role, SYSTEM_ACTOR } from '../../shared/actor.js'
import { type AuditEvent, auditFacts } from '../audit/index.js'
import { collectFacts } from './statistics/facts.js'

/** Seeded entries carry only the detail keys these counts read, so they skip the catalog's typing. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const T0 = '2025-10-01T00:00:00.000Z'

function actor(departmentId: string | null, roles: Role[], kind: Actor['kind'] = 'user'): Actor {
  return {
    ...SYSTEM_ACTOR,
    kind,
    id: `u-${departmentId}`,
    name: `u-${departmentId}`,
    departmentId,
    departmentPath: departmentId ? `/${departmentId}/` : null,
    departmentLevel: 'city',
    roles,
  }
}

/** Two departments and their resources; the bureau is the one setup() bootstrapped. */
async function seed(db: Db) {
  for (const [id, code] of [
    ['d1', 'D1'],
    ['d2', 'D2'],
  ]) {
    await db
      .insertInto('departments')
      .values({
        id: id ?? '',
        code: code ?? '',
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
  const resource = (id: string, providerId: string, version: number, shareType: string) => ({
    id,
    code: `C/${id}`,
    provider_id: providerId,
    status: 'published',
    latest_version: version,
    published_version: version,
    name: `资源${id}`,
    summary: 's',
    category: 'department',
    theme: null,
    class_code: 'C',
    share_type: shareType,
    format: 'database',
    update_cycle: 'daily',
    zone: 'external' as const,
    published_at: T0,
    confirmed_at: T0,
    withdrawn_reason: null,
    created_at: T0,
    updated_at: T0,
  })
  await db
    .insertInto('resources')
    .values([resource('r1', 'd1', 2, 'unconditional'), resource('r2', 'd2', 1, 'conditional')])
    .execute()
  // r1: 2 items in version 1, 3 in version 2; r2: 1 item.
  const items = [
    ['r1', 1, 2],
    ['r1', 2, 3],
    ['r2', 1, 1],
  ] as const
  for (const [resourceId, version, count] of items) {
    for (let position = 0; position < count; position++) {
      await db
        .insertInto('items')
        .values({
          id: `${resourceId}-${version}-${position}`,
          resource_id: resourceId,
          version,
          position,
          code: `i${position}`,
          name: `项${position}`,
          data_type: 'string',
          length: null,
          is_key: position === 0 ? 1 : 0,
          sensitivity: 'none',
          description: null,
          authoritative_item_code: null,
        })
        .execute()
    }
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: supervision services`, () => {
    let t: ServiceTest
    let clock: ServiceTest['clock']
    let db: Db
    let sut: Services['supervision']
    let calendar: Services['calendar']
    let bureau: Actor
    const admin1 = actor('d1', ['dept_admin'])

    beforeAll(async () => {
      t = await setup(dialect, { start: T0 })
      db = t.db
      clock = t.clock
      const { audit } = t.services
      calendar = t.services.calendar
      sut = t.services.supervision
      bureau = actor(t.bureauId, ['bureau_reviewer'])
      await seed(db)
      const log = async (at: string, who: Actor, action: string, objectId: string, details = {}) => {
        clock.set(at)
        await inTransaction(db, (trx) =>
          audit.append(trx, who, { ...anyEvent(action, details), objectType: 'x', objectId }),
        )
      }
      const reader = actor('d2', ['consumer'])
      // 2025-10-31 23:59:59.999 in Kunming is October; one millisecond later, November.
      await log('2025-10-31T15:59:59.999Z', bureau, 'catalog.publish', 'r1', {
        version: 1,
        shareType: 'unconditional',
      })
      await log('2025-10-31T16:00:00.000Z', bureau, 'catalog.publish', 'r1', {
        version: 2,
        shareType: 'unconditional',
      })
      await log('2025-11-10T02:00:00.000Z', bureau, 'catalog.publish', 'r2', {
        version: 1,
        shareType: 'conditional',
      })
      await log('2025-11-05T02:00:00.000Z', reader, 'exchange.read', 'r1', { grantId: 'g', records: 7 })
      await log('2025-11-06T02:00:00.000Z', reader, 'exchange.read', 'r1', { grantId: 'g', records: 0 })
      await log('2025-12-01T01:00:00.000Z', actor('d1', ['consumer']), 'exchange.read', 'r2', { records: 2 })
      await log('2025-11-05T02:00:00.000Z', reader, 'grant.create', 'g', { resourceId: 'r1' })
      await log('2025-11-03T02:00:00.000Z', reader, 'sharing.request', 'q0', { resourceId: 'r1' })
      await log('2025-11-03T02:00:00.000Z', reader, 'sharing.request', 'q1', { resourceId: 'r2' })
      await log('2025-11-04T02:00:00.000Z', actor('d1', ['cataloger']), 'catalog.create', 'r9')
      await log('2025-11-04T02:00:00.000Z', actor('d1', ['cataloger']), 'auth.login', 'u')
      await log('2025-11-04T02:00:00.000Z', actor('d2', [], 'system'), 'sharing.overdue', 'q3')
      await log('2025-12-20T02:00:00.000Z', bureau, 'catalog.withdraw', 'r2', { reason: 'x' })

      const request = (id: string, createdAt: string, dueDate: string | null) => ({
        id,
        resource_id: 'r2',
        consumer_id: 'd1',
        requester_type: 'user',
        requester_id: null,
        requester_name: 'u',
        items: '["项0"]',
        purpose: 'p',
        basis: null,
        valid_to: null,
        status: 'pending',
        due_date: dueDate,
        due_provisional: 0,
        renewal_of: null,
        grant_id: null,
        created_at: createdAt,
        updated_at: createdAt,
      })
      await db
        .insertInto('sharing_requests')
        .values([
          request('q1', '2025-11-03T02:00:00.000Z', '2025-11-17'),
          request('q2', '2025-11-03T03:00:00.000Z', '2025-11-17'),
          request('q3', '2025-11-20T02:00:00.000Z', '2025-12-04'),
          request('q4', '2025-11-28T02:00:00.000Z', '2025-12-12'),
          request('q5', '2025-11-28T02:00:00.000Z', null),
        ])
        .execute()
      const decision = (id: string, decidedAt: string, late: number) => ({
        request_id: id,
        decision: 'approve',
        items: null,
        reason: null,
        plain: 0,
        decided_by: null,
        decided_by_name: 'a',
        decided_at: decidedAt,
        late,
      })
      await db
        .insertInto('sharing_decisions')
        .values([
          decision('q1', '2025-11-04T02:00:00.000Z', 0),
          decision('q2', '2025-11-24T02:00:00.000Z', 1),
        ])
        .execute()

      const version = (
        key: string,
        arrivedAt: string,
        sourceChangedAt: string,
        lag: number | null,
        deleted = 0,
      ) => ({
        resource_id: 'r1',
        key_hash: key,
        data: '{}',
        source_changed_at: sourceChangedAt,
        arrived_at: arrivedAt,
        version: 1,
        deleted,
        lag_days: lag,
      })
      await db
        .insertInto('records')
        .values([
          version('k1', '2025-11-10T02:00:00.000Z', '2025-11-03T02:00:00.000Z', null),
          version('k2', '2025-11-10T02:00:00.000Z', '2025-11-03T02:00:00.000Z', null),
          version('k3', '2025-12-02T02:00:00.000Z', '2025-12-01T02:00:00.000Z', 1),
        ])
        .execute()
      await db
        .insertInto('record_history')
        .values([
          { ...version('k1', '2025-11-05T02:00:00.000Z', '2025-10-20T02:00:00.000Z', 9), replaced_at: T0 },
          { ...version('k2', '2025-11-06T02:00:00.000Z', '2025-11-06T02:00:00.000Z', 0, 1), replaced_at: T0 },
        ])
        .execute()

      const objection = (id: string, createdAt: string, due: string, answeredAt: string | null) => ({
        id,
        resource_id: 'r1',
        provider_id: 'd1',
        key_hash: 'k1',
        masked_key: 'k*',
        item_name: null,
        consumer_id: 'd2',
        raised_by: 'u',
        evidence: 'e',
        status: answeredAt ? 'confirmed' : 'open',
        due_date: due,
        due_provisional: 0,
        record_version: 1,
        answered_at: answeredAt,
        answered_by: null,
        answer: null,
        late: 0,
        correction_version: null,
        created_at: createdAt,
      })
      await db
        .insertInto('objections')
        .values([
          objection('o1', '2025-11-05T02:00:00.000Z', '2025-11-19', '2025-11-18T10:00:00.000Z'),
          objection('o2', '2025-11-06T02:00:00.000Z', '2025-11-20', '2025-11-20T17:00:00.000Z'),
          objection('o3', '2025-11-25T02:00:00.000Z', '2025-12-09', null),
          objection('o4', '2025-11-28T02:00:00.000Z', '2025-12-12', null),
        ])
        .execute()
      clock.set('2025-12-10T02:00:00.000Z')
    })
    afterAll(async () => {
      await t?.cleanup()
    })

    it('counts log events by Shanghai month, reading records and resourceId out of the JSON details', async () => {
      const view = await sut.statistics.statistics(admin1, {
        from: '2025-10-01',
        to: '2025-11-30',
        groupBy: 'month',
      })
      expect(view.rows).toEqual([
        { key: '2025-10', label: '2025-10', ...counts({ resourcesPublished: 1, itemsPublished: 2 }) },
        {
          key: '2025-11',
          label: '2025-11',
          // r1 v2 (3 items) and r2 v1 (1 item); two reads of r1 returning 7 + 0 records.
          ...counts({
            queries: 2,
            recordsServed: 7,
            grantsCreated: 1,
            requests: 2,
            resourcesPublished: 2,
            itemsPublished: 4,
          }),
        },
      ])
      expect(view.totals).toEqual(
        counts({
          queries: 2,
          recordsServed: 7,
          grantsCreated: 1,
          requests: 2,
          resourcesPublished: 3,
          itemsPublished: 6,
        }),
      )
    })

    it('attributes every count to the resource and its provider', async () => {
      const byDepartment = await sut.statistics.statistics(admin1, { from: '2025-11-01', to: '2025-12-31' })
      expect(byDepartment.rows.map((row) => [row.key, row.queries, row.recordsServed, row.requests])).toEqual(
        [
          ['d1', 2, 7, 1],
          ['d2', 1, 2, 1],
          [t.bureauId, 0, 0, 0],
        ],
      )
      const mine = await sut.statistics.statistics(admin1, {
        from: '2025-11-01',
        to: '2025-11-30',
        groupBy: 'resource',
        departmentId: 'd1',
      })
      expect(mine.rows).toEqual([
        {
          key: 'r1',
          label: '资源r1',
          ...counts({
            queries: 2,
            recordsServed: 7,
            grantsCreated: 1,
            requests: 1,
            resourcesPublished: 1,
            itemsPublished: 3,
          }),
        },
      ])
      await expect(
        sut.statistics.statistics(admin1, { from: '2025-11-01', to: '2025-11-30', departmentId: 'nope' }),
      ).rejects.toMatchObject({ code: 'ORG_DEPARTMENT_NOT_FOUND' })
    })

    it('gives the dashboard its totals now', async () => {
      expect(await sut.statistics.summary(admin1)).toEqual({
        asOf: '2025-12-10',
        departments: 3,
        publishedResources: 2, // the withdrawal is only in the log here
        items: 4,
        grantsLive: 0,
        queriesLast30Days: 1, // 2025-12-01 only
      })
    })

    it('gathers the Art. 35 facts of a period', async () => {
      const facts = await collectFacts(
        { workingDays: calendar, auditFacts },
        db,
        { from: '2025-11-01', to: '2025-11-30' },
        '2025-12-10',
        ['d1', 'd2'],
      )
      expect(facts.get('d1')).toMatchObject({
        activeMonths: 1, // the cataloger's catalog.create; a sign-in does not count
        resourcesPublished: 1,
        itemsPublished: 3,
        unconditionalResources: 1,
        // k1, k2: 2025-11-03 → 11-10 is 5 working days (timely); the replaced k1 stored lag 9; deletions left out.
        versionsArrived: 3,
        versionsTimely: 2,
        // o1 on time, o2 answered 11-21 Kunming time for 11-20, o3 unanswered past 12-09; o4 not due yet.
        objectionsDue: 3,
        objectionsOnTime: 1,
        queriesServed: 2,
        recordsServed: 7,
        queriesMade: 0,
      })
      expect(facts.get('d2')).toMatchObject({
        activeMonths: 1, // its reads; the system's overdue entry does not count
        resourcesPublished: 1, // withdrawn only on 2025-12-20
        unconditionalResources: 0,
        requestsReceived: 4, // q1–q4; q5 is unconditional
        requestsAnswered: 2,
        requestsOverdue: 1, // q3 (due 12-04); q4 is due 12-12
        lateAnswers: 1,
        // q1: 11-03 → 11-04 = 1; q2: 11-03 → 11-24 = 4 + 5 + 5 + 1 = 15; median 8.
        medianAnswerDays: 8,
        objectionsDue: 0,
        queriesMade: 2,
      })
    })

    it('evaluates without the bureau, and shows a dept_admin only its own row', async () => {
      const all = await sut.evaluation.evaluate(bureau, { from: '2025-11-01', to: '2025-11-30' })
      expect(all.items.map((row) => row.departmentId).sort()).toEqual(['d1', 'd2'])
      expect(all.items.find((row) => row.departmentId === 'd1')?.values.objectionsOnTime).toBe(33.3)
      const own = await sut.evaluation.evaluate(admin1, { from: '2025-11-01', to: '2025-11-30' })
      expect(own.items.map((row) => row.departmentId)).toEqual(['d1'])
      await expect(sut.evaluation.evaluate(actor('d1', ['consumer']), {})).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(sut.evaluation.setWeights(admin1, { dataUse: 1 })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      expect((await sut.evaluation.setWeights(bureau, { dataUse: 30 })).dataUse).toBe(30)
      expect((await sut.evaluation.getWeights(admin1)).dataUse).toBe(30)
    })

    it('counts versions without a declared change time as arrived but never timely (Art. 18)', async () => {
      // January 2026, away from the other tests' periods: one batch declared a change the day
      // before (lag 1), the other left it out (the arrival time stood in, no lag).
      const row = (key: string, declared: number, lag: number | null) => ({
        resource_id: 'r1',
        key_hash: key,
        data: '{}',
        source_changed_at: declared ? '2026-01-05T02:00:00.000Z' : '2026-01-06T02:00:00.000Z',
        arrived_at: '2026-01-06T02:00:00.000Z',
        version: 1,
        deleted: 0,
        lag_days: lag,
        change_time_declared: declared,
      })
      await db
        .insertInto('records')
        .values([row('u1', 1, 1), row('u2', 0, null), row('u3', 0, null)])
        .execute()
      const period = { from: '2026-01-01', to: '2026-01-31' }
      const facts = await collectFacts({ workingDays: calendar, auditFacts }, db, period, '2026-02-10', [
        'd1',
      ])
      expect(facts.get('d1')).toMatchObject({ versionsArrived: 3, versionsTimely: 1, versionsUndeclared: 2 })
      const evaluated = await sut.evaluation.evaluate(bureau, period)
      // Counted as on time (as before), the score would be 100.
      expect(evaluated.items.find((r) => r.departmentId === 'd1')?.values.updateTimeliness).toBe(33.3)
    })
  })
}

function counts(partial: Partial<Record<string, number>>) {
  return {
    queries: 0,
    recordsServed: 0,
    grantsCreated: 0,
    requests: 0,
    resourcesPublished: 0,
    itemsPublished: 0,
    ...partial,
  }
}
