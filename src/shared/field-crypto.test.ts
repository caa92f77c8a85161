import { createCipheriv, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  decryptField,
  encryptField,
  encryptFields,
  fieldKeys,
  indexHash,
  isEncrypted,
} from './field-crypto.js'

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

  it('encrypts many values at once into what decryptField reads, padding every length right', () => {
    const keys = fieldKeys([A])
    // Around the 16-byte block: empty, 15, 16, 17 bytes, multi-byte text, several blocks.
    const values = ['', 'a'.repeat(15), 'b'.repeat(16), 'c'.repeat(17), '云南省昆明市五华区', 'x'.repeat(100)]
    const many = [...values, ...values.map((v) => `${v}!`)]
    const sealed = encryptFields(keys, many)
    expect(sealed).toHaveLength(many.length)
    expect(sealed.every((value) => value.startsWith(`SM4-CBC/HMAC-SM3:${keys.activeId}:`))).toBe(true)
    expect(sealed.map((value) => decryptField(keys, value))).toEqual(many)
    expect(new Set(sealed.map((value) => value.split(':')[2])).size).toBe(many.length) // fresh IVs
    expect(encryptFields(keys, [])).toEqual([])
  })

  it('encrypts each value with SM4-CBC on its own IV', () => {
    const keys = fieldKeys([A])
    const [value] = encryptFields(keys, ['0123456789abcdef0123456789abcdef-'])
    const [, , ivB64, ctB64] = (value ?? '').split(':')
    const key = keys.keys.get(keys.activeId)?.enc ?? Buffer.alloc(16)
    const iv = Buffer.from(ivB64 ?? '', 'base64')
    const ct = Buffer.from(ctB64 ?? '', 'base64')
    expect(ct).toHaveLength(48)
    const expected = createCipheriv('sm4-cbc', key, iv)
    const reference = Buffer.concat([expected.update('0123456789abcdef0123456789abcdef-'), expected.final()])
    expect(ct.equals(reference)).toBe(true)
  })

  it('tags each value of a batch: an altered one is refused, a moved tag too', () => {
    const keys = fieldKeys([A])
    const [one, two] = encryptFields(keys, ['13800001111', '13900002222'])
    const a = (one ?? '').split(':')
    const b = (two ?? '').split(':')
    const ct = Buffer.from(a[3] ?? '', 'base64')
    ct[ct.length - 1] = (ct[ct.length - 1] ?? 0) ^ 1
    expect(() => decryptField(keys, [...a.slice(0, 3), ct.toString('base64'), a[4]].join(':'))).toThrow(
      /altered/,
    )
    expect(() => decryptField(keys, [...a.slice(0, 4), b[4]].join(':'))).toThrow(/altered/)
  })

  it('batch ciphertexts rotate like single ones', () => {
    const [old] = encryptFields(fieldKeys([A]), ['张三'])
    expect(decryptField(fieldKeys([B, A], A), old ?? '')).toBe('张三')
    expect(() => decryptField(fieldKeys([B]), old ?? '')).toThrow(/unknown key/)
  })

  it('hashes index values as node:crypto HMAC-SM3 does (existing key hashes stay valid)', () => {
    const keys = fieldKeys([A])
    const value = '530102199001011234'
    expect(indexHash(keys, value)).toBe(createHmac('sm3', keys.index).update(value, 'utf8').digest('hex'))
  })
})
