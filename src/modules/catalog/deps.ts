import type { Db, Executor } from '../../db/database.js'
import type { Actor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import type { AuditService } from '../audit/index.js'
import type { ZoneGuard } from '../zones/index.js'

/** What the catalog needs of the working-day calendar (deadlines of Art. 14-15). */
export interface WorkingDays {
  /** Inside a transaction pass it: on SQLite a second connection would wait for this one forever. */
  addWorkingDays(
    from: string,
    days: number,
    executor?: Executor,
  ): Promise<{ date: string; provisional: boolean }>
}

/** What other modules want to hear about, inside the publishing transaction. */
export interface CatalogListeners {
  /** A version was published: grants lose items it dropped; share type none ends them. */
  onPublished?(
    trx: Executor,
    event: { resourceId: string; shareType: string; itemCodes: string[] },
  ): Promise<void>
  /** A resource was withdrawn: its grants end. */
  onWithdrawn?(trx: Executor, event: { resourceId: string; reason: string }): Promise<void>
  /** Art. 24: items this department can already obtain through the platform. */
  availableThroughPlatform?(
    db: Executor,
    departmentId: string,
    itemNames: readonly string[],
  ): Promise<Array<{ itemName: string; resourceId: string; grantId: string }>>
}

export interface CatalogDeps {
  db: Db
  clock: Clock
  audit: AuditService
  workingDays: WorkingDays
  listeners?: CatalogListeners
  /** Art. 20, 33: refuses internal-zone content on an external instance. */
  zones?: ZoneGuard
}

export type Append = (
  trx: Executor,
  actor: Actor,
  event: Parameters<AuditService['append']>[2],
) => Promise<number>
