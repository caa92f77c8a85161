/**
 * What /metrics reports about the log (issue 17 item 4), read at scrape time so every instance
 * says the same: the chain head, how far each forwarding target lags behind it, and the day's
 * reads per grant from the read meters the log keeps in each read's commit (decisions §26).
 */
import type { Executor } from '../../db/database.js'
import { readHead } from './repo.js'

export interface LogFigures {
  headSeq: number
  forwarding: Array<{ target: string; seq: number }>
  /** The day's most-read grants first, at most `grantLimit` of them. */
  grants: Array<{ grantId: string; units: number; misses: number; suspended: boolean }>
}

export async function logFigures(db: Executor, day: string, grantLimit: number): Promise<LogFigures> {
  const head = await readHead(db)
  const cursors = await db.selectFrom('audit_forward_cursors').select(['target', 'seq']).execute()
  const meters = await db
    .selectFrom('audit_read_meters')
    .select(['meter_key', 'units', 'misses', 'suspended_at'])
    .where('day', '=', day)
    .orderBy('units', 'desc')
    .orderBy('meter_key')
    .limit(grantLimit)
    .execute()
  return {
    headSeq: head.seq,
    forwarding: cursors.map((row) => ({ target: row.target, seq: Number(row.seq) })),
    grants: meters.map((row) => ({
      grantId: row.meter_key,
      units: Number(row.units),
      misses: Number(row.misses),
      suspended: row.suspended_at !== null,
    })),
  }
}
