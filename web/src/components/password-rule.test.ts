import { describe, expect, it } from 'vitest'
import { meetsPasswordRule } from './password-rule'

describe("the portal's password rule", () => {
  const strong = (length: number) => 'Aa1#'.padEnd(length, 'x')

  it('keeps the server’s 128-character maximum', () => {
    expect(meetsPasswordRule(strong(128))).toBe(true)
    expect(meetsPasswordRule(strong(129))).toBe(false)
  })

  it('asks the default minimum length and three character classes', () => {
    expect(meetsPasswordRule(strong(10))).toBe(true)
    expect(meetsPasswordRule(strong(9))).toBe(false)
    expect(meetsPasswordRule('aaaaaaaaaa1')).toBe(false)
  })
})
