/**
 * The plan of a county migration (Art. 21): every row of the export with what a run would do to it
 * (create, change with the fields, unchanged, refused with a stable code and why), and the batches
 * a run applies in order. The batches are cut from the export alone (its order, fixed sizes), so an
 * interrupted run re-planned with the same export finds the same batch at its cursor.
 */
import type { Executor } from '../../db/database.js'
import type { Actor } from '../../shared/actor.js'
import { ERROR_CATALOG, type ErrorCode } from '../../shared/errors.js'
import {
  type CountyCatalog,
  type CountyResourcePlan,
  itemsOfInput,
  type PublishedItem,
  type ResourceInput,
} from '../catalog/index.js'
import type { CountyRecords, PlannedRecords } from '../exchange/index.js'
import { allDepartments, departmentActor } from '../org/index.js'
import type { CountyGrants, WantedGrant } from '../sharing/index.js'
import type { CountyExport } from './format.js'
import * as repo from './repo.js'

export const ENTITIES = ['department', 'resource', 'grant', 'record'] as const
export const ACTIONS = ['create', 'change', 'unchanged', 'refused'] as const
export type Entity = (typeof ENTITIES)[number]
export type Action = (typeof ACTIONS)[number]
export type Counts = Record<Entity, Record<Action, number>>

export const RESOURCE_BATCH = 50
export const GRANT_BATCH = 100
export const RECORD_BATCH = 1000

export interface Refusal {
  entity: Entity
  /** The county's code of the row (a record: its resource code and row number). */
  key: string
  row: number
  code: ErrorCode
  zh: string
  en: string
  details?: unknown
}

export interface ResourceStep {
  code: string
  providerId: string
  input: ResourceInput
  action: Action
  /** The resource an earlier run made of this code. */
  resourceId: string | undefined
}

export interface GrantStep {
  key: string
  resourceCode: string
  consumerId: string
  wanted: WantedGrant
  action: Action
  /** The grant an earlier run made of this key. */
  grantId: string | undefined
}

export type Batch =
  | { kind: 'resources'; steps: ResourceStep[]; counts: Counts }
  | { kind: 'grants'; steps: GrantStep[]; counts: Counts }
  | {
      kind: 'records'
      resourceCode: string
      items: PublishedItem[]
      sourceChangedAt: string | null
      valid: PlannedRecords['valid']
      counts: Counts
    }

export interface Plan {
  county: { id: string; code: string; name: string }
  counts: Counts
  refused: Refusal[]
  changes: Array<{ entity: Entity; key: string; fields: string[] }>
  batches: Batch[]
}

export interface Planner {
  catalog: Pick<CountyCatalog, 'planResource'>
  records: Pick<CountyRecords, 'planRecords'>
  grants: Pick<CountyGrants, 'planGrant'>
}

export function zeroCounts(): Counts {
  const row = () => ({ create: 0, change: 0, unchanged: 0, refused: 0 })
  return { department: row(), resource: row(), grant: row(), record: row() }
}

export function addCounts(into: Counts, from: Counts): Counts {
  for (const entity of ENTITIES) {
    for (const action of ACTIONS) {
      into[entity][action] += from[entity][action]
    }
  }
  return into
}

function refusal(entity: Entity, key: string, row: number, code: ErrorCode, details?: unknown): Refusal {
  const spec = ERROR_CATALOG[code]
  return { entity, key, row, code, zh: spec.zh, en: spec.en, ...(details === undefined ? {} : { details }) }
}

const CODE = /^[\w.\-/]{1,64}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Grants: each row's resource must be one the plan keeps, its consumer a department here. */
async function planGrants(
  db: Executor,
  ports: Planner,
  plan: Plan,
  source: CountyExport,
  context: {
    departments: ReadonlyMap<string, { id: string }>
    accepted: ReadonlyMap<string, ResourceStep>
    today: string
  },
): Promise<void> {
  const known = await repo.keysOf(db, plan.county.code, 'grant')
  const seen = new Set<string>()
  const steps: Array<GrantStep | undefined> = []
  const counts: Counts[] = []
  for (const row of source.grants) {
    const key = `${row.resourceCode}|${row.consumerCode.toUpperCase()}`
    const step = context.accepted.get(row.resourceCode)
    const consumer = context.departments.get(row.consumerCode.toUpperCase())
    const wanted: WantedGrant = { items: [...new Set(row.items)], validTo: row.validTo, purpose: row.purpose }
    const names = new Set(step?.input.items.map((item) => item.name.trim()))
    let outcome: { action: Action; code?: ErrorCode; details?: unknown; fields?: string[] }
    if (seen.has(key)) {
      outcome = { action: 'refused', code: 'COUNTY_DUPLICATE_KEY', details: { kind: 'grant' } }
    } else if (!step) {
      outcome = {
        action: 'refused',
        code: 'COUNTY_RESOURCE_UNKNOWN',
        details: { resourceCode: row.resourceCode },
      }
    } else if (!consumer) {
      outcome = {
        action: 'refused',
        code: 'COUNTY_DEPARTMENT_UNKNOWN',
        details: { departmentCode: row.consumerCode },
      }
    } else if (consumer.id === step.providerId) {
      outcome = { action: 'refused', code: 'SHARING_OWN_RESOURCE' }
    } else if (step.input.shareType === 'none') {
      outcome = { action: 'refused', code: 'SHARING_NOT_SHAREABLE' }
    } else if (wanted.items.length === 0 || wanted.items.some((name) => !names.has(name))) {
      outcome = { action: 'refused', code: 'SHARING_UNKNOWN_ITEM', details: { items: wanted.items } }
    } else if (
      !wanted.purpose ||
      (wanted.validTo !== null && (!DATE.test(wanted.validTo) || wanted.validTo < context.today))
    ) {
      outcome = {
        action: 'refused',
        code: wanted.purpose ? 'SHARING_INVALID_PERIOD' : 'COUNTY_ROW_INVALID',
        details: { validTo: wanted.validTo },
      }
    } else {
      const grantId = step.action === 'create' ? undefined : known.get(key)
      outcome = await ports.grants.planGrant(grantId, wanted)
    }
    seen.add(key)
    const count = zeroCounts()
    count.grant[outcome.action] += 1
    counts.push(count)
    if (outcome.action === 'refused') {
      plan.refused.push(refusal('grant', key, row.row, outcome.code ?? 'COUNTY_ROW_INVALID', outcome.details))
      steps.push(undefined)
      continue
    }
    if (outcome.action === 'change') {
      plan.changes.push({ entity: 'grant', key, fields: outcome.fields ?? [] })
    }
    steps.push({
      key,
      resourceCode: row.resourceCode,
      consumerId: consumer?.id ?? '',
      wanted,
      action: outcome.action,
      grantId: known.get(key),
    })
  }
  for (let i = 0; i < source.grants.length; i += GRANT_BATCH) {
    plan.batches.push({
      kind: 'grants',
      steps: steps
        .slice(i, i + GRANT_BATCH)
        .filter((s): s is GrantStep => s !== undefined && s.action !== 'unchanged'),
      counts: counts.slice(i, i + GRANT_BATCH).reduce(addCounts, zeroCounts()),
    })
  }
}

/** Compares the export with the database; writes nothing. */
export async function buildPlan(
  db: Executor,
  ports: Planner,
  county: { id: string; code: string; name: string; path: string },
  source: CountyExport,
  today: string,
): Promise<Plan> {
  const plan: Plan = { county, counts: zeroCounts(), refused: [], changes: [], batches: [] }
  const departments = new Map((await allDepartments(db)).map((d) => [d.code.toUpperCase(), d]))
  /** The department a code names, or why not: it must be the county itself or under it. */
  const departmentOf = (code: string): { id: string } | ErrorCode => {
    const found = departments.get(code.trim().toUpperCase())
    if (!found) {
      return 'COUNTY_DEPARTMENT_UNKNOWN'
    }
    return found.path.startsWith(county.path) ? found : 'COUNTY_DEPARTMENT_OUTSIDE'
  }
  for (const department of source.departments) {
    const found = departmentOf(department.code)
    if (typeof found === 'string') {
      plan.refused.push(refusal('department', department.code, department.row, found))
      plan.counts.department.refused += 1
    } else {
      plan.counts.department.unchanged += 1
    }
  }

  const known = await repo.keysOf(db, county.code, 'resource')
  const accepted = new Map<string, ResourceStep>()
  const seen = new Set<string>()
  const actors = new Map<string, Actor>()
  /** Per row of the export: its step (none when refused; a repeated code is refused, not its first row). */
  const steps: Array<ResourceStep | undefined> = []
  const stepCounts: Counts[] = []
  for (const row of source.resources) {
    const counts = zeroCounts()
    const outcome = await planResourceRow(row)
    if (outcome.action === 'refused') {
      plan.refused.push(refusal('resource', row.code, row.row, outcome.code, outcome.details))
      steps.push(undefined)
    } else {
      if (outcome.action === 'change') {
        plan.changes.push({ entity: 'resource', key: row.code, fields: outcome.fields })
      }
      const step: ResourceStep = {
        code: row.code,
        providerId: outcome.providerId,
        input: row.input as unknown as ResourceInput, // checked against the schema by planResource
        action: outcome.action,
        resourceId: known.get(row.code),
      }
      accepted.set(row.code, step)
      steps.push(step)
    }
    counts.resource[outcome.action] += 1
    stepCounts.push(counts)
  }
  for (let i = 0; i < source.resources.length; i += RESOURCE_BATCH) {
    plan.batches.push({
      kind: 'resources',
      steps: steps
        .slice(i, i + RESOURCE_BATCH)
        .filter((s): s is ResourceStep => s !== undefined && s.action !== 'unchanged'),
      counts: stepCounts.slice(i, i + RESOURCE_BATCH).reduce(addCounts, zeroCounts()),
    })
  }

  async function planResourceRow(
    row: CountyExport['resources'][number],
  ): Promise<
    (CountyResourcePlan & { providerId: string }) | { action: 'refused'; code: ErrorCode; details?: unknown }
  > {
    if (!CODE.test(row.code)) {
      return { action: 'refused', code: 'COUNTY_ROW_INVALID', details: { field: 'code' } }
    }
    if (seen.has(row.code)) {
      return { action: 'refused', code: 'COUNTY_DUPLICATE_KEY', details: { kind: 'resource' } }
    }
    seen.add(row.code)
    const provider = departmentOf(row.departmentCode)
    if (typeof provider === 'string') {
      return { action: 'refused', code: provider, details: { departmentCode: row.departmentCode } }
    }
    const actor =
      actors.get(provider.id) ?? (await departmentActor(db, provider.id, ['cataloger'], 'county migration'))
    actors.set(provider.id, actor)
    const input = row.input as unknown as ResourceInput // planResource checks it against the schema
    const outcome = await ports.catalog.planResource(actor, input, provider.id, known.get(row.code))
    return { ...outcome, providerId: provider.id }
  }

  await planGrants(db, ports, plan, source, { departments, accepted, today })

  for (const group of source.records) {
    const step = accepted.get(group.resourceCode)
    const outcomes = step
      ? await ports.records.planRecords(
          step.action === 'create' ? undefined : step.resourceId,
          itemsOfInput(step.input),
          group.rows,
          group.tabular,
        )
      : undefined
    for (let i = 0; i < group.rows.length; i += RECORD_BATCH) {
      const counts = zeroCounts()
      for (let index = i; index < Math.min(i + RECORD_BATCH, group.rows.length); index++) {
        const outcome = outcomes?.outcomes[index] ?? {
          action: 'refused' as const,
          code: 'COUNTY_RESOURCE_UNKNOWN' as const,
        }
        counts.record[outcome.action] += 1
        if (outcome.action === 'refused') {
          const key = `${group.resourceCode}#${index + 1}`
          plan.refused.push(
            refusal(
              'record',
              key,
              index + 1,
              outcome.code,
              'details' in outcome ? outcome.details : undefined,
            ),
          )
        }
      }
      plan.batches.push({
        kind: 'records',
        resourceCode: group.resourceCode,
        items: step ? itemsOfInput(step.input) : [],
        sourceChangedAt: group.sourceChangedAt,
        valid: (outcomes?.valid ?? []).filter((v) => v.index >= i && v.index < i + RECORD_BATCH),
        counts,
      })
    }
  }
  for (const batch of plan.batches) {
    addCounts(plan.counts, batch.counts)
  }
  return plan
}
