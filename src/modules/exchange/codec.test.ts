import { describe, expect, it } from 'vitest'
import { encryptField, fieldKeys, isEncrypted } from '../../shared/field-crypto.js'
import type { PublishedItem } from '../catalog/index.js'
import { decodeData, encodeData, encodeRecords, holdsSameData, PERSONAL_KEY } from './codec.js'
import type { RecordData } from './rules.js'

const A = '0123456789abcdeffedcba9876543210'
const B = 'ffeeddccbbaa99887766554433221100'

function item(
  name: string,
  dataType: PublishedItem['dataType'],
  sensitivity: PublishedItem['sensitivity'],
  key = false,
): PublishedItem {
  return { code: name, name, dataType, key, sensitivity }
}

const ITEMS = [
  item('公民身份号码', 'string', 'id_number', true),
  item('姓名', 'string', 'name'),
  item('性别', 'string', 'none'),
  item('联系电话', 'string', 'phone'),
  item('年龄', 'integer', 'none'),
]

const RECORD: RecordData = {
  公民身份号码: '530102199001011234',
  姓名: '张三',
  性别: '男',
  联系电话: '13800001111',
  年龄: 36,
}

describe('record codec', () => {
  it('keeps the personal values in one SM4 envelope and the others as plain JSON keys', () => {
    const keys = fieldKeys([A])
    const json = encodeData(keys, ITEMS, RECORD)
    const stored: Record<string, unknown> = JSON.parse(json)
    expect(Object.keys(stored)).toEqual([PERSONAL_KEY, '性别', '年龄'])
    expect(isEncrypted(stored[PERSONAL_KEY])).toBe(true)
    expect(json).not.toContain('530102')
    expect(json).not.toContain('张三')
    expect(json).not.toContain('13800001111')
    expect(stored.性别).toBe('男')
    expect(stored.年龄).toBe(36)
    expect(decodeData(keys, json)).toEqual(RECORD)
  })

  it('stores a missing personal value as plain null and needs no envelope without personal values', () => {
    const keys = fieldKeys([A])
    const json = encodeData(keys, ITEMS, { ...RECORD, 联系电话: null })
    expect(JSON.parse(json).联系电话).toBeNull()
    expect(decodeData(keys, json)).toEqual({ ...RECORD, 联系电话: null })
    const plain = encodeData(keys, ITEMS.slice(2, 3), { 性别: '女' })
    expect(plain).toBe('{"性别":"女"}')
  })

  it('reads back personal values as text, as the per-value format did', () => {
    const keys = fieldKeys([A])
    const items = [item('编号', 'integer', 'name', true)]
    expect(decodeData(keys, encodeData(keys, items, { 编号: 42 }))).toEqual({ 编号: '42' })
  })

  it('encodes many records at once, each with its own envelope', () => {
    const keys = fieldKeys([A])
    const records = [RECORD, { ...RECORD, 姓名: '李四' }, { ...RECORD, 姓名: null, 联系电话: null }]
    const encoded = encodeRecords(keys, ITEMS, records)
    expect(encoded.map((json) => decodeData(keys, json))).toEqual([
      RECORD,
      { ...RECORD, 姓名: '李四' },
      { ...RECORD, 姓名: null, 联系电话: null },
    ])
    expect(new Set(encoded.map((json) => JSON.parse(json)[PERSONAL_KEY])).size).toBe(3)
  })

  it('still reads records stored one ciphertext per personal value', () => {
    const keys = fieldKeys([A])
    const old = JSON.stringify({
      公民身份号码: encryptField(keys, '530102199001011234'),
      姓名: encryptField(keys, '张三'),
      性别: '男',
      联系电话: encryptField(keys, '13800001111'),
      年龄: 36,
    })
    expect(decodeData(keys, old)).toEqual(RECORD)
    expect(Object.keys(decodeData(keys, old))).toEqual(Object.keys(RECORD))
  })

  it('refuses an altered envelope and decrypts one written under a rotated-out key', () => {
    const before = fieldKeys([A])
    const json = encodeData(before, ITEMS, RECORD)
    const stored = JSON.parse(json)
    const parts = String(stored[PERSONAL_KEY]).split(':')
    const ct = Buffer.from(parts[3] ?? '', 'base64')
    ct[0] = (ct[0] ?? 0) ^ 1
    parts[3] = ct.toString('base64')
    const altered = JSON.stringify({ ...stored, [PERSONAL_KEY]: parts.join(':') })
    expect(() => decodeData(before, altered)).toThrow(/altered/)
    expect(decodeData(fieldKeys([B, A], A), json)).toEqual(RECORD)
    expect(() => decodeData(fieldKeys([B]), json)).toThrow(/unknown key/)
  })

  it('tells whether a stored record holds a validated one, whatever its format or key order', () => {
    const keys = fieldKeys([A])
    const decoded = decodeData(keys, encodeData(keys, ITEMS, RECORD))
    expect(holdsSameData(ITEMS, decoded, RECORD)).toBe(true)
    expect(holdsSameData(ITEMS, decoded, { ...RECORD, 姓名: '李四' })).toBe(false)
    expect(holdsSameData(ITEMS, decoded, { ...RECORD, 年龄: 37 })).toBe(false)
    expect(holdsSameData(ITEMS, decoded, { ...RECORD, 联系电话: null })).toBe(false)
    const { 年龄: _, ...fewer } = decoded
    expect(holdsSameData(ITEMS, fewer, RECORD)).toBe(false)
    const numbered = [item('编号', 'integer', 'name', true)]
    expect(holdsSameData(numbered, { 编号: '42' }, { 编号: 42 })).toBe(true)
  })
})
