import { createCipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decryptField, encryptField, fieldKeys, indexHash, isEncrypted } from './field-crypto.js'

const A = '0123456789abcdeffedcba9876543210'
const B = 'ffeeddccbbaa99887766554433221100'

describe('SM4 field encryption', () => {
  it('matches the GB/T 32907 SM4 test vector (node:crypto)', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex')
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false)
    const out = Buffer.concat([cipher.update(key), cipher.final()])
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246')
  })

  it('round-trips, names its algorithm, and never repeats a ciphertext', () => {
    const keys = fieldKeys([A])
    const one = encryptField(keys, '530102199001011234')
    const two = encryptField(keys, '530102199001011234')
    expect(one).not.toBe(two)
    expect(one.startsWith('SM4-CBC/HMAC-SM3:')).toBe(true)
    expect(one).not.toContain('530102')
    expect(isEncrypted(one)).toBe(true)
    expect(decryptField(keys, one)).toBe('530102199001011234')
  })

  it('refuses an altered value', () => {
    const keys = fieldKeys([A])
    const value = encryptField(keys, '13800001111')
    const parts = value.split(':')
    const ct = Buffer.from(parts[3] ?? '', 'base64')
    ct[0] = (ct[0] ?? 0) ^ 1
    parts[3] = ct.toString('base64')
    expect(() => decryptField(keys, parts.join(':'))).toThrow(/altered/)
  })

  it('rotates: the new key encrypts, the old one still decrypts, the index hash stays', () => {
    const before = fieldKeys([A])
    const old = encryptField(before, '张三')
    const after = fieldKeys([B, A], A)
    expect(decryptField(after, old)).toBe('张三')
    expect(decryptField(after, encryptField(after, '李四'))).toBe('李四')
    expect(() => decryptField(fieldKeys([B]), old)).toThrow(/unknown key/)
    expect(indexHash(after, 'k')).toBe(indexHash(before, 'k'))
  })
})
