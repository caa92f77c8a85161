import type { Db } from '../../db/database.js'
import type { Clock } from '../../shared/clock.js'
import type { FieldKeys } from '../../shared/field-crypto.js'
import type { AuditService } from '../audit/index.js'
import type { LiveGrant } from '../sharing/index.js'

export interface ExchangeDeps {
  db: Db
  clock: Clock
  audit: AuditService
  keys: FieldKeys
  /** The network zone this instance serves (Art. 20, 33). */
  zone: 'external' | 'internal'
  grants: {
    liveGrantFor(consumerId: string, resourceId: string, grantId?: string): Promise<LiveGrant | undefined>
  }
}
