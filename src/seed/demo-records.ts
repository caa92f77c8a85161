/**
 * Demo records (issue 5 item 8): synthetic people, companies and things for every published demo
 * resource, loaded through the real ingest service as each provider's cataloger, and a few grants
 * so a newcomer can query at once. The same people and companies reappear across resources
 * (demo-pools.ts), so joins make sense. Everything comes from fixed seeds: generated, never real.
 * Re-running is harmless: ingest is an upsert by key, and a grant already held is not asked again.
 */
import type { Services } from '../container.js'
import type { PublishedItem } from '../modules/catalog/index.js'
import { departmentActor } from '../modules/org/index.js'
import { AppError } from '../shared/errors.js'
import { demoUsers, publishedByName } from './demo-lookup.js'
import {
  buildPools,
  COMPANIES,
  type Company,
  PEOPLE,
  type Person,
  type Pools,
  poolOffset,
  recordCount,
} from './demo-pools.js'
import { DEMO_RESOURCES } from './demo-resources.js'
import { itemValue, keyValue, type Subject, type Value } from './demo-values.js'

type Row = Record<string, Value>

/** Resources whose demo batch changed at the source long ago: the freshness page has something late. */
const LATE = new Set(['地质灾害隐患点信息', '养老机构备案信息'])

/** The demo rows of one resource: people, companies or things by its key item. */
function demoRows(pools: Pools, name: string, items: readonly PublishedItem[]): Row[] {
  const keys = items.filter((item) => item.key)
  const byPerson = keys.some((k) => k.name === '公民身份号码')
  const byCompany = keys.some((k) => k.name === '统一社会信用代码')
  const count = recordCount(name, byPerson ? 'person' : byCompany ? 'company' : 'unit')
  const offset = poolOffset(name)
  const rows: Row[] = []
  for (let i = 0; i < count; i++) {
    const subject: Subject = {
      i,
      person: pools.people[(offset + i) % PEOPLE] ?? (pools.people[0] as Person), // the pool is never empty
      company: pools.companies[(offset + i) % COMPANIES] ?? (pools.companies[0] as Company),
    }
    const row: Row = {}
    for (const item of items) {
      const known = item.name === '公民身份号码' || item.name === '统一社会信用代码'
      row[item.name] = item.key && !known ? keyValue(item.name, i) : itemValue(pools, item, subject)
    }
    rows.push(row)
  }
  return rows
}

/** A few grants a newcomer can use at once; the last is conditional and approved by its provider. */
const DEMO_GRANTS = [
  ['hrss', '人口基础信息', '公民身份号码 姓名 性别 出生日期 户籍地址', '社会保险参保登记身份核验'],
  ['civil', '人口基础信息', '公民身份号码 姓名 户籍地址', '最低生活保障对象资格核验', 'verify'],
  ['civil', '社会保险参保信息', '公民身份号码 姓名 参保险种 参保状态', '低保家庭经济状况核对'],
  ['hrss', '法人单位基础信息', '统一社会信用代码 企业名称 法定代表人 成立日期', '参保单位登记信息核验'],
  ['wuhua', '人口基础信息', '公民身份号码 姓名 联系电话', '网格化服务对象走访核验'],
  ['psb', '出生医学证明信息', '出生医学证明编号 新生儿姓名 出生日期 母亲公民身份号码', '新生儿出生户籍登记'],
].map(([consumer = '', resource = '', items = '', purpose = '', mode]) => ({
  consumer,
  resource,
  items: items.split(' '),
  purpose,
  // An identity check needs only verification (核验): the least data (issue 11).
  accessMode: mode === 'verify' ? ('verify' as const) : undefined,
}))

export interface DemoRecordsResult {
  records: number
  resources: number
  grants: number
  /** A few keys of each granted resource, so a newcomer can try a lookup (all synthetic). */
  sampleKeys: Array<{ resource: string; keys: string[] }>
}

const SAMPLE_KEYS = 3

/** Loads the demo records and grants through the real services (audited like real work). */
export async function seedDemoRecords(
  services: Services,
  departmentIds: Map<string, string>,
): Promise<DemoRecordsResult> {
  const { db, clock } = services
  // Issue 15: the demo users do the work (requests, answers, loads), so the portal names real people;
  // a department without such a user falls back to an actor named demo-seed.
  const actors = await demoUsers(services, departmentIds)
  const actorOf = async (department: string, role: 'cataloger' | 'consumer' | 'approver') => {
    const key = `${department}/${role}`
    const known = actors.get(key)
    if (known) {
      return known
    }
    const actor = await departmentActor(db, departmentIds.get(department) ?? '', [role], 'demo-seed')
    actors.set(key, actor)
    return actor
  }

  const pools = buildPools()
  const idByName = new Map<string, string>()
  const providerOf = new Map<string, string>()
  let records = 0
  const sampleKeys: DemoRecordsResult['sampleKeys'] = []
  const granted = new Set(DEMO_GRANTS.map((g) => g.resource))
  for (const demo of DEMO_RESOURCES.filter((d) => d.stage === undefined)) {
    const cataloger = await actorOf(demo.department, 'cataloger')
    const resource = await publishedByName(services, cataloger, demo.input.name)
    if (!resource) {
      continue
    }
    idByName.set(demo.input.name, resource.id)
    providerOf.set(demo.input.name, demo.department)
    const rows = demoRows(pools, demo.input.name, resource.items)
    // Changed yesterday (on time), or five weeks ago for the resources meant to show up as late.
    const changed = new Date(clock.now().getTime() - (LATE.has(demo.input.name) ? 35 : 1) * 86_400_000)
    await services.exchange.ingest.ingest(cataloger, resource.id, {
      records: rows,
      sourceChangedAt: changed.toISOString(),
    })
    records += rows.length
    if (granted.has(demo.input.name)) {
      const keyItems = resource.items.filter((item) => item.key).map((item) => item.name)
      const keys = rows
        .slice(0, SAMPLE_KEYS)
        .map((row) => keyItems.map((name) => String(row[name] ?? '')).join('|'))
      sampleKeys.push({ resource: demo.input.name, keys })
    }
  }

  let grants = 0
  for (const wanted of DEMO_GRANTS) {
    const resourceId = idByName.get(wanted.resource)
    const provider = providerOf.get(wanted.resource)
    if (!resourceId || !provider || !departmentIds.has(wanted.consumer)) {
      continue
    }
    const consumer = await actorOf(wanted.consumer, 'consumer')
    const held = await services.sharing.grants.listGrants(consumer, { resourceId, status: 'live' })
    if (held.some((g) => g.consumerId === consumer.departmentId)) {
      continue
    }
    try {
      const request = await services.sharing.requests.createRequest(consumer, {
        resourceId,
        items: wanted.items,
        purpose: wanted.purpose,
        ...(wanted.accessMode ? { accessMode: wanted.accessMode } : {}),
      })
      if (request.grantId === null) {
        const approver = await actorOf(provider, 'approver')
        await services.sharing.decisions.decideRequest(approver, request.id, { decision: 'approve' })
      }
      grants += 1
    } catch (error) {
      // Asked by an earlier, interrupted start and still pending: leave it to the approver.
      if (!(error instanceof AppError && error.code === 'SHARING_DUPLICATE_REQUEST')) {
        throw error
      }
    }
  }
  return { records, resources: idByName.size, grants, sampleKeys }
}
