/** Looking the demo up through the real services: its resources by name, its users as actors. */
import type { Services } from '../container.js'
import { type PublishedResource, publishedResource } from '../modules/catalog/index.js'
import { departmentActor, departmentInfo } from '../modules/org/index.js'
import type { Actor } from '../shared/actor.js'

/** The published resource of that name among the cataloger's department's own. */
export async function publishedByName(
  services: Services,
  cataloger: Actor,
  name: string,
): Promise<PublishedResource | undefined> {
  const own = await services.catalog.catalog.listOwnResources(cataloger, { page: 1, pageSize: 500 })
  const listed = own.items.find((r) => r.name === name && r.publishedVersion !== null)
  return listed ? publishedResource(services.db, listed.id) : undefined
}

/** The published resource of that name, looked up through a cataloger of any demo department. */
export async function resourceIdByName(
  services: Services,
  departmentIds: Map<string, string>,
  name: string,
): Promise<string | undefined> {
  for (const departmentId of departmentIds.values()) {
    const cataloger = await departmentActor(services.db, departmentId, ['cataloger'], 'demo-seed')
    const found = await publishedByName(services, cataloger, name)
    if (found) {
      return found.id
    }
  }
  return undefined
}

/**
 * The demo users as actors, by "department/role": the activity is theirs, as if they had signed
 * in, so it counts as the departments' own work (participation counts people, not the system).
 */
export async function demoUsers(
  services: Services,
  departmentIds: Map<string, string>,
): Promise<Map<string, Actor>> {
  const keyOf = new Map([...departmentIds.entries()].map(([key, id]) => [id, key]))
  const admin = await departmentActor(
    services.db,
    departmentIds.get('bureau') ?? '',
    ['platform_admin'],
    'demo-seed',
  )
  const actors = new Map<string, Actor>()
  for (const user of await services.org.listUsers(admin)) {
    const department = await departmentInfo(services.db, user.departmentId)
    const key = keyOf.get(user.departmentId)
    if (!department || key === undefined || user.status !== 'active') {
      continue
    }
    const actor: Actor = {
      kind: 'user',
      id: user.id,
      name: user.username,
      departmentId: department.id,
      departmentPath: department.path,
      departmentLevel: department.level,
      roles: user.roles,
    }
    for (const role of user.roles) {
      if (!actors.has(`${key}/${role}`)) {
        actors.set(`${key}/${role}`, actor)
      }
    }
  }
  return actors
}
