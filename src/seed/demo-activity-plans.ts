/**
 * What the demo year replays (demo-activity.ts): who asks for what and when, how each request is
 * answered, how busy each month is, and the records providers re-send. Keys are those
 * demo-records.ts loaded (demo-pools.ts), so every read finds what it asks for.
 */
import { fromDayNumber, toDayNumber } from '../shared/dates.js'
import { COMPANIES, type KeyKind, PEOPLE, type Pools, poolOffset, recordCount } from './demo-pools.js'
import { keyValue, LAND_USES, SUPERVISING_UNITS, TENURES } from './demo-values.js'

/** Days replayed, ending today: a full year of months on the charts. */
export const DAYS = 364

/** The key values demo-records.ts gave a resource's records. */
export function demoKeys(resource: string, kind: KeyKind, pools: Pools): string[] {
  const offset = poolOffset(resource)
  const count = recordCount(resource, kind)
  if (kind === 'person') {
    return Array.from({ length: count }, (_, i) => pools.people[(offset + i) % PEOPLE]?.id ?? '')
  }
  if (kind === 'company') {
    return Array.from({ length: count }, (_, i) => pools.companies[(offset + i) % COMPANIES]?.code ?? '')
  }
  return Array.from({ length: count }, (_, i) => keyValue('不动产单元号', i))
}

export interface Plan {
  consumer: string
  resource: string
  provider: string
  kind: KeyKind
  items: string[]
  purpose: string
  /** Day (0 … DAYS) the request is made. */
  day: number
  /** Reads a week at full strength; 0 for requests that never become grants. */
  weekly: number
  /** Conditional resources: how the provider answers. */
  answer?: 'on_time' | 'late' | 'reject' | 'pending'
  reason?: string
  dispute?: string
  caseRef: string
}

const ID = '公民身份号码'
const USCC = '统一社会信用代码'

/**
 * Who asks for what and when. None repeats a grant demo-records.ts seeds, so every read here runs
 * under a grant made earlier in the replay.
 */
// biome-ignore format: one request a line reads as the table it is
export const PLANS: Plan[] = [
  ['amr', '人口基础信息', 'psb', 'person', `${ID} 姓名 户籍地址`, '个体工商户经营者身份核验', 3, 14, 'SJ'],
  ['hrss', '法人单位基础信息', 'amr', 'company', `${USCC} 企业名称 法定代表人`, '用人单位参保登记核验', 5, 10, 'RS'],
  ['health', '人口基础信息', 'psb', 'person', `${ID} 姓名 性别 出生日期`, '医师执业注册身份核验', 10, 6, 'WJ'],
  ['psb', '法人单位基础信息', 'amr', 'company', `${USCC} 企业名称 法定代表人 住所`, '涉案企业主体核查', 17, 8, 'GA'],
  ['hrss', '户籍迁移信息', 'psb', 'person', `${ID} 姓名 迁入地 迁移日期`, '社会保险关系转移接续', 24, 9, 'RS'],
  ['panlong', '社会保险参保信息', 'hrss', 'person', `${ID} 姓名 参保状态`, '人才引进社保缴纳核验', 38, 5, 'PL'],
  ['civil', '失业保险金发放信息', 'hrss', 'person', `${ID} 姓名 月发放金额 发放月份`, '低保家庭收入核对', 45, 7, 'MZ'],
  ['nr', '人口基础信息', 'psb', 'person', `${ID} 姓名`, '不动产登记权利人身份核验', 59, 12, 'ZR'],
  ['tuodong', '失业保险金发放信息', 'hrss', 'person', `${ID} 姓名 银行卡号`, '社区就业援助对象核实', 66, 0, 'TD'],
  ['civil', '法人单位基础信息', 'amr', 'company', `${USCC} 企业名称 住所`, '社会组织发起单位核验', 80, 4, 'MZ'],
  ['huashan', '人口基础信息', 'psb', 'person', `${ID} 姓名 户籍地址`, '社区居民服务身份核验', 94, 9, 'HS'],
  ['psb', '不动产登记信息', 'nr', 'unit', '不动产单元号 权利人 坐落', '涉案财产查控', 108, 5, 'GA'],
  ['civil', '医师执业注册信息', 'health', 'person', `${ID} 姓名 执业机构`, '养老机构医护人员资质核验', 115, 4, 'MZ'],
  ['panlong', '最低生活保障对象信息', 'civil', 'person', `${ID} 姓名 保障类别`, '临时救助对象审核', 122, 6, 'PL'],
  ['health', '社会保险参保信息', 'hrss', 'person', `${ID} 参保险种 参保状态`, '医保参保状态核验', 140, 8, 'WJ'],
  ['amr', '婚姻登记信息', 'civil', 'unit', '登记证字号 登记类别', '个体户经营者婚姻状况核查', 155, 0, 'SJ'],
  ['hrss', '最低生活保障对象信息', 'civil', 'person', `${ID} 姓名 保障类别 保障金额`, '就业援助对象认定', 172, 5, 'RS'],
  ['tuodong', '就业登记信息', 'hrss', 'person', `${ID} 姓名 就业状态`, '社区就业援助对象走访', 190, 6, 'TD'],
  ['wuhua', '户籍迁移信息', 'psb', 'person', `${ID} 姓名 迁出地 迁入地`, '义务教育入学户籍审核', 205, 10, 'WH'],
  ['nr', '法人单位基础信息', 'amr', 'company', `${USCC} 企业名称`, '土地出让竞买主体资格核验', 230, 6, 'ZR'],
  ['wuhua', '机动车驾驶证信息', 'psb', 'person', `${ID} 姓名 准驾车型 证件状态`, '网约车驾驶员资格核验', 262, 7, 'WH'],
  ['huashan', '最低生活保障对象信息', 'civil', 'person', `${ID} 姓名 保障类别`, '社区困难群众走访', DAYS - 3, 0, 'HS'],
].map(([consumer, resource, provider, kind, items, purpose, day, weekly, prefix]) => ({
  consumer: String(consumer),
  resource: String(resource),
  provider: String(provider),
  // Written in the table above as one of the three.
  kind: kind as KeyKind,
  items: String(items).split(' '),
  purpose: String(purpose),
  day: Number(day),
  weekly: Number(weekly),
  caseRef: String(prefix),
}))

/** How conditional requests are answered, by consumer/resource; unlisted ones on time. */
export const ANSWERS: Record<string, Pick<Plan, 'answer' | 'reason' | 'dispute'>> = {
  'hrss/最低生活保障对象信息': { answer: 'late' },
  'wuhua/户籍迁移信息': { answer: 'late' },
  'tuodong/失业保险金发放信息': {
    answer: 'reject',
    reason: '银行卡号超出社区就业援助核实的必要范围',
    dispute: '就业援助需核实失业保险金是否到账，请求协调',
  },
  'amr/婚姻登记信息': { answer: 'reject', reason: '市场监管业务无查询婚姻登记信息的法定依据' },
  'huashan/最低生活保障对象信息': { answer: 'pending' },
}

/** Busier in spring and before the year's end, quiet at Spring Festival and National Day. */
export const SEASON = [0.9, 0.5, 1.1, 1.2, 1.1, 1.2, 1.0, 0.9, 1.1, 0.7, 1.2, 1.3]

/** Providers re-sending a few changed records: department, resource, key kind. */
export const UPDATES = [
  { department: 'civil', resource: '社会组织登记信息', every: 9 },
  { department: 'nr', resource: '土地宗地信息', every: 13 },
] as const

/** A few records of a resource as changed at the source: same keys, new synthetic values. */
export function updatedRecords(resource: string, pools: Pools, random: () => number) {
  const int = (n: number) => Math.floor(random() * n)
  const offset = poolOffset(resource)
  const count = 3 + int(8)
  const start = int(250 - count)
  const pick = (values: readonly string[]) => values[int(values.length)] ?? ''
  return Array.from({ length: count }, (_, k) => {
    const i = start + k
    if (resource === '社会组织登记信息') {
      return {
        统一社会信用代码: pools.companies[(offset + i) % COMPANIES]?.code ?? '',
        组织名称: `昆明市${pick(['滇池', '翠湖', '春城', '金马'])}${pick(['志愿者协会', '书法家协会', '养老服务中心'])}`,
        业务主管单位: pick(SUPERVISING_UNITS),
        成立登记日期: fromDayNumber(toDayNumber('2010-01-01') + int(15 * 365)),
      }
    }
    // 土地宗地信息
    return {
      宗地代码: keyValue('宗地代码', i),
      坐落: `云南省昆明市${pick(['五华区', '盘龙区', '官渡区', '西山区'])}${pick(['人民中路', '青年路', '滇池路'])}${1 + int(300)}号`,
      宗地面积: Math.round(random() * 2_000_000) / 100,
      土地用途: pick(LAND_USES),
      权属性质: pick(TENURES),
    }
  })
}
