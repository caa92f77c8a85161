/**
 * Factories for module service tests over `setup(dialect)` (services.ts): a published resource,
 * a sharing request and its answer, a user's inbox, and the audit entries a change wrote.
 * Everything goes through the real services, so each step is checked and logged as in production.
 */
import type { ResourceInput } from '../../src/modules/catalog/index.js'
import { buildUscc } from '../../src/modules/org/index.js'
import type { Actor } from '../../src/shared/actor.js'
import type { ServiceTest } from './services.js'

type Item = ResourceInput['items'][number]

let codes = 0

/** A valid department code no other call in this process returns (setup's department() uses TD…). */
export function uniqueUscc(): string {
  codes += 1
  // Code characters exclude I, O, S, V and Z (GB 32100-2015).
  return buildUscc('11', '530100', `UC${String(codes).padStart(6, '0')}`)
}

/** A key, a name and an address: personal items, so a request defaults to lookup. */
export const PERSON_ITEMS: Item[] = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '住址', dataType: 'string', sensitivity: 'address' },
]

/** What a conditional resource must say (Art. 12-13). */
export const CONDITIONAL: Partial<ResourceInput> = {
  shareType: 'conditional',
  legalBasis: '《收养登记办法》第十条',
  shareCondition: '仅限收养关系核验',
}

export function resourceInput(overrides: Partial<ResourceInput> = {}): ResourceInput {
  return {
    name: '户籍人口基本信息',
    summary: '全市户籍人口的公民身份号码、姓名、住址等基本信息（测试）',
    category: 'department',
    format: 'database',
    shareType: 'unconditional',
    shareMethod: 'api',
    updateCycle: 'daily',
    items: PERSON_ITEMS,
    ...overrides,
  }
}

/** The cataloger creates and submits a resource, the reviewer approves it; its id. */
export async function publish(
  t: ServiceTest,
  cataloger: Actor,
  reviewer: Actor,
  overrides: Partial<ResourceInput> = {},
): Promise<string> {
  const { catalog } = t.services
  const created = await catalog.catalog.createResource(cataloger, resourceInput(overrides))
  await catalog.workflow.submit(cataloger, created.id)
  await catalog.workflow.review(reviewer, created.id, { decision: 'approve' })
  return created.id
}

/** The kinds and objects of an actor's notifications, newest first. */
export async function inbox(
  t: ServiceTest,
  actor: Actor,
): Promise<Array<{ kind: string; objectId: string | null }>> {
  const page = await t.services.notifications.listMine(actor, { page: 1, pageSize: 200 })
  return page.items.map((n) => ({ kind: n.kind, objectId: n.objectId }))
}

export interface LoggedEntry {
  seq: number
  actor: string | null
  actorType: string
  departmentId: string | null
  action: string
  objectType: string | null
  objectId: string | null
  details: Record<string, unknown>
}

const auditors = new WeakMap<ServiceTest, Promise<Actor>>()

/**
 * The audit entries with this action, in order, read as an auditor of the bureau would (the
 * auditor is made once per store; making it logs a user.create of its own).
 */
export async function logged(t: ServiceTest, action: string): Promise<LoggedEntry[]> {
  let auditor = auditors.get(t)
  if (!auditor) {
    auditor = t.person(t.bureauId, ['auditor'])
    auditors.set(t, auditor)
  }
  await t.services.audit.drain()
  const { entries } = await t.services.audit.listEntries(await auditor, { action, page: 1, pageSize: 500 })
  return entries.map((e) => ({
    seq: e.seq,
    actor: e.actorName,
    actorType: e.actorType,
    departmentId: e.departmentId,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    details: JSON.parse(e.details) as Record<string, unknown>, // canonical JSON of an object, as the chain stores it
  }))
}
