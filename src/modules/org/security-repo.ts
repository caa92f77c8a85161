/**
 * SQL of the sign-in defences (issue 13). Every counter moves in one statement that also reads
 * its new value (UPDATE … RETURNING, INSERT … ON CONFLICT … RETURNING): no read-then-write race,
 * whichever instance asks. Each function takes the database or a transaction first.
 */
import { type Selectable, sql } from 'kysely'
import type { Executor } from '../../db/database.js'
import type { SecurityTables } from './security-tables.js'

export type MfaRow = Selectable<SecurityTables['user_mfa']>

// Lockout: a slot is claimed before the password is checked, so at most `max` checks happen.

/**
 * Counts one sign-in attempt as a failure before its password is checked, and locks the account
 * (until `lockUntilIso`) when that makes `max`. A lock that ran out starts a fresh count. Returns
 * the new count, or undefined when the account is locked (or gone): then no password is checked.
 */
export async function claimSignInAttempt(
  db: Executor,
  userId: string,
  nowIso: string,
  lockUntilIso: string,
  max: number,
): Promise<number | undefined> {
  const base = sql<number>`(case when locked_until is not null and locked_until <= ${nowIso} then 0 else failed_logins end)`
  const row = await db
    .updateTable('users')
    .set({
      failed_logins: sql<number>`${base} + 1`,
      locked_until: sql<
        string | null
      >`case when ${base} + 1 >= ${max} then cast(${lockUntilIso} as text) else null end`,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
    .returning('failed_logins')
    .executeTakeFirst()
  return row?.failed_logins
}

/** Gives back a claimed slot (right password, code still to come), and the lock that slot set. */
export async function releaseSignInAttempt(
  db: Executor,
  userId: string,
  lockUntilIso: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      failed_logins: sql<number>`case when failed_logins > 0 then failed_logins - 1 else 0 end`,
      locked_until: sql<
        string | null
      >`case when locked_until = ${lockUntilIso} then null else locked_until end`,
    })
    .where('id', '=', userId)
    .execute()
}

export async function clearSignInFailures(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute()
}

// Rate counters: fixed windows, one row per key and window, shared by every instance.

/** Adds `delta` to the counter of `key` in the window starting at `windowStart`; returns the new count. */
export async function addToCounter(
  db: Executor,
  key: string,
  windowStart: string,
  delta: number,
): Promise<number> {
  const row = await db
    .insertInto('rate_counters')
    .values({ key, window_start: windowStart, count: delta })
    .onConflict((oc) =>
      oc
        .columns(['key', 'window_start'])
        .doUpdateSet({ count: sql<number>`${sql.ref('rate_counters.count')} + ${delta}` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function deleteCountersBefore(db: Executor, windowStart: string): Promise<void> {
  await db.deleteFrom('rate_counters').where('window_start', '<', windowStart).execute()
}

// Sessions: activity for the idle timeout.

/**
 * Records activity on a session not idle since `cutoffIso`; false when it has been idle longer
 * (or is revoked). last_seen_at is outside the access-epoch trigger: this moves no cache.
 */
export async function touchSession(
  db: Executor,
  id: string,
  nowIso: string,
  cutoffIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({
      last_seen_at: sql<string>`case when last_seen_at is null or last_seen_at < ${nowIso} then cast(${nowIso} as text) else last_seen_at end`,
    })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('last_seen_at', '>=', cutoffIso),
        eb.and([eb('last_seen_at', 'is', null), eb('created_at', '>=', cutoffIso)]),
      ]),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function revokeSessionsOf(
  db: Executor,
  principalType: 'user' | 'client',
  principalId: string,
  nowIso: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: nowIso })
    .where('principal_type', '=', principalType)
    .where('principal_id', '=', principalId)
    .where('revoked_at', 'is', null)
    .execute()
}

// Second factor.

export function findMfa(db: Executor, userId: string): Promise<MfaRow | undefined> {
  return db.selectFrom('user_mfa').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

/** Starts (or restarts) an enrolment that is not confirmed yet. */
export async function savePendingMfa(
  db: Executor,
  userId: string,
  secretEnc: string,
  nowIso: string,
): Promise<void> {
  await db.deleteFrom('user_mfa').where('user_id', '=', userId).where('confirmed_at', 'is', null).execute()
  await db
    .insertInto('user_mfa')
    .values({ user_id: userId, secret_enc: secretEnc, created_at: nowIso })
    .execute()
}

export async function confirmMfa(
  db: Executor,
  userId: string,
  step: number,
  nowIso: string,
): Promise<boolean> {
  const result = await db
    .updateTable('user_mfa')
    .set({ confirmed_at: nowIso, last_step: step })
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Takes a TOTP time step for the user; false when that step (or a later one) was used: a replay. */
export async function claimTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('user_mfa')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function deleteMfa(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute()
  await db.deleteFrom('user_mfa').where('user_id', '=', userId).execute()
}

export async function replaceRecoveryCodes(
  db: Executor,
  userId: string,
  codeHashes: readonly string[],
  nowIso: string,
): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute()
  await db
    .insertInto('mfa_recovery_codes')
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: nowIso })))
    .execute()
}

/** Uses up a recovery code: true only for the one caller whose delete found it. */
export async function spendRecoveryCode(db: Executor, userId: string, codeHash: string): Promise<boolean> {
  const result = await db
    .deleteFrom('mfa_recovery_codes')
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export async function countRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// Password history (its newest row also dates the current password).

export async function recentPasswords(
  db: Executor,
  userId: string,
  limit: number,
): Promise<Array<{ password_hash: string; created_at: string }>> {
  if (limit <= 0) {
    return []
  }
  return db
    .selectFrom('password_history')
    .select(['password_hash', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
}

export async function addPasswordHistory(db: Executor, userId: string, passwordHash: string, nowIso: string) {
  await db
    .insertInto('password_history')
    .values({ user_id: userId, password_hash: passwordHash, created_at: nowIso })
    .execute()
}

// API client security.

export function findClientSecurity(db: Executor, clientId: string) {
  return db
    .selectFrom('api_client_security')
    .selectAll()
    .where('api_client_id', '=', clientId)
    .executeTakeFirst()
}

export async function saveClientSecurity(
  db: Executor,
  row: { api_client_id: string; allowed_cidrs?: string | null; secret_rotated_at?: string | null },
): Promise<void> {
  const { api_client_id, ...changes } = row
  await db
    .insertInto('api_client_security')
    .values({ allowed_cidrs: null, secret_rotated_at: null, ...row })
    .onConflict((oc) => oc.column('api_client_id').doUpdateSet(changes))
    .execute()
}

export async function updateClient(
  db: Executor,
  id: string,
  changes: { secret_hash?: string; status?: string },
): Promise<void> {
  await db.updateTable('api_clients').set(changes).where('id', '=', id).execute()
}
