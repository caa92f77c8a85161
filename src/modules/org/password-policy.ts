/**
 * The password policy of 等保 2.0 level 3 (GB/T 22239-2019 8.1.4.1): length, character classes,
 * no common password, not the username; history and age are the service's (they need the store).
 * Pure: the limits come in as settings, so the portal's hint and the server say the same thing.
 */

import { COMMON_PASSWORDS } from './common-passwords.js'
import {
  PASSWORD_CLASSES,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_CLASSES,
  PASSWORD_MIN_LENGTH,
} from './vocabulary.js'

export interface PasswordPolicy {
  minLength: number
  minClasses: number
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: PASSWORD_MIN_LENGTH,
  minClasses: PASSWORD_MIN_CLASSES,
}

/** Why a password is refused; sent as AUTH_WEAK_PASSWORD details so a client can say which rule. */
export type PasswordProblem =
  | 'too_short'
  | 'too_long'
  | 'too_few_classes'
  | 'common'
  | 'too_few_distinct'
  | 'contains_username'
  | 'reused'

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
}

/** The rules a password breaks (none: acceptable). `username` is checked when given. */
export function passwordProblems(
  password: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  username?: string,
): PasswordProblem[] {
  const problems: PasswordProblem[] = []
  if (password.length < policy.minLength) {
    problems.push('too_short')
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    problems.push('too_long')
  }
  if (PASSWORD_CLASSES.filter((re) => re.test(password)).length < policy.minClasses) {
    problems.push('too_few_classes')
  }
  if (isCommon(password)) {
    problems.push('common')
  }
  // "Aa1aaaaa": three classes, yet one letter repeated.
  if (new Set(password).size < 5) {
    problems.push('too_few_distinct')
  }
  if (username !== undefined && containsUsername(password, username)) {
    problems.push('contains_username')
  }
  return problems
}

/** A common password, also with digits or symbols around it or letters written as look-alikes. */
export function isCommon(password: string): boolean {
  const lower = password.toLowerCase()
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '')
  const unleet = [...lower].map((c) => LEET[c] ?? c).join('')
  const unleetCore = unleet.replace(/^[^a-z]+|[^a-z]+$/g, '')
  const digitsOnly = /^[0-9]+$/.test(lower)
  return (
    digitsOnly ||
    [lower, core, unleet, unleetCore].some((candidate) => COMMON_PASSWORDS.has(candidate)) ||
    // A keyboard or alphabet run with a few characters added ("qwerty12!", "abcdefg1").
    (core.length >= 4 && isRun(core))
  )
}

function isRun(letters: string): boolean {
  return ['abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'].some((row) =>
    row.includes(letters),
  )
}

function containsUsername(password: string, username: string): boolean {
  const name = username.toLowerCase()
  if (name.length < 3) {
    return false
  }
  const lower = password.toLowerCase()
  return lower.includes(name) || lower.includes([...name].reverse().join(''))
}
