/**
 * The demo city's people and companies: one pool that every demo resource draws from, so the
 * same people and companies reappear across resources and joins make sense. demo-records.ts loads
 * records from it; demo-activity.ts reads them back by the same keys. Fixed seeds: generated,
 * never real.
 */
import { buildUscc } from '../modules/org/index.js'
import { fromDayNumber, toDayNumber } from '../shared/dates.js'
import { syntheticIdNumber } from './identity.js'
import { seededRandom, syntheticName } from './names.js'

export const PEOPLE = 500
export const COMPANIES = 300
/** Records per resource unless the thing it lists is rarer (plans, licence types). */
const DEFAULT_COUNT = 250
const COUNTS: Record<string, number> = {
  人口基础信息: PEOPLE,
  法人单位基础信息: COMPANIES,
  社会保险参保信息: 400,
  国土空间规划信息: 40,
  测绘成果目录: 80,
  电子证照目录信息: 30,
  出入境证件信息: 100,
}

const DISTRICTS: Array<[string, string]> = [
  ['530102', '五华区'],
  ['530103', '盘龙区'],
  ['530111', '官渡区'],
  ['530112', '西山区'],
]
const STREETS = '人民中路 青年路 北京路 东风西路 滇池路 金碧路 环城南路 白塔路 穿金路 西昌路'.split(' ')
export const WORDS = '滇池 春城 金马 碧鸡 翠湖 云岭 石林 圆通 盘龙 五华 官渡 呈贡 大观 西山'.split(' ')
const TRADES = '科技 商贸 餐饮管理 建筑工程 物流 医药 文化传媒 农业开发 旅游 信息技术'.split(' ')

export interface Person {
  id: string
  name: string
  male: boolean
  birth: string
  address: string
}

export interface Company {
  code: string
  name: string
  legal: string
  address: string
}

/**
 * The pools, and the random stream that drew them: demo-records.ts goes on drawing item values
 * from it, so the order of draws is part of what the demo looks like.
 */
export function buildPools() {
  const random = seededRandom(2026)
  const int = (n: number) => Math.floor(random() * n)
  const address = () => {
    const [, district] = DISTRICTS[int(DISTRICTS.length)] ?? DISTRICTS[0] ?? ['', '']
    return `云南省昆明市${district}${STREETS[int(STREETS.length)]}${1 + int(300)}号`
  }
  const people: Person[] = []
  for (let i = 0; i < PEOPLE; i++) {
    const [division] = DISTRICTS[i % DISTRICTS.length] ?? ['530102']
    const birth = fromDayNumber(toDayNumber('1950-01-01') + int(56 * 365))
    // The ID's 17th digit is the sequence's last: odd for men (GB 11643).
    people.push({
      id: syntheticIdNumber(division, birth, i),
      name: syntheticName(random),
      male: i % 2 === 1,
      birth,
      address: address(),
    })
  }
  const companies: Company[] = []
  for (let i = 0; i < COMPANIES; i++) {
    const [division] = DISTRICTS[i % DISTRICTS.length] ?? ['530102']
    const prefix = ['昆明', '云南', '昆明市'][Math.floor(i / 140) % 3]
    companies.push({
      // 'MD' org bases are not handed out to real organisations in the demo's made-up numbering.
      code: buildUscc('91', division, `MD${String(i).padStart(6, '0')}`),
      name: `${prefix}${WORDS[i % WORDS.length]}${TRADES[Math.floor(i / WORDS.length) % TRADES.length]}有限公司`,
      legal: people[(i * 7) % PEOPLE]?.name ?? syntheticName(random),
      address: address(),
    })
  }
  return { random, int, people, companies, address }
}

export type Pools = ReturnType<typeof buildPools>

/** What a resource's records are keyed by: a person, a company, or a thing of its own. */
export type KeyKind = 'person' | 'company' | 'unit'

/** Where a resource starts in the pools, so the subsets of different resources overlap differently. */
export function poolOffset(resource: string): number {
  return [...resource].reduce((sum, ch) => sum + (ch.codePointAt(0) ?? 0), 0)
}

/** How many demo records a resource has: its own count, never more than the pool its key draws on. */
export function recordCount(resource: string, kind: KeyKind): number {
  const limit = kind === 'person' ? PEOPLE : kind === 'company' ? COMPANIES : Number.POSITIVE_INFINITY
  return Math.min(COUNTS[resource] ?? DEFAULT_COUNT, limit)
}
