/**
 * Issue 15 item 1: the bureau's dictionary of the words staff type for the formal names catalogs
 * use, read by the shared catalog search at query time (src/modules/catalog/search/synonyms.ts).
 * Terms and expansions are stored normalised (simplified, lower case), one word each. The seed is
 * written out here, not imported, so that this migration means the same thing forever.
 */
import type { Kysely } from 'kysely'

export const SEED_SYNONYMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['身份证', ['公民身份号码', '居民身份证']],
  ['身份证号', ['公民身份号码']],
  ['营业执照', ['市场主体登记', '营业执照', '企业登记', '市场主体']],
  ['执照', ['市场主体登记', '营业执照', '企业登记', '市场主体']],
  ['医保', ['基本医疗保险', '医疗保障']],
  ['社保', ['社会保险']],
  ['低保', ['最低生活保障']],
  ['公积金', ['住房公积金']],
  ['驾照', ['机动车驾驶证']],
  ['驾驶证', ['机动车驾驶证']],
  ['房产', ['不动产登记', '不动产权']],
  ['房本', ['不动产登记', '不动产权']],
  ['户口', ['户籍']],
  ['残疾证', ['残疾人证']],
  ['环评', ['环境影响评价']],
]

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_synonyms')
    .addColumn('term', 'text', (c) => c.primaryKey())
    // A JSON array of strings: read whole, never queried inside.
    .addColumn('expansions', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
  await db
    .withTables<{
      search_synonyms: { term: string; expansions: string; updated_at: string; updated_by: string }
    }>()
    .insertInto('search_synonyms')
    .values(
      SEED_SYNONYMS.map(([term, expansions]) => ({
        term,
        expansions: JSON.stringify(expansions),
        updated_at: '2026-12-05T05:00:00.000Z',
        updated_by: 'system',
      })),
    )
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_synonyms').execute()
}
