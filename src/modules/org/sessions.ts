/**
 * Sessions: who a token is (cached per access epoch), the absolute and the idle timeout, and what
 * the session may not do yet (first password, expired password, second factor to enrol, an API
 * client calling from outside its allowlist). Activity is written at most once a minute per
 * session and instance, outside the access-epoch trigger, so reads stay cached.
 */
import { BlockList, isIPv4 } from 'node:net'
import type { AccessCache, AccessSnapshot } from '../../db/access-cache.js'
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { sm3Hex } from '../../shared/crypto.js'
import { AppError } from '../../shared/errors.js'
import type { AuditService } from '../audit/index.js'
import { clientActor, userActor } from './actors.js'
import type { MfaService } from './mfa.js'
import * as repo from './repo.js'
import * as sec from './security-repo.js'

/** What a session may not do until it is dealt with. */
export type Restriction = 'password_change' | 'mfa_enrolment' | 'address_not_allowed'

export interface ResolvedRequest {
  actor: Actor
  access: AccessSnapshot
  restrictions: readonly Restriction[]
}

export interface SessionSettings {
  /** 0 turns the idle timeout off (tests that move the clock by days). */
  sessionIdleMinutes: number
  passwordMaxAgeDays: number
}

/** Who a session is, as the database said; time-bound checks are made at each use. */
interface SessionAnswer {
  actor: Actor
  expiresAt: string
  mustChangePassword: boolean
  passwordSetAt: string
  mfaMissing: boolean
  allowed: BlockList | null
}

/** Activity is written when the last write this instance made is older than this. */
const TOUCH_MS = 60_000
const MAX_SEEN = 50_000

export function createSessions(deps: {
  db: Db
  clock: Clock
  audit: AuditService
  access: AccessCache
  mfa: MfaService
  settings: SessionSettings
}) {
  const { db, clock, audit, access, mfa, settings } = deps
  const seen = new Map<string, number>()

  /**
   * The actor behind a bearer token or session cookie, with the access snapshot it was answered
   * from, or null when the token is unknown, revoked, expired or idle too long.
   */
  async function resolveRequest(token: string, address?: string): Promise<ResolvedRequest | null> {
    const sessionId = sm3Hex(token)
    const snapshot = await access.snapshot()
    const answer = await snapshot.get(`session:${sessionId}`, () => loadSession(sessionId))
    const now = clock.now()
    if (!answer || answer.expiresAt <= now.toISOString()) {
      return null
    }
    if (answer.actor.kind === 'user' && !(await stillActive(sessionId, now))) {
      return null
    }
    return { actor: answer.actor, access: snapshot, restrictions: restrictionsOf(answer, now, address) }
  }

  async function stillActive(sessionId: string, now: Date): Promise<boolean> {
    if (settings.sessionIdleMinutes <= 0) {
      return true
    }
    const last = seen.get(sessionId)
    if (last !== undefined && now.getTime() - last < TOUCH_MS) {
      return true
    }
    const cutoff = new Date(now.getTime() - settings.sessionIdleMinutes * 60_000).toISOString()
    if (!(await sec.touchSession(db, sessionId, now.toISOString(), cutoff))) {
      seen.delete(sessionId)
      return false
    }
    if (seen.size >= MAX_SEEN) {
      seen.clear()
    }
    seen.set(sessionId, now.getTime())
    return true
  }

  function restrictionsOf(answer: SessionAnswer, now: Date, address: string | undefined): Restriction[] {
    const restrictions: Restriction[] = []
    const maxAgeMs = settings.passwordMaxAgeDays * 86_400_000
    const expired = maxAgeMs > 0 && Date.parse(answer.passwordSetAt) + maxAgeMs <= now.getTime()
    if (answer.mustChangePassword || expired) {
      restrictions.push('password_change')
    }
    if (answer.mfaMissing) {
      restrictions.push('mfa_enrolment')
    }
    if (answer.allowed && !(address !== undefined && isAllowed(answer.allowed, address))) {
      restrictions.push('address_not_allowed')
    }
    return restrictions
  }

  async function loadSession(sessionId: string): Promise<SessionAnswer | null> {
    const session = await repo.findUnrevokedSession(db, sessionId)
    if (!session) {
      return null
    }
    // Shared by every request with this token until the epoch moves: nobody may change it.
    const frozen = (actor: Actor): Actor =>
      Object.freeze({ ...actor, roles: Object.freeze([...actor.roles]), sessionId })
    if (session.principal_type === 'user') {
      const user = await repo.findUser(db, session.principal_id)
      if (user?.status !== 'active') {
        return null
      }
      const [department, roles, history, enrolled] = await Promise.all([
        repo.findDepartment(db, user.department_id),
        repo.rolesOfUsers(db, [user.id]),
        sec.recentPasswords(db, user.id, 1),
        mfa.isEnrolled(user.id),
      ])
      const userRoles = roles.get(user.id) ?? []
      return {
        actor: frozen({ ...userActor(user, department), roles: userRoles }),
        expiresAt: session.expires_at,
        mustChangePassword: user.must_change_password === 1,
        passwordSetAt: history[0]?.created_at ?? user.created_at,
        mfaMissing: !enrolled && mfa.isRequiredFor(userRoles),
        allowed: null,
      }
    }
    const client = await repo.findClient(db, session.principal_id)
    if (client?.status !== 'active') {
      return null
    }
    const [department, roles, security] = await Promise.all([
      repo.findDepartment(db, client.department_id),
      repo.rolesOfClient(db, client.id),
      sec.findClientSecurity(db, client.id),
    ])
    return {
      actor: frozen(clientActor(client, department, roles)),
      expiresAt: session.expires_at,
      mustChangePassword: false,
      passwordSetAt: session.created_at,
      mfaMissing: false,
      allowed: blockListOf(security?.allowed_cidrs ?? null),
    }
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
    seen.delete(sessionId)
  }

  return { resolveRequest, logout }
}

/** A BlockList of the stored CIDR list (JSON), or null when the client may call from anywhere. */
export function blockListOf(cidrsJson: string | null): BlockList | null {
  if (cidrsJson === null) {
    return null
  }
  const list = new BlockList()
  for (const cidr of JSON.parse(cidrsJson) as string[]) {
    // Only values checked by parseCidr are ever stored.
    const [address = '', prefix = ''] = cidr.split('/')
    list.addSubnet(address, Number(prefix), isIPv4(address) ? 'ipv4' : 'ipv6')
  }
  return list
}

export function isAllowed(list: BlockList, address: string): boolean {
  // An IPv4 client seen through an IPv6 socket arrives as ::ffff:a.b.c.d.
  const plain = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address
  return list.check(plain, isIPv4(plain) ? 'ipv4' : 'ipv6')
}
