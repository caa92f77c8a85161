import type { Db, Executor } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { AuditFacts, AuditService } from '../audit/index.js'
import type { NotificationService } from '../notifications/index.js'

export interface SupervisionDeps {
  db: Db
  clock: Clock
  audit: AuditService
  /** Issue 14: what statistics and evaluation count from the log, asked of audit, which owns it. */
  auditFacts: AuditFacts
  /** The calendar: answer times and data lags are counted in working days (Art. 18, 25). */
  /** Issue 13, Art. 31: the oversight module's incident counts, for a department's annual report. */
  incidents?: {
    countForDepartment(
      departmentId: string,
      from: string,
      to: string,
    ): Promise<{ reported: number; high: number; closed: number }>
  }
  /** Issue 15: the Art. 39 due-date reminders; without it the reminder job does nothing. */
  notifications?: NotificationService
  workingDays: {
    workingDaysBetween(from: string, to: string, executor?: Executor): Promise<{ days: number }>
  }
}
