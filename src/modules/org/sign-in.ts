/**
 * Sign-in (Art. 28-29; 等保 2.0 level 3): lockout counted atomically in the database before any
 * password is checked, then the second factor for accounts that have or need one.
 */
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, anonymousActor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { sm3Hex } from '../../shared/crypto.js'
import { AppError } from '../../shared/errors.js'
import { newSecret } from '../../shared/ids.js'
import type { AuditService, DetailsOf } from '../audit/index.js'
import { isAllowedOn, type ZoneGuard } from '../zones/index.js'
import { userActor } from './actors.js'
import type { MfaService } from './mfa.js'
import { type PasswordHasher, standardHasher } from './password-hash.js'
import * as repo from './repo.js'
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from './rules.js'
import type { LoginBody, LoginReply } from './schema.js'
import * as sec from './security-repo.js'
import { toUserView } from './service.js'

export function createSignIn(deps: {
  db: Db
  clock: Clock
  audit: AuditService
  mfa: MfaService
  sessionHours: number
  passwords?: PasswordHasher
  zones?: ZoneGuard
}) {
  const { db, clock, audit, mfa, sessionHours, zones } = deps
  const passwords = deps.passwords ?? standardHasher
  // Verified against when the username is unknown, so both paths take the same time.
  const decoyHash = passwords.hash(newSecret())

  /**
   * Signs a user in. Each attempt first takes a slot of the lockout counter in one statement; the
   * 5th failure in a row still answers AUTH_INVALID_CREDENTIALS and locks for 15 minutes, during
   * which no password is checked at all. Throws AUTH_INVALID_CREDENTIALS, AUTH_LOCKED,
   * AUTH_ACCOUNT_DISABLED, AUTH_SECOND_FACTOR_REQUIRED, AUTH_SECOND_FACTOR_INVALID.
   */
  async function login(input: LoginBody): Promise<LoginReply> {
    const now = clock.now()
    const user = await repo.findUserByUsername(db, input.username)
    if (!user) {
      await passwords.verify(await decoyHash, input.password)
      await failed(anonymousActor(input.username), undefined, {
        username: input.username,
        reason: 'unknown_user',
      })
      throw new AppError('AUTH_INVALID_CREDENTIALS')
    }
    const actor = userActor(user)
    const lockUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString()
    const failures = await sec.claimSignInAttempt(
      db,
      user.id,
      now.toISOString(),
      lockUntil,
      MAX_FAILED_LOGINS,
    )
    if (failures === undefined) {
      const current = await repo.findUser(db, user.id)
      await failed(actor, user.id, { username: user.username, reason: 'locked' })
      throw new AppError('AUTH_LOCKED', { lockedUntil: current?.locked_until ?? lockUntil })
    }
    if (!(await passwords.verify(user.password_hash, input.password))) {
      await failed(actor, user.id, {
        username: user.username,
        reason: 'wrong_password',
        failedLogins: failures,
      })
      await lockedNow(actor, user.id, failures, lockUntil)
      throw new AppError('AUTH_INVALID_CREDENTIALS')
    }
    if (user.status !== 'active') {
      await sec.releaseSignInAttempt(db, user.id, lockUntil)
      await failed(actor, user.id, { username: user.username, reason: 'disabled' })
      throw new AppError('AUTH_ACCOUNT_DISABLED')
    }
    // Art. 20, 33: a user of an internal department left on an external instance does not sign in there.
    const department = await repo.findDepartment(db, user.department_id)
    if (zones && department && !isAllowedOn(zones.instance, department.zone)) {
      await sec.releaseSignInAttempt(db, user.id, lockUntil)
      await zones.refuse(actor, { objectType: 'user', objectId: user.id, zone: department.zone })
    }
    const roles = (await repo.rolesOfUsers(db, [user.id])).get(user.id) ?? []
    let secondFactor: NonNullable<LoginReply['secondFactor']> = 'none'
    if (await mfa.isEnrolled(user.id)) {
      if (input.totp === undefined && input.recoveryCode === undefined) {
        // The right password without its code is no failure: the portal asks for the code next.
        await sec.releaseSignInAttempt(db, user.id, lockUntil)
        throw new AppError('AUTH_SECOND_FACTOR_REQUIRED')
      }
      if (!(await mfa.verifyAtSignIn(user.id, input))) {
        await failed(actor, user.id, {
          username: user.username,
          reason: 'second_factor_invalid',
          failedLogins: failures,
        })
        await lockedNow(actor, user.id, failures, lockUntil)
        throw new AppError('AUTH_SECOND_FACTOR_INVALID')
      }
      secondFactor = 'verified'
    } else if (mfa.isRequiredFor(roles)) {
      secondFactor = 'enrolment_required'
    }
    const token = newSecret()
    const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000).toISOString()
    await inTransaction(db, async (trx) => {
      await sec.clearSignInFailures(trx, user.id)
      await repo.insertSession(trx, {
        id: sm3Hex(token),
        principal_type: 'user',
        principal_id: user.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
        last_seen_at: now.toISOString(),
      })
      await audit.append(trx, actor, {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        details: { secondFactor, ...(input.recoveryCode !== undefined ? { recoveryCodeUsed: true } : {}) },
      })
    })
    const view = toUserView(user, roles)
    return {
      token,
      expiresAt,
      user: {
        id: view.id,
        username: view.username,
        displayName: view.displayName,
        departmentId: view.departmentId,
        roles: view.roles,
        mustChangePassword: view.mustChangePassword,
      },
      secondFactor,
    }
  }

  async function failed(
    actor: Actor,
    userId: string | undefined,
    details: DetailsOf<'auth.login_failed'>,
  ): Promise<void> {
    await audit.record(actor, { action: 'auth.login_failed', objectType: 'user', objectId: userId, details })
  }

  /** The failure that made the count reached the limit, and so locked the account: logged. */
  async function lockedNow(actor: Actor, userId: string, failures: number, lockUntil: string): Promise<void> {
    if (failures === MAX_FAILED_LOGINS) {
      await audit.record(actor, {
        action: 'auth.locked',
        objectType: 'user',
        objectId: userId,
        details: { lockedUntil: lockUntil },
      })
    }
  }

  return { login }
}
