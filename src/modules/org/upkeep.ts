/**
 * Issue 13, user upkeep (Art. 28-29; 等保 2.0 identity management): disable and enable, unlock,
 * reset a password, change roles, list sign-ins. platform_admin anywhere, a dept_admin within its
 * scope and only for accounts holding departmental roles; nobody on their own account. Every
 * change is in the audit chain, in the same transaction.
 */

import type { Db, Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor, Role } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { AppError } from '../../shared/errors.js'
import { authorize } from '../../shared/policy.js'
import type { AuditService } from '../audit/index.js'
import { type PasswordHasher, standardHasher } from './password-hash.js'
import { strongPassword } from './passwords.js'
import * as repo from './repo.js'
import { assertMayGrant, mayManageHolder } from './roles.js'
import type { PasswordResetReply, SignInList, UpkeepReply, UserView } from './schema.js'
import { toUserView } from './views.js'

const SIGN_IN_ACTIONS = ['auth.login', 'auth.login_failed', 'auth.locked', 'auth.logout'] as const
const SIGN_IN_LIMIT = 200

export type UserUpkeep = ReturnType<typeof createUserUpkeep>

export function createUserUpkeep(deps: {
  db: Db
  clock: Clock
  audit: AuditService
  passwords?: PasswordHasher
}) {
  const { db, clock, audit } = deps
  const passwords = deps.passwords ?? standardHasher

  /** The user, once the actor may manage it; rereads under a lock inside `trx`. */
  async function manageable(
    trx: Executor,
    actor: Actor,
    id: string,
    options: { self?: 'refuse' | 'allow' } = {},
  ): Promise<{ user: repo.UserRow; roles: Role[] }> {
    const user = await repo.findUser(trx, id, { lock: true })
    if (!user) {
      throw new AppError('ORG_USER_NOT_FOUND', { id })
    }
    const department = await repo.findDepartment(trx, user.department_id)
    authorize(actor, 'user.manage', department?.path)
    if (options.self !== 'allow' && actor.kind === 'user' && actor.id === user.id) {
      throw new AppError('ORG_SELF_CHANGE', { id })
    }
    const roles = (await repo.rolesOfUsers(trx, [user.id])).get(user.id) ?? []
    if (!mayManageHolder(actor, roles)) {
      throw new AppError('FORBIDDEN', { action: 'user.manage', reason: 'the account holds city-wide roles' })
    }
    return { user, roles }
  }

  async function viewOf(trx: Executor, id: string): Promise<UserView> {
    const user = await repo.findUser(trx, id)
    if (!user) {
      throw new AppError('ORG_USER_NOT_FOUND', { id })
    }
    return toUserView(user, (await repo.rolesOfUsers(trx, [id])).get(id) ?? [])
  }

  /**
   * Disables (or enables) an account; disabling ends its sessions at once. Throws
   * ORG_USER_NOT_FOUND, FORBIDDEN, ORG_SELF_CHANGE.
   */
  async function setStatus(actor: Actor, id: string, status: 'active' | 'disabled'): Promise<UpkeepReply> {
    return inTransaction(db, async (trx) => {
      const { user } = await manageable(trx, actor, id)
      const now = clock.now().toISOString()
      await repo.updateUser(trx, id, { status, updated_at: now })
      const sessionsEnded = status === 'disabled' ? await repo.revokeUserSessions(trx, id, now) : 0
      await audit.append(trx, actor, {
        action: status === 'disabled' ? 'user.disable' : 'user.enable',
        objectType: 'user',
        objectId: id,
        details: { username: user.username, previous: user.status, sessionsEnded },
      })
      return { user: await viewOf(trx, id), sessionsEnded }
    })
  }

  /** Clears a sign-in lockout so the right password works again. Throws ORG_USER_NOT_FOUND, FORBIDDEN. */
  async function unlock(actor: Actor, id: string): Promise<UpkeepReply> {
    return inTransaction(db, async (trx) => {
      const { user } = await manageable(trx, actor, id)
      const wasLocked = await repo.clearLockout(trx, id, clock.now().toISOString())
      await audit.append(trx, actor, {
        action: 'user.unlock',
        objectType: 'user',
        objectId: id,
        details: { username: user.username, wasLocked, lockedUntil: user.locked_until },
      })
      return { user: await viewOf(trx, id), sessionsEnded: 0, wasLocked }
    })
  }

  /**
   * Sets a temporary password (shown once), forces a change at the next sign-in, clears the
   * lockout and ends the account's sessions. Throws ORG_USER_NOT_FOUND, FORBIDDEN, ORG_SELF_CHANGE.
   */
  async function resetPassword(actor: Actor, id: string): Promise<PasswordResetReply> {
    const temporaryPassword = strongPassword()
    // Hashing stays outside the transaction: it takes tens of milliseconds.
    const passwordHash = await passwords.hash(temporaryPassword)
    const user = await inTransaction(db, async (trx) => {
      const { user } = await manageable(trx, actor, id)
      const now = clock.now().toISOString()
      await repo.updateUser(trx, id, {
        password_hash: passwordHash,
        must_change_password: 1,
        failed_logins: 0,
        locked_until: null,
        updated_at: now,
      })
      const sessionsEnded = await repo.revokeUserSessions(trx, id, now)
      await audit.append(trx, actor, {
        action: 'user.password_reset',
        objectType: 'user',
        objectId: id,
        details: { username: user.username, sessionsEnded },
      })
      return viewOf(trx, id)
    })
    return { user, temporaryPassword }
  }

  /**
   * Replaces an account's roles under the rules of docs/roles.md. Throws ORG_USER_NOT_FOUND,
   * FORBIDDEN, ORG_SELF_CHANGE, ORG_ROLES_EXCLUSIVE.
   */
  async function changeRoles(actor: Actor, id: string, wanted: readonly Role[]): Promise<UpkeepReply> {
    const roles = [...new Set(wanted)]
    assertMayGrant(actor, roles)
    return inTransaction(db, async (trx) => {
      const { user, roles: before } = await manageable(trx, actor, id)
      await repo.replaceUserRoles(trx, id, roles)
      await repo.updateUser(trx, id, { updated_at: clock.now().toISOString() })
      await audit.append(trx, actor, {
        action: 'user.roles_change',
        objectType: 'user',
        objectId: id,
        details: { username: user.username, before, after: roles },
      })
      return { user: await viewOf(trx, id), sessionsEnded: 0 }
    })
  }

  /** The account's sign-ins and failures, newest first, from the audit chain. Throws ORG_USER_NOT_FOUND, FORBIDDEN. */
  async function signIns(actor: Actor, id: string): Promise<SignInList> {
    const user = await repo.findUser(db, id)
    if (!user) {
      throw new AppError('ORG_USER_NOT_FOUND', { id })
    }
    const department = await repo.findDepartment(db, user.department_id)
    authorize(actor, 'user.read', department?.path)
    const entries = await audit.entriesAbout('user', id, SIGN_IN_ACTIONS, SIGN_IN_LIMIT)
    return {
      items: entries.map((entry) => {
        const details: unknown = JSON.parse(entry.details)
        const reason = Reflect.get(Object(details), 'reason')
        return {
          seq: entry.seq,
          at: entry.at,
          action: entry.action,
          ok: entry.action === 'auth.login' || entry.action === 'auth.logout',
          reason: typeof reason === 'string' ? reason : null,
        }
      }),
    }
  }

  return { setStatus, unlock, resetPassword, changeRoles, signIns }
}
