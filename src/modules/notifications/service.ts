import type { Db, Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor, Role } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../../shared/policy.js'
import type { AuditService } from '../audit/index.js'
import { activeUserIdsWithRole } from '../org/index.js'
import * as repo from './repo.js'
import type { NotificationPage, NotificationView } from './schema.js'

/** One message, in both languages; the portal shows the reader's. */
export interface NewNotification {
  kind: string
  titleZh: string
  titleEn: string
  bodyZh: string
  bodyEn: string
  objectType?: string
  objectId?: string
  /** Sent at most once per user: the stored key is `${dedupeKey}:${userId}`. */
  dedupeKey?: string
}

export type NotificationService = ReturnType<typeof createNotificationService>

export function createNotificationService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps

  /**
   * Puts a message (e.g. a reminder of an Art. 14, 15 or 25 deadline) in each user's inbox inside the
   * caller's transaction, which audits its own change; a repeated dedupe key is skipped. Throws nothing of its own.
   */
  async function notify(
    trx: Executor,
    input: NewNotification & { userIds: readonly string[] },
  ): Promise<number> {
    const now = clock.now().toISOString()
    return repo.insertNotifications(
      trx,
      [...new Set(input.userIds)].map((userId) => ({
        id: newId(),
        user_id: userId,
        kind: input.kind,
        title_zh: input.titleZh,
        title_en: input.titleEn,
        body_zh: input.bodyZh,
        body_en: input.bodyEn,
        object_type: input.objectType ?? null,
        object_id: input.objectId ?? null,
        dedupe_key: input.dedupeKey === undefined ? null : `${input.dedupeKey}:${userId}`,
        created_at: now,
        read_at: null,
      })),
    )
  }

  /** Notifies every active user holding `role`, within one department if given (Art. 4 scope); returns how many were created. */
  async function notifyRole(
    trx: Executor,
    role: Role,
    input: NewNotification,
    options: { departmentId?: string } = {},
  ): Promise<number> {
    const userIds = await activeUserIdsWithRole(trx, role, options.departmentId)
    return notify(trx, { ...input, userIds })
  }

  /** The actor's own inbox, newest first (Art. 28: each user sees only their own). Throws FORBIDDEN. */
  async function listMine(
    actor: Actor,
    query: { unreadOnly?: boolean; page: number; pageSize: number },
  ): Promise<NotificationPage> {
    authorize(actor, 'notification.read')
    const { rows, total, unread } = await repo.listForUser(db, actor.id ?? '', {
      unreadOnly: query.unreadOnly ?? false,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    })
    return { items: rows.map(toView), total, unread }
  }

  /**
   * Marks one of the actor's own notifications read; anyone else's is as if it did not exist (Art. 28).
   * Throws FORBIDDEN, NOTIFICATION_NOT_FOUND.
   */
  async function markRead(actor: Actor, id: string): Promise<NotificationView> {
    authorize(actor, 'notification.read')
    return inTransaction(db, async (trx) => {
      const row = await repo.findForUser(trx, id, actor.id ?? '')
      if (!row) {
        throw new AppError('NOTIFICATION_NOT_FOUND', { id })
      }
      if (row.read_at !== null) {
        return toView(row)
      }
      const now = clock.now().toISOString()
      if (await repo.markRead(trx, id, now)) {
        await audit.append(trx, actor, {
          action: 'notification.read',
          objectType: 'notification',
          objectId: id,
        })
      }
      return toView({ ...row, read_at: now })
    })
  }

  return { notify, notifyRole, listMine, markRead }
}

function toView(row: repo.NotificationRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    titleZh: row.title_zh,
    titleEn: row.title_en,
    bodyZh: row.body_zh,
    bodyEn: row.body_en,
    objectType: row.object_type,
    objectId: row.object_id,
    createdAt: row.created_at,
    readAt: row.read_at,
  }
}
