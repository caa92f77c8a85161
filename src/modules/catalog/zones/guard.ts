/**
 * Art. 20, 33: an external instance catalogs nothing of the internal network, neither a resource
 * whose zone is internal nor any resource of an internal department (a row left from before).
 */
import type { Actor } from '../../../shared/actor.js'
import { departmentInfo } from '../../org/index.js'
import type { CatalogDeps } from '../deps.js'
import type { ResourceInput } from '../schema.js'

export function createCatalogZoneCheck(deps: Pick<CatalogDeps, 'db' | 'zones'>) {
  /** Throws (logged) ZONE_NOT_ALLOWED; on an internal instance, or without a guard, never. */
  async function assertZoneAllowed(
    actor: Actor,
    input: Pick<ResourceInput, 'zone'>,
    providerId: string,
    existing?: { id: string; zone: string },
  ): Promise<void> {
    const { zones } = deps
    if (!zones) {
      return
    }
    const provider = await departmentInfo(deps.db, providerId)
    if (provider) {
      await zones.assertAllowed(actor, {
        objectType: 'department',
        objectId: provider.id,
        zone: provider.zone,
      })
    }
    const zone = input.zone ?? existing?.zone ?? provider?.zone ?? 'external'
    await zones.assertAllowed(actor, { objectType: 'resource', objectId: existing?.id ?? null, zone })
  }

  return { assertZoneAllowed }
}
