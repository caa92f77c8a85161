import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('provider_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('class_code', 'text', (c) => c.notNull())
    .addColumn('share_type', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('update_cycle', 'text', (c) => c.notNull())
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('resources_provider')
    .on('resources')
    .columns(['provider_id', 'status'])
    .execute()
  await db.schema
    .createIndex('resources_published')
    .on('resources')
    .columns(['status', 'published_at'])
    .execute()

  await db.schema
    .createTable('resource_versions')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('review_comment', 'text')
    .addPrimaryKeyConstraint('resource_versions_pk', ['resource_id', 'version'])
    .execute()
  await db.schema
    .createIndex('resource_versions_status')
    .on('resource_versions')
    .columns(['status', 'submitted_at'])
    .execute()

  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('length', 'integer')
    .addColumn('is_key', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sensitivity', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('description', 'text')
    .addColumn('authoritative_item_code', 'text')
    .addUniqueConstraint('items_version_name', ['resource_id', 'version', 'name'])
    .execute()
  await db.schema.createIndex('items_name').on('items').column('name').execute()

  await db.schema
    .createTable('catalog_classes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text', (c) => c.references('catalog_classes.code'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  // The top of the 类 level: the three categories of Art. 10-11.
  for (const [code, name] of [
    ['1', '基础信息资源'],
    ['2', '主题信息资源'],
    ['3', '部门信息资源'],
  ]) {
    await sql`insert into catalog_classes (code, name, parent_code, level, created_at)
      values (${code}, ${name}, null, 'class', '2019-09-01T00:00:00.000Z')`.execute(db)
  }

  await db.schema
    .createTable('catalog_code_counters')
    .addColumn('class_code', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('catalog_leads')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_leads_pk', ['category', 'theme'])
    .execute()

  await db.schema
    .createTable('authoritative_items')
    .addColumn('standard_name', 'text', (c) => c.primaryKey())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('catalog_deadlines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('met_at', 'text')
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('catalog_deadlines_open')
    .on('catalog_deadlines')
    .columns(['met_at', 'due_date'])
    .execute()
  await db.schema
    .createIndex('catalog_deadlines_resource')
    .on('catalog_deadlines')
    .columns(['resource_id', 'kind'])
    .execute()

  await db.schema
    .createTable('it_projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('it_project_resources')
    .addColumn('project_id', 'text', (c) => c.notNull().references('it_projects.id'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addPrimaryKeyConstraint('it_project_resources_pk', ['project_id', 'resource_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'it_project_resources',
    'it_projects',
    'catalog_deadlines',
    'authoritative_items',
    'catalog_leads',
    'catalog_code_counters',
    'catalog_classes',
    'items',
    'resource_versions',
    'resources',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
