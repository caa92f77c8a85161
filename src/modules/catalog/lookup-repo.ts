/**
 * The catalog's SQL behind lookup.ts: the reads other modules make of resources and items, batched
 * or as a subquery, so that none of them names the catalog's tables (docs/decisions.md §37).
 */
import { containsText } from '../../db/contains.js'
import type { Executor } from '../../db/database.js'

/** Resources serving a published version (not withdrawn), with their update cycle (Art. 18). */
export function servingResources(db: Executor) {
  return db
    .selectFrom('resources')
    .select(['id', 'name', 'provider_id', 'update_cycle', 'published_at'])
    .where('published_version', 'is not', null)
    .where('status', '!=', 'withdrawn')
    .orderBy('id')
    .execute()
}

/** Code, name and provider of many resources at once (audit search names, supervision, sharing views). */
export async function resourcesByIds(
  db: Executor,
  ids: readonly string[],
): Promise<Array<{ id: string; code: string; name: string; provider_id: string }>> {
  const unique = [...new Set(ids)]
  const rows: Array<{ id: string; code: string; name: string; provider_id: string }> = []
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < unique.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('resources')
        .select(['id', 'code', 'name', 'provider_id'])
        .where('id', 'in', unique.slice(i, i + 500))
        .execute()),
    )
  }
  return rows
}

/** The ids of the resources of some providers, as a subquery: lists filter by provider in one statement. */
export function resourceIdsOfProviders(db: Executor, providerIds: readonly string[]) {
  return db
    .selectFrom('resources')
    .select('id')
    .where('provider_id', 'in', providerIds.length > 0 ? [...providerIds] : [''])
}

/** Resources serving a published version, and the items of those versions (the dashboard's totals). */
export async function publishedTotals(db: Executor): Promise<{ resources: number; items: number }> {
  const [resources, items] = await Promise.all([
    db
      .selectFrom('resources')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('published_version', 'is not', null)
      .where('status', '<>', 'withdrawn')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('items as i')
      .innerJoin('resources as r', (join) =>
        join.onRef('r.id', '=', 'i.resource_id').onRef('r.published_version', '=', 'i.version'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.status', '<>', 'withdrawn')
      .executeTakeFirstOrThrow(),
  ])
  return { resources: Number(resources.n), items: Number(items.n) }
}

/** Item count of every version of some resources, keyed `resourceId@version`. */
export async function itemCounts(db: Executor, resourceIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (let i = 0; i < resourceIds.length; i += 500) {
    const rows = await db
      .selectFrom('items')
      .select((eb) => ['resource_id', 'version', eb.fn.countAll<number>().as('n')])
      .where('resource_id', 'in', resourceIds.slice(i, i + 500))
      .groupBy(['resource_id', 'version'])
      .execute()
    for (const row of rows) {
      counts.set(`${row.resource_id}@${Number(row.version)}`, Number(row.n))
    }
  }
  return counts
}

/** Resources of any status whose name or code contains `text` (the auditor's resource picker). */
export function resourcesMatching(db: Executor, text: string, limit: number) {
  return db
    .selectFrom('resources')
    .select(['id', 'code', 'name', 'provider_id', 'status'])
    .where((eb) => eb.or([containsText(db, 'name', text), containsText(db, 'code', text)]))
    .orderBy('name')
    .limit(limit)
    .execute()
}

/** Stored deadlines still open with their due date before `today`, with their resource's name. */
export function openDeadlinesBefore(db: Executor, today: string) {
  return db
    .selectFrom('catalog_deadlines as d')
    .innerJoin('resources as r', 'r.id', 'd.resource_id')
    .select(['d.id', 'd.kind', 'd.due_date', 'd.department_id', 'd.resource_id', 'r.name as resource_name'])
    .where('d.met_at', 'is', null)
    .where('d.due_date', '<', today)
    .execute()
}
