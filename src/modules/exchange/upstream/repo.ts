/** Kysely queries for the gateway's endpoint registry (upstream-tables.ts). */
import type { Selectable } from 'kysely'
import type { Executor } from '../../../db/database.js'
import type { ExchangeUpstreamTables } from './tables.js'

export type EndpointRow = Selectable<ExchangeUpstreamTables['upstream_endpoints']>

export function findEndpoint(db: Executor, resourceId: string): Promise<EndpointRow | undefined> {
  return db
    .selectFrom('upstream_endpoints')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .executeTakeFirst()
}

/** Inserts the endpoint or replaces the one registered (created_at kept). */
export async function saveEndpoint(db: Executor, row: EndpointRow): Promise<void> {
  await db
    .insertInto('upstream_endpoints')
    .values(row)
    .onConflict((oc) =>
      oc.column('resource_id').doUpdateSet({
        url: row.url,
        timeout_ms: row.timeout_ms,
        auth_header: row.auth_header,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute()
}

/** Whether there was an endpoint to remove. */
export async function deleteEndpoint(db: Executor, resourceId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('upstream_endpoints')
    .where('resource_id', '=', resourceId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
