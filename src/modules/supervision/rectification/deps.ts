import type { Db, Executor } from '../../../db/database.js'
import type { Clock } from '../../../shared/clock.js'
import type { AuditFacts, AuditService } from '../../audit/index.js'
import type { NotificationService } from '../../notifications/index.js'

export interface RectificationDeps {
  db: Db
  clock: Clock
  audit: AuditService
  /** Issue 14: read counts for anomaly detection, asked of audit, which owns the log. */
  auditFacts: Pick<AuditFacts, 'readsPerDepartment'>
  notifications: NotificationService
  /** Art. 40 deadlines are counted in working days. */
  workingDays: {
    addWorkingDays(
      from: string,
      days: number,
      executor?: Executor,
    ): Promise<{ date: string; provisional: boolean }>
  }
}
