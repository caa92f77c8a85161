import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('masked_key', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text')
    .addColumn('consumer_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('record_version', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answer', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('correction_version', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  // Every exchange read asks whether its record is under verification: by record, open ones.
  await db.schema
    .createIndex('objections_record')
    .on('objections')
    .columns(['resource_id', 'key_hash', 'status'])
    .execute()
  await db.schema
    .createIndex('objections_consumer')
    .on('objections')
    .columns(['consumer_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('objections_provider')
    .on('objections')
    .columns(['provider_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('consistency_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('left_resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('left_key_item', 'text', (c) => c.notNull())
    .addColumn('left_item', 'text', (c) => c.notNull())
    .addColumn('right_resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('right_key_item', 'text', (c) => c.notNull())
    .addColumn('right_item', 'text', (c) => c.notNull())
    .addColumn('authoritative_side', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()

  await db.schema
    .createTable('consistency_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('check_id', 'text', (c) => c.notNull().references('consistency_checks.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('compared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disagreements', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('holder', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('consistency_runs_check')
    .on('consistency_runs')
    .columns(['check_id', 'started_at'])
    .execute()

  await db.schema
    .createTable('consistency_disagreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('consistency_runs.id'))
    .addColumn('check_id', 'text', (c) => c.notNull().references('consistency_checks.id'))
    .addColumn('masked_key', 'text', (c) => c.notNull())
    .addColumn('key_hash_left', 'text', (c) => c.notNull())
    .addColumn('left_value_masked', 'text')
    .addColumn('right_value_masked', 'text')
    .addColumn('routed_to_department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('consistency_disagreements_routed')
    .on('consistency_disagreements')
    .columns(['routed_to_department_id', 'status'])
    .execute()
  await db.schema
    .createIndex('consistency_disagreements_check')
    .on('consistency_disagreements')
    .columns(['check_id', 'status'])
    .execute()
  await db.schema
    .createIndex('consistency_disagreements_run')
    .on('consistency_disagreements')
    .columns(['run_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['consistency_disagreements', 'consistency_runs', 'consistency_checks', 'objections']) {
    await db.schema.dropTable(table).execute()
  }
}
