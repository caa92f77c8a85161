/** What the bureau manages around the catalog: lead departments, authoritative items (the class tree: classes/). */
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import { authorize } from '../../shared/policy.js'
import { departmentInfo } from '../org/index.js'
import type { CatalogDeps } from './deps.js'
import { assertSoleSource, elementOfMark } from './elements/sources.js'
import * as repo from './repo.js'
import type { AuthoritativeBody, LeadBody } from './schema.js'

export function createCatalogAdmin(deps: CatalogDeps) {
  const { db, clock, audit } = deps

  /** Art. 11: assigns the lead department of a base resource or a theme. */
  async function setLead(actor: Actor, body: LeadBody) {
    authorize(actor, 'catalog.administer')
    if (!(await departmentInfo(db, body.departmentId))) {
      throw new AppError('ORG_DEPARTMENT_NOT_FOUND', { field: 'departmentId' })
    }
    const row = { ...body, department_id: body.departmentId, created_at: clock.now().toISOString() }
    await inTransaction(db, async (trx) => {
      await repo.upsertLead(trx, {
        category: row.category,
        theme: row.theme,
        department_id: row.department_id,
        created_at: row.created_at,
      })
      await audit.append(trx, actor, {
        action: 'catalog.lead_set',
        objectType: 'department',
        objectId: body.departmentId,
        details: { category: body.category, theme: body.theme },
      })
    })
    return { category: body.category, theme: body.theme, departmentId: body.departmentId }
  }

  async function listLeads() {
    return (await repo.listLeads(db)).map((l) => ({
      category: l.category,
      theme: l.theme,
      departmentId: l.department_id,
    }))
  }

  /**
   * Art. 16: marks a published item as the authoritative source of its data; other departments'
   * items of the same standard name or data element must reference it. Throws
   * CATALOG_ITEM_NOT_FOUND, CATALOG_ELEMENT_UNKNOWN, CATALOG_ELEMENT_SOURCE_EXISTS.
   */
  async function markAuthoritative(actor: Actor, body: AuthoritativeBody) {
    authorize(actor, 'catalog.administer')
    const item = await repo.publishedItemByCode(db, body.itemCode)
    const resource = item ? await repo.findResource(db, item.resource_id) : undefined
    if (!item || !resource) {
      throw new AppError('CATALOG_ITEM_NOT_FOUND', { field: 'itemCode', code: body.itemCode })
    }
    const standardName = (body.standardName ?? item.name).trim()
    const row = {
      standard_name: standardName,
      item_code: item.code,
      resource_id: resource.id,
      department_id: resource.provider_id,
      created_at: clock.now().toISOString(),
      element_code: await elementOfMark(db, body.elementCode, standardName, item.element_code),
    }
    await inTransaction(db, async (trx) => {
      await assertSoleSource(trx, {
        elementCode: row.element_code,
        standardName,
        departmentId: row.department_id,
      })
      await repo.upsertAuthoritative(trx, row)
      await audit.append(trx, actor, {
        action: 'catalog.authoritative_set',
        objectType: 'item',
        objectId: item.code,
        details: { standardName: row.standard_name, resourceId: resource.id, elementCode: row.element_code },
      })
    })
    return toAuthoritativeView(row)
  }

  async function listAuthoritative() {
    return (await repo.listAuthoritative(db)).map(toAuthoritativeView)
  }

  return { setLead, listLeads, markAuthoritative, listAuthoritative }
}

function toAuthoritativeView(row: {
  standard_name: string
  item_code: string
  resource_id: string
  department_id: string
  element_code: string | null
}) {
  return {
    standardName: row.standard_name,
    itemCode: row.item_code,
    resourceId: row.resource_id,
    departmentId: row.department_id,
    elementCode: row.element_code,
  }
}
