/**
 * Synthetic people for the masking property test: valid GB 11643 ID numbers under the unassigned
 * province code 99, so none can be a real person's; every other item consistent with the ID. Each
 * comes with a twin that differs only in what the masks hide (docs/masking.md).
 */
import type { PublishedItem } from '../../src/modules/catalog/index.js'
import type { RecordData } from '../../src/modules/exchange/index.js'

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'
const DAY_MS = 86_400_000
const FIRST_BIRTH = Date.UTC(1930, 0, 1)
const LAST_BIRTH = Date.UTC(2019, 11, 31)
/** The day ages are counted on. */
export const AGE_ON = { year: 2026, month: 6, day: 30 }

const item = (name: string, extra: Partial<PublishedItem> = {}): PublishedItem => ({
  code: name,
  name,
  dataType: 'string',
  key: false,
  sensitivity: 'none',
  ...extra,
})

/** A resource holding every kind of item the rule table knows, plus two that narrow nothing. */
export const PERSON_ITEMS: readonly PublishedItem[] = [
  item('公民身份号码', { key: true, sensitivity: 'id_number' }),
  item('姓名', { sensitivity: 'name' }),
  item('姓名拼音'),
  item('性别'),
  item('民族'),
  item('出生日期', { dataType: 'date' }),
  item('生日'),
  item('出生年份', { dataType: 'integer' }),
  item('年龄', { dataType: 'integer' }),
  item('生肖'),
  item('户籍地址', { sensitivity: 'address' }),
  item('行政区划代码'),
  item('所属区县'),
  item('街道'),
  item('邮政编码'),
  item('联系电话', { sensitivity: 'phone' }),
  item('电子邮箱', { sensitivity: 'email' }),
  item('参保日期', { dataType: 'date' }),
]

const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗')
const GIVEN: ReadonlyArray<[string, string]> = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
]
const ETHNIC = ['汉族', '彝族', '白族', '哈尼族', '傣族', '回族']
const ZODIAC = Array.from('猴鸡狗猪鼠牛虎兔龙蛇马羊')
// Same length each, as a twin's address tail must be: the contract's address mask shows the length.
const CITIES = ['测试省甲城市', '测试省乙城市', '测试省丙城市', '测试省丁城市']
const DISTRICTS = ['东山区', '西林区', '南湖区', '北岭区', '中川区', '青石区', '白沙区', '金水区']
const STREETS = ['和平街道', '建设街道', '人民街道', '解放街道', '光明街道', '团结街道']
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** mulberry32: small, fast, and the same sequence for a seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

type Random = () => number
const int = (random: Random, below: number): number => Math.floor(random() * below)
const pick = <T>(random: Random, list: readonly T[]): T => {
  const chosen = list[int(random, list.length)]
  if (chosen === undefined) {
    throw new Error('pick from an empty list')
  }
  return chosen
}
const pad = (n: number, width: number): string => String(n).padStart(width, '0')

export interface Birth {
  year: number
  month: number
  day: number
  /** YYYYMMDD, the 8 digits an ID number carries. */
  digits: string
}

function birthOf(epochMs: number): Birth {
  const date = new Date(epochMs)
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]
  return { year, month, day, digits: `${year}${pad(month, 2)}${pad(day, 2)}` }
}

function randomBirth(random: Random): Birth {
  return birthOf(FIRST_BIRTH + int(random, (LAST_BIRTH - FIRST_BIRTH) / DAY_MS + 1) * DAY_MS)
}

/** The weighted sum of the birth digits (positions 7-14), mod 11: what the check character sees of them. */
function birthResidue(digits: string): number {
  return Array.from(digits).reduce((sum, d, i) => sum + Number(d) * (ID_WEIGHTS[6 + i] ?? 0), 0) % 11
}

export function idNumber(region: string, birth: Birth, sequence: string): string {
  const first17 = `${region}${birth.digits}${sequence}`
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17.charAt(i)), 0)
  return `${first17}${ID_CHECK.charAt(sum % 11)}`
}

function ageOn(birth: Birth): number {
  const had = AGE_ON.month > birth.month || (AGE_ON.month === birth.month && AGE_ON.day >= birth.day)
  return AGE_ON.year - birth.year - (had ? 0 : 1)
}

/** What a twin may change: the parts every mask hides. The rest is shared. */
interface Hidden {
  birth: Birth
  given: ReadonlyArray<[string, string]>
  district: number
  street: number
  houseNumber: number
  phoneMiddle: string
  emailTail: string
}

interface Shared {
  idRegion: string
  sequence: string
  surname: string
  ethnic: string
  city: number
  phoneHead: string
  phoneTail: string
  emailHead: string
  insuredSince: number
  insuredMonth: number
}

export interface Person {
  record: RecordData
  birth: Birth
}

function personOf(shared: Shared, hidden: Hidden): Person {
  const { birth } = hidden
  const city = CITIES[shared.city] ?? ''
  const district = DISTRICTS[hidden.district] ?? ''
  const street = STREETS[hidden.street] ?? ''
  return {
    birth,
    record: {
      公民身份号码: idNumber(shared.idRegion, birth, shared.sequence),
      姓名: `${shared.surname}${hidden.given.map(([c]) => c).join('')}`,
      姓名拼音: hidden.given.map(([, p]) => p).join(' '),
      // The 17th digit: odd for men (GB 11643).
      性别: Number(shared.sequence.charAt(2)) % 2 === 1 ? '男' : '女',
      民族: shared.ethnic,
      出生日期: `${birth.year}-${pad(birth.month, 2)}-${pad(birth.day, 2)}`,
      生日: `${birth.year}年${birth.month}月${birth.day}日`,
      出生年份: birth.year,
      年龄: ageOn(birth),
      生肖: ZODIAC[birth.year % 12] ?? '',
      户籍地址: `${city}${district}${street}幸福路${pad(hidden.houseNumber, 3)}号`,
      行政区划代码: `99${pad(shared.city + 1, 2)}${pad(hidden.district + 1, 2)}`,
      所属区县: district,
      街道: street,
      邮政编码: `9${shared.city + 1}${pad(hidden.district + 1, 2)}${pad(hidden.street + 1, 2)}`,
      联系电话: `${shared.phoneHead}${hidden.phoneMiddle}${shared.phoneTail}`,
      电子邮箱: `${shared.emailHead}${hidden.emailTail}@example.gov.cn`,
      // After every birth date generated, so it can never be one.
      参保日期: `${2020 + shared.insuredSince}-${pad(shared.insuredMonth, 2)}-01`,
    },
  }
}

function randomHidden(random: Random, birth: Birth): Hidden {
  return {
    birth,
    given: [pick(random, GIVEN), pick(random, GIVEN)],
    district: int(random, DISTRICTS.length),
    street: int(random, STREETS.length),
    houseNumber: int(random, 1000),
    phoneMiddle: pad(int(random, 10_000), 4),
    emailTail: Array.from({ length: 7 }, () => pick(random, Array.from(ALNUM))).join(''),
  }
}

/** Another birth date the check character cannot tell from this one (about 1 in 11 dates is). */
function twinBirth(random: Random, birth: Birth): Birth {
  const residue = birthResidue(birth.digits)
  for (;;) {
    const other = randomBirth(random)
    if (other.digits !== birth.digits && birthResidue(other.digits) === residue) {
      return other
    }
  }
}

/** n people, each with a twin that differs in every hidden part (birth, given name, address tail...). */
export function syntheticTwins(seed: number, n: number): Array<[Person, Person]> {
  const random = seededRandom(seed)
  const twins: Array<[Person, Person]> = []
  for (let i = 0; i < n; i += 1) {
    const shared: Shared = {
      idRegion: `99${pad(1 + int(random, 99), 2)}${pad(1 + int(random, 99), 2)}`,
      sequence: pad(int(random, 1000), 3),
      surname: pick(random, SURNAMES),
      ethnic: pick(random, ETHNIC),
      city: int(random, CITIES.length),
      phoneHead: '199',
      phoneTail: pad(int(random, 10_000), 4),
      emailHead: pick(random, Array.from('abcdefghijklmnopqrstuvwxyz')),
      insuredSince: int(random, 5),
      insuredMonth: 1 + int(random, 12),
    }
    const birth = randomBirth(random)
    const hidden = randomHidden(random, birth)
    let other = randomHidden(random, twinBirth(random, birth))
    // Differ in every hidden part, so equal views mean the masks hide each of them.
    while (
      other.district === hidden.district ||
      other.street === hidden.street ||
      other.given.join() === hidden.given.join() ||
      other.phoneMiddle === hidden.phoneMiddle
    ) {
      other = randomHidden(random, other.birth)
    }
    twins.push([personOf(shared, hidden), personOf(shared, other)])
  }
  return twins
}
