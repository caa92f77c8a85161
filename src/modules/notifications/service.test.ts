import { afterEach, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../test/support/db.js'
import { DIALECTS } from '../../../test/support/dialects.js'
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, type Role, SYSTEM_ACTOR } from '../../shared/actor.js'
import { fixedClock } from '../../shared/clock.js'
import { createAuditService } from '../audit/index.js'
import { createNotificationService, type NewNotification } from './service.js'

const MESSAGE: NewNotification = {
  kind: 'test.hello',
  titleZh: '你好',
  titleEn: 'Hello',
  bodyZh: '正文',
  bodyEn: 'Body',
}

/** Users straight into org's tables: this module only reads them. */
async function seedUsers(db: Db) {
  const now = '2026-11-25T00:00:00.000Z'
  for (const id of ['d1', 'd2']) {
    await db
      .insertInto('departments')
      .values({
        id,
        code: id,
        name: id,
        level: 'city',
        parent_id: null,
        path: `/${id}/`,
        zone: 'external',
        created_at: now,
        updated_at: now,
      })
      .execute()
  }
  const user = async (id: string, departmentId: string, roles: Role[], status = 'active'): Promise<Actor> => {
    await db
      .insertInto('users')
      .values({
        id,
        username: id,
        password_hash: 'x',
        display_name: id,
        department_id: departmentId,
        status,
        locked_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute()
    return {
      ...SYSTEM_ACTOR,
      kind: 'user',
      id,
      name: id,
      departmentId,
      departmentPath: `/${departmentId}/`,
      roles,
    }
  }
  return {
    admin1: await user('admin1', 'd1', ['platform_admin']),
    admin2: await user('admin2', 'd2', ['platform_admin', 'auditor']),
    retired: await user('retired', 'd1', ['platform_admin'], 'disabled'),
    cataloger: await user('cat', 'd1', ['cataloger']),
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: notifications`, () => {
    let cleanup: (() => Promise<void>) | undefined
    afterEach(async () => {
      await cleanup?.()
      cleanup = undefined
    })

    async function setup() {
      const t = await openTestDb(dialect)
      cleanup = t.cleanup
      const clock = fixedClock('2026-11-25T08:00:00Z')
      const audit = createAuditService({ db: t.handle.db, native: t.handle.native, clock })
      const notifications = createNotificationService({ db: t.handle.db, clock, audit })
      return { db: t.handle.db, clock, audit, notifications, users: await seedUsers(t.handle.db) }
    }

    it('notifies the active holders of a role, once per dedupe key', async () => {
      const { db, notifications, users } = await setup()
      const send = () =>
        inTransaction(db, (trx) =>
          notifications.notifyRole(trx, 'platform_admin', { ...MESSAGE, dedupeKey: 'k:2027' }),
        )
      expect(await send()).toBe(2)
      expect(await send()).toBe(0)
      expect((await notifications.listMine(users.admin1, { page: 1, pageSize: 10 })).total).toBe(1)
      expect((await notifications.listMine(users.retired, { page: 1, pageSize: 10 })).total).toBe(0)
      expect((await notifications.listMine(users.cataloger, { page: 1, pageSize: 10 })).total).toBe(0)
    })

    it('narrows a role to one department, and sends undeduplicated messages every time', async () => {
      const { db, notifications, users } = await setup()
      for (let i = 0; i < 2; i++) {
        await inTransaction(db, (trx) =>
          notifications.notifyRole(trx, 'platform_admin', MESSAGE, { departmentId: 'd2' }),
        )
      }
      expect((await notifications.listMine(users.admin2, { page: 1, pageSize: 10 })).total).toBe(2)
      expect((await notifications.listMine(users.admin1, { page: 1, pageSize: 10 })).total).toBe(0)
    })

    it('reads and marks only my own notifications, and audits the change', async () => {
      const { db, clock, audit, notifications, users } = await setup()
      await inTransaction(db, (trx) =>
        notifications.notify(trx, { ...MESSAGE, userIds: [users.admin1.id ?? ''] }),
      )
      clock.advance(60_000)
      await inTransaction(db, (trx) =>
        notifications.notify(trx, { ...MESSAGE, titleEn: 'Second', userIds: [users.admin1.id ?? ''] }),
      )
      const inbox = await notifications.listMine(users.admin1, { page: 1, pageSize: 10 })
      expect(inbox).toMatchObject({ total: 2, unread: 2 })
      expect(inbox.items.map((n) => n.titleEn)).toEqual(['Second', 'Hello'])
      const first = inbox.items[1]!

      await expect(notifications.markRead(users.admin2, first.id)).rejects.toMatchObject({
        code: 'NOTIFICATION_NOT_FOUND',
      })
      const read = await notifications.markRead(users.admin1, first.id)
      expect(read.readAt).toBe('2026-11-25T08:01:00.000Z')
      await notifications.markRead(users.admin1, first.id)
      expect(
        await notifications.listMine(users.admin1, { unreadOnly: true, page: 1, pageSize: 10 }),
      ).toMatchObject({
        total: 1,
        unread: 1,
      })
      // Issue 13: only the audit administrator reads the log.
      const { entries } = await audit.listEntries(
        { ...users.admin2, roles: ['auditor'] },
        { page: 1, pageSize: 10 },
      )
      expect(entries.map((e) => [e.action, e.objectId])).toEqual([['notification.read', first.id]])
    })

    it('pages the inbox', async () => {
      const { db, notifications, users } = await setup()
      for (let i = 0; i < 5; i++) {
        await inTransaction(db, (trx) =>
          notifications.notify(trx, { ...MESSAGE, userIds: [users.cataloger.id ?? ''] }),
        )
      }
      const page = await notifications.listMine(users.cataloger, { page: 2, pageSize: 2 })
      expect(page.items).toHaveLength(2)
      expect(page.total).toBe(5)
    })
  })
}
