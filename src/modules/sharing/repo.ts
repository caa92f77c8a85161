import type { Selectable } from 'kysely'
import type { Executor } from '../../db/database.js'
import { isPostgres } from '../../db/dialect.js'
import { resourceFacts, resourceIdsOfProviders } from '../catalog/index.js'
import type { SharingTables } from './tables.js'

export type RequestRow = Selectable<SharingTables['sharing_requests']>
export type DecisionRow = Selectable<SharingTables['sharing_decisions']>
export type DisputeRow = Selectable<SharingTables['sharing_disputes']>
export type GrantRow = Selectable<SharingTables['grants']>

/**
 * The rows with their resource's name and provider, from the catalog in one batched read (the
 * catalog owns resources: §37). Rows whose resource is unknown are left out, as a join would.
 */
async function withResources<T extends { resource_id: string }>(
  db: Executor,
  rows: readonly T[],
): Promise<Array<T & { provider_id: string; resource_name: string }>> {
  const facts = await resourceFacts(
    db,
    rows.map((row) => row.resource_id),
  )
  return rows.flatMap((row) => {
    const resource = facts.get(row.resource_id)
    return resource ? [{ ...row, provider_id: resource.providerId, resource_name: resource.name }] : []
  })
}

// Requests

export function findRequest(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<RequestRow | undefined> {
  let query = db.selectFrom('sharing_requests').selectAll().where('id', '=', id)
  if (options.lock && isPostgres(db)) {
    query = query.forUpdate()
  }
  return query.executeTakeFirst()
}

export async function insertRequest(db: Executor, row: RequestRow): Promise<void> {
  await db.insertInto('sharing_requests').values(row).execute()
}

export async function updateRequest(db: Executor, id: string, changes: Partial<RequestRow>): Promise<void> {
  await db.updateTable('sharing_requests').set(changes).where('id', '=', id).execute()
}

export function openRequestsFor(db: Executor, resourceId: string, consumerId: string): Promise<RequestRow[]> {
  return db
    .selectFrom('sharing_requests')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('consumer_id', '=', consumerId)
    .where('status', 'in', ['pending', 'overdue', 'disputed'])
    .execute()
}

export interface RequestFilter {
  /** Requests made by these departments (undefined: any). */
  consumerIds?: readonly string[]
  /** Requests for resources of these providers (undefined: any). */
  providerIds?: readonly string[]
  status?: string
  offset: number
  limit: number
}

export async function listRequests(db: Executor, filter: RequestFilter) {
  let query = db.selectFrom('sharing_requests as q')
  if (filter.consumerIds !== undefined) {
    query = query.where('q.consumer_id', 'in', filter.consumerIds.length > 0 ? [...filter.consumerIds] : [''])
  }
  if (filter.providerIds !== undefined) {
    query = query.where('q.resource_id', 'in', resourceIdsOfProviders(db, filter.providerIds))
  }
  if (filter.status !== undefined) {
    query = query.where('q.status', '=', filter.status)
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll('q')
      .orderBy('q.created_at', 'desc')
      .orderBy('q.id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows: await withResources(db, rows), total: Number(count.n) }
}

/**
 * Requests unanswered on `today`: marked overdue, or still pending past their due date (both
 * candidates of isRequestOverdue, which has the last word), with their resource.
 */
export async function unansweredRequests(
  db: Executor,
  today: string,
  options: { pendingOnly?: boolean } = {},
) {
  const rows = await db
    .selectFrom('sharing_requests')
    .select(['id', 'status', 'due_date', 'consumer_id', 'resource_id'])
    .where((eb) =>
      eb.or([
        ...(options.pendingOnly ? [] : [eb('status', '=', 'overdue')]),
        eb.and([eb('status', '=', 'pending'), eb('due_date', '<', today)]),
      ]),
    )
    .execute()
  return withResources(db, rows)
}

// Decisions

export async function insertDecision(db: Executor, row: DecisionRow): Promise<void> {
  await db.insertInto('sharing_decisions').values(row).execute()
}

export function findDecision(db: Executor, requestId: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('sharing_decisions').selectAll().where('request_id', '=', requestId).executeTakeFirst()
}

// Disputes

export async function insertDispute(db: Executor, row: DisputeRow): Promise<void> {
  await db.insertInto('sharing_disputes').values(row).execute()
}

export function findDisputeOf(db: Executor, requestId: string): Promise<DisputeRow | undefined> {
  return db.selectFrom('sharing_disputes').selectAll().where('request_id', '=', requestId).executeTakeFirst()
}

export async function updateDispute(db: Executor, id: string, changes: Partial<DisputeRow>): Promise<void> {
  await db.updateTable('sharing_disputes').set(changes).where('id', '=', id).execute()
}

export async function listDisputes(db: Executor, status: string | undefined) {
  let query = db
    .selectFrom('sharing_disputes as d')
    .innerJoin('sharing_requests as q', 'q.id', 'd.request_id')
    .selectAll('d')
    .select(['q.resource_id', 'q.consumer_id'])
  if (status !== undefined) {
    query = query.where('d.status', '=', status)
  }
  return withResources(db, await query.orderBy('d.raised_at').execute())
}

// Grants

export async function insertGrant(
  db: Executor,
  row: GrantRow,
  items: ReadonlyArray<{ code: string; name: string }>,
): Promise<void> {
  await db.insertInto('grants').values(row).execute()
  await replaceGrantItems(db, row.id, items)
}

export async function replaceGrantItems(
  db: Executor,
  grantId: string,
  items: ReadonlyArray<{ code: string; name: string }>,
): Promise<void> {
  await db.deleteFrom('grant_items').where('grant_id', '=', grantId).execute()
  if (items.length > 0) {
    await db
      .insertInto('grant_items')
      .values(items.map((item) => ({ grant_id: grantId, item_code: item.code, item_name: item.name })))
      .execute()
  }
}

export function findGrant(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<GrantRow | undefined> {
  let query = db.selectFrom('grants').selectAll().where('id', '=', id)
  if (options.lock && isPostgres(db)) {
    query = query.forUpdate()
  }
  return query.executeTakeFirst()
}

/** A grant with its resource's provider and name. */
export async function findGrantWithResource(db: Executor, id: string) {
  const grant = await findGrant(db, id)
  return grant && (await withResources(db, [grant]))[0]
}

export function findGrantOfRequest(db: Executor, requestId: string): Promise<GrantRow | undefined> {
  return db.selectFrom('grants').selectAll().where('request_id', '=', requestId).executeTakeFirst()
}

export async function updateGrant(db: Executor, id: string, changes: Partial<GrantRow>): Promise<void> {
  await db.updateTable('grants').set(changes).where('id', '=', id).execute()
}

export async function itemsOfGrants(db: Executor, grantIds: readonly string[]) {
  const result = new Map<string, Array<{ code: string; name: string }>>()
  if (grantIds.length === 0) {
    return result
  }
  const rows = await db
    .selectFrom('grant_items')
    .selectAll()
    .where('grant_id', 'in', [...grantIds])
    .execute()
  for (const row of rows) {
    const list = result.get(row.grant_id) ?? []
    list.push({ code: row.item_code, name: row.item_name })
    result.set(row.grant_id, list)
  }
  return result
}

export interface GrantFilter {
  /** Grants held by, or given by, these departments (undefined: all). */
  departmentIds?: readonly string[]
  resourceId?: string
}

export async function listGrants(db: Executor, filter: GrantFilter) {
  let query = db.selectFrom('grants as g').selectAll('g')
  const ids = filter.departmentIds
  if (ids !== undefined) {
    const list = ids.length > 0 ? [...ids] : ['']
    query = query.where((eb) =>
      eb.or([eb('g.consumer_id', 'in', list), eb('g.resource_id', 'in', resourceIdsOfProviders(db, ids))]),
    )
  }
  if (filter.resourceId !== undefined) {
    query = query.where('g.resource_id', '=', filter.resourceId)
  }
  return withResources(db, await query.orderBy('g.created_at', 'desc').orderBy('g.id').execute())
}

/** Grants not revoked for a department and resource; the caller checks expiry on today's date. */
export function unrevokedGrants(db: Executor, consumerId: string, resourceId: string): Promise<GrantRow[]> {
  return db
    .selectFrom('grants')
    .selectAll()
    .where('consumer_id', '=', consumerId)
    .where('resource_id', '=', resourceId)
    .where('status', '=', 'live')
    .orderBy('created_at', 'desc')
    .execute()
}

export function unrevokedGrantsOnResource(db: Executor, resourceId: string): Promise<GrantRow[]> {
  return db
    .selectFrom('grants')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('status', '=', 'live')
    .execute()
}

/** How many departments hold an unrevoked grant on a resource (search ranks by it). */
export async function consumerCount(db: Executor, resourceId: string): Promise<number> {
  const row = await db
    .selectFrom('grants')
    .select((eb) => eb.fn.count<string>('consumer_id').distinct().as('n'))
    .where('resource_id', '=', resourceId)
    .where('status', '=', 'live')
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Art. 24: live grants of a department covering items of these names. */
export function grantedItemsByName(db: Executor, consumerId: string, names: readonly string[]) {
  if (names.length === 0) {
    return Promise.resolve([])
  }
  return db
    .selectFrom('grant_items as i')
    .innerJoin('grants as g', 'g.id', 'i.grant_id')
    .select(['i.item_name', 'g.id as grant_id', 'g.resource_id', 'g.valid_to'])
    .where('g.consumer_id', '=', consumerId)
    .where('g.status', '=', 'live')
    .where('i.item_name', 'in', [...names])
    .execute()
}

/** Live grants ending between two dates (expiry reminders). */
export async function grantsEndingBetween(db: Executor, from: string, to: string) {
  const rows = await db
    .selectFrom('grants')
    .select(['id', 'consumer_id', 'valid_to', 'resource_id'])
    .where('status', '=', 'live')
    .where('valid_to', '>=', from)
    .where('valid_to', '<=', to)
    .execute()
  return withResources(db, rows)
}

/** Issue 12: the resource of each of some grants and requests (the audit search names them by it). */
export async function resourceIdsOf(
  db: Executor,
  ids: { grants: readonly string[]; requests: readonly string[] },
): Promise<Array<{ id: string; resource_id: string }>> {
  const [grants, requests] = await Promise.all([
    ids.grants.length === 0
      ? []
      : db
          .selectFrom('grants')
          .select(['id', 'resource_id'])
          .where('id', 'in', [...ids.grants])
          .execute(),
    ids.requests.length === 0
      ? []
      : db
          .selectFrom('sharing_requests')
          .select(['id', 'resource_id'])
          .where('id', 'in', [...ids.requests])
          .execute(),
  ])
  return [...grants, ...requests]
}

/** Issue 12: ids of the grants and requests on one resource (the audit search's resource filter). */
export async function idsOnResource(
  db: Executor,
  resourceId: string,
): Promise<{ grants: string[]; requests: string[] }> {
  const [grants, requests] = await Promise.all([
    db.selectFrom('grants').select('id').where('resource_id', '=', resourceId).execute(),
    db.selectFrom('sharing_requests').select('id').where('resource_id', '=', resourceId).execute(),
  ])
  return { grants: grants.map((g) => g.id), requests: requests.map((r) => r.id) }
}

/** Grants live on `today` (not revoked, not past their last day): the dashboard's total. */
export async function countLiveGrants(db: Executor, today: string): Promise<number> {
  const row = await db
    .selectFrom('grants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'live')
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Conditional requests (they have a due date) created in [start, end), with their decision if any. */
export async function requestsCreatedBetween(db: Executor, start: string, end: string) {
  const rows = await db
    .selectFrom('sharing_requests as q')
    .leftJoin('sharing_decisions as d', 'd.request_id', 'q.id')
    .select(['q.resource_id', 'q.created_at', 'q.due_date', 'd.decided_at', 'd.late'])
    .where('q.due_date', 'is not', null)
    .where('q.created_at', '>=', start)
    .where('q.created_at', '<', end)
    .execute()
  return withResources(db, rows)
}
