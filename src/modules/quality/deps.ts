import type { AccessCache } from '../../db/access-cache.js'
import type { Db, Executor } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { FieldKeys } from '../../shared/field-crypto.js'
import type { AuditService } from '../audit/index.js'
import type { NotificationService } from '../notifications/index.js'
import type { LiveGrant } from '../sharing/index.js'

export interface QualityDeps {
  db: Db
  clock: Clock
  audit: AuditService
  /** Every read asks for a record's open objections: answers kept until objections change. */
  access: AccessCache
  notifications: NotificationService
  /** The exchange store's keys: key values are hashed, personal values decrypted, like ingest does. */
  keys: FieldKeys
  grants: {
    liveGrantFor(consumerId: string, resourceId: string, grantId?: string): Promise<LiveGrant | undefined>
  }
  workingDays: {
    addWorkingDays(
      from: string,
      days: number,
      executor?: Executor,
    ): Promise<{ date: string; provisional: boolean }>
  }
}
