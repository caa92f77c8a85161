/** Read-only facts about published resources, for the sharing and exchange modules. */
import type { Executor } from '../../db/database.js'
import * as repo from './repo.js'
import type { DataType, Sensitivity } from './vocabulary.js'

export interface PublishedItem {
  code: string
  name: string
  dataType: DataType
  key: boolean
  sensitivity: Sensitivity
}

export interface PublishedResource {
  id: string
  code: string
  name: string
  providerId: string
  shareType: string
  zone: string
  updateCycle: string
  /** Items of the published version, in their catalog order. */
  items: PublishedItem[]
}

/** The serving (published, not withdrawn) version of a resource, or undefined. */
export async function publishedResource(db: Executor, id: string): Promise<PublishedResource | undefined> {
  const resource = await repo.findResource(db, id)
  if (!resource || resource.published_version === null || resource.status === 'withdrawn') {
    return undefined
  }
  const items = await repo.itemsOf(db, id, resource.published_version)
  return {
    id: resource.id,
    code: resource.code,
    name: resource.name,
    providerId: resource.provider_id,
    shareType: resource.share_type,
    zone: resource.zone,
    updateCycle: resource.update_cycle,
    items: items.map((item) => ({
      code: item.code,
      name: item.name,
      dataType: item.data_type,
      key: item.is_key === 1,
      sensitivity: item.sensitivity,
    })),
  }
}

/** Name and provider of any resource, published or not (for views of requests and grants). */
export async function resourceBasics(
  db: Executor,
  id: string,
): Promise<{ id: string; name: string; providerId: string } | undefined> {
  const resource = await repo.findResource(db, id)
  return resource && { id: resource.id, name: resource.name, providerId: resource.provider_id }
}
