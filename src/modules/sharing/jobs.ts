/**
 * Scheduled checks of sharing: requests left unanswered past their due date become overdue and
 * the bureau is told (Art. 25); consumers are reminded 10 working days before a grant expires.
 * Both are idempotent (dedupe keys, status checks), so any instance may run them.
 */
import { inTransaction } from '../../db/transaction.js'
import { SYSTEM_ACTOR } from '../../shared/actor.js'
import { shanghaiDate } from '../../shared/dates.js'
import type { SharingDeps } from './deps.js'
import * as repo from './repo.js'
import { EXPIRY_NOTICE_DAYS, isRequestOverdue } from './rules.js'

export function createSharingJobs(deps: SharingDeps) {
  const { db, clock, audit, notifications, workingDays } = deps

  /** Marks pending requests past due as overdue; returns how many. */
  async function markOverdue(): Promise<number> {
    const today = shanghaiDate(clock.now())
    const late = (await repo.unansweredRequests(db, today, { pendingOnly: true })).filter((q) =>
      isRequestOverdue(q.status, q.due_date, today),
    )
    for (const request of late) {
      await inTransaction(db, async (trx) => {
        const current = await repo.findRequest(trx, request.id, { lock: true })
        if (current?.status !== 'pending') {
          return
        }
        await repo.updateRequest(trx, request.id, {
          status: 'overdue',
          updated_at: clock.now().toISOString(),
        })
        const message = {
          kind: 'sharing.overdue',
          titleZh: `共享申请逾期未答复：${request.resource_name}`,
          titleEn: `Sharing request unanswered past due: ${request.resource_name}`,
          bodyZh: `答复期限 ${request.due_date} 已过`,
          bodyEn: `The answer was due on ${request.due_date}`,
          objectType: 'sharing_request',
          objectId: request.id,
          dedupeKey: `overdue:${request.id}`,
        }
        await notifications.notifyRole(trx, 'bureau_reviewer', message)
        await notifications.notifyRole(trx, 'approver', message, { departmentId: request.provider_id })
        await audit.append(trx, SYSTEM_ACTOR, {
          action: 'sharing.overdue',
          objectType: 'sharing_request',
          objectId: request.id,
          departmentId: request.provider_id,
          details: { dueDate: request.due_date },
        })
      })
    }
    return late.length
  }

  /** Reminds consumers of grants ending within 10 working days; returns how many grants. */
  async function remindExpiring(): Promise<number> {
    const today = shanghaiDate(clock.now())
    const horizon = await workingDays.addWorkingDays(today, EXPIRY_NOTICE_DAYS)
    const ending = await repo.grantsEndingBetween(db, today, horizon.date)
    await inTransaction(db, async (trx) => {
      for (const grant of ending) {
        await notifications.notifyRole(
          trx,
          'consumer',
          {
            kind: 'grant.expiring',
            titleZh: `共享授权即将到期：${grant.resource_name}`,
            titleEn: `Grant ending soon: ${grant.resource_name}`,
            bodyZh: `有效期至 ${grant.valid_to}，如需继续使用请申请续期`,
            bodyEn: `Valid through ${grant.valid_to}; apply for a renewal to keep using it`,
            objectType: 'grant',
            objectId: grant.id,
            dedupeKey: `expiring:${grant.id}:${grant.valid_to}`,
          },
          { departmentId: grant.consumer_id },
        )
      }
    })
    return ending.length
  }

  return { markOverdue, remindExpiring }
}
