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

/** Art. 17: the daily consistency run (named here: quality imports the lease from this module). */
export const CONSISTENCY_JOB = 'quality.consistency'

type Run = () => Promise<unknown>

/** The modules' scheduled work, described by shape: those modules use the lease from here (§37). */
export interface PlatformJobDeps extends CalendarReminderDeps {
  sharing: { jobs: { markOverdue: Run; remindExpiring: Run } }
  /** Optional so a runner can be built without the quality module (its job is then left out). */
  quality?: { jobs: { runConsistencyChecks: Run } }
  /** Optional likewise: Art. 40 breach detection and escalation, Art. 31 anomalies. */
  rectification?: { jobs: { detectBreaches: Run; escalateOverdue: Run; detectAnomalies: Run } }
  /** Optional likewise: Art. 39 annual-report reminders (issue 15). */
  supervision?: { jobs: { remindAnnualReports: Run } }
  /** Optional likewise: Art. 21 sync with peer platforms (catalog cascade, the outbox's retries). */
  federation?: { sync: { syncAll: Run } }
}

const HOUR = 60 * 60 * 1000

/** Issue 12: often enough to notice N new entries soon; the lease makes one signer at a time. */
export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint'

/** PostgreSQL: makes the audit log's partitions ahead of the clock (a no-op on SQLite). */
export const AUDIT_PARTITIONS_JOB = 'audit.partitions'

/** Every scheduled check of the platform. */
export function platformJobs(deps: PlatformJobDeps): Job[] {
  const { quality, rectification, supervision, federation } = deps
  return [
    calendarReminderJob(deps),
    { name: AUDIT_CHECKPOINT_JOB, intervalMs: 30 * 1000, run: () => deps.audit.checkpoints.makeCheckpoint() },
    // Issue 17 (§60): the log's yearly partitions exist years before 1 January needs them.
    { name: AUDIT_PARTITIONS_JOB, intervalMs: 24 * HOUR, run: () => deps.audit.ensurePartitions() },
    // Art. 25: silence past the due date makes a request overdue and tells the bureau.
    { name: 'sharing.mark-overdue', intervalMs: 10 * 60 * 1000, run: () => deps.sharing.jobs.markOverdue() },
    {
      name: 'sharing.expiry-reminders',
      intervalMs: 6 * 60 * 60 * 1000,
      run: () => deps.sharing.jobs.remindExpiring(),
    },
    // Art. 17: daily; the job's lease (held for the interval) makes it one run across instances.
    ...(quality
      ? [
          {
            name: CONSISTENCY_JOB,
            intervalMs: 24 * 60 * 60 * 1000,
            run: () => quality.jobs.runConsistencyChecks(),
          },
        ]
      : []),
    ...(rectification
      ? [
          {
            name: 'oversight.detect-breaches',
            intervalMs: 6 * HOUR,
            run: () => rectification.jobs.detectBreaches(),
          },
          { name: 'oversight.escalate', intervalMs: HOUR, run: () => rectification.jobs.escalateOverdue() },
          { name: 'oversight.anomalies', intervalMs: HOUR, run: () => rectification.jobs.detectAnomalies() },
        ]
      : []),
    ...(supervision
      ? [
          {
            name: 'reports.annual-reminder',
            intervalMs: 6 * HOUR,
            run: () => supervision.jobs.remindAnnualReports(),
          },
        ]
      : []),
    // Every 30 s: a retry due after 5 s waits at most that long; the lease keeps it one instance.
    ...(federation
      ? [{ name: 'federation.sync', intervalMs: 30 * 1000, run: () => federation.sync.syncAll() }]
      : []),
  ]
}
