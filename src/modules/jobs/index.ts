import type { SharingModule } from '../sharing/index.js'
import { type CalendarReminderDeps, calendarReminderJob } from './calendar-reminder.js'
import type { Job } from './runner.js'

export {
  CALENDAR_REMINDER_JOB,
  type CalendarReminderDeps,
  remindMissingSchedule,
  SCHEDULE_MISSING_KIND,
} from './calendar-reminder.js'
export { tryAcquireLease } from './repo.js'
export { createJobRunner, type Job, type JobRunner, type JobRunnerDeps } from './runner.js'

export interface PlatformJobDeps extends CalendarReminderDeps {
  sharing: Pick<SharingModule, 'jobs'>
}

/** Every scheduled check of the platform. */
export function platformJobs(deps: PlatformJobDeps): Job[] {
  return [
    calendarReminderJob(deps),
    // Art. 25: silence past the due date makes a request overdue and tells the bureau.
    { name: 'sharing.mark-overdue', intervalMs: 10 * 60 * 1000, run: () => deps.sharing.jobs.markOverdue() },
    {
      name: 'sharing.expiry-reminders',
      intervalMs: 6 * 60 * 60 * 1000,
      run: () => deps.sharing.jobs.remindExpiring(),
    },
  ]
}
