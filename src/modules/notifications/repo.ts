import type { Insertable, Selectable } from 'kysely'
import type { Executor } from '../../db/database.js'
import type { NotificationTables } from './tables.js'

export type NotificationRow = Selectable<NotificationTables['notifications']>

/** Inserts the rows whose dedupe key is new; returns how many went in. */
export async function insertNotifications(
  db: Executor,
  rows: Insertable<NotificationTables['notifications']>[],
): Promise<number> {
  if (rows.length === 0) {
    return 0
  }
  const inserted = await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute()
  return inserted.length
}

function ofUser(db: Executor, userId: string, unreadOnly: boolean) {
  let query = db.selectFrom('notifications').where('user_id', '=', userId)
  if (unreadOnly) {
    query = query.where('read_at', 'is', null)
  }
  return query
}

export async function listForUser(
  db: Executor,
  userId: string,
  options: { unreadOnly: boolean; offset: number; limit: number },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const rows = await ofUser(db, userId, options.unreadOnly)
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .offset(options.offset)
    .limit(options.limit)
    .execute()
  const total = await ofUser(db, userId, options.unreadOnly)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const unread = await ofUser(db, userId, true)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return { rows, total: Number(total.n), unread: Number(unread.n) }
}

export function findForUser(db: Executor, id: string, userId: string): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

/** Marks it read unless it already was; returns whether this call did it. */
export async function markRead(db: Executor, id: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: nowIso })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
