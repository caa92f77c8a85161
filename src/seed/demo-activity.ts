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
 * things demo-records.ts loads: both draw them from demo-pools.ts.
 */
import { createServices, type ServiceDeps, type Services } from '../container.js'
import type { Actor, Role } from '../shared/actor.js'
import { fixedClock } from '../shared/clock.js'
import { addDays, isWeekend, monthOf, shanghaiDate } from '../shared/dates.js'
import { AppError } from '../shared/errors.js'
import { ANSWERS, DAYS, demoKeys, PLANS, SEASON, UPDATES, updatedRecords } from './demo-activity-plans.js'
import { demoUsers, resourceIdByName } from './demo-lookup.js'
import { buildPools } from './demo-pools.js'
import { seededRandom } from './names.js'

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
  const pools = buildPools()
  const plans = PLANS.map((plan) => ({
    ...plan,
    ...ANSWERS[`${plan.consumer}/${plan.resource}`],
    resourceId: resourceIds.get(plan.resource),
    keys: demoKeys(plan.resource, plan.kind, pools),
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
          records: updatedRecords(update.resource, pools, random),
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
