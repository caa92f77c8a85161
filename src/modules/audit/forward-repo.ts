/** SQL of audit forwarding (issue 12 item 6): one cursor per target, sent by the instance holding its lease. */
import type { Executor } from '../../db/database.js'

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

/** Moves the cursor from `from` to `to` if we still hold the lease and nobody moved it meanwhile. */
export async function advanceForwardCursor(
  db: Executor,
  target: string,
  holder: string,
  from: number,
  to: number,
): Promise<boolean> {
  const result = await db
    .updateTable('audit_forward_cursors')
    .set({ seq: to })
    .where('target', '=', target)
    .where('holder', '=', holder)
    .where('seq', '=', from)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Lets the lease go (a clean stop), so the next instance need not wait for it to lapse. */
export async function releaseForwardLease(db: Executor, target: string, holder: string): Promise<void> {
  await db
    .updateTable('audit_forward_cursors')
    .set({ lease_until: '' })
    .where('target', '=', target)
    .where('holder', '=', holder)
    .execute()
}
