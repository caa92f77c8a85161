/**
 * Issue 15 item 3: the national catalog tree below the three top classes. The 项 of the base
 * resources (Art. 11: population, legal entities, natural resources and geography, social credit,
 * e-licences) under 1 and of the theme topics under 2 are seeded here; a department's 项 under 3 is
 * made by the catalog when the department first needs it and found again by `department_id`.
 * Codes and names are written out, not imported, so this migration means the same thing forever
 * (catalog/vocabulary.ts THEME_CLASS must agree; classes/service.test.ts checks it).
 */
import { type Kysely, sql } from 'kysely'

export const SEEDED_ITEMS: ReadonlyArray<readonly [string, string]> = [
  ['101', '人口信息'],
  ['102', '法人单位信息'],
  ['103', '自然资源和空间地理信息'],
  ['104', '社会信用信息'],
  ['105', '电子证照信息'],
  ['201', '健康保障'],
  ['202', '社会保障'],
  ['203', '食品药品安全'],
  ['204', '安全生产'],
  ['205', '价格监管'],
  ['206', '能源安全'],
  ['207', '城乡建设'],
  ['208', '社区治理'],
  ['209', '生态环保'],
  ['210', '应急维稳'],
]

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('catalog_classes')
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .execute()
  // One 项 per department: a second instance racing to make the same department's 项 fails here.
  await db.schema
    .createIndex('catalog_classes_department')
    .on('catalog_classes')
    .column('department_id')
    .unique()
    .execute()
  for (const [code, name] of SEEDED_ITEMS) {
    await sql`insert into catalog_classes (code, name, parent_code, level, created_at, department_id)
      values (${code}, ${name}, ${code.charAt(0)}, 'item', '2019-09-01T00:00:00.000Z', null)`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from catalog_classes where parent_code is not null`.execute(db)
  await db.schema.dropIndex('catalog_classes_department').execute()
  await db.schema.alterTable('catalog_classes').dropColumn('department_id').execute()
}
