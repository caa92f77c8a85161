/** SQL of audit forwarding (issue 12 item 6): one cursor per target, sent by the instance holding its lease. */
import type { Executor } from '../../../db/database.js'

export interface ForwardCursor {
  seq: number
  holder: string
  leaseUntil: string
}

export async function readForwardCursor(db: Executor, target: string): Promise<ForwardCursor | undefined> {
  const row = await db
    .selectFrom('audit_forward_cursors')
    .select(['seq', 'holder', 'lease_until'])
    .where('target', '=', target)
    .executeTakeFirst()
  return row && { seq: Number(row.seq), holder: row.holder, leaseUntil: row.lease_until }
}

/** Takes or renews the lease when it is ours or has lapsed; true when we hold it. */
export async function claimForwardLease(
  db: Executor,
  target: string,
  holder: string,
  now: string,
  until: string,
): Promise<boolean> {
  await db
    .insertInto('audit_forward_cursors')
    .values({ target, seq: 0, holder, lease_until: until })
    .onConflict((oc) => oc.column('target').doNothing())
    .execute()
  const result = await db
    .updateTable('audit_forward_cursors')
    .set({ holder, lease_until: until })
    .where('target', '=', target)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('lease_until', '<', now)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Saves the position and sets the lease's end, if we still hold it; false when we lost it. */
export async function saveForwardCursor(
  db: Executor,
  target: string,
  holder: string,
  seq: number,
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('audit_forward_cursors')
    .set({ seq, lease_until: leaseUntil })
    .where('target', '=', target)
    .where('holder', '=', holder)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
