import type { Executor } from '../../db/database.js'

/**
 * Takes the lease `name` for `ttlMs` if it is free, expired, or already ours, in one statement
 * (an upsert whose update only happens on those conditions), so that of several instances racing
 * on one PostgreSQL exactly one wins. Returns whether `holder` now holds it.
 */
export async function tryAcquireLease(
  db: Executor,
  name: string,
  holder: string,
  ttlMs: number,
  now: Date,
): Promise<boolean> {
  const nowIso = now.toISOString()
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString()
  const row = await db
    .insertInto('job_leases')
    .values({ name, holder, expires_at: expiresAt, last_run_at: null })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expiresAt })
        .where((eb) =>
          eb.or([eb('job_leases.expires_at', '<=', nowIso), eb('job_leases.holder', '=', holder)]),
        ),
    )
    .returning('holder')
    .executeTakeFirst()
  return row?.holder === holder
}

export async function markRun(db: Executor, name: string, holder: string, nowIso: string): Promise<void> {
  await db
    .updateTable('job_leases')
    .set({ last_run_at: nowIso })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute()
}

export function findLease(db: Executor, name: string) {
  return db.selectFrom('job_leases').selectAll().where('name', '=', name).executeTakeFirst()
}
