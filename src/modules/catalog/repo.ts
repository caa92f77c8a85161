import type { Selectable } from 'kysely'
import type { Executor } from '../../db/database.js'
import { isPostgres } from '../../db/dialect.js'
import type { CatalogTables } from './tables.js'

export type ResourceRow = Selectable<CatalogTables['resources']>
export type VersionRow = Selectable<CatalogTables['resource_versions']>
export type ItemRow = Selectable<CatalogTables['items']>
export type DeadlineRow = Selectable<CatalogTables['catalog_deadlines']>

export function findResource(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ResourceRow | undefined> {
  let query = db.selectFrom('resources').selectAll().where('id', '=', id)
  if (options.lock && isPostgres(db)) {
    query = query.forUpdate()
  }
  return query.executeTakeFirst()
}

export function findResourceByCode(db: Executor, code: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('resources').selectAll().where('code', '=', code).executeTakeFirst()
}

export async function insertResource(db: Executor, row: ResourceRow): Promise<void> {
  await db.insertInto('resources').values(row).execute()
}

export async function updateResource(db: Executor, id: string, changes: Partial<ResourceRow>): Promise<void> {
  await db.updateTable('resources').set(changes).where('id', '=', id).execute()
}

export function listResourcesOf(
  db: Executor,
  providerIds: readonly string[] | undefined,
  filter: { status?: string; offset: number; limit: number },
) {
  let query = db.selectFrom('resources')
  if (providerIds !== undefined) {
    query = query.where('provider_id', 'in', providerIds.length > 0 ? [...providerIds] : [''])
  }
  if (filter.status !== undefined) {
    query = query.where('status', '=', filter.status)
  }
  return Promise.all([
    query
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]).then(([rows, count]) => ({ rows, total: Number(count.n) }))
}

// Versions and items

export function findVersion(
  db: Executor,
  resourceId: string,
  version: number,
): Promise<VersionRow | undefined> {
  return db
    .selectFrom('resource_versions')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('version', '=', version)
    .executeTakeFirst()
}

export function listVersions(db: Executor, resourceId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('resource_versions')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('version')
    .execute()
}

export async function insertVersion(db: Executor, row: VersionRow): Promise<void> {
  await db.insertInto('resource_versions').values(row).execute()
}

export async function updateVersion(
  db: Executor,
  resourceId: string,
  version: number,
  changes: Partial<VersionRow>,
): Promise<void> {
  await db
    .updateTable('resource_versions')
    .set(changes)
    .where('resource_id', '=', resourceId)
    .where('version', '=', version)
    .execute()
}

export function itemsOf(db: Executor, resourceId: string, version: number): Promise<ItemRow[]> {
  return db
    .selectFrom('items')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('version', '=', version)
    .orderBy('position')
    .execute()
}

export function itemsOfAllVersions(db: Executor, resourceId: string): Promise<ItemRow[]> {
  return db
    .selectFrom('items')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('version')
    .orderBy('position')
    .execute()
}

export async function replaceItems(
  db: Executor,
  resourceId: string,
  version: number,
  rows: ItemRow[],
): Promise<void> {
  await db.deleteFrom('items').where('resource_id', '=', resourceId).where('version', '=', version).execute()
  if (rows.length > 0) {
    await db.insertInto('items').values(rows).execute()
  }
}

export function findItem(db: Executor, id: string): Promise<ItemRow | undefined> {
  return db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst()
}

// Codes, leads, authoritative items

/** Next sequence for a class code; the counter row lock keeps two creators from sharing one. */
export async function nextSequence(db: Executor, classCode: string): Promise<number> {
  await db
    .insertInto('catalog_code_counters')
    .values({ class_code: classCode, last_seq: 0 })
    .onConflict((oc) => oc.column('class_code').doNothing())
    .execute()
  const row = await db
    .updateTable('catalog_code_counters')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('class_code', '=', classCode)
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  return row.last_seq
}

export function findLead(db: Executor, category: string, theme: string) {
  return db
    .selectFrom('catalog_leads')
    .selectAll()
    .where('category', '=', category)
    .where('theme', '=', theme)
    .executeTakeFirst()
}

export function leadsOf(db: Executor, departmentId: string, category: string) {
  return db
    .selectFrom('catalog_leads')
    .selectAll()
    .where('department_id', '=', departmentId)
    .where('category', '=', category)
    .execute()
}

export function listLeads(db: Executor) {
  return db.selectFrom('catalog_leads').selectAll().orderBy('category').orderBy('theme').execute()
}

export async function upsertLead(
  db: Executor,
  row: Selectable<CatalogTables['catalog_leads']>,
): Promise<void> {
  await db
    .insertInto('catalog_leads')
    .values(row)
    .onConflict((oc) => oc.columns(['category', 'theme']).doUpdateSet({ department_id: row.department_id }))
    .execute()
}

/** The item row of `code` in the published version of its resource. */
export function publishedItemByCode(db: Executor, code: string) {
  return db
    .selectFrom('items as i')
    .innerJoin('resources as r', (join) =>
      join.onRef('r.id', '=', 'i.resource_id').onRef('r.published_version', '=', 'i.version'),
    )
    .selectAll('i')
    .where('i.code', '=', code)
    .executeTakeFirst()
}

export function listAuthoritative(db: Executor) {
  return db.selectFrom('authoritative_items').selectAll().orderBy('standard_name').execute()
}

export async function upsertAuthoritative(
  db: Executor,
  row: Selectable<CatalogTables['authoritative_items']>,
): Promise<void> {
  await db
    .insertInto('authoritative_items')
    .values(row)
    .onConflict((oc) =>
      oc.column('standard_name').doUpdateSet({
        item_code: row.item_code,
        resource_id: row.resource_id,
        department_id: row.department_id,
        element_code: row.element_code,
      }),
    )
    .execute()
}

// Deadlines

export async function insertDeadline(
  db: Executor,
  row: Omit<DeadlineRow, 'late'> & { late?: number },
): Promise<void> {
  await db.insertInto('catalog_deadlines').values(row).execute()
}

export function openDeadlines(
  db: Executor,
  resourceId: string,
  kinds: readonly string[],
): Promise<DeadlineRow[]> {
  return db
    .selectFrom('catalog_deadlines')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .where('kind', 'in', [...kinds])
    .where('met_at', 'is', null)
    .execute()
}

export async function meetDeadline(db: Executor, id: string, metAt: string, late: boolean): Promise<void> {
  await db
    .updateTable('catalog_deadlines')
    .set({ met_at: metAt, late: late ? 1 : 0 })
    .where('id', '=', id)
    .execute()
}

/** Deadlines with their resource, optionally for some departments; the caller sorts them into due/overdue. */
export function listDeadlines(db: Executor, departmentIds: readonly string[] | undefined) {
  let query = db
    .selectFrom('catalog_deadlines as d')
    .innerJoin('resources as r', 'r.id', 'd.resource_id')
    .selectAll('d')
    .select(['r.code as resource_code', 'r.name as resource_name'])
  if (departmentIds !== undefined) {
    query = query.where('d.department_id', 'in', departmentIds.length > 0 ? [...departmentIds] : [''])
  }
  return query.orderBy('d.due_date').execute()
}

/** Published resources with the date they were last published or confirmed (Art. 19). */
export function publishedForConfirmation(db: Executor, departmentIds: readonly string[] | undefined) {
  let query = db
    .selectFrom('resources')
    .select(['id', 'code', 'name', 'provider_id', 'published_at', 'confirmed_at'])
    .where('status', '=', 'published')
  if (departmentIds !== undefined) {
    query = query.where('provider_id', 'in', departmentIds.length > 0 ? [...departmentIds] : [''])
  }
  return query.execute()
}

export function reviewQueue(db: Executor) {
  return db
    .selectFrom('resource_versions as v')
    .innerJoin('resources as r', 'r.id', 'v.resource_id')
    .select(['r.id', 'r.code', 'r.name', 'r.provider_id', 'v.version', 'v.submitted_at'])
    .where('v.status', '=', 'submitted')
    .orderBy('v.submitted_at')
    .execute()
}
