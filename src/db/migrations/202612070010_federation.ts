/**
 * Issue 16 item 1 (Art. 21, 39): federation between platforms (city ↔ province). Peers the admin
 * configures, an outbox of signed messages retried with backoff, the ids of messages received
 * (replays are refused), the peer's catalog as a read-only mirror, and cross-level requests on
 * both sides (decisions §52).
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('federation_peers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('shares_catalog', 'integer', (c) => c.notNull())
    .addColumn('department_codes', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('catalog_sent_cursor', 'text')
    .addColumn('catalog_pulled_cursor', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('federation_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('peer_id', 'text', (c) => c.notNull().references('federation_peers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('reply', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute()
  await db.schema
    .createIndex('federation_outbox_due')
    .on('federation_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute()
  await db.schema
    .createTable('federation_inbox')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('peer_id', 'text', (c) => c.notNull().references('federation_peers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('reply', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('federation_remote_resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('peer_id', 'text', (c) => c.notNull().references('federation_peers.id'))
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('share_type', 'text', (c) => c.notNull())
    .addColumn('provider_code', 'text', (c) => c.notNull())
    .addColumn('provider_name', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('remote_updated_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('federation_remote_resources_peer_remote', ['peer_id', 'remote_id'])
    .execute()
  await db.schema
    .createTable('federation_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('peer_id', 'text', (c) => c.notNull().references('federation_peers.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('remote_resource_id', 'text')
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('requester', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('peer_request_id', 'text')
    .addColumn('local_request_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'federation_requests',
    'federation_remote_resources',
    'federation_inbox',
    'federation_outbox',
    'federation_peers',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
