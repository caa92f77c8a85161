/**
 * Art. 20, 33: rows of the internal network an external instance still holds from before zones
 * were enforced (an upgraded database). `govshare zone check` lists them; the start warns.
 */
import type { Services } from './container.js'
import { internalCatalogRows } from './modules/catalog/index.js'
import { internalOrgRows } from './modules/org/index.js'

/** One line per internal row an external instance holds: table, id, what names it. None on an internal instance. */
export async function zoneCheck(services: Services): Promise<string[]> {
  if (services.zones.instance === 'internal') {
    return []
  }
  const org = await internalOrgRows(services.db)
  const resources = await internalCatalogRows(
    services.db,
    org.departments.map((d) => d.id),
  )
  return [
    ...org.departments.map((d) => `departments ${d.id} ${d.code} ${d.name}`),
    ...org.users.map((u) => `users ${u.id} ${u.username} (department ${u.department_id})`),
    ...org.clients.map((c) => `api_clients ${c.id} ${c.client_id} (department ${c.department_id})`),
    ...resources.map((r) => `resources ${r.id} ${r.code} ${r.name} (${r.status}, zone ${r.zone})`),
  ]
}
