/**
 * Password policy with the store's help (等保 2.0 level 3): the pure rules of password-policy.ts
 * with the configured length and classes, plus no reuse of the last N passwords.
 */
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { AppError } from '../../shared/errors.js'
import type { AuditService } from '../audit/index.js'
import { type PasswordHasher, standardHasher } from './password-hash.js'
import { type PasswordPolicy, passwordProblems } from './password-policy.js'
import * as repo from './repo.js'
import type { PasswordChangeBody } from './schema.js'
import * as sec from './security-repo.js'

export interface PasswordSettings {
  passwordMinLength: number
  passwordMinClasses: number
  passwordHistory: number
}

export function createPasswordChange(deps: {
  db: Db
  clock: Clock
  audit: AuditService
  settings: PasswordSettings
  passwords?: PasswordHasher
}) {
  const { db, clock, audit, settings } = deps
  const passwords = deps.passwords ?? standardHasher
  const policy: PasswordPolicy = {
    minLength: settings.passwordMinLength,
    minClasses: settings.passwordMinClasses,
  }

  /** Throws AUTH_WEAK_PASSWORD with the broken rules (and the policy) in details. */
  function checkNewPassword(password: string, username: string, field = 'password'): void {
    const problems = passwordProblems(password, policy, username)
    if (problems.length > 0) {
      throw new AppError('AUTH_WEAK_PASSWORD', { field, problems, ...policy })
    }
  }

  /**
   * Changes the signed-in user's own password: the policy, then none of the last N passwords
   * (the current one included). Throws AUTH_INVALID_CREDENTIALS, AUTH_WEAK_PASSWORD.
   */
  async function changePassword(actor: Actor, input: PasswordChangeBody): Promise<void> {
    if (actor.kind !== 'user' || actor.id === null) {
      throw new AppError('FORBIDDEN', { reason: 'only users have passwords' })
    }
    const user = await repo.findUser(db, actor.id)
    if (!user || !(await passwords.verify(user.password_hash, input.currentPassword))) {
      throw new AppError('AUTH_INVALID_CREDENTIALS', { field: 'currentPassword' })
    }
    checkNewPassword(input.newPassword, user.username, 'newPassword')
    const earlier = [
      user.password_hash,
      ...(await sec.recentPasswords(db, user.id, settings.passwordHistory)).map((row) => row.password_hash),
    ]
    for (const hash of new Set(earlier.slice(0, Math.max(1, settings.passwordHistory)))) {
      if (await passwords.verify(hash, input.newPassword)) {
        throw new AppError('AUTH_WEAK_PASSWORD', {
          field: 'newPassword',
          problems: ['reused'],
          history: settings.passwordHistory,
        })
      }
    }
    const passwordHash = await passwords.hash(input.newPassword)
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      await repo.updateUser(trx, user.id, {
        password_hash: passwordHash,
        must_change_password: 0,
        updated_at: now,
      })
      // History keeps retired passwords; the newest row's time is when the current one was set.
      await sec.addPasswordHistory(trx, user.id, user.password_hash, now)
      await audit.append(trx, actor, {
        action: 'auth.password_change',
        objectType: 'user',
        objectId: user.id,
      })
    })
  }

  return { checkNewPassword, changePassword }
}
