import { describe, expect, it } from 'vitest'
import type { PublishedItem } from '../../catalog/index.js'
import { maskedKey } from '../codec.js'
import { projectRecord } from '../rules.js'
import {
  applyMask,
  cachedMaskPlan,
  isMaskedItem,
  linkRuleFor,
  maskPlan,
  normalizeItemName,
} from './linked-masking.js'

const item = (name: string, extra: Partial<PublishedItem> = {}): PublishedItem => ({
  code: name,
  name,
  dataType: 'string',
  key: false,
  sensitivity: 'none',
  ...extra,
})
const ID = item('公民身份号码', { key: true, sensitivity: 'id_number' })
const NAME = item('姓名', { sensitivity: 'name' })
const ADDRESS = item('住址', { sensitivity: 'address' })

describe('the name table', () => {
  it('normalises width, case, spacing, brackets and traditional characters', () => {
    expect(normalizeItemName(' 出生 日期（公历） ')).toBe('出生日期公历')
    expect(normalizeItemName('Date_Of_Birth')).toBe('dateofbirth')
    expect(normalizeItemName('性別')).toBe('性别')
    expect(normalizeItemName('ＱＱ号')).toBe('qq号')
  })

  it.each([
    ['出生日期', 'birth_date'],
    ['出生年月', 'birth_date'],
    ['出生年份', 'birth_date'],
    ['出生時間', 'birth_date'],
    ['生日', 'birth_date'],
    ['新生儿出生日期', 'birth_date'],
    ['date_of_birth', 'birth_date'],
    ['DOB', 'birth_date'],
    ['年龄', 'age'],
    ['年齡（岁）', 'age'],
    ['周岁', 'age'],
    ['是否已满18周岁', 'age'],
    ['age', 'age'],
    ['生肖', 'birth_derived'],
    ['星座', 'birth_derived'],
    ['退休日期', 'birth_derived'],
    ['性别', 'gender'],
    ['性別代码', 'gender'],
    ['sex', 'gender'],
    ['行政区划代码', 'region_code'],
    ['区划代码', 'region_code'],
    ['户籍所在地代码', 'region_code'],
    ['所属区县', 'place'],
    ['街道', 'place'],
    ['所属社区', 'place'],
    ['籍贯', 'place'],
    ['户籍所在地', 'place'],
    ['出生地', 'place'],
    ['birthplace', 'place'],
    ['经度', 'place'],
    ['邮编', 'postcode'],
    ['邮政编码', 'postcode'],
    ['zip_code', 'postcode'],
    ['姓名拼音', 'name_spelling'],
    ['曾用名', 'name_spelling'],
    ['QQ号', 'qq_number'],
  ])('%s → %s', (name, rule) => {
    expect(linkRuleFor(name)?.id).toBe(rule)
  })

  it.each([
    '出生医学证明编号',
    '登记日期',
    '参保日期',
    '成立日期',
    '民族',
    '居住证号码',
    '证照数量',
    'agency',
    'country',
    '迁移原因',
  ])('%s is not linked', (name) => {
    expect(linkRuleFor(name)).toBeUndefined()
  })
})

describe('maskPlan', () => {
  it('links an item only when the resource has a masked personal item it narrows', () => {
    const birth = item('出生日期', { dataType: 'date' })
    const region = item('行政区划代码')
    const gender = item('性别')
    expect(maskPlan([NAME, birth, region]).get('出生日期')).toEqual({ kind: 'none' })
    expect(maskPlan([ID, birth, region]).get('行政区划代码')).toEqual({ kind: 'none' })
    expect(maskPlan([ID, birth]).get('出生日期')).toMatchObject({
      kind: 'linked',
      linkedTo: ['公民身份号码'],
    })
    expect(maskPlan([ADDRESS, region]).get('行政区划代码')).toMatchObject({ kind: 'linked', keepDigits: 4 })
    expect(maskPlan([NAME, gender]).get('性别')).toMatchObject({ kind: 'linked', linkedTo: ['姓名'] })
  })

  it('masks nothing in a resource without a personal item', () => {
    const plan = maskPlan([item('出生日期', { dataType: 'date' }), item('性别'), item('邮编', { key: true })])
    expect([...plan.values()].every((mask) => mask.kind === 'none')).toBe(true)
  })

  it('keeps the contract mask of an item with its own sensitivity, whatever its name', () => {
    const plan = maskPlan([ID, item('户籍地址', { sensitivity: 'address' })])
    expect(plan.get('户籍地址')).toEqual({ kind: 'own', sensitivity: 'address' })
  })

  it('is computed once per items array', () => {
    const items = [ID, item('出生日期', { dataType: 'date' })]
    expect(cachedMaskPlan(items)).toBe(cachedMaskPlan(items))
  })

  it('counts linked, own and unknown items as masked for filters, plain ones not', () => {
    const plan = maskPlan([ID, item('性别'), item('民族')])
    expect(isMaskedItem(plan, '公民身份号码')).toBe(true)
    expect(isMaskedItem(plan, '性别')).toBe(true)
    expect(isMaskedItem(plan, '不存在')).toBe(true)
    expect(isMaskedItem(plan, '民族')).toBe(false)
  })
})

describe('applyMask', () => {
  const plan = maskPlan([
    ID,
    ADDRESS,
    item('出生日期', { dataType: 'date' }),
    item('出生时间', { dataType: 'datetime' }),
    item('年龄', { dataType: 'integer' }),
    item('行政区划代码'),
    item('所属行政区'),
  ])
  const mask = (name: string, value: string | number | null) =>
    applyMask(plan.get(name) ?? { kind: 'none' }, value)

  it('hides linked values with a constant: ten stars for a date, one otherwise', () => {
    expect(mask('出生日期', '1990-01-01')).toBe('**********')
    expect(mask('出生时间', '1990-01-01T08:00:00+08:00')).toBe('**********')
    expect(mask('年龄', 36)).toBe('*')
    expect(mask('年龄', 104)).toBe('*')
    expect(mask('所属行政区', '五华区')).toBe('*')
  })

  it('keeps the first 4 digits of a region code, and hides a non-code whole', () => {
    expect(mask('行政区划代码', '530102')).toBe('5301**')
    expect(mask('行政区划代码', '530102001000')).toBe('5301********')
    expect(mask('行政区划代码', '五华区')).toBe('*')
    expect(mask('行政区划代码', '5301')).toBe('*')
  })

  it('applies the contract masks to personal items and leaves null alone', () => {
    expect(mask('公民身份号码', '530102199001011234')).toBe('530102********1234')
    expect(mask('住址', '云南省昆明市五华区华山街道12号')).toBe('云南省昆明市**********')
    expect(mask('出生日期', null)).toBeNull()
  })
})

describe('projectRecord and maskedKey with linked items', () => {
  const items = [ID, item('出生日期', { dataType: 'date' }), item('性别'), item('民族')]
  const data = { 公民身份号码: '530102199001011234', 出生日期: '1990-01-01', 性别: '男', 民族: '汉族' }
  const all = new Set(items.map((i) => i.name))

  it('masks the linked items under a masked grant and nothing under a plain one', () => {
    expect(projectRecord(items, data, all, false)).toEqual({
      公民身份号码: '530102********1234',
      出生日期: '**********',
      性别: '*',
      民族: '汉族',
    })
    expect(projectRecord(items, data, all, true)).toEqual(data)
    expect(projectRecord(items, data, new Set(['民族']), false)).toEqual({ 民族: '汉族' })
  })

  it('masks a key part like its item, linked ones included', () => {
    const keyed = [item('邮政编码', { key: true }), ID, ADDRESS]
    expect(maskedKey(keyed, '650031')).toBe('*')
    expect(maskedKey([ID], '530102199001011234')).toBe('530102********1234')
  })
})
