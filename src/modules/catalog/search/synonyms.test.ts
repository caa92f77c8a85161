import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { type Person, type ServiceTest, setup } from '../../../../test/support/services.js'
import type { ResourceInput } from '../index.js'
import { createCatalogSearch } from './service.js'

/** Modelled on the demo catalog (src/seed/demo-resources.ts): [name, summary, items], oldest first. */
const DEMO_LIKE: Array<[string, string, string[]]> = [
  ['居民身份证制证信息', '居民身份证申领、制证和发证记录', ['公民身份号码', '制证日期']],
  [
    '人口基础信息',
    '全市户籍人口的公民身份号码、姓名、户籍地址等基础信息',
    ['公民身份号码', '姓名', '户籍地址'],
  ],
  [
    '法人单位基础信息',
    '企业、个体工商户等市场主体的统一社会信用代码、名称、法定代表人',
    ['统一社会信用代码', '企业名称'],
  ],
  [
    '社会保险参保信息',
    '职工基本养老保险、基本医疗保险、失业保险参保登记和缴费状态',
    ['公民身份号码', '参保险种'],
  ],
  ['机动车驾驶证信息', '机动车驾驶人准驾车型、初次领证日期', ['公民身份号码', '准驾车型']],
  ['不动产登记信息', '不动产权利登记、抵押、查封信息', ['不动产单元号', '权利人']],
  ['婚姻登记信息', '结婚、离婚登记信息', ['男方公民身份号码', '登记日期']],
]

function inputOf([name, summary, items]: [string, string, string[]]): ResourceInput {
  return {
    name,
    summary,
    category: 'department',
    format: 'database',
    shareType: 'unconditional',
    shareMethod: 'api',
    updateCycle: 'daily',
    items: items.map((item, index) => ({ name: item, dataType: 'string', key: index === 0 })),
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: search dictionary`, () => {
    let t: ServiceTest
    let consumer: Person
    let reviewer: Person
    let cataloger: Person
    const found = async (q: string) =>
      (await t.services.catalog.search.searchShared(consumer, { q, pageSize: 100 })).items

    beforeAll(async () => {
      t = await setup(dialect)
      const dept = await t.department('市公安局')
      cataloger = await t.person(dept, ['cataloger'])
      reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
      consumer = await t.person(await t.department(), ['consumer'])
      const { catalog, workflow } = t.services.catalog
      for (const spec of DEMO_LIKE) {
        const created = await catalog.createResource(cataloger, inputOf(spec))
        await workflow.submit(cataloger, created.id)
        t.clock.advance(60_000)
        await workflow.review(reviewer, created.id, { decision: 'approve' })
      }
    })
    afterAll(async () => {
      await t?.cleanup()
    })

    it.each([
      ['营业执照', '法人单位基础信息'],
      ['执照', '法人单位基础信息'],
      ['身份证', '人口基础信息'],
      ['医保', '社会保险参保信息'],
      ['驾照', '机动车驾驶证信息'],
      ['房产', '不动产登记信息'],
      ['醫保', '社会保险参保信息'],
      ['駕照', '机动车驾驶证信息'],
    ])('%s finds %s, saying through which word', async (q, name) => {
      const items = await found(q)
      const hit = items.find((item) => item.name === name)
      expect(hit).toBeDefined()
      expect(hit?.matchedVia.length).toBeGreaterThan(0)
      for (const via of hit?.matchedVia ?? []) {
        expect(via.term).toBe(q.replace('醫', '医').replace('駕', '驾'))
      }
    })

    it('explains the match with the synonym found', async () => {
      const [hit] = await found('驾照')
      expect(hit).toMatchObject({
        name: '机动车驾驶证信息',
        score: 2,
        matchedVia: [{ term: '驾照', synonym: '机动车驾驶证' }],
      })
      const literal = await found('登记')
      expect(literal.every((item) => item.matchedVia.length === 0)).toBe(true)
    })

    it('ranks name matches first, then summary matches, then item-only ones, newest first in each', async () => {
      const items = await found('身份证')
      expect(items.map((item) => [item.name, item.score])).toEqual([
        ['居民身份证制证信息', 2],
        ['人口基础信息', 1],
        ['婚姻登记信息', 1],
        ['机动车驾驶证信息', 1],
        ['社会保险参保信息', 1],
      ])
    })

    it('an edit counts at once, in this instance and in another on the same database', async () => {
      const other = await t.store.open()
      try {
        const search = createCatalogSearch({ db: other.db })
        const inOther = async (q: string) =>
          (await search.searchShared(consumer, { q, pageSize: 100 })).items.map((item) => item.name)
        expect(await inOther('车本')).toEqual([])
        await t.services.catalog.synonyms.putSynonym(reviewer, '車本', {
          expansions: ['机动车驾驶证', '准驾车型'],
        })
        expect(await inOther('车本')).toEqual(['机动车驾驶证信息'])
        expect((await found('车本'))[0]?.matchedVia).toEqual([
          { term: '车本', synonym: '机动车驾驶证' },
          { term: '车本', synonym: '准驾车型' },
        ])
        await t.services.catalog.synonyms.putSynonym(reviewer, '车本', { expansions: ['不动产权'] })
        expect(await inOther('车本')).toEqual(['不动产登记信息'])
        await t.services.catalog.synonyms.deleteSynonym(reviewer, '车本')
        expect(await inOther('车本')).toEqual([])
      } finally {
        await other.close()
      }
    })

    it('keeps entries normalised and refuses what a query could never use', async () => {
      const { synonyms } = t.services.catalog
      const set = await synonyms.putSynonym(reviewer, 'ＧＪＪ', { expansions: ['住房公積金', '住房公积金'] })
      expect(set).toMatchObject({ term: 'gjj', expansions: ['住房公积金'], updatedBy: reviewer.name })
      const { items } = await synonyms.listSynonyms()
      const entry = items.find((e) => e.term === 'gjj')
      expect(entry?.expansions).toEqual(['住房公积金'])
      // The editor by display name (a person made without one is shown by login); the seed is the system's.
      expect(set.updatedByName).toBe(reviewer.name)
      expect(entry?.updatedByName).toBe(reviewer.name)
      expect(items.find((e) => e.term === '身份证')).toMatchObject({
        updatedBy: 'system',
        updatedByName: null,
      })
      for (const [term, expansions] of [
        ['车', ['机动车']],
        ['车 本', ['机动车']],
        ['车本', []],
        ['车本', ['机']],
        ['车本', ['车本']],
        ['车本', Array.from({ length: 11 }, (_, i) => `扩展${i}`)],
      ] as const) {
        await expect(
          synonyms.putSynonym(reviewer, term, { expansions: [...expansions] }),
        ).rejects.toMatchObject({
          code: 'CATALOG_SYNONYM_INVALID',
        })
      }
      await expect(synonyms.putSynonym(cataloger, '车本', { expansions: ['机动车'] })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(synonyms.deleteSynonym(reviewer, '没有')).rejects.toMatchObject({
        code: 'CATALOG_SYNONYM_NOT_FOUND',
      })
    })
  })
}
