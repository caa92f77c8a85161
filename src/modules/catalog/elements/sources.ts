/**
 * Art. 16, one data, one source, by data element: an item is matched to its element by the code
 * it gives, by the authoritative item it references, or by its name or a synonym; an element has
 * one providing department. Used by the resource checks (checks.ts) and by marking an item
 * authoritative (admin.ts).
 */
import type { Executor } from '../../../db/database.js'
import { AppError } from '../../../shared/errors.js'
import { departmentNames } from '../../org/index.js'
import type { ItemInput } from '../schema.js'
import { nameKey } from './names.js'
import * as repo from './repo.js'
import type { ElementSource } from './schema.js'

type SourceRow = Awaited<ReturnType<typeof repo.sourcesOfElements>>[number]

/** Source rows as the API shows them, naming the providing department. */
export async function describeSources(db: Executor, rows: readonly SourceRow[]): Promise<ElementSource[]> {
  const names = await departmentNames(db, [...new Set(rows.map((row) => row.department_id))])
  return rows.map((row) => ({
    elementCode: row.element_code,
    itemCode: row.item_code,
    standardName: row.standard_name,
    resourceId: row.resource_id,
    resourceCode: row.resource_code,
    resourceName: row.resource_name,
    departmentId: row.department_id,
    departmentName: names.get(row.department_id) ?? null,
  }))
}

/**
 * Each item's element: the code it gives, else its authoritative reference's, else the one its
 * name or a synonym names (exact after normalisation), else null. With `strict`, a given code
 * that is not in the dictionary throws CATALOG_ELEMENT_UNKNOWN.
 */
export async function itemElements(
  db: Executor,
  items: readonly Pick<ItemInput, 'name' | 'elementCode' | 'authoritativeItemCode'>[],
  strict: boolean,
): Promise<Array<string | null>> {
  const given = items.flatMap((item) => (item.elementCode === undefined ? [] : [item.elementCode]))
  const known = new Set((await repo.elementsByCodes(db, given)).map((row) => row.code))
  const byName = await repo.elementsOfKeys(
    db,
    items.map((item) => nameKey(item.name)),
  )
  const result: Array<string | null> = []
  for (const [index, item] of items.entries()) {
    if (item.elementCode !== undefined) {
      if (strict && !known.has(item.elementCode)) {
        throw new AppError('CATALOG_ELEMENT_UNKNOWN', {
          field: `items.${index}.elementCode`,
          code: item.elementCode,
        })
      }
      result.push(item.elementCode)
      continue
    }
    const referenced =
      item.authoritativeItemCode === undefined
        ? undefined
        : (await repo.sourceByItemCode(db, item.authoritativeItemCode))?.element_code
    result.push(referenced ?? byName.get(nameKey(item.name)) ?? null)
  }
  return result
}

/**
 * Items of another department's authoritative data must reference it: matched by standard name
 * (as before elements) or by element. Throws CATALOG_AUTHORITATIVE_REFERENCE_INVALID,
 * CATALOG_ELEMENT_UNKNOWN, CATALOG_AUTHORITATIVE_ITEM_EXISTS (naming the source).
 */
export async function assertItemsReferenceSources(
  db: Executor,
  items: readonly ItemInput[],
  providerId: string,
): Promise<void> {
  const elements = await itemElements(db, items, true)
  // What each item is by its own name or code, to catch a reference to another element's source.
  const own = await itemElements(
    db,
    items.map(({ name, elementCode }) => ({ name, elementCode })),
    false,
  )
  for (const [index, item] of items.entries()) {
    if (item.authoritativeItemCode === undefined) {
      continue
    }
    const referenced = await repo.sourceByItemCode(db, item.authoritativeItemCode)
    const mine = own[index] ?? null
    if (
      !referenced ||
      (referenced.element_code !== null && mine !== null && referenced.element_code !== mine)
    ) {
      throw new AppError('CATALOG_AUTHORITATIVE_REFERENCE_INVALID', {
        field: `items.${index}.authoritativeItemCode`,
        code: item.authoritativeItemCode,
        ...(referenced ? { elementCode: referenced.element_code, itemElementCode: mine } : {}),
      })
    }
  }
  const [byName, byElement] = await Promise.all([
    repo.sourcesOfStandardNames(
      db,
      items.map((item) => item.name.trim()),
    ),
    repo.sourcesOfElements(
      db,
      elements.filter((code): code is string => code !== null),
    ),
  ])
  const elsewhere = (row: SourceRow) => row.department_id !== providerId
  for (const [index, item] of items.entries()) {
    if (item.authoritativeItemCode !== undefined) {
      continue
    }
    const element = elements[index] ?? null
    const source =
      byName.find((row) => row.standard_name === item.name.trim() && elsewhere(row)) ??
      byElement.find((row) => element !== null && row.element_code === element && elsewhere(row))
    if (source) {
      const [described] = await describeSources(db, [source])
      throw new AppError('CATALOG_AUTHORITATIVE_ITEM_EXISTS', {
        field: `items.${index}.name`,
        item: item.name,
        authoritativeItemCode: source.item_code,
        resourceId: source.resource_id,
        resourceCode: source.resource_code,
        resourceName: source.resource_name,
        providerId: source.department_id,
        providerName: described?.departmentName ?? null,
        standardName: source.standard_name,
        elementCode: source.element_code ?? element,
      })
    }
  }
}

/**
 * The element an item marked authoritative is the source of: the code the bureau gives (must
 * exist: CATALOG_ELEMENT_UNKNOWN), else the standard name's, else the item's own.
 */
export async function elementOfMark(
  db: Executor,
  given: string | undefined,
  standardName: string,
  itemElement: string | null,
): Promise<string | null> {
  if (given !== undefined) {
    if (!(await repo.findElement(db, given))) {
      throw new AppError('CATALOG_ELEMENT_UNKNOWN', { field: 'elementCode', code: given })
    }
    return given
  }
  const key = nameKey(standardName)
  return (await repo.elementsOfKeys(db, [key])).get(key) ?? itemElement
}

/**
 * One department per element (and per standard name): marking a second department's item is
 * refused with CATALOG_ELEMENT_SOURCE_EXISTS, naming the current source.
 */
export async function assertSoleSource(
  db: Executor,
  mark: { elementCode: string | null; standardName: string; departmentId: string },
): Promise<void> {
  const rows = [
    ...(mark.elementCode === null ? [] : await repo.sourcesOfElements(db, [mark.elementCode])),
    ...(await repo.sourcesOfStandardNames(db, [mark.standardName])),
  ]
  const other = rows.find((row) => row.department_id !== mark.departmentId)
  if (!other) {
    return
  }
  const [described] = await describeSources(db, [other])
  throw new AppError('CATALOG_ELEMENT_SOURCE_EXISTS', {
    field: 'itemCode',
    elementCode: other.element_code ?? mark.elementCode,
    standardName: other.standard_name,
    itemCode: other.item_code,
    resourceId: other.resource_id,
    resourceCode: other.resource_code,
    resourceName: other.resource_name,
    departmentId: other.department_id,
    departmentName: described?.departmentName ?? null,
  })
}
