/**
 * Seeds the demo catalog through the real services: the bureau assigns lead departments, each
 * department's cataloger creates its resources, the reviewer publishes most of them, and the
 * authoritative items (公民身份号码, 统一社会信用代码) are marked so later resources reference them.
 * Re-running skips resources a department already has (by name).
 */
import type { Services } from '../container.js'
import { departmentActor } from '../modules/org/index.js'
import type { Actor } from '../shared/actor.js'
import { AUTHORITATIVE, DEMO_LEADS, DEMO_RESOURCES } from './demo-resources.js'

export async function seedDemoCatalog(
  services: Services,
  departmentIds: Map<string, string>,
): Promise<number> {
  const { db } = services
  const { catalog, workflow, admin } = services.catalog
  const bureauId = departmentIds.get('bureau') ?? ''
  const reviewer = await departmentActor(db, bureauId, ['bureau_reviewer'], 'demo-seed')
  for (const lead of DEMO_LEADS) {
    const departmentId = departmentIds.get(lead.department)
    if (departmentId) {
      await admin.setLead(reviewer, { category: lead.category, theme: lead.theme, departmentId })
    }
  }

  const catalogers = new Map<string, Actor>()
  const catalogerOf = async (key: string): Promise<Actor> => {
    const known = catalogers.get(key)
    if (known) {
      return known
    }
    const actor = await departmentActor(db, departmentIds.get(key) ?? '', ['cataloger'], 'demo-seed')
    catalogers.set(key, actor)
    return actor
  }

  const authoritativeCodes = new Map<string, string>()
  let created = 0
  for (const demo of DEMO_RESOURCES) {
    const cataloger = await catalogerOf(demo.department)
    const existing = await catalog.listOwnResources(cataloger, { page: 1, pageSize: 500 })
    if (existing.items.some((r) => r.name === demo.input.name)) {
      continue
    }
    const input = {
      ...demo.input,
      items: demo.input.items.map((item) => {
        const code = authoritativeCodes.get(item.name)
        return code ? { ...item, authoritativeItemCode: code } : item
      }),
    }
    const resource = await catalog.createResource(cataloger, input)
    created += 1
    if (demo.stage === 'draft') {
      continue
    }
    await workflow.submit(cataloger, resource.id)
    if (demo.stage === 'submitted') {
      continue
    }
    const published = await workflow.review(reviewer, resource.id, { decision: 'approve' })
    for (const mark of AUTHORITATIVE.filter((a) => a.resourceName === published.name)) {
      const item = published.items.find((i) => i.name === mark.standardName)
      if (item) {
        await admin.markAuthoritative(reviewer, { itemCode: item.code, standardName: mark.standardName })
        authoritativeCodes.set(mark.standardName, item.code)
      }
    }
  }
  return created
}
