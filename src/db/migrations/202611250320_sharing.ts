import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sharing_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('requester_type', 'text', (c) => c.notNull())
    .addColumn('requester_id', 'text')
    .addColumn('requester_name', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('basis', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('renewal_of', 'text')
    .addColumn('grant_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sharing_requests_resource')
    .on('sharing_requests')
    .columns(['resource_id', 'consumer_id', 'status'])
    .execute()
  await db.schema
    .createIndex('sharing_requests_due')
    .on('sharing_requests')
    .columns(['status', 'due_date'])
    .execute()
  await db.schema
    .createIndex('sharing_requests_consumer')
    .on('sharing_requests')
    .columns(['consumer_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('sharing_decisions')
    .addColumn('request_id', 'text', (c) => c.primaryKey().references('sharing_requests.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('items', 'text')
    .addColumn('reason', 'text')
    .addColumn('plain', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('sharing_disputes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().unique().references('sharing_requests.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('resolution_items', 'text')
    .addColumn('resolution_reason', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'text')
    .execute()

  await db.schema
    .createTable('grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().unique().references('sharing_requests.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('plain', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoke_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('grants_consumer')
    .on('grants')
    .columns(['consumer_id', 'resource_id', 'status'])
    .execute()
  await db.schema.createIndex('grants_resource').on('grants').columns(['resource_id', 'status']).execute()

  await db.schema
    .createTable('grant_items')
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grants.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('grant_items_pk', ['grant_id', 'item_code'])
    .execute()
  await db.schema.createIndex('grant_items_name').on('grant_items').columns(['item_name']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'grant_items',
    'grants',
    'sharing_disputes',
    'sharing_decisions',
    'sharing_requests',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
