import { describe, expect, it } from 'vitest'
import { DEFAULT_PASSWORD_POLICY, passwordProblems } from './password-policy.js'
import {
  afterFailedLogin,
  buildUscc,
  isAllowedParent,
  isLocked,
  isStrongPassword,
  isValidUscc,
  usccCheckChar,
} from './rules.js'

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts codes whose 18th character is right', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true)
    expect(isValidUscc('91110000600037341L')).toBe(true)
  })

  it('refuses a wrong 18th character, a wrong length and letters the standard leaves out', () => {
    expect(isValidUscc('91350100M000100Y44')).toBe(false)
    expect(isValidUscc('91350100M000100Y4')).toBe(false)
    expect(isValidUscc('91350100M000100I43')).toBe(false)
    expect(isValidUscc('91350100m000100Y43')).toBe(false)
  })

  it('builds valid codes for demo data', () => {
    const code = buildUscc('11', '530100', 'MB000101')
    expect(code).toHaveLength(18)
    expect(isValidUscc(code)).toBe(true)
    expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17))
  })
})

describe('department levels (Art. 2-3)', () => {
  it('lets city and county be roots, and puts a township under a county only', () => {
    expect(isAllowedParent('city', null)).toBe(true)
    expect(isAllowedParent('county', null)).toBe(true)
    expect(isAllowedParent('township', null)).toBe(false)
    expect(isAllowedParent('township', 'county')).toBe(true)
    expect(isAllowedParent('township', 'city')).toBe(false)
    expect(isAllowedParent('city', 'county')).toBe(false)
    expect(isAllowedParent('county', 'city')).toBe(true)
  })
})

describe('password policy', () => {
  it('wants 10 characters, 3 of 4 classes and no common password by default', () => {
    expect(isStrongPassword('Lakeview#2026')).toBe(true)
    expect(isStrongPassword('Kunming#2026')).toBe(false)
    expect(isStrongPassword('river7stone!')).toBe(true)
    expect(isStrongPassword('Abc12!')).toBe(false)
    expect(isStrongPassword('abcdefgh1')).toBe(false)
    expect(isStrongPassword('ABCDEFGHIJ')).toBe(false)
  })

  it('refuses the weak passwords found in issue 13, even at the 8-character minimum', () => {
    const eight = { minLength: 8, minClasses: 3 }
    for (const weak of ['Password1', 'Admin123', 'Aa1aaaaa', 'Qwerty12!', 'P@ssw0rd2026', 'Woaini1314!']) {
      expect(isStrongPassword(weak), weak).toBe(false)
      expect(passwordProblems(weak, eight), weak).not.toEqual([])
    }
    expect(passwordProblems('Qwerty12!', eight)).toContain('common')
    expect(passwordProblems('Aa1aaaaa', eight)).toContain('too_few_distinct')
  })

  it('refuses the username inside the password, either way round', () => {
    expect(passwordProblems('Zhangsan#2026', DEFAULT_PASSWORD_POLICY, 'zhangsan')).toEqual([
      'contains_username',
    ])
    expect(passwordProblems('x#nasgnahz2026', DEFAULT_PASSWORD_POLICY, 'zhangsan')).toContain(
      'contains_username',
    )
    expect(passwordProblems('River7stone!', DEFAULT_PASSWORD_POLICY, 'zhangsan')).toEqual([])
  })
})

describe('lockout', () => {
  const now = new Date('2026-03-02T08:00:00Z')

  it('locks on the 5th failure in a row for 15 minutes', () => {
    let state = { failedLogins: 0, lockedUntil: null as string | null }
    for (let i = 0; i < 4; i++) {
      state = afterFailedLogin(state.failedLogins, state.lockedUntil, now)
      expect(state.lockedUntil).toBeNull()
    }
    state = afterFailedLogin(state.failedLogins, state.lockedUntil, now)
    expect(state.failedLogins).toBe(5)
    expect(state.lockedUntil).toBe('2026-03-02T08:15:00.000Z')
    expect(isLocked(state.lockedUntil, new Date('2026-03-02T08:14:59Z'))).toBe(true)
    expect(isLocked(state.lockedUntil, new Date('2026-03-02T08:15:00Z'))).toBe(false)
  })

  it('starts a fresh count once a lock has run out', () => {
    const next = afterFailedLogin(5, '2026-03-02T07:59:00.000Z', now)
    expect(next).toEqual({ failedLogins: 1, lockedUntil: null })
  })
})
