/** SQL of the data-element dictionary and of the authoritative items it groups (catalog tables). */
import type { Selectable } from 'kysely'
import type { Executor } from '../../../db/database.js'
import type { CatalogElementTables } from './tables.js'

export type ElementRow = Selectable<CatalogElementTables['data_elements']>

export function findElement(db: Executor, code: string): Promise<ElementRow | undefined> {
  return db.selectFrom('data_elements').selectAll().where('code', '=', code).executeTakeFirst()
}

export function elementsByCodes(db: Executor, codes: readonly string[]): Promise<ElementRow[]> {
  if (codes.length === 0) {
    return Promise.resolve([])
  }
  return db
    .selectFrom('data_elements')
    .selectAll()
    .where('code', 'in', [...new Set(codes)])
    .execute()
}

export function listElements(db: Executor): Promise<ElementRow[]> {
  return db.selectFrom('data_elements').selectAll().orderBy('code').execute()
}

/** Names (in matching form) containing `key`; keys are letters and digits only, so no LIKE escapes. */
export function namesContaining(db: Executor, key: string) {
  return db
    .selectFrom('data_element_names')
    .select(['name_key', 'element_code'])
    .where('name_key', 'like', `%${key}%`)
    .execute()
}

/** The element of each of these names (matching form), by primary key. */
export async function elementsOfKeys(db: Executor, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) {
    return new Map()
  }
  const rows = await db
    .selectFrom('data_element_names')
    .select(['name_key', 'element_code'])
    .where('name_key', 'in', [...new Set(keys)])
    .execute()
  return new Map(rows.map((row) => [row.name_key, row.element_code]))
}

export async function insertElement(db: Executor, row: ElementRow): Promise<void> {
  await db.insertInto('data_elements').values(row).execute()
}

export async function updateElement(db: Executor, row: ElementRow): Promise<void> {
  const { code, created_at: _created, ...changes } = row
  await db.updateTable('data_elements').set(changes).where('code', '=', code).execute()
}

/** Replaces an element's names: a name another element holds fails on the primary key. */
export async function replaceNames(db: Executor, code: string, keys: readonly string[]): Promise<void> {
  await db.deleteFrom('data_element_names').where('element_code', '=', code).execute()
  await db
    .insertInto('data_element_names')
    .values(keys.map((key) => ({ name_key: key, element_code: code })))
    .execute()
}

/** Authoritative items with their resource's code and name, by element or by standard name. */
function sources(db: Executor, column: 'a.element_code' | 'a.standard_name', values: readonly string[]) {
  return db
    .selectFrom('authoritative_items as a')
    .leftJoin('resources as r', 'r.id', 'a.resource_id')
    .select([
      'a.element_code',
      'a.standard_name',
      'a.item_code',
      'a.resource_id',
      'a.department_id',
      'r.code as resource_code',
      'r.name as resource_name',
    ])
    .where(column, 'in', [...new Set(values)])
    .orderBy('a.standard_name')
}

/** The authoritative items of these elements. */
export function sourcesOfElements(db: Executor, codes: readonly string[]) {
  return codes.length === 0 ? Promise.resolve([]) : sources(db, 'a.element_code', codes).execute()
}

/** The authoritative item of a standard name (the rule before elements). */
export function sourcesOfStandardNames(db: Executor, names: readonly string[]) {
  return names.length === 0 ? Promise.resolve([]) : sources(db, 'a.standard_name', names).execute()
}

export function sourceByItemCode(db: Executor, itemCode: string) {
  return db
    .selectFrom('authoritative_items')
    .select(['item_code', 'element_code', 'department_id'])
    .where('item_code', '=', itemCode)
    .executeTakeFirst()
}
