/**
 * One counter that every change to who may read what moves forward: sessions, users, roles,
 * departments, API clients, catalog resources and items, grants, upstream endpoints, objections.
 * Instances cache those answers (src/db/access-cache.ts) and drop the cache when the counter moved,
 * so a revocation on one instance holds on all of them at their next request. Triggers, not
 * service code, move it: no write path (another instance, the CLI, a hand-run SQL fix) can forget.
 * The owning modules declare these tables (`…_ACCESS_TABLES` in their tables.ts, §37); a migration
 * keeps the list it ran with, and test/access-epoch.test.ts holds triggers and declarations together.
 */
import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/** The tables whose rows decide access. A new session needs no bump (nothing cached can miss it). */
export const ACCESS_TABLES = [
  'departments',
  'users',
  'user_roles',
  'api_clients',
  'api_client_roles',
  'sessions',
  'resources',
  'resource_versions',
  'items',
  'grants',
  'grant_items',
  'upstream_endpoints',
  'objections',
] as const

const BUMP = 'update access_epoch set epoch = epoch + 1 where id = 1'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('access_epoch')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .execute()
  await sql`insert into access_epoch (id, epoch) values (1, 0)`.execute(db)

  if (isPostgres(db)) {
    await sql`
      create or replace function bump_access_epoch() returns trigger language plpgsql as $$
      begin
        ${sql.raw(BUMP)};
        return null;
      end $$`.execute(db)
    for (const table of ACCESS_TABLES) {
      const events = table === 'sessions' ? 'update or delete' : 'insert or update or delete'
      await sql`
        create trigger ${sql.raw(`${table}_access_epoch`)} after ${sql.raw(events)} on ${sql.table(table)}
        for each statement execute function bump_access_epoch()`.execute(db)
    }
    return
  }
  for (const table of ACCESS_TABLES) {
    for (const event of table === 'sessions' ? ['update', 'delete'] : ['insert', 'update', 'delete']) {
      await sql`
        create trigger ${sql.raw(`${table}_access_epoch_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
        begin ${sql.raw(BUMP)}; end`.execute(db)
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ACCESS_TABLES) {
    if (isPostgres(db)) {
      await sql`drop trigger if exists ${sql.raw(`${table}_access_epoch`)} on ${sql.table(table)}`.execute(db)
    } else {
      for (const event of ['insert', 'update', 'delete']) {
        await sql`drop trigger if exists ${sql.raw(`${table}_access_epoch_${event}`)}`.execute(db)
      }
    }
  }
  await db.schema.dropTable('access_epoch').execute()
}
