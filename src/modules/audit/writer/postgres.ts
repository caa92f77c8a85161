/**
 * The audit writer's PostgreSQL back-end: a batch is one transaction of this process that takes
 * the chain-head row lock, so several instances still write one chain. Rows past the head are
 * moved aside inside that same transaction (service.ts), so this back-end never refuses.
 */
import type { Db, Executor } from '../../../db/database.js'
import { inTransaction } from '../../../db/transaction.js'
import type { LoggedRead, MeteredEvent } from '../service.js'
import type { CommitBackend } from './queue.js'

export type AppendReads = (trx: Executor, events: readonly MeteredEvent[]) => Promise<LoggedRead[]>

/** Most entries in one commit: one multi-row insert. */
const MAX_BATCH = 500

export function postgresBackend(db: Db, appendReads: AppendReads): CommitBackend<MeteredEvent> {
  return {
    maxBatch: MAX_BATCH,
    // The next batch waits for this commit: it would only wait for the head lock anyway.
    pipelined: false,
    prepare: (actor, event, meter) => ({ actor, event, meter }),
    commit: (batch) => inTransaction(db, (trx) => appendReads(trx, batch)),
    close: async () => {},
  }
}
