import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { setup } from '../../../../test/support/services.js'
import type { Db, DialectName } from '../../../db/database.js'
import type { Actor } from '../../../shared/actor.js'
import type { ResourceInput } from '../index.js'
import { type CatalogSearch, createCatalogSearch, type SharedQuery } from './service.js'
import { normalizeText } from './text.js'
import { noteResourceUse } from './use.js'

/** What the tests publish: [name, summary, items, share type, provider]. */
type Spec = [string, string, string[], 'unconditional' | 'conditional' | 'none', 'a' | 'b']

const SPECS: Spec[] = [
  [
    '常住人口基本信息',
    '记录公民身份号码、姓名和户籍地址',
    ['公民身份号码', '姓名', '户籍地址'],
    'unconditional',
    'a',
  ],
  ['流動人口登記信息', '記錄流動人口的居住證辦理情況', ['居住證編號', '姓名', '現住址'], 'conditional', 'a'],
  [
    '婚姻登记信息',
    '结婚登记和离婚登记的办理结果',
    ['男方身份证号', '女方身份证号', '登记日期'],
    'unconditional',
    'b',
  ],
  [
    '社会保险参保信息',
    '养老保险、医疗保险参保缴费情况',
    ['社会保障号码', '参保状态', '缴费基数'],
    'conditional',
    'b',
  ],
  [
    '医疗机构执业登记',
    '医疗机构名称、类别和执业许可',
    ['医疗机构名称', '机构代码', '诊疗科目'],
    'unconditional',
    'a',
  ],
  [
    '企业登记基本信息',
    '市场主体的统一社会信用代码和登记状态',
    ['统一社会信用代码', '企业名称', '法定代表人'],
    'unconditional',
    'b',
  ],
  ['内部人事档案', '公务员身份信息与考核结果，不予共享', ['公民身份号码', '职务', '考核等级'], 'none', 'a'],
  [
    '税务登记信息',
    '纳税人识别号与税务登记状态',
    ['纳税人识别号', '纳税人名称', '登记状态'],
    'conditional',
    'b',
  ],
  ['不动产登记簿', '不动产单元号、坐落、权利人', ['不动产单元号', '坐落', '权利人'], 'unconditional', 'a'],
  ['低保救助对象', '最低生活保障对象的身份与救助金额', ['身份证件号码', '救助金额', '所属社区'], 'none', 'b'],
  [
    '人口 口岸通关数据',
    '口岸出入境人员统计 API 接口',
    ['出入境日期', 'API编号', '口岸名称'],
    'unconditional',
    'b',
  ],
  ['车辆登记信息', '机动车号牌号码与车辆类型', ['号牌号码', '车辆类型', '所有人'], 'conditional', 'a'],
]

interface Fixture {
  db: Db
  search: CatalogSearch
  /** Resource id by spec index. */
  ids: string[]
  codes: string[]
  deptA: string
  deptB: string
  catalogerA: Actor
  consumerB: Actor
  reviewer: Actor
  /** The search dictionary as seeded: term → expansions (normalised). */
  dictionary: Map<string, string[]>
  withdraw(index: number): Promise<void>
  republish(index: number, name: string): Promise<void>
  cleanup(): Promise<void>
}

function inputOf([name, summary, items, shareType]: Spec): ResourceInput {
  return {
    name,
    summary,
    category: 'department',
    format: 'database',
    shareType,
    ...(shareType === 'unconditional' ? {} : { legalBasis: '《政务信息资源共享管理暂行办法》' }),
    shareMethod: 'api',
    updateCycle: shareType === 'conditional' ? 'monthly' : 'daily',
    items: items.map((item, index) => ({ name: item, dataType: 'string', key: index === 0 })),
  }
}

async function publishedFixture(dialect: DialectName): Promise<Fixture> {
  const t = await setup(dialect, { start: '2026-11-25T08:00:00Z' })
  const deptA = await t.department('市公安局')
  const deptB = await t.department('市民政局')
  const { catalog, workflow, search } = t.services.catalog
  const catalogers = {
    a: await t.person(deptA, ['cataloger']),
    b: await t.person(deptB, ['cataloger']),
  }
  const reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
  const ids: string[] = []
  const codes: string[] = []
  for (const spec of SPECS) {
    const created = await catalog.createResource(catalogers[spec[4]], inputOf(spec))
    await workflow.submit(catalogers[spec[4]], created.id)
    t.clock.advance(60_000)
    await workflow.review(reviewer, created.id, { decision: 'approve' })
    ids.push(created.id)
    codes.push(created.code)
  }
  return {
    db: t.db,
    search,
    ids,
    codes,
    deptA,
    deptB,
    catalogerA: catalogers.a,
    consumerB: await t.person(deptB, ['consumer']),
    reviewer,
    dictionary: new Map(
      (await t.services.catalog.synonyms.listSynonyms()).items.map((e) => [e.term, e.expansions]),
    ),
    withdraw: async (index) => {
      await workflow.withdraw(reviewer, ids[index] ?? '', '数据已停止维护')
    },
    republish: async (index, name) => {
      const spec = SPECS[index]
      const id = ids[index]
      if (!spec || !id) {
        throw new Error(`no spec ${index}`)
      }
      const cataloger = catalogers[spec[4]]
      await catalog.updateResource(cataloger, id, { ...inputOf(spec), name })
      await workflow.submit(cataloger, id)
      t.clock.advance(60_000)
      await workflow.review(reviewer, id, { decision: 'approve' })
    },
    cleanup: t.cleanup,
  }
}

/** Names of what the actor finds, in the order the search gives them. */
async function names(f: Fixture, actor: Actor, query: SharedQuery): Promise<string[]> {
  return (await f.search.searchShared(actor, { pageSize: 100, ...query })).items.map((item) => item.name)
}

/** The expected answer, by brute force over the published texts: the word or one of its synonyms. */
function oracle(q: string, visible: (spec: Spec) => boolean, dictionary: Map<string, string[]>): string[] {
  const needle = normalizeText(q)
  const needles = [needle, ...(dictionary.get(needle) ?? [])]
  return SPECS.filter(
    (spec) =>
      visible(spec) &&
      [spec[0], spec[1], ...spec[2]].some((text) => needles.some((n) => normalizeText(text).includes(n))),
  )
    .map((spec) => spec[0])
    .sort()
}

/** Many queries: every 2-, 3- and 4-character substring of a sample of the texts, some in traditional form. */
function sampleQueries(): string[] {
  const queries = new Set<string>([
    '身份',
    '身份證',
    '身份证号',
    '號碼',
    '登記',
    'api',
    'API编',
    '人口岸',
    '口岸',
    '社保',
  ])
  for (const [index, spec] of SPECS.entries()) {
    for (const text of [spec[0], spec[1], ...spec[2]]) {
      const chars = Array.from(text)
      for (let at = index % 3; at + 2 <= chars.length; at += 3) {
        for (const length of [2, 3, 4]) {
          if (at + length <= chars.length) {
            queries.add(chars.slice(at, at + length).join(''))
          }
        }
      }
    }
  }
  return [...queries].filter((q) => /^[\p{L}\p{N}]+$/u.test(q))
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: sharing catalog search`, () => {
    let f: Fixture
    beforeAll(async () => {
      f = await publishedFixture(dialect)
    })
    afterAll(async () => {
      await f?.cleanup()
    })

    it('finds a resource by a two-character word of its summary (q=身份)', async () => {
      const found = await names(f, f.consumerB, { q: '身份' })
      expect(found).toContain('常住人口基本信息')
      expect(found).toContain('婚姻登记信息')
      // A none-type resource of another department never appears for a consumer.
      expect(found).not.toContain('内部人事档案')
      expect(found).toContain('低保救助对象')
    })

    it('matches any 2-, 3- and 4-character substring, and nothing that is not one', async () => {
      expect(await names(f, f.consumerB, { q: '医疗' })).toEqual(
        expect.arrayContaining(['医疗机构执业登记', '社会保险参保信息']),
      )
      expect(await names(f, f.consumerB, { q: '信用代' })).toEqual(['企业登记基本信息'])
      expect(await names(f, f.consumerB, { q: '单元号' })).toEqual(['不动产登记簿'])
      expect(await names(f, f.consumerB, { q: '统一社会' })).toEqual(['企业登记基本信息'])
      // 人口 and 口岸 are two runs of one name: 人口岸 is not a substring of it.
      expect(await names(f, f.consumerB, { q: '人口岸' })).toEqual([])
      expect(await names(f, f.consumerB, { q: '口岸' })).toEqual(['人口 口岸通关数据'])
    })

    it('finds simplified text with a traditional query and traditional text with a simplified one', async () => {
      expect(await names(f, f.consumerB, { q: '身份證' })).toEqual(
        expect.arrayContaining(['婚姻登记信息', '低保救助对象']),
      )
      expect(await names(f, f.consumerB, { q: '居住证' })).toEqual(['流動人口登記信息'])
      expect(await names(f, f.consumerB, { q: '流动人口' })).toEqual(['流動人口登記信息'])
      expect(await names(f, f.consumerB, { q: 'ａｐｉ' })).toEqual(['人口 口岸通关数据'])
    })

    it('returns exactly the brute-force answer for many queries, whoever asks', async () => {
      const consumerSees = (spec: Spec) => spec[3] !== 'none' || spec[4] === 'b'
      // A tiny probe takes PostgreSQL's other paths (ordered scan on, GIN bitmap for the rest).
      for (const search of [f.search, createCatalogSearch({ db: f.db, probeRows: 1 })]) {
        const found = async (actor: Actor, q: string) =>
          (await search.searchShared(actor, { q, pageSize: 100 })).items.map((item) => item.name).sort()
        for (const q of sampleQueries()) {
          expect({ q, found: await found(f.consumerB, q) }).toEqual({
            q,
            found: oracle(q, consumerSees, f.dictionary),
          })
          expect({ q, found: await found(f.reviewer, q) }).toEqual({
            q,
            found: oracle(q, () => true, f.dictionary),
          })
        }
      }
    })

    it('scores name matches 2 in date order too, and pages relevance order across both groups', async () => {
      const byDate = (await f.search.searchShared(f.consumerB, { q: '醫療', sort: 'date' })).items
      expect(byDate.map((item) => [item.name, item.score])).toEqual([
        ['医疗机构执业登记', 2],
        ['社会保险参保信息', 1],
      ])
      const all = (await f.search.searchShared(f.reviewer, { q: '登记', pageSize: 100 })).items.map(
        (i) => i.id,
      )
      const paged: string[] = []
      for (let page = 1; page <= 4; page++) {
        const result = await f.search.searchShared(f.reviewer, { q: '登记', page, pageSize: 3 })
        paged.push(...result.items.map((item) => item.id))
      }
      expect(paged).toEqual(all)
    })

    it('shows none-type resources to their provider and the bureau only', async () => {
      expect(await names(f, f.catalogerA, { q: '考核' })).toEqual(['内部人事档案'])
      expect(await names(f, f.reviewer, { q: '考核' })).toEqual(['内部人事档案'])
      expect(await names(f, f.consumerB, { q: '考核' })).toEqual([])
      expect(await names(f, f.consumerB, { q: '考核', shareType: 'none' })).toEqual([])
      expect(await names(f, f.catalogerA, { q: '救助' })).toEqual([])
      const all = await f.search.searchShared(f.consumerB, { pageSize: 100 })
      expect(all.total).toBe(SPECS.length - 1)
      expect(all.facets.shareType).toEqual([
        { value: 'unconditional', count: 6 },
        { value: 'conditional', count: 4 },
        { value: 'none', count: 1 },
      ])
    })

    it('filters and counts facets over the filtered matches', async () => {
      const result = await f.search.searchShared(f.reviewer, { q: '登记', providerId: f.deptB })
      expect(result.items.map((item) => item.name).sort()).toEqual([
        '企业登记基本信息',
        '婚姻登记信息',
        '税务登记信息',
      ])
      expect(result.total).toBe(3)
      expect(result.totalExact).toBe(true)
      expect(result.facets.providerId).toEqual([{ value: f.deptB, count: 3 }])
      expect(result.facets.updateCycle).toEqual([
        { value: 'daily', count: 2 },
        { value: 'monthly', count: 1 },
      ])
      expect(result.facets.theme).toEqual([])
      const conditional = await names(f, f.reviewer, {
        q: '登记',
        shareType: 'conditional',
        updateCycle: 'monthly',
      })
      expect(conditional.sort()).toEqual(['流動人口登記信息', '税务登记信息', '车辆登记信息'])
      expect(await names(f, f.reviewer, { q: '登记', format: 'file' })).toEqual([])
      expect(await names(f, f.reviewer, { category: 'department', zone: 'internal' })).toEqual([])
    })

    it('ranks name matches first, and sorts by date on request', async () => {
      const relevance = (await f.search.searchShared(f.consumerB, { q: '醫療' })).items
      expect(relevance.map((item) => [item.name, item.score])).toEqual([
        ['医疗机构执业登记', 2],
        ['社会保险参保信息', 1],
      ])
      const mixed = (await f.search.searchShared(f.consumerB, { q: '登记' })).items.map((item) => item.score)
      expect(mixed).toEqual([...mixed].sort((a, b) => b - a))
      const byDate = (await f.search.searchShared(f.consumerB, { q: '登记', sort: 'date' })).items
      const dates = byDate.map((item) => item.publishedAt)
      expect(dates).toEqual([...dates].sort().reverse())
      const browse = (await f.search.searchShared(f.consumerB, {})).items
      expect(browse[0]).toMatchObject({ name: '车辆登记信息', score: 0 })
    })

    it('ranks a resource departments use before a fresher unused one, in its tier only', async () => {
      const marriage = SPECS.findIndex((spec) => spec[0] === '婚姻登记信息')
      const setUse = (consumers: number) =>
        noteResourceUse(f.db, f.ids[marriage] ?? '', async () => consumers, '2026-11-25T09:00:00.000Z')
      const before = await names(f, f.consumerB, { q: '登记' })
      expect(before[0]).not.toBe('婚姻登记信息')
      await setUse(2)
      try {
        const ranked = await names(f, f.consumerB, { q: '登记' })
        expect(ranked[0]).toBe('婚姻登记信息')
        expect(ranked.slice(1)).toEqual(before.filter((name) => name !== '婚姻登记信息'))
        const paged: string[] = []
        for (let page = 1; page <= 4; page++) {
          const result = await f.search.searchShared(f.consumerB, { q: '登记', page, pageSize: 2 })
          paged.push(...result.items.map((item) => item.name))
        }
        expect(paged).toEqual(ranked)
        // Use never lifts a summary or item match over a name match, nor changes date order.
        expect((await names(f, f.consumerB, { q: '醫療' }))[0]).toBe('医疗机构执业登记')
        const byDate = await names(f, f.consumerB, { q: '登记', sort: 'date' })
        expect(byDate[0]).not.toBe('婚姻登记信息')
      } finally {
        await setUse(0)
      }
      expect(await names(f, f.consumerB, { q: '登记' })).toEqual(before)
    })

    it('pages through the results', async () => {
      const first = await f.search.searchShared(f.consumerB, { page: 1, pageSize: 4, sort: 'date' })
      const second = await f.search.searchShared(f.consumerB, { page: 2, pageSize: 4, sort: 'date' })
      const last = await f.search.searchShared(f.consumerB, { page: 3, pageSize: 4, sort: 'date' })
      expect([first.items.length, second.items.length, last.items.length]).toEqual([4, 4, 3])
      const all = [...first.items, ...second.items, ...last.items].map((item) => item.id)
      expect(new Set(all).size).toBe(11)
      expect(first.total).toBe(11)
    })

    it('matches a one-character query in the name only', async () => {
      expect((await names(f, f.consumerB, { q: '税' })).sort()).toEqual(['税务登记信息'])
      expect((await names(f, f.consumerB, { q: '簿' })).sort()).toEqual(['不动产登记簿'])
      expect(await names(f, f.consumerB, { q: '号' })).toEqual([])
    })

    it('stops counting at the cap and says so', async () => {
      const capped = createCatalogSearch({ db: f.db, matchCap: 3 })
      const result = await capped.searchShared(f.reviewer, { q: '信息', sort: 'date' })
      expect(result).toMatchObject({ total: 3, totalExact: false })
      expect(result.items).toHaveLength(3)
    })

    it('forgets a withdrawn resource and follows a republished one', async () => {
      await f.withdraw(8)
      expect(await names(f, f.reviewer, { q: '坐落' })).toEqual([])
      await f.republish(11, '机动车辆登记信息')
      expect(await names(f, f.consumerB, { q: '机动' })).toEqual(['机动车辆登记信息'])
      expect(await names(f, f.consumerB, { q: '号牌' })).toEqual(['机动车辆登记信息'])
      const latest = (await f.search.searchShared(f.consumerB, { sort: 'date' })).items[0]
      expect(latest?.name).toBe('机动车辆登记信息')
    })
  })
}

describe.runIf(DIALECTS.length > 1)('the same answers on every database', () => {
  const fixtures: Fixture[] = []
  beforeAll(async () => {
    for (const dialect of DIALECTS) {
      fixtures.push(await publishedFixture(dialect))
    }
  })
  afterAll(async () => {
    for (const f of fixtures) {
      await f.cleanup()
    }
  })

  it('gives identical resources in identical order for many queries', async () => {
    const queries = [...sampleQueries(), '', '信', '證', '人口 登记', '身份 号码']
    for (const q of queries) {
      for (const sort of ['relevance', 'date'] as const) {
        const answers = await Promise.all(
          fixtures.map(async (f) => {
            const result = await f.search.searchShared(f.reviewer, { q, sort, pageSize: 100 })
            const codeOf = new Map(f.ids.map((id, index) => [id, f.codes[index]]))
            const providerOf = (id: string) => (id === f.deptA ? 'a' : 'b')
            return {
              q,
              sort,
              items: result.items.map((item) => [codeOf.get(item.id), item.score]),
              total: result.total,
              // Ties are ordered by department id, which differs between the two stores.
              providers: result.facets.providerId
                .map(({ value, count }) => `${providerOf(value)}:${count}`)
                .sort(),
              shareTypes: result.facets.shareType,
            }
          }),
        )
        for (const answer of answers.slice(1)) {
          expect(answer).toEqual(answers[0])
        }
      }
    }
  })
})
