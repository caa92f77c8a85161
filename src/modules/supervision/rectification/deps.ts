import type { Db, Executor } from '../../../db/database.js'
import type { Clock } from '../../../shared/clock.js'
import type { AuditService } from '../../audit/index.js'
import type { NotificationService } from '../../notifications/index.js'

export interface RectificationDeps {
  db: Db
  clock: Clock
  audit: AuditService
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
