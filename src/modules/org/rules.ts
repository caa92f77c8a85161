/** Pure organisation rules: department codes (GB 32100-2015), levels, password policy. */
import { passwordProblems } from './password-policy.js'
import { LEVELS, type Level } from './vocabulary.js'

/** GB 32100-2015 code characters: digits and capitals without I, O, S, V, Z. */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

/** The 18th character of a unified social credit code, computed from the first 17. */
export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i))
    if (value < 0) {
      throw new RangeError(`not a code character: ${first17.charAt(i)}`)
    }
    sum += value * (USCC_WEIGHTS[i] ?? 0)
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31)
}

export function isValidUscc(code: string): boolean {
  return USCC_SHAPE.test(code) && usccCheckChar(code.slice(0, 17)) === code.charAt(17)
}

/** GB 11714 organisation code check character, for the 9th–17th characters of a USCC. */
export function orgCodeCheckChar(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 8; i++) {
    sum += USCC_CHARSET.indexOf(first8.charAt(i)) * (weights[i] ?? 0)
  }
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

/** A valid code from its parts (demo and test data): 2 type chars, 6-digit division, 8-char org base. */
export function buildUscc(type2: string, division6: string, orgBase8: string): string {
  const first17 = `${type2}${division6}${orgBase8}${orgCodeCheckChar(orgBase8)}`
  return `${first17}${usccCheckChar(first17)}`
}

// The levels are wire vocabulary (the portal imports them), so they live in vocabulary.ts.
export { LEVELS, type Level } from './vocabulary.js'

/**
 * Art. 2-3: city → county/district → township. City and county departments may be roots; a
 * township sits under a county; nothing sits under a lower level than itself.
 */
export function isAllowedParent(level: Level, parentLevel: Level | null): boolean {
  if (parentLevel === null) {
    return level !== 'township'
  }
  if (level === 'township') {
    return parentLevel === 'county'
  }
  return LEVELS.indexOf(parentLevel) <= LEVELS.indexOf(level)
}

/** The default policy (password-policy.ts): 10+ characters, 3 of 4 classes, not a common password. */
export function isStrongPassword(password: string): boolean {
  return passwordProblems(password).length === 0
}

export const MAX_FAILED_LOGINS = 5
export const LOCKOUT_MINUTES = 15

/** After a failed sign-in: the new count, and until when the account is locked (if it now is). */
export function afterFailedLogin(
  failedSoFar: number,
  lockedUntil: string | null,
  now: Date,
): { failedLogins: number; lockedUntil: string | null } {
  // A lock that has run out starts a fresh count.
  const base = lockedUntil !== null && lockedUntil <= now.toISOString() ? 0 : failedSoFar
  const failedLogins = base + 1
  if (failedLogins >= MAX_FAILED_LOGINS) {
    return { failedLogins, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() }
  }
  return { failedLogins, lockedUntil: null }
}

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil > now.toISOString()
}
