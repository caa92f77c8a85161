import { afterEach, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../test/support/db.js'
import { DIALECTS } from '../../../test/support/dialects.js'
import type { Db } from '../../db/database.js'
import { type Actor, SYSTEM_ACTOR } from '../../shared/actor.js'
import { fixedClock } from '../../shared/clock.js'
import { createAuditService } from '../audit/index.js'
import { createCalendarService } from '../calendar/index.js'
import { createNotificationService } from '../notifications/index.js'
import { platformJobs, remindMissingSchedule } from './index.js'
import { findLease, tryAcquireLease } from './repo.js'
import { createJobRunner, type Job } from './runner.js'

const MINUTE = 60_000

for (const dialect of DIALECTS) {
  describe(`${dialect}: job leases and runner`, () => {
    let cleanup: (() => Promise<void>) | undefined
    afterEach(async () => {
      await cleanup?.()
      cleanup = undefined
    })

    /** A migrated store and two more handles on it: three "instances". */
    async function setup() {
      const t = await openTestDb(dialect)
      const first = await t.store.open()
      const second = await t.store.open()
      cleanup = async () => {
        await first.close()
        await second.close()
        await t.cleanup()
      }
      return { db: t.handle.db, first: first.db, second: second.db }
    }

    it('gives a free lease to one holder, renews it for that holder, hands it over once expired', async () => {
      const { db } = await setup()
      const now = new Date('2026-11-25T08:00:00Z')
      expect(await tryAcquireLease(db, 'job', 'a', MINUTE, now)).toBe(true)
      expect(await tryAcquireLease(db, 'job', 'b', MINUTE, new Date(now.getTime() + MINUTE - 1))).toBe(false)
      expect(await tryAcquireLease(db, 'job', 'a', MINUTE, new Date(now.getTime() + 30_000))).toBe(true)
      expect(await tryAcquireLease(db, 'job', 'b', MINUTE, new Date(now.getTime() + 60_000))).toBe(false)
      expect(await tryAcquireLease(db, 'job', 'b', MINUTE, new Date(now.getTime() + 90_000))).toBe(true)
      expect(await findLease(db, 'job')).toMatchObject({
        holder: 'b',
        expires_at: '2026-11-25T08:02:30.000Z',
      })
    })

    it('lets exactly one of two instances racing at once take each lease', async () => {
      const { first, second } = await setup()
      const now = new Date('2026-11-25T08:00:00Z')
      for (let i = 0; i < 20; i++) {
        const name = `race-${i}`
        const results = await Promise.all([
          tryAcquireLease(first, name, 'a', MINUTE, now),
          tryAcquireLease(second, name, 'b', MINUTE, now),
          tryAcquireLease(first, name, 'c', MINUTE, now),
          tryAcquireLease(second, name, 'd', MINUTE, now),
        ])
        expect(results.filter(Boolean), name).toHaveLength(1)
      }
      // The same once every lease has expired: a takeover race has one winner too.
      const later = new Date(now.getTime() + 2 * MINUTE)
      for (let i = 0; i < 20; i++) {
        const name = `race-${i}`
        const results = await Promise.all([
          tryAcquireLease(first, name, 'x', MINUTE, later),
          tryAcquireLease(second, name, 'y', MINUTE, later),
        ])
        expect(results.filter(Boolean), name).toHaveLength(1)
      }
    })

    it('runs a job on one instance only, and on another once the lease has lapsed', async () => {
      const { first, second } = await setup()
      const clock = fixedClock('2026-11-25T08:00:00Z')
      let runs = 0
      const job: Job = {
        name: 'count',
        intervalMs: 10 * MINUTE,
        run: async () => {
          runs += 1
        },
      }
      const a = createJobRunner({ db: first, clock, jobs: [job], holder: 'a' })
      const b = createJobRunner({ db: second, clock, jobs: [job], holder: 'b' })
      const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()])
      expect(runs).toBe(1)
      expect([...ranA, ...ranB]).toEqual(['count'])
      const winner = ranA.length > 0 ? a : b
      const loser = winner === a ? b : a
      expect(await loser.runDue()).toEqual([])
      expect(await winner.runDue()).toEqual(['count'])
      clock.advance(11 * MINUTE)
      // Suppose the winner died: the other takes over after expiry.
      expect(await loser.runDue()).toEqual(['count'])
      expect((await findLease(first, 'count'))?.last_run_at).toBe('2026-11-25T08:11:00.000Z')
    })

    it('reports a failing job and keeps going; stop() waits for a run in progress', async () => {
      const { db } = await setup()
      const clock = fixedClock('2026-11-25T08:00:00Z')
      const errors: string[] = []
      let finished = false
      const runner = createJobRunner({
        db,
        clock,
        holder: 'a',
        onError: (name) => errors.push(name),
        jobs: [
          { name: 'fails', intervalMs: 20, run: () => Promise.reject(new Error('boom')) },
          {
            name: 'slow',
            intervalMs: 20,
            run: async () => {
              await new Promise((resolve) => setTimeout(resolve, 100))
              finished = true
            },
          },
        ],
      })
      runner.start()
      await new Promise((resolve) => setTimeout(resolve, 50))
      await runner.stop()
      expect(finished).toBe(true)
      expect(errors[0]).toBe('fails')
    })
  })

  describe(`${dialect}: calendar schedule reminder job`, () => {
    let cleanup: (() => Promise<void>) | undefined
    afterEach(async () => {
      await cleanup?.()
      cleanup = undefined
    })

    async function setup() {
      const t = await openTestDb(dialect)
      cleanup = t.cleanup
      const db = t.handle.db
      // Shanghai is UTC+8: 16:00Z on 31 October is 00:00 on 1 November there.
      const clock = fixedClock('2026-10-31T15:59:00Z')
      const audit = createAuditService({ db, native: t.handle.native, clock })
      const calendar = createCalendarService({ db, clock, audit })
      const notifications = createNotificationService({ db, clock, audit })
      const users = await seedAdmins(db)
      return {
        db,
        clock,
        audit,
        calendar,
        notifications,
        users,
        deps: { db, audit, calendar, notifications },
      }
    }

    it("reminds every platform admin once from 1 November until next year's schedule is loaded", async () => {
      const { clock, audit, calendar, notifications, users, deps } = await setup()
      expect(await remindMissingSchedule(deps)).toBe(0)
      clock.set('2026-10-31T16:00:00Z')
      expect(await remindMissingSchedule(deps)).toBe(2)
      expect(await remindMissingSchedule(deps)).toBe(0)

      const inbox = await notifications.listMine(users.admin, { page: 1, pageSize: 10 })
      expect(inbox.items).toHaveLength(1)
      expect(inbox.items[0]).toMatchObject({
        kind: 'calendar.schedule_missing',
        titleZh: '请导入 2027 年节假日安排',
        objectType: 'calendar_year',
        objectId: '2027',
      })
      expect((await notifications.listMine(users.cataloger, { page: 1, pageSize: 10 })).total).toBe(0)
      // Issue 13: only the audit administrator reads the log.
      const { entries } = await audit.listEntries(
        { ...users.admin, roles: ['auditor'] },
        {
          page: 1,
          pageSize: 10,
          action: 'notification.send',
        },
      )
      expect(entries).toHaveLength(1)

      await calendar.importSchedule(users.admin, 2027, [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      ])
      expect(await remindMissingSchedule(deps)).toBe(0)
    })

    it('is one of the platform jobs and runs through the runner', async () => {
      const { db, clock, notifications, users, deps } = await setup()
      clock.set('2026-11-02T00:00:00Z')
      const sharing = { jobs: { markOverdue: async () => 0, remindExpiring: async () => 0 } }
      const runner = createJobRunner({ db, clock, jobs: platformJobs({ ...deps, sharing }), holder: 'a' })
      expect(await runner.runDue()).toEqual([
        'calendar.schedule-reminder',
        'audit.checkpoint',
        'audit.partitions',
        'sharing.mark-overdue',
        'sharing.expiry-reminders',
      ])
      expect((await notifications.listMine(users.admin, { page: 1, pageSize: 10 })).total).toBe(1)
    })
  })
}

async function seedAdmins(db: Db): Promise<{ admin: Actor; cataloger: Actor }> {
  const now = '2026-01-01T00:00:00.000Z'
  await db
    .insertInto('departments')
    .values({
      id: 'd1',
      code: 'd1',
      name: 'bureau',
      level: 'city',
      parent_id: null,
      path: '/d1/',
      zone: 'external',
      created_at: now,
      updated_at: now,
    })
    .execute()
  const actors: Actor[] = []
  for (const [id, role] of [
    ['admin', 'platform_admin'],
    ['admin2', 'platform_admin'],
    ['cat', 'cataloger'],
  ] as const) {
    await db
      .insertInto('users')
      .values({
        id,
        username: id,
        password_hash: 'x',
        display_name: id,
        department_id: 'd1',
        status: 'active',
        locked_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await db.insertInto('user_roles').values({ user_id: id, role }).execute()
    actors.push({
      ...SYSTEM_ACTOR,
      kind: 'user',
      id,
      name: id,
      departmentId: 'd1',
      departmentPath: '/d1/',
      roles: [role],
    })
  }
  return { admin: actors[0]!, cataloger: actors[2]! }
}
