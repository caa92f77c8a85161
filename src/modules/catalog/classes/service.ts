/**
 * The national catalog tree (Art. 10; issue 15 item 3): the bureau reads, adds and renames nodes;
 * the catalog finds the 项 a new resource is coded under, making a department's 项 on first need.
 */
import { isUniqueViolation } from '../../../db/errors.js'
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import { AppError } from '../../../shared/errors.js'
import { authorize } from '../../../shared/policy.js'
import { departmentInfo } from '../../org/index.js'
import type { CatalogDeps } from '../deps.js'
import { leadsOf } from '../repo.js'
import type { ClassBody, ResourceInput } from '../schema.js'
import { THEME_CLASS, THEMES } from '../vocabulary.js'
import * as repo from './repo.js'
import { classLevelOf, isDepartmentItem, nextDepartmentItemCode, parentCodeOf } from './rules.js'
import type { ClassView } from './schema.js'

/** Each lost race means another caller got its 项: ten allow ten callers racing at once. */
const ALLOCATION_ATTEMPTS = 10

export type ClassTree = ReturnType<typeof createClassTree>

export function createClassTree(deps: Pick<CatalogDeps, 'db' | 'clock' | 'audit'>) {
  const { db, clock, audit } = deps

  async function listClasses(): Promise<ClassView[]> {
    return (await repo.listClasses(db)).map(toClassView)
  }

  /**
   * Adds a node under its existing parent (bureau). A 项 under 3 is the catalog's to make, one per
   * department. Throws CATALOG_CLASS_NOT_FOUND, CATALOG_CLASS_RESERVED, CATALOG_CLASS_EXISTS.
   */
  async function createClass(actor: Actor, body: ClassBody): Promise<ClassView> {
    authorize(actor, 'catalog.administer')
    const parentCode = parentCodeOf(body.code)
    if (parentCode === null || !(await repo.findClass(db, parentCode))) {
      throw new AppError('CATALOG_CLASS_NOT_FOUND', { field: 'code', parentCode })
    }
    if (isDepartmentItem(body.code)) {
      throw new AppError('CATALOG_CLASS_RESERVED', { field: 'code', code: body.code })
    }
    const row: repo.ClassRow = {
      code: body.code,
      name: body.name.trim(),
      parent_code: parentCode,
      level: classLevelOf(body.code) ?? 'class',
      created_at: clock.now().toISOString(),
      department_id: null,
    }
    try {
      await insertAudited(actor, row)
    } catch (error) {
      throw isUniqueViolation(error) ? new AppError('CATALOG_CLASS_EXISTS', { code: body.code }) : error
    }
    return toClassView(row)
  }

  /** Renames a node (bureau); its code, an identifier, stays. Throws CATALOG_CLASS_NOT_FOUND. */
  async function renameClass(actor: Actor, code: string, name: string): Promise<ClassView> {
    authorize(actor, 'catalog.administer')
    return inTransaction(db, async (trx) => {
      const row = await repo.findClass(trx, code)
      if (!row) {
        throw new AppError('CATALOG_CLASS_NOT_FOUND', { field: 'code', code })
      }
      const renamed = { ...row, name: name.trim() }
      await repo.renameClass(trx, code, renamed.name)
      await audit.append(trx, actor, {
        action: 'catalog.class_rename',
        objectType: 'catalog_class',
        objectId: code,
        details: { name: renamed.name, previous: row.name },
      })
      return toClassView(renamed)
    })
  }

  /**
   * The department's 项 under 3, made on first need and named after the department. Two instances
   * on one database may race: the primary key (code) and the unique department_id make the loser
   * fail, and it reads again (docs/decisions.md §47). Throws CATALOG_CLASS_CODES_EXHAUSTED.
   * Call it outside a transaction: a unique violation aborts a PostgreSQL transaction.
   */
  async function departmentItem(actor: Actor, departmentId: string): Promise<string> {
    let lastError: unknown
    for (let attempt = 0; attempt < ALLOCATION_ATTEMPTS; attempt++) {
      const known = await repo.itemOfDepartment(db, departmentId)
      if (known) {
        return known.code
      }
      const department = await departmentInfo(db, departmentId)
      if (!department) {
        throw new AppError('ORG_DEPARTMENT_NOT_FOUND', { field: 'departmentId' })
      }
      const code = nextDepartmentItemCode(await repo.itemCodesUnder(db, '3'))
      const row: repo.ClassRow = {
        code,
        name: department.name,
        parent_code: '3',
        level: 'item',
        created_at: clock.now().toISOString(),
        department_id: departmentId,
      }
      try {
        await insertAudited(actor, row)
        return code
      } catch (error) {
        if (!isUniqueViolation(error)) {
          throw error
        }
        lastError = error
      }
    }
    throw lastError
  }

  /**
   * The class code a new resource is coded under: the explicit one (checked by assertPlacement),
   * else its theme's 项, else (no theme) the first theme its department leads, else its
   * department's 项. Never a bare 类.
   */
  async function classCodeFor(actor: Actor, input: ResourceInput, providerId: string): Promise<string> {
    if (input.classCode !== undefined) {
      return input.classCode
    }
    if (input.category === 'department') {
      return departmentItem(actor, providerId)
    }
    if (input.theme !== undefined) {
      return THEME_CLASS[input.theme]
    }
    const led = new Set((await leadsOf(db, providerId, input.category)).map((lead) => lead.theme))
    const theme = THEMES.find((t) => led.has(t))
    if (theme === undefined) {
      throw new AppError('CATALOG_NOT_LEAD_DEPARTMENT', { category: input.category, theme: null })
    }
    return THEME_CLASS[theme]
  }

  async function insertAudited(actor: Actor, row: repo.ClassRow): Promise<void> {
    await inTransaction(db, async (trx) => {
      await repo.insertClass(trx, row)
      await audit.append(trx, actor, {
        action: 'catalog.class_create',
        objectType: 'catalog_class',
        objectId: row.code,
        details: { name: row.name, ...(row.department_id ? { departmentId: row.department_id } : {}) },
      })
    })
  }

  return { listClasses, createClass, renameClass, departmentItem, classCodeFor }
}

function toClassView(row: repo.ClassRow): ClassView {
  return {
    code: row.code,
    name: row.name,
    parentCode: row.parent_code,
    level: classLevelOf(row.code) ?? 'class',
    departmentId: row.department_id,
  }
}
