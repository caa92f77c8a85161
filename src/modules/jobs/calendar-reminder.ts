/**
 * Each year from 1 November, until next year's holiday schedule is official, every platform admin
 * is reminded to load it (deadlines reaching into that year are provisional until then). Once per
 * admin per year: the dedupe key makes re-runs and other instances harmless.
 */
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { SYSTEM_ACTOR } from '../../shared/actor.js'
import type { AuditService } from '../audit/index.js'
import type { CalendarService } from '../calendar/index.js'
import type { NotificationService } from '../notifications/index.js'
import type { Job } from './runner.js'

export const CALENDAR_REMINDER_JOB = 'calendar.schedule-reminder'
export const SCHEDULE_MISSING_KIND = 'calendar.schedule_missing'

export interface CalendarReminderDeps {
  db: Db
  audit: AuditService
  calendar: CalendarService
  notifications: NotificationService
}

/** Sends the reminder if it is due; returns how many admins got it now. */
export async function remindMissingSchedule(deps: CalendarReminderDeps): Promise<number> {
  const year = await deps.calendar.missingScheduleYear()
  if (year === null) {
    return 0
  }
  return inTransaction(deps.db, async (trx) => {
    const sent = await deps.notifications.notifyRole(trx, 'platform_admin', {
      kind: SCHEDULE_MISSING_KIND,
      titleZh: `请导入 ${year} 年节假日安排`,
      titleEn: `Load the ${year} holiday schedule`,
      bodyZh: `${year} 年的法定节假日和调休安排尚未导入，期限跨入 ${year} 年的事项目前按暂定日期计算。国务院办公厅公布安排后，请在日历管理中导入，或运行 govshare calendar import。`,
      bodyEn: `The ${year} public holidays and make-up working days are not loaded, so deadlines reaching into ${year} are provisional. Once the State Council publishes the schedule, load it in the calendar settings or with govshare calendar import.`,
      objectType: 'calendar_year',
      objectId: String(year),
      dedupeKey: `${SCHEDULE_MISSING_KIND}:${year}`,
    })
    if (sent > 0) {
      await deps.audit.append(trx, SYSTEM_ACTOR, {
        action: 'notification.send',
        objectType: 'calendar_year',
        objectId: String(year),
        details: { kind: SCHEDULE_MISSING_KIND, recipients: sent },
      })
    }
    return sent
  })
}

export function calendarReminderJob(deps: CalendarReminderDeps): Job {
  return { name: CALENDAR_REMINDER_JOB, intervalMs: 60 * 60 * 1000, run: () => remindMissingSchedule(deps) }
}
