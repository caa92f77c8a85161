import type { AccessCache } from '../../db/access-cache.js'
import type { Db, Executor } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { AuditService } from '../audit/index.js'
import type { NotificationService } from '../notifications/index.js'

export interface SharingDeps {
  db: Db
  clock: Clock
  audit: AuditService
  /** Reads ask for grants on every request: answers kept until access data changes. */
  access: AccessCache
  notifications: NotificationService
  workingDays: {
    addWorkingDays(
      from: string,
      days: number,
      executor?: Executor,
    ): Promise<{ date: string; provisional: boolean }>
  }
}
