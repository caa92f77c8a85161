import type { Db, Executor } from '../../db/database.js'
import type { Actor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import type { AuditService } from '../audit/index.js'

/** What the catalog needs of the working-day calendar (deadlines of Art. 14-15). */
export interface WorkingDays {
  /** Inside a transaction pass it: on SQLite a second connection would wait for this one forever. */
  addWorkingDays(
    from: string,
    days: number,
    executor?: Executor,
  ): Promise<{ date: string; provisional: boolean }>
}

export interface CatalogDeps {
  db: Db
  clock: Clock
  audit: AuditService
  workingDays: WorkingDays
}

export type Append = (
  trx: Executor,
  actor: Actor,
  event: Parameters<AuditService['append']>[2],
) => Promise<number>
