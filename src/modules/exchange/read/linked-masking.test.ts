/**
 * Issue 11: no part of a masked value can be recovered from the rest of a masked view. Property:
 * for 10 000 synthetic people P and twins P′ differing only in what the masks hide, the masked
 * views are identical.
 */
import { describe, expect, it } from 'vitest'
import { PERSON_ITEMS, type Person, syntheticTwins } from '../../../../test/support/synthetic-people.js'
import { DEMO_RESOURCES } from '../../../seed/demo-resources.js'
import type { PublishedItem } from '../../catalog/index.js'
import { isValidIdNumber, projectRecord } from '../rules.js'
import { isMaskedItem, linkRuleFor, maskPlan } from './linked-masking.js'

const PEOPLE = 10_000
const ALL = new Set(PERSON_ITEMS.map((item) => item.name))
const masked = (person: Person) => projectRecord(PERSON_ITEMS, person.record, ALL, false)

/** The 8 digits of a birth date in the forms people write it. */
function birthForms(person: Person): string[] {
  const { year, month, day, digits } = person.birth
  return [
    digits,
    `${year}-${digits.slice(4, 6)}-${digits.slice(6)}`,
    `${year}年${month}月${day}日`,
    `${year}/${month}/${day}`,
  ]
}

describe('linked masking: twins that differ only in what the masks hide look the same', () => {
  const started = performance.now()
  const twins = syntheticTwins(20261111, PEOPLE)
  const generatedIn = performance.now() - started

  it(`generates ${PEOPLE} valid, clearly synthetic people, each twin differing in every hidden part`, () => {
    const wrong: string[] = []
    for (const [i, [p, q]] of twins.entries()) {
      for (const person of [p, q]) {
        const id = String(person.record.公民身份号码)
        const male = Number(id.charAt(16)) % 2 === 1
        if (!isValidIdNumber(id) || !id.startsWith('99') || id.slice(6, 14) !== person.birth.digits) {
          wrong.push(`#${i}: ${id}`)
        }
        if (person.record.性别 !== (male ? '男' : '女')) {
          wrong.push(`#${i}: gender of ${id}`)
        }
      }
      const [a, b] = [p.record, q.record]
      if (String(a.公民身份号码).slice(-4) !== String(b.公民身份号码).slice(-4)) {
        wrong.push(`#${i}: the twin's visible ID tail differs`)
      }
      for (const name of ['公民身份号码', '出生日期', '姓名', '户籍地址', '行政区划代码', '联系电话']) {
        if (a[name] === b[name]) {
          wrong.push(`#${i}: the twin has the same ${name}`)
        }
      }
    }
    expect(wrong.slice(0, 3)).toEqual([])
    expect(generatedIn).toBeLessThan(5_000)
  })

  it('shows P and P′ identically under a masked grant of every item', () => {
    const started = performance.now()
    const differing: string[] = []
    for (const [i, [p, q]] of twins.entries()) {
      const [a, b] = [JSON.stringify(masked(p)), JSON.stringify(masked(q))]
      if (a !== b) {
        differing.push(`#${i}: ${a} ≠ ${b}`)
      }
    }
    expect(differing.slice(0, 3)).toEqual([])
    // Hot path: 20 000 projections well inside the test's budget.
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('never shows the 8 birth digits, in any form', () => {
    const leaks: string[] = []
    for (const [p, q] of twins) {
      for (const person of [p, q]) {
        const view = JSON.stringify(masked(person))
        const found = birthForms(person).find((form) => view.includes(form))
        if (found) {
          leaks.push(`${found} in ${view}`)
        }
      }
    }
    expect(leaks.slice(0, 3)).toEqual([])
  })

  it('still shows what narrows nothing, and everything under a plain grant', () => {
    const [p] = twins[0] ?? []
    if (!p) {
      throw new Error('no people generated')
    }
    const id = String(p.record.公民身份号码)
    expect(masked(p)).toEqual({
      公民身份号码: `${id.slice(0, 6)}********${id.slice(14)}`,
      姓名: `${String(p.record.姓名).charAt(0)}**`,
      姓名拼音: '*',
      性别: '*',
      民族: p.record.民族,
      出生日期: '**********',
      生日: '*',
      出生年份: '*',
      年龄: '*',
      生肖: '*',
      户籍地址: `${String(p.record.户籍地址).slice(0, 6)}${'*'.repeat(14)}`,
      行政区划代码: `${String(p.record.行政区划代码).slice(0, 4)}**`,
      所属区县: '*',
      街道: '*',
      邮政编码: '*',
      联系电话: `199****${String(p.record.联系电话).slice(-4)}`,
      电子邮箱: `${String(p.record.电子邮箱).charAt(0)}*******@example.gov.cn`,
      参保日期: p.record.参保日期,
    })
    expect(projectRecord(PERSON_ITEMS, p.record, ALL, true)).toEqual(p.record)
  })
})

describe('linked masking: the demo catalog', () => {
  const published = DEMO_RESOURCES.map(({ input }) => ({
    name: input.name,
    items: input.items.map(
      (item, i): PublishedItem => ({
        code: `${i}`,
        name: item.name,
        dataType: item.dataType,
        key: item.key ?? false,
        sensitivity: item.sensitivity ?? 'none',
      }),
    ),
  }))

  it('masks birth date and gender wherever an ID number is masked', () => {
    let checked = 0
    for (const resource of published) {
      const plan = maskPlan(resource.items)
      if (!resource.items.some((item) => item.sensitivity === 'id_number')) {
        continue
      }
      for (const item of resource.items) {
        const rule = linkRuleFor(item.name)?.id
        if (rule === 'birth_date' || rule === 'gender') {
          expect(plan.get(item.name), `${resource.name}: ${item.name}`).toMatchObject({ kind: 'linked' })
          checked += 1
        }
      }
    }
    // 人口基础信息 (出生日期, 性别) and 出生医学证明信息 (出生日期) at least.
    expect(checked).toBeGreaterThanOrEqual(3)
  })

  it('plans 人口基础信息 item by item', () => {
    const population = published.find((r) => r.name === '人口基础信息')
    const plan = maskPlan(population?.items ?? [])
    const kinds = Object.fromEntries([...plan].map(([name, mask]) => [name, mask.kind]))
    expect(kinds).toEqual({
      公民身份号码: 'own',
      姓名: 'own',
      性别: 'linked',
      民族: 'none',
      出生日期: 'linked',
      户籍地址: 'own',
      联系电话: 'own',
    })
    expect(plan.get('出生日期')).toMatchObject({ rule: 'birth_date', linkedTo: ['公民身份号码'] })
    expect(isMaskedItem(plan, '出生日期')).toBe(true)
    expect(isMaskedItem(plan, '民族')).toBe(false)
  })

  it('leaves resources without a personal item as they are, and ordinary dates plain', () => {
    for (const resource of published) {
      const plan = maskPlan(resource.items)
      const personal = resource.items.some((item) => item.sensitivity !== 'none')
      for (const item of resource.items) {
        const mask = plan.get(item.name)
        if (!personal) {
          expect(mask, `${resource.name}: ${item.name}`).toEqual({ kind: 'none' })
        }
        if (item.dataType === 'date' && !/出生/.test(item.name)) {
          expect(mask, `${resource.name}: ${item.name}`).toEqual({ kind: 'none' })
        }
      }
    }
  })
})
