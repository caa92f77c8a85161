/** Queries of the class tree (catalog_classes) and the resource codes related codes must name. */
import type { Selectable } from 'kysely'
import type { Executor } from '../../../db/database.js'
import type { CatalogTables } from '../tables.js'

export type ClassRow = Selectable<CatalogTables['catalog_classes']>

export function findClass(db: Executor, code: string): Promise<ClassRow | undefined> {
  return db.selectFrom('catalog_classes').selectAll().where('code', '=', code).executeTakeFirst()
}

export function listClasses(db: Executor): Promise<ClassRow[]> {
  return db.selectFrom('catalog_classes').selectAll().orderBy('code').execute()
}

export async function insertClass(db: Executor, row: ClassRow): Promise<void> {
  await db.insertInto('catalog_classes').values(row).execute()
}

export async function renameClass(db: Executor, code: string, name: string): Promise<void> {
  await db.updateTable('catalog_classes').set({ name }).where('code', '=', code).execute()
}

export function itemOfDepartment(db: Executor, departmentId: string): Promise<ClassRow | undefined> {
  return db
    .selectFrom('catalog_classes')
    .selectAll()
    .where('department_id', '=', departmentId)
    .executeTakeFirst()
}

/** Codes of the 项 under `parent` (three characters long). */
export async function itemCodesUnder(db: Executor, parent: string): Promise<string[]> {
  const rows = await db
    .selectFrom('catalog_classes')
    .select('code')
    .where('parent_code', '=', parent)
    .execute()
  return rows.map((row) => row.code)
}

/** Which of these resource codes exist. */
/**
 * The codes among `codes` a provider may name as related: published resources and its own. Another
 * department's draft counts as missing, so the refusal tells nobody which unpublished codes exist.
 */
export async function relatableResourceCodes(
  db: Executor,
  codes: readonly string[],
  providerId: string,
): Promise<Set<string>> {
  if (codes.length === 0) {
    return new Set()
  }
  const rows = await db
    .selectFrom('resources')
    .select('code')
    .where('code', 'in', [...codes])
    .where((eb) => eb.or([eb('published_version', 'is not', null), eb('provider_id', '=', providerId)]))
    .execute()
  return new Set(rows.map((row) => row.code))
}
