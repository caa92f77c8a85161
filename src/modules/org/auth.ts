/** Authentication (Art. 28-29): sign-in with lockout, API client tokens, sessions in the database. */
import { timingSafeEqual } from 'node:crypto'
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2'
import type { AccessCache, AccessSnapshot } from '../../db/access-cache.js'
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, anonymousActor, type Role } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { sm3Hex } from '../../shared/crypto.js'
import { AppError } from '../../shared/errors.js'
import { newSecret } from '../../shared/ids.js'
import type { AuditService } from '../audit/index.js'
import * as repo from './repo.js'
import { afterFailedLogin, isLocked, isStrongPassword } from './rules.js'
import type { LoginBody, LoginReply, PasswordChangeBody, TokenBody } from './schema.js'
import { toUserView } from './service.js'

export type AuthService = ReturnType<typeof createAuthService>

export interface AuthSettings {
  sessionHours: number
  clientTokenSeconds: number
}

/** Who a session is, as the database said; whether it has expired is decided at each use. */
interface SessionAnswer {
  actor: Actor
  expiresAt: string
}

export function createAuthService(deps: {
  db: Db
  clock: Clock
  audit: AuditService
  access: AccessCache
  settings: AuthSettings
}) {
  const { db, clock, audit, access, settings } = deps
  // Verified against when the username is unknown, so both paths take the same time.
  const decoyHash = argon2Hash(newSecret())

  /**
   * Signs a user in. The 5th failure in a row still answers AUTH_INVALID_CREDENTIALS and locks
   * the username for 15 minutes; while locked, even the right password gets AUTH_LOCKED.
   * Every attempt is in the audit log. Throws AUTH_INVALID_CREDENTIALS, AUTH_LOCKED, AUTH_ACCOUNT_DISABLED.
   */
  async function login(input: LoginBody): Promise<LoginReply> {
    const now = clock.now()
    const user = await repo.findUserByUsername(db, input.username)
    if (!user) {
      await argon2Verify(await decoyHash, input.password)
      await audit.record(anonymousActor(input.username), {
        action: 'auth.login_failed',
        objectType: 'user',
        details: { username: input.username, reason: 'unknown_user' },
      })
      throw new AppError('AUTH_INVALID_CREDENTIALS')
    }
    const actor = userActor(user)
    if (isLocked(user.locked_until, now)) {
      await audit.record(actor, {
        action: 'auth.login_failed',
        objectType: 'user',
        objectId: user.id,
        details: { username: user.username, reason: 'locked' },
      })
      throw new AppError('AUTH_LOCKED', { lockedUntil: user.locked_until })
    }
    // Hashing stays outside the transaction: it takes tens of milliseconds.
    const passwordOk = await argon2Verify(user.password_hash, input.password)
    if (!passwordOk) {
      await recordFailure(user.id, actor, now)
      throw new AppError('AUTH_INVALID_CREDENTIALS')
    }
    if (user.status !== 'active') {
      await audit.record(actor, {
        action: 'auth.login_failed',
        objectType: 'user',
        objectId: user.id,
        details: { username: user.username, reason: 'disabled' },
      })
      throw new AppError('AUTH_ACCOUNT_DISABLED')
    }
    const token = newSecret()
    const expiresAt = new Date(now.getTime() + settings.sessionHours * 3_600_000).toISOString()
    const stillLocked = await inTransaction(db, async (trx) => {
      const current = await repo.findUser(trx, user.id, { lock: true })
      // Another instance may have locked the account while the hash was being checked.
      if (!current || isLocked(current.locked_until, now)) {
        return true
      }
      await repo.updateUser(trx, user.id, { failed_logins: 0, locked_until: null })
      await repo.insertSession(trx, {
        id: sm3Hex(token),
        principal_type: 'user',
        principal_id: user.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
      })
      await audit.append(trx, actor, { action: 'auth.login', objectType: 'user', objectId: user.id })
      return false
    })
    if (stillLocked) {
      throw new AppError('AUTH_LOCKED')
    }
    const roles = (await repo.rolesOfUsers(db, [user.id])).get(user.id) ?? []
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
    }
  }

  async function recordFailure(userId: string, actor: Actor, now: Date): Promise<void> {
    await inTransaction(db, async (trx) => {
      const current = await repo.findUser(trx, userId, { lock: true })
      if (!current) {
        return
      }
      const next = afterFailedLogin(current.failed_logins, current.locked_until, now)
      await repo.updateUser(trx, userId, { failed_logins: next.failedLogins, locked_until: next.lockedUntil })
      await audit.append(trx, actor, {
        action: 'auth.login_failed',
        objectType: 'user',
        objectId: userId,
        details: { username: current.username, reason: 'wrong_password', failedLogins: next.failedLogins },
      })
      if (next.lockedUntil !== null && current.locked_until !== next.lockedUntil) {
        await audit.append(trx, actor, {
          action: 'auth.locked',
          objectType: 'user',
          objectId: userId,
          details: { lockedUntil: next.lockedUntil },
        })
      }
    })
  }

  /** Ends the session the request came with; the user's other sessions live on. */
  async function logout(actor: Actor): Promise<void> {
    if (!actor.sessionId) {
      throw new AppError('AUTH_REQUIRED')
    }
    const sessionId = actor.sessionId
    await inTransaction(db, async (trx) => {
      await repo.revokeSession(trx, sessionId, clock.now().toISOString())
      await audit.append(trx, actor, {
        action: 'auth.logout',
        objectType: actor.kind,
        objectId: actor.id ?? undefined,
      })
    })
  }

  /** Client-credentials token for a department's system. Throws AUTH_INVALID_CREDENTIALS. */
  async function issueClientToken(
    input: TokenBody,
  ): Promise<{ accessToken: string; tokenType: string; expiresIn: number }> {
    const now = clock.now()
    const client = await repo.findClientByClientId(db, input.clientId)
    if (client?.status !== 'active' || !sameHex(client.secret_hash, sm3Hex(input.clientSecret))) {
      await audit.record(anonymousActor(input.clientId), {
        action: 'auth.token_failed',
        objectType: 'api_client',
        objectId: client?.id,
        departmentId: client?.department_id ?? null,
        details: { clientId: input.clientId },
      })
      throw new AppError('AUTH_INVALID_CREDENTIALS')
    }
    const token = newSecret()
    const actor = clientActor(
      client,
      await repo.findDepartment(db, client.department_id),
      await repo.rolesOfClient(db, client.id),
    )
    await inTransaction(db, async (trx) => {
      await repo.insertSession(trx, {
        id: sm3Hex(token),
        principal_type: 'client',
        principal_id: client.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + settings.clientTokenSeconds * 1000).toISOString(),
        revoked_at: null,
      })
      await audit.append(trx, actor, { action: 'auth.token', objectType: 'api_client', objectId: client.id })
    })
    return { accessToken: token, tokenType: 'Bearer', expiresIn: settings.clientTokenSeconds }
  }

  /**
   * The actor behind a bearer token or session cookie, or null when it is unknown, expired or
   * revoked. Answers are cached until anything about sessions, users, clients or departments
   * changes (the access epoch); expiry is checked against the clock every time.
   */
  async function resolveToken(token: string): Promise<Actor | null> {
    return (await resolveRequest(token))?.actor ?? null
  }

  /**
   * resolveToken, plus the access snapshot it was answered from: the rest of the request asks its
   * own access questions (grants, resources) of the same snapshot, read after the request came.
   */
  async function resolveRequest(token: string): Promise<{ actor: Actor; access: AccessSnapshot } | null> {
    const sessionId = sm3Hex(token)
    const snapshot = await access.snapshot()
    const answer = await snapshot.get(`session:${sessionId}`, () => loadSession(sessionId))
    return answer && answer.expiresAt > clock.now().toISOString()
      ? { actor: answer.actor, access: snapshot }
      : null
  }

  async function loadSession(sessionId: string): Promise<SessionAnswer | null> {
    const session = await repo.findUnrevokedSession(db, sessionId)
    if (!session) {
      return null
    }
    const answer = (actor: Actor): SessionAnswer => ({
      // Shared by every request with this token until the epoch moves: nobody may change it.
      actor: Object.freeze({ ...actor, roles: Object.freeze([...actor.roles]), sessionId }),
      expiresAt: session.expires_at,
    })
    if (session.principal_type === 'user') {
      const user = await repo.findUser(db, session.principal_id)
      if (user?.status !== 'active') {
        return null
      }
      const [department, roles] = await Promise.all([
        repo.findDepartment(db, user.department_id),
        repo.rolesOfUsers(db, [user.id]),
      ])
      return answer({ ...userActor(user, department), roles: roles.get(user.id) ?? [] })
    }
    const client = await repo.findClient(db, session.principal_id)
    if (client?.status !== 'active') {
      return null
    }
    const [department, roles] = await Promise.all([
      repo.findDepartment(db, client.department_id),
      repo.rolesOfClient(db, client.id),
    ])
    return answer(clientActor(client, department, roles))
  }

  /** Changes the signed-in user's own password. Throws AUTH_INVALID_CREDENTIALS, AUTH_WEAK_PASSWORD. */
  async function changePassword(actor: Actor, input: PasswordChangeBody): Promise<void> {
    if (actor.kind !== 'user' || actor.id === null) {
      throw new AppError('FORBIDDEN', { reason: 'only users have passwords' })
    }
    const user = await repo.findUser(db, actor.id)
    if (!user || !(await argon2Verify(user.password_hash, input.currentPassword))) {
      throw new AppError('AUTH_INVALID_CREDENTIALS', { field: 'currentPassword' })
    }
    if (!isStrongPassword(input.newPassword)) {
      throw new AppError('AUTH_WEAK_PASSWORD', { field: 'newPassword' })
    }
    const passwordHash = await argon2Hash(input.newPassword)
    await inTransaction(db, async (trx) => {
      await repo.updateUser(trx, user.id, {
        password_hash: passwordHash,
        must_change_password: 0,
        updated_at: clock.now().toISOString(),
      })
      await audit.append(trx, actor, {
        action: 'auth.password_change',
        objectType: 'user',
        objectId: user.id,
      })
    })
  }

  return { login, logout, issueClientToken, resolveToken, resolveRequest, changePassword }
}

function userActor(user: repo.UserRow, department?: repo.DepartmentRow): Actor {
  return {
    kind: 'user',
    id: user.id,
    name: user.username,
    departmentId: user.department_id,
    departmentPath: department?.path ?? null,
    departmentLevel: department?.level ?? null,
    roles: [],
  }
}

function clientActor(
  client: repo.ApiClientRow,
  department: repo.DepartmentRow | undefined,
  roles: Role[],
): Actor {
  return {
    kind: 'client',
    id: client.id,
    name: client.client_id,
    departmentId: client.department_id,
    departmentPath: department?.path ?? null,
    departmentLevel: department?.level ?? null,
    roles,
  }
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}
