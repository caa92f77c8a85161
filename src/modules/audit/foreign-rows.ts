/**
 * Issue 12: rows in audit_entries past the chain head were never appended by a writer (the head
 * moves in the same transaction as every insert), so they are forged or stray. Appending after
 * them would chain over a forged row; failing would turn every audited action into an error.
 * Instead the writer that finds them moves them to audit_quarantine with the evidence, raises
 * the alarm (Art. 31) and records the event as an entry of the chain, all in its transaction;
 * then it appends normally. See docs/decisions.md, 33.
 */
import type { Executor } from '../../db/database.js'
import { newId } from '../../shared/ids.js'
import * as repo from './repo.js'
import type { ChainCursor } from './rules.js'

/** What the alarm and the log say about one discovery. */
export interface ForeignRowsEvidence {
  /** The chain head when the rows were found: they lay past it. */
  head: ChainCursor
  count: number
  /** The first rows found (up to EVIDENCE_ROWS), each with its seq and stored hash. */
  rows: Array<{ seq: number; hash: string; at: string; action: string; actorName: string | null }>
  /** Ids of the audit_quarantine rows that hold the full rows. */
  quarantineIds: string[]
  foundAt: string
}

/**
 * Raises the alarm inside the writer's transaction (so it commits exactly with the quarantine:
 * once). It must not append to the audit log itself; the writer records the event.
 */
export type ForeignRowsListener = (
  trx: Executor,
  evidence: ForeignRowsEvidence,
) => Promise<{ incidentId: string }>

const BATCH = 500
const EVIDENCE_ROWS = 20

/** Moves every row past `head` to quarantine; undefined when there was none (a stale hint). */
export async function quarantineRowsPastHead(
  trx: Executor,
  head: ChainCursor,
  foundAt: string,
): Promise<ForeignRowsEvidence | undefined> {
  const evidence: ForeignRowsEvidence = { head, count: 0, rows: [], quarantineIds: [], foundAt }
  for (;;) {
    // Moved rows leave audit_entries, so each batch starts again just past the head.
    const found = await repo.rowsPastHead(trx, head.seq, BATCH)
    if (found.length === 0) {
      break
    }
    const moved = found.map((entry) => ({ id: newId(), entry, head, foundAt }))
    await repo.quarantineRows(trx, moved)
    evidence.count += moved.length
    for (const { id, entry } of moved) {
      if (evidence.rows.length < EVIDENCE_ROWS) {
        evidence.rows.push({
          seq: entry.seq,
          hash: entry.hash,
          at: entry.at,
          action: entry.action,
          actorName: entry.actorName,
        })
        evidence.quarantineIds.push(id)
      }
    }
  }
  return evidence.count > 0 ? evidence : undefined
}

/**
 * Calls the listener so that its failure cannot stop the writer (the platform must stay up):
 * the alarm's writes are undone alone, and the log entry says the alarm failed.
 */
export async function raiseAlarm(
  trx: Executor,
  listener: ForeignRowsListener | undefined,
  evidence: ForeignRowsEvidence,
): Promise<{ alarm: 'raised' | 'failed' | 'no_listener'; incidentId?: string }> {
  if (!listener) {
    return { alarm: 'no_listener' }
  }
  let incidentId: string | undefined
  const raised = await repo.inSavepoint(trx, 'audit_alarm', async () => {
    incidentId = (await listener(trx, evidence)).incidentId
  })
  return raised && incidentId !== undefined ? { alarm: 'raised', incidentId } : { alarm: 'failed' }
}
