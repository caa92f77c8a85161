/**
 * Issue 13 (等保 2.0 level 3): second factor, password history (its newest row dates the current
 * password, for expiry), idle sessions, shared rate-limit counters, API client rotation and address
 * allowlists (a table of their own whose changes move the access epoch, as api_clients' do). The sessions trigger is
 * narrowed so that recording activity (`last_seen_at`, once a minute at most) does not move the
 * access epoch: only revocation and expiry can change a cached answer.
 */
import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

const BUMP = 'update access_epoch set epoch = epoch + 1 where id = 1'
/** Columns whose change can change what a cached session answer says. */
const SESSION_ACCESS_COLUMNS = 'revoked_at, expires_at, principal_id'
/** Enrolment changes what a session may do; a used time step (last_step) does not. */
const MFA_ACCESS_COLUMNS = 'secret_enc, confirmed_at'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute()
  await sql`update sessions set last_seen_at = created_at`.execute(db)
  // Beside api_clients rather than in it: rows of api_clients are built in several places.
  await db.schema
    .createTable('api_client_security')
    .addColumn('api_client_id', 'text', (c) =>
      c.primaryKey().references('api_clients.id').onDelete('cascade'),
    )
    .addColumn('allowed_cidrs', 'text')
    .addColumn('secret_rotated_at', 'text')
    .execute()

  await db.schema
    .createTable('user_mfa')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_step', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('mfa_recovery_codes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mfa_recovery_codes_pk', ['user_id', 'code_hash'])
    .execute()
  await db.schema
    .createTable('password_history')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('password_history_user')
    .on('password_history')
    .columns(['user_id', 'created_at'])
    .execute()
  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['key', 'window_start'])
    .execute()
  await db.schema.createIndex('rate_counters_window').on('rate_counters').column('window_start').execute()

  if (isPostgres(db)) {
    await sql`
      create trigger api_client_security_access_epoch after insert or update or delete on api_client_security
      for each statement execute function bump_access_epoch()`.execute(db)
    await sql`
      create trigger user_mfa_access_epoch
      after insert or update of ${sql.raw(MFA_ACCESS_COLUMNS)} or delete on user_mfa
      for each statement execute function bump_access_epoch()`.execute(db)
    await sql`drop trigger if exists sessions_access_epoch on sessions`.execute(db)
    await sql`
      create trigger sessions_access_epoch
      after update of ${sql.raw(SESSION_ACCESS_COLUMNS)} or delete on sessions
      for each statement execute function bump_access_epoch()`.execute(db)
    return
  }
  for (const event of ['insert', 'update', 'delete']) {
    await sql`
      create trigger ${sql.raw(`api_client_security_access_epoch_${event}`)} after ${sql.raw(event)}
      on api_client_security begin ${sql.raw(BUMP)}; end`.execute(db)
  }
  for (const event of ['insert', `update of ${MFA_ACCESS_COLUMNS}`, 'delete']) {
    await sql`
      create trigger ${sql.raw(`user_mfa_access_epoch_${event.split(' ')[0]}`)} after ${sql.raw(event)}
      on user_mfa begin ${sql.raw(BUMP)}; end`.execute(db)
  }
  await sql`drop trigger if exists sessions_access_epoch_update`.execute(db)
  await sql`
    create trigger sessions_access_epoch_update after update of ${sql.raw(SESSION_ACCESS_COLUMNS)} on sessions
    begin ${sql.raw(BUMP)}; end`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'rate_counters',
    'password_history',
    'mfa_recovery_codes',
    'user_mfa',
    'api_client_security',
  ]) {
    await db.schema.dropTable(table).execute()
  }
  if (isPostgres(db)) {
    await sql`drop trigger if exists sessions_access_epoch on sessions`.execute(db)
    await sql`
      create trigger sessions_access_epoch after update or delete on sessions
      for each statement execute function bump_access_epoch()`.execute(db)
  } else {
    await sql`drop trigger if exists sessions_access_epoch_update`.execute(db)
    await sql`
      create trigger sessions_access_epoch_update after update on sessions
      begin ${sql.raw(BUMP)}; end`.execute(db)
  }
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute()
}
