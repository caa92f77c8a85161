/**
 * A year of synthetic sharing activity for the demo city (issue 7): so the statistics and
 * evaluation pages show real charts on first start. It replays about twelve months ending `now`
 * through the real services, on their own clock moved by hand: consumers of several departments
 * ask for resources (unconditional ones granted at once, conditional ones answered by the
 * provider's approver, a few late, two refused, one of those disputed and arbitrated), grant
 * holders read records with case references in volumes that vary by department and season, and
 * providers re-send a few changed records now and then (so freshness and update-lag figures exist).
 *
 * Known anachronism, accepted: the catalog seed publishes every resource at `now`, so this
 * activity is dated before the publications it relies on. Giving the whole demo seed a clock a
 * year back would fix that but would also age the accounts, the seeded grants and the freshness
 * demo (which rely on "now"); the statistics and evaluation count the activity all the same.
 * Likewise the providers' re-sent records get versions that arrived before the seed's first load.
 *
 * Everything is deterministic (seededRandom) and uses only the synthetic people, companies and
 * things demo-records.ts loads: their keys are rebuilt here the way that file builds them.
 */
import { createServices, type ServiceDeps, type Services } from '../container.js'
import { publishedResource } from '../modules/catalog/index.js'
import { buildUscc, departmentActor, departmentInfo } from '../modules/org/index.js'
import type { Actor, Role } from '../shared/actor.js'
import { fixedClock } from '../shared/clock.js'
import { addDays, fromDayNumber, isWeekend, monthOf, shanghaiDate, toDayNumber } from '../shared/dates.js'
import { AppError } from '../shared/errors.js'
import { syntheticIdNumber } from './identity.js'
import { seededRandom, syntheticName } from './names.js'

/** Days replayed, ending today: a full year of months on the charts. */
const DAYS = 364

// The pools of demo-records.ts (same seed, same order of draws): people's ID numbers and
// companies' credit codes. If that file changes its draws, reads here find fewer records
// (counted as misses), nothing fails.
const PEOPLE = 500
const COMPANIES = 300
const DIVISIONS = ['530102', '530103', '530111', '530112']
const COUNTS: Record<string, number> = {
  人口基础信息: PEOPLE,
  法人单位基础信息: COMPANIES,
  社会保险参保信息: 400,
}

function demoPeopleIds(): string[] {
  const random = seededRandom(2026)
  const ids: string[] = []
  for (let i = 0; i < PEOPLE; i++) {
    const birth = fromDayNumber(toDayNumber('1950-01-01') + Math.floor(random() * 56 * 365))
    ids.push(syntheticIdNumber(DIVISIONS[i % DIVISIONS.length] ?? '530102', birth, i))
    syntheticName(random)
    // The address: district, street, number.
    random()
    random()
    random()
  }
  return ids
}

function demoCompanyCodes(): string[] {
  return Array.from({ length: COMPANIES }, (_, i) =>
    buildUscc('91', DIVISIONS[i % DIVISIONS.length] ?? '530102', `MD${String(i).padStart(6, '0')}`),
  )
}

type KeyKind = 'person' | 'company' | 'unit'

/** The key values demo-records.ts gave a resource's records. */
function demoKeys(resource: string, kind: KeyKind, people: string[], companies: string[]): string[] {
  const offset = [...resource].reduce((sum, ch) => sum + (ch.codePointAt(0) ?? 0), 0)
  if (kind === 'person') {
    const count = Math.min(COUNTS[resource] ?? 250, PEOPLE)
    return Array.from({ length: count }, (_, i) => people[(offset + i) % PEOPLE] ?? '')
  }
  if (kind === 'company') {
    const count = Math.min(COUNTS[resource] ?? 250, COMPANIES)
    return Array.from({ length: count }, (_, i) => companies[(offset + i) % COMPANIES] ?? '')
  }
  const n = (i: number, width: number) => String(i + 1).padStart(width, '0')
  // 不动产单元号 as demo-records.ts writes it.
  return Array.from({ length: 250 }, (_, i) => `530102${n(i, 3)}GB${n(i, 5)}F0001${n(i, 4)}`)
}

interface Plan {
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
const PLANS: Plan[] = [
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
const ANSWERS: Record<string, Pick<Plan, 'answer' | 'reason' | 'dispute'>> = {
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
const SEASON = [0.9, 0.5, 1.1, 1.2, 1.1, 1.2, 1.0, 0.9, 1.1, 0.7, 1.2, 1.3]

/** Providers re-sending a few changed records: department, resource, key kind. */
const UPDATES = [
  { department: 'civil', resource: '社会组织登记信息', every: 9 },
  { department: 'nr', resource: '土地宗地信息', every: 13 },
] as const

export interface DemoActivityResult {
  requests: number
  grants: number
  reads: number
  recordsServed: number
  misses: number
  ingests: number
}

/** A moment on a Kunming working day (UTC+8 all year). */
function at(date: string, hour: number, minute: number): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`)
}

/** The first Monday-to-Friday date on or after `date`. */
function workday(date: string): string {
  let day = date
  while (isWeekend(day)) {
    day = addDays(day, 1)
  }
  return day
}

/**
 * Replays the year. Builds its own services on the store (a clock it moves by hand); the caller's
 * services are untouched. Re-running adds another year of activity: the caller runs it once.
 */
export async function seedDemoActivity(
  handle: ServiceDeps['handle'],
  config: ServiceDeps['config'],
  now: Date,
  departmentIds: Map<string, string>,
): Promise<DemoActivityResult> {
  const today = shanghaiDate(now)
  const first = addDays(today, -DAYS)
  const clock = fixedClock(at(first, 9, 0))
  const services = createServices({ handle, config, clock })
  const random = seededRandom(7)
  const int = (n: number) => Math.floor(random() * n)
  const result: DemoActivityResult = {
    requests: 0,
    grants: 0,
    reads: 0,
    recordsServed: 0,
    misses: 0,
    ingests: 0,
  }
  const users = await demoUsers(services, departmentIds)
  const userOf = (department: string, role: Role): Actor | undefined => users.get(`${department}/${role}`)

  const resourceIds = new Map<string, string>()
  for (const name of new Set([...PLANS.map((p) => p.resource), ...UPDATES.map((u) => u.resource)])) {
    const found = await resourceIdByName(services, departmentIds, name)
    if (found) {
      resourceIds.set(name, found)
    }
  }
  const people = demoPeopleIds()
  const companies = demoCompanyCodes()
  const plans = PLANS.map((plan) => ({
    ...plan,
    ...ANSWERS[`${plan.consumer}/${plan.resource}`],
    resourceId: resourceIds.get(plan.resource),
    keys: demoKeys(plan.resource, plan.kind, people, companies),
    consumerActor: userOf(plan.consumer, 'consumer'),
    approver: userOf(plan.provider, 'approver'),
  }))
  const reviewer = userOf('bureau', 'bureau_reviewer')

  // Follow-ups fixed when a request is made: answers, disputes, arbitrations, by date.
  const followUps = new Map<string, Array<() => Promise<void>>>()
  const later = (date: string, step: () => Promise<void>) => {
    const day = workday(date)
    if (day <= today) {
      followUps.set(day, [...(followUps.get(day) ?? []), step])
    }
  }
  /** Consumer and resource pairs holding a grant, from the date it was made. */
  const live = new Set<(typeof plans)[number]>()
  let caseNumber = 0

  for (let index = 0; index <= DAYS; index++) {
    const date = addDays(first, index)
    if (isWeekend(date)) {
      continue
    }
    // 09:00–09:59: requests.
    clock.set(at(date, 9, int(60)))
    for (const plan of plans.filter((p) => workday(addDays(first, p.day)) === date)) {
      const { consumerActor, resourceId, approver } = plan
      if (!consumerActor || !resourceId) {
        continue
      }
      const request = await services.sharing.requests.createRequest(consumerActor, {
        resourceId,
        items: plan.items,
        purpose: plan.purpose,
      })
      result.requests += 1
      if (request.grantId !== null) {
        result.grants += 1
        live.add(plan)
        continue
      }
      if (!approver || plan.answer === 'pending') {
        continue
      }
      // Ten working days to answer: five calendar days is always in time, four weeks never.
      const answerDate = addDays(date, plan.answer === 'late' ? 28 : 2 + int(4))
      later(answerDate, async () => {
        const reject = plan.answer === 'reject'
        await services.sharing.decisions.decideRequest(approver, request.id, {
          decision: reject ? 'reject' : 'approve',
          reason: reject ? plan.reason : undefined,
        })
        if (!reject) {
          result.grants += 1
          live.add(plan)
          return
        }
        const reason = plan.dispute
        if (!reason) {
          return
        }
        later(addDays(answerDate, 3), async () => {
          await services.sharing.requests.disputeRequest(consumerActor, request.id, reason)
          if (!reviewer) {
            return
          }
          later(addDays(answerDate, 10), async () => {
            await services.sharing.decisions.arbitrate(reviewer, request.id, {
              decision: 'uphold',
              reason: '失业保险金到账情况可凭参保状态核实，银行卡号不属必要信息，维持提供部门意见',
            })
          })
        })
      })
    }
    // 10:00–11:59: answers, disputes and arbitrations due today.
    clock.set(at(date, 10, int(60)))
    for (const step of followUps.get(date) ?? []) {
      await step()
      clock.advance(5 * 60_000)
    }
    followUps.delete(date)

    // 14:00: the day's reads, all at once (the audit group writer commits them together).
    clock.set(at(date, 14, int(60)))
    const month = monthOf(date)
    // Use grows through the year as departments get used to the platform.
    const trend = 0.6 + (0.7 * index) / DAYS
    const reads: Array<Promise<void>> = []
    for (const plan of live) {
      const { consumerActor, resourceId } = plan
      if (!consumerActor || !resourceId || plan.keys.length === 0) {
        continue
      }
      const expected = (plan.weekly * (SEASON[month - 1] ?? 1) * trend) / 5
      const count = Math.floor(expected + random())
      for (let r = 0; r < count; r++) {
        caseNumber += 1
        const caseRef = `${plan.caseRef}-${date.replaceAll('-', '')}-${String(caseNumber).padStart(5, '0')}`
        // One in six is a batch (a list checked at once), the rest one citizen or company.
        const size = int(6) === 0 ? 5 + int(16) : 1
        const start = int(plan.keys.length)
        const keys = Array.from(
          { length: size },
          (_, k) => plan.keys[(start + k * 7) % plan.keys.length] ?? '',
        )
        reads.push(readOnce(services, consumerActor, resourceId, keys, caseRef, result))
      }
    }
    await Promise.all(reads)
    // The day's reads are all logged before the clock moves on.
    await services.audit.drain()

    // 16:30: now and then a provider re-sends a few records changed at the source.
    for (const update of UPDATES) {
      if (index % update.every !== 0) {
        continue
      }
      clock.set(at(date, 16, 30))
      const cataloger = userOf(update.department, 'cataloger')
      const resourceId = resourceIds.get(update.resource)
      if (cataloger && resourceId) {
        // Mostly changed a day or two ago; one batch in eight waited two weeks (late, Art. 18).
        const lagDays = int(8) === 0 ? 14 : 1 + int(2)
        await services.exchange.ingest.ingest(cataloger, resourceId, {
          records: updatedRecords(update.resource, companies, random),
          sourceChangedAt: at(addDays(date, -lagDays), 11, 0).toISOString(),
        })
        result.ingests += 1
      }
    }
  }
  await services.audit.close()
  return result
}

/** One read by a consumer: by key, or a batch; a key not found is a miss, not a failure. */
async function readOnce(
  services: Services,
  actor: Actor,
  resourceId: string,
  keys: string[],
  caseRef: string,
  result: DemoActivityResult,
): Promise<void> {
  result.reads += 1
  if (keys.length > 1) {
    const batch = await services.exchange.query.readBatch(actor, resourceId, keys, { caseRef })
    result.recordsServed += batch.items.length
    result.misses += batch.missing.length
    return
  }
  try {
    await services.exchange.query.readByKey(actor, resourceId, keys[0] ?? '', { caseRef })
    result.recordsServed += 1
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'EXCHANGE_RECORD_NOT_FOUND')) {
      throw error
    }
    result.misses += 1
  }
}

/** A few records of a resource as changed at the source: same keys, new synthetic values. */
function updatedRecords(resource: string, companies: string[], random: () => number) {
  const int = (n: number) => Math.floor(random() * n)
  const offset = [...resource].reduce((sum, ch) => sum + (ch.codePointAt(0) ?? 0), 0)
  const count = 3 + int(8)
  const start = int(250 - count)
  const pick = (values: readonly string[]) => values[int(values.length)] ?? ''
  return Array.from({ length: count }, (_, k) => {
    const i = start + k
    if (resource === '社会组织登记信息') {
      return {
        统一社会信用代码: companies[(offset + i) % COMPANIES] ?? '',
        组织名称: `昆明市${pick(['滇池', '翠湖', '春城', '金马'])}${pick(['志愿者协会', '书法家协会', '养老服务中心'])}`,
        业务主管单位: pick(['昆明市民政局', '昆明市文化和旅游局', '昆明市卫生健康委员会']),
        成立登记日期: fromDayNumber(toDayNumber('2010-01-01') + int(15 * 365)),
      }
    }
    // 土地宗地信息, with 宗地代码 as demo-records.ts writes it.
    const n = (width: number) => String(i + 1).padStart(width, '0')
    return {
      宗地代码: `530102${n(3)}GB${n(5)}`,
      坐落: `云南省昆明市${pick(['五华区', '盘龙区', '官渡区', '西山区'])}${pick(['人民中路', '青年路', '滇池路'])}${1 + int(300)}号`,
      宗地面积: Math.round(random() * 2_000_000) / 100,
      土地用途: pick(['城镇住宅用地', '商业服务业用地', '工业用地', '公共管理与公共服务用地']),
      权属性质: pick(['国有', '国有', '集体']),
    }
  })
}

/** The published resource of that name, looked up through a cataloger of any demo department. */
async function resourceIdByName(
  services: Services,
  departmentIds: Map<string, string>,
  name: string,
): Promise<string | undefined> {
  for (const departmentId of departmentIds.values()) {
    const cataloger = await departmentActor(services.db, departmentId, ['cataloger'], 'demo-seed')
    const own = await services.catalog.catalog.listOwnResources(cataloger, { page: 1, pageSize: 500 })
    const listed = own.items.find((r) => r.name === name && r.publishedVersion !== null)
    if (listed && (await publishedResource(services.db, listed.id))) {
      return listed.id
    }
  }
  return undefined
}

/**
 * The demo users as actors, by "department/role": the activity is theirs, as if they had signed
 * in, so it counts as the departments' own work (participation counts people, not the system).
 */
async function demoUsers(
  services: Services,
  departmentIds: Map<string, string>,
): Promise<Map<string, Actor>> {
  const keyOf = new Map([...departmentIds.entries()].map(([key, id]) => [id, key]))
  const admin = await departmentActor(
    services.db,
    departmentIds.get('bureau') ?? '',
    ['platform_admin'],
    'demo-seed',
  )
  const actors = new Map<string, Actor>()
  for (const user of await services.org.listUsers(admin)) {
    const department = await departmentInfo(services.db, user.departmentId)
    const key = keyOf.get(user.departmentId)
    if (!department || key === undefined || user.status !== 'active') {
      continue
    }
    const actor: Actor = {
      kind: 'user',
      id: user.id,
      name: user.username,
      departmentId: department.id,
      departmentPath: department.path,
      departmentLevel: department.level,
      roles: user.roles,
    }
    for (const role of user.roles) {
      if (!actors.has(`${key}/${role}`)) {
        actors.set(`${key}/${role}`, actor)
      }
    }
  }
  return actors
}
