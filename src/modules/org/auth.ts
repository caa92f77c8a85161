/**
 * Authentication (Art. 28-29; 等保 2.0 level 3, issue 13): sign-in with an atomic lockout and a
 * second factor, sessions with absolute and idle timeouts, API client tokens, password changes
 * under the policy. This file only wires the parts together; each lives in its own file.
 */

import type { AccessCache } from '../../db/access-cache.js'
import type { Db } from '../../db/database.js'
import type { Actor, Role } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import type { FieldKeys } from '../../shared/field-crypto.js'
import type { AuditService } from '../audit/index.js'
import type { ZoneGuard } from '../zones/index.js'
import { createClientAdmin } from './clients.js'
import { createMfaService } from './mfa.js'
import { createPasswordChange } from './password-change.js'
import type { PasswordHasher } from './password-hash.js'
import { createSessions } from './sessions.js'
import { createSignIn } from './sign-in.js'

export type AuthService = ReturnType<typeof createAuthService>

export interface AuthSettings {
  sessionHours: number
  clientTokenSeconds: number
  sessionIdleMinutes: number
  mfaRequiredRoles: readonly Role[]
  passwordMinLength: number
  passwordMinClasses: number
  passwordHistory: number
  passwordMaxAgeDays: number
}

export function createAuthService(deps: {
  db: Db
  clock: Clock
  audit: AuditService
  access: AccessCache
  keys: FieldKeys
  settings: AuthSettings
  passwords?: PasswordHasher
  zones?: ZoneGuard
}) {
  const { db, clock, audit, access, keys, settings, passwords: hasher } = deps
  const mfa = createMfaService({ db, clock, audit, keys, requiredRoles: settings.mfaRequiredRoles })
  const signIn = createSignIn({
    db,
    clock,
    audit,
    mfa,
    sessionHours: settings.sessionHours,
    passwords: hasher,
    zones: deps.zones,
  })
  const sessions = createSessions({ db, clock, audit, access, mfa, settings })
  const clients = createClientAdmin({ db, clock, audit, clientTokenSeconds: settings.clientTokenSeconds })
  const passwords = createPasswordChange({ db, clock, audit, settings, passwords: hasher })

  /** resolveRequest's actor alone (tools and tests that hold a token). */
  async function resolveToken(token: string): Promise<Actor | null> {
    return (await sessions.resolveRequest(token))?.actor ?? null
  }

  return {
    login: signIn.login,
    logout: sessions.logout,
    resolveRequest: sessions.resolveRequest,
    resolveToken,
    issueClientToken: clients.issueClientToken,
    changePassword: passwords.changePassword,
    checkNewPassword: passwords.checkNewPassword,
    mfa,
    clients,
    settings,
  }
}
