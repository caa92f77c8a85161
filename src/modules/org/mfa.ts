/**
 * Second factor (等保 2.0 level 3, GB/T 22239-2019 8.1.4.1 d): TOTP (RFC 6238, otpauth) enrolled by
 * QR code, one-time recovery codes stored hashed, an admin reset that is logged. Secrets are SM4-
 * encrypted at rest; each accepted time step is stored so a code cannot be used twice.
 */
import { randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor, Role } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { sm3Hex } from '../../shared/crypto.js'
import { AppError } from '../../shared/errors.js'
import { decryptField, encryptField, type FieldKeys } from '../../shared/field-crypto.js'
import { can } from '../../shared/policy.js'
import type { AuditService } from '../audit/index.js'
import * as orgRepo from './repo.js'
import * as repo from './security-repo.js'

export const TOTP_PERIOD_SECONDS = 30
const RECOVERY_CODES = 10
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

export type MfaService = ReturnType<typeof createMfaService>

export interface MfaStatus {
  enrolled: boolean
  pending: boolean
  required: boolean
  recoveryCodesLeft: number
}

export function createMfaService(deps: {
  db: Db
  clock: Clock
  audit: AuditService
  keys: FieldKeys
  requiredRoles: readonly Role[]
}) {
  const { db, clock, audit, keys, requiredRoles } = deps

  function isRequiredFor(roles: readonly Role[]): boolean {
    return roles.some((role) => requiredRoles.includes(role))
  }

  /** Whether the user has a confirmed second factor. */
  async function isEnrolled(userId: string): Promise<boolean> {
    return (await repo.findMfa(db, userId))?.confirmed_at != null
  }

  async function status(actor: Actor): Promise<MfaStatus> {
    const userId = userIdOf(actor)
    const row = await repo.findMfa(db, userId)
    return {
      enrolled: row?.confirmed_at != null,
      pending: row !== undefined && row.confirmed_at === null,
      required: isRequiredFor(actor.roles),
      recoveryCodesLeft: row?.confirmed_at != null ? await repo.countRecoveryCodes(db, userId) : 0,
    }
  }

  /**
   * Starts enrolment: a new secret, shown once as an otpauth:// URI and its QR code; it counts only
   * after confirmEnrolment. Throws AUTH_SECOND_FACTOR_ALREADY_ENROLLED.
   */
  async function startEnrolment(
    actor: Actor,
  ): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
    const userId = userIdOf(actor)
    if (await isEnrolled(userId)) {
      throw new AppError('AUTH_SECOND_FACTOR_ALREADY_ENROLLED')
    }
    const secret = new Secret({ size: 20 }).base32
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      await repo.savePendingMfa(trx, userId, encryptField(keys, secret), now)
      await audit.append(trx, actor, { action: 'auth.mfa_enrol_start', objectType: 'user', objectId: userId })
    })
    const otpauthUri = totpFor(secret, actor.name).toString()
    return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 }) }
  }

  /**
   * Confirms enrolment with a first code; answers the recovery codes, shown this once.
   * Throws AUTH_SECOND_FACTOR_NOT_PENDING, AUTH_SECOND_FACTOR_INVALID.
   */
  async function confirmEnrolment(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    const userId = userIdOf(actor)
    const row = await repo.findMfa(db, userId)
    if (!row || row.confirmed_at !== null) {
      throw new AppError('AUTH_SECOND_FACTOR_NOT_PENDING')
    }
    const step = validStep(decryptField(keys, row.secret_enc), code)
    if (step === null) {
      throw new AppError('AUTH_SECOND_FACTOR_INVALID')
    }
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode)
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      if (!(await repo.confirmMfa(trx, userId, step, now))) {
        throw new AppError('AUTH_SECOND_FACTOR_NOT_PENDING')
      }
      await repo.replaceRecoveryCodes(
        trx,
        userId,
        recoveryCodes.map((c) => recoveryHash(userId, c)),
        now,
      )
      await audit.append(trx, actor, { action: 'auth.mfa_enrolled', objectType: 'user', objectId: userId })
    })
    return { recoveryCodes }
  }

  /**
   * The second factor at sign-in: a TOTP code of the current step (±1 for clock drift) not used
   * before, or an unused recovery code (which is then spent). Both checks are single statements.
   */
  async function verifyAtSignIn(
    userId: string,
    proof: { totp?: string; recoveryCode?: string },
  ): Promise<boolean> {
    const row = await repo.findMfa(db, userId)
    if (!row || row.confirmed_at === null) {
      return false
    }
    if (proof.totp !== undefined) {
      const step = validStep(decryptField(keys, row.secret_enc), proof.totp)
      return step !== null && (await repo.claimTotpStep(db, userId, step))
    }
    if (proof.recoveryCode !== undefined) {
      return repo.spendRecoveryCode(db, userId, recoveryHash(userId, proof.recoveryCode))
    }
    return false
  }

  /**
   * Removes a user's second factor (lost phone) and ends their sessions; logged. Only the platform
   * admin or a security officer, never for themselves. Throws FORBIDDEN, ORG_USER_NOT_FOUND… as NOT_FOUND.
   */
  async function reset(actor: Actor, userId: string, reason: string): Promise<void> {
    if (!can(actor, 'user.mfa_reset') || actor.id === userId) {
      throw new AppError('FORBIDDEN', { action: 'user.mfa_reset' })
    }
    const user = await orgRepo.findUser(db, userId)
    if (!user) {
      throw new AppError('NOT_FOUND', { userId })
    }
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      await repo.deleteMfa(trx, userId)
      await repo.revokeSessionsOf(trx, 'user', userId, now)
      await audit.append(trx, actor, {
        action: 'auth.mfa_reset',
        objectType: 'user',
        objectId: userId,
        details: { username: user.username, reason },
      })
    })
  }

  function validStep(secret: string, code: string): number | null {
    const timestamp = clock.now().getTime()
    const delta = totpFor(secret, '').validate({ token: code, timestamp, window: 1 })
    if (delta === null) {
      return null
    }
    return Math.floor(timestamp / 1000 / TOTP_PERIOD_SECONDS) + delta
  }

  return { isRequiredFor, isEnrolled, status, startEnrolment, confirmEnrolment, verifyAtSignIn, reset }
}

/** The TOTP of a base32 secret: SHA-1, 6 digits, 30 s, what every authenticator app reads. */
export function totpFor(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: 'govshare',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  })
}

function userIdOf(actor: Actor): string {
  if (actor.kind !== 'user' || actor.id === null) {
    throw new AppError('FORBIDDEN', { reason: 'only users have a second factor' })
  }
  return actor.id
}

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () =>
    RECOVERY_ALPHABET.charAt(randomInt(RECOVERY_ALPHABET.length)),
  )
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
}

function recoveryHash(userId: string, code: string): string {
  return sm3Hex(`govshare/recovery/${userId}/${code.toLowerCase().replace(/[^a-z0-9]/g, '')}`)
}
