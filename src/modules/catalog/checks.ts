/** The checks a resource input passes beyond its own shape (Art. 11, 16), and who sees drafts. */
import type { Actor } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import { authorize, can } from '../../shared/policy.js'
import { departmentInfo } from '../org/index.js'
import { assertPlacement, type Placed } from './classes/placement.js'
import type { CatalogDeps } from './deps.js'
import { assertItemsReferenceSources } from './elements/sources.js'
import * as repo from './repo.js'
import type { ResourceInput } from './schema.js'

export function createInputChecks(deps: Pick<CatalogDeps, 'db'>) {
  const { db } = deps

  /** May the actor see drafts and none-type resources of this provider (its department, the bureau)? */
  async function seesPrivate(actor: Actor, providerId: string): Promise<boolean> {
    const provider = await departmentInfo(db, providerId)
    return provider !== undefined && can(actor, 'catalog.read_private', provider.path)
  }

  async function assertMayEdit(actor: Actor, providerId: string): Promise<void> {
    const provider = await departmentInfo(db, providerId)
    authorize(actor, 'catalog.edit', provider?.path)
  }

  /** Art. 11: base and theme resources are compiled by the lead department of their topic. */
  async function assertLeadDepartment(input: ResourceInput, providerId: string): Promise<void> {
    if (input.category === 'department') {
      return
    }
    const isLead = input.theme
      ? (await repo.findLead(db, input.category, input.theme))?.department_id === providerId
      : (await repo.leadsOf(db, providerId, input.category)).length > 0
    if (!isLead) {
      throw new AppError('CATALOG_NOT_LEAD_DEPARTMENT', {
        category: input.category,
        theme: input.theme ?? null,
      })
    }
  }

  /** Art. 16: one data, one source, by standard name and by data element (elements/sources.ts). */
  async function assertOneSource(input: ResourceInput, providerId: string): Promise<void> {
    await assertItemsReferenceSources(db, input.items, providerId)
  }

  /** The checks after the body's own (validateResource), in the contract's order; `existing` on edits. */
  async function checkInput(
    actor: Actor,
    input: ResourceInput,
    providerId: string,
    existing?: Placed,
  ): Promise<void> {
    await assertMayEdit(actor, providerId)
    await assertLeadDepartment(input, providerId)
    await assertPlacement(db, input, providerId, existing)
    await assertOneSource(input, providerId)
  }

  return { seesPrivate, checkInput }
}
