/**
 * Issue 11 (Art. 32-33): grants say how they may be used (access mode), how much a day (budget)
 * and which rows (row scope); resources carry their exchange settings; the read log counts each
 * grant's reads and misses per day so budgets and enumeration defence hold on every instance.
 *
 * Existing grants become `lookup`, or `bulk` where the resource's published version has no
 * personal item (docs/decisions.md §25). Existing resources keep caseRef optional, as the API
 * contract promised their integrations; resources created from now on require it for personal data.
 */
import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

const BUMP = 'update access_epoch set epoch = epoch + 1 where id = 1'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('grants')
    .addColumn('access_mode', 'text', (c) => c.notNull().defaultTo('lookup'))
    .execute()
  await db.schema.alterTable('grants').addColumn('mode_reason', 'text').execute()
  await db.schema.alterTable('grants').addColumn('daily_budget', 'integer').execute()
  await db.schema.alterTable('grants').addColumn('row_scope', 'text').execute()
  await db.schema.alterTable('sharing_requests').addColumn('access_mode', 'text').execute()
  await sql`
    update grants set access_mode = 'bulk'
    where not exists (
      select 1 from resources r
      join items i on i.resource_id = r.id and i.version = r.published_version
      where r.id = grants.resource_id and i.sensitivity <> 'none'
    )`.execute(db)
  await sql`
    update sharing_requests set access_mode = (
      select g.access_mode from grants g where g.request_id = sharing_requests.id
    )`.execute(db)

  await db.schema
    .createTable('exchange_settings')
    .addColumn('resource_id', 'text', (c) => c.primaryKey().references('resources.id'))
    .addColumn('daily_budget', 'integer', (c) => c.notNull())
    .addColumn('case_ref_required', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await sql`
    insert into exchange_settings (resource_id, daily_budget, case_ref_required, updated_at, updated_by)
    select r.id,
      case when exists (
        select 1 from items i
        where i.resource_id = r.id and i.version = r.published_version and i.sensitivity <> 'none'
      ) then 1000 else 100000 end,
      0, '2026-12-05T00:00:00.000Z', 'migration'
    from resources r`.execute(db)
  // Settings decide reads: a change moves the access epoch like every other access table.
  if (isPostgres(db)) {
    await sql`
      create trigger exchange_settings_access_epoch after insert or update or delete on exchange_settings
      for each statement execute function bump_access_epoch()`.execute(db)
  } else {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`
        create trigger ${sql.raw(`exchange_settings_access_epoch_${event}`)} after ${sql.raw(event)}
        on exchange_settings begin ${sql.raw(BUMP)}; end`.execute(db)
    }
  }

  await db.schema
    .createTable('audit_read_meters')
    .addColumn('meter_key', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('misses', 'integer', (c) => c.notNull())
    .addColumn('suspended_at', 'text')
    .addPrimaryKeyConstraint('audit_read_meters_pk', ['meter_key', 'day'])
    .execute()

  await db.schema.alterTable('anomalies').addColumn('details', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('anomalies').dropColumn('details').execute()
  await db.schema.dropTable('audit_read_meters').execute()
  await db.schema.dropTable('exchange_settings').execute()
  await db.schema.alterTable('sharing_requests').dropColumn('access_mode').execute()
  for (const column of ['row_scope', 'daily_budget', 'mode_reason', 'access_mode']) {
    await db.schema.alterTable('grants').dropColumn(column).execute()
  }
}
