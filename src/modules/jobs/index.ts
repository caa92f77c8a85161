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

/** Every scheduled check of the platform. */
export function platformJobs(deps: CalendarReminderDeps): Job[] {
  return [calendarReminderJob(deps)]
}
