import { describe, expect, it } from 'vitest'
import { DEFAULT_PASSWORD_POLICY, passwordProblems } from './password-policy.js'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_CLASSES, PASSWORD_MIN_LENGTH } from './vocabulary.js'

// The portal checks passwords from vocabulary.ts; the server's policy is built from the same numbers.
describe('org vocabulary shared with the portal', () => {
  it('names the password policy the server applies', () => {
    expect(DEFAULT_PASSWORD_POLICY).toEqual({
      minLength: PASSWORD_MIN_LENGTH,
      minClasses: PASSWORD_MIN_CLASSES,
    })
    const strong = (length: number) => 'Zq7#'.padEnd(length, 'kRm4')
    expect(passwordProblems(strong(PASSWORD_MAX_LENGTH))).not.toContain('too_long')
    expect(passwordProblems(strong(PASSWORD_MAX_LENGTH + 1))).toContain('too_long')
  })
})
