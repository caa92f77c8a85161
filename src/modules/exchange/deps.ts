import type { AccessCache, AccessSnapshot } from '../../db/access-cache.js'
import type { NativeDb } from '../../db/connect.js'
import type { Db, Executor } from '../../db/database.js'
import type { Actor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import type { FieldKeys } from '../../shared/field-crypto.js'
import type { AuditService } from '../audit/index.js'
import type { LiveGrant } from '../sharing/index.js'

/** A grant stopped for the day after its reads mostly missed (Art. 31): reported to the incidents. */
export interface EnumerationEvent {
  departmentId: string
  providerId: string
  resourceId: string
  grantId: string
  asked: number
  misses: number
  threshold: number
}

export interface ExchangeDeps {
  db: Db
  /** The driver under `db`, for prepared statements on the hot paths (reads, bulk ingest). */
  native: NativeDb
  clock: Clock
  audit: AuditService
  /** Published resources and upstream endpoints, asked on every read: kept until access data changes. */
  access: AccessCache
  keys: FieldKeys
  /** The network zone this instance serves (Art. 20, 33). */
  zone: 'external' | 'internal'
  /** Hosts providers may register as upstream endpoints (GOVSHARE_UPSTREAM_HOSTS). */
  upstreamHosts: readonly string[]
  grants: {
    liveGrantFor(
      consumerId: string,
      resourceId: string,
      grantId?: string,
      snapshot?: AccessSnapshot,
    ): Promise<LiveGrant | undefined>
  }
  /** Art. 26: the open objections on a record (the quality module), so reads flag it. */
  flags?: {
    openObjections(resourceId: string, keyHash: string, snapshot?: AccessSnapshot): Promise<readonly string[]>
  }
  /** Art. 31: a consumer stopped for guessing keys is flagged to security and the provider (oversight). */
  anomalies?: {
    raiseEnumeration(event: EnumerationEvent): Promise<void>
  }
  /** The calendar: ingest stores how many working days late each batch arrived (Art. 18). */
  workingDays?: {
    workingDaysBetween(from: string, to: string, executor?: Executor): Promise<{ days: number }>
  }
  /** The catalog's listing, so freshness also names published resources that never got data. */
  catalog?: {
    listOwnResources(
      actor: Actor,
      query: { page: number; pageSize: number },
    ): Promise<{
      items: Array<{ id: string; status: string; publishedVersion: number | null }>
      total: number
    }>
  }
}
