import type { ApiClient } from './platform.js'

/** A valid resource body for catalog tests; override any field. */
export function resourceBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '户籍人口基本信息',
    summary: '全市户籍人口的公民身份号码、姓名、性别、住址等基本信息',
    category: 'department',
    format: 'database',
    shareType: 'unconditional',
    shareMethod: 'api',
    updateCycle: 'daily',
    items: [
      { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
      { name: '姓名', dataType: 'string', sensitivity: 'name' },
      { name: '住址', dataType: 'string', sensitivity: 'address' },
    ],
    ...overrides,
  }
}

/** Creates a resource as the cataloger, submits it and has the reviewer publish it; its id. */
export async function publishResource(
  cataloger: ApiClient,
  reviewer: ApiClient,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const created = await cataloger.post('/api/v1/catalog/resources', resourceBody(overrides))
  if (created.status !== 201) {
    throw new Error(`create resource: ${created.status} ${JSON.stringify(created.body)}`)
  }
  const id: string = created.body.id
  await cataloger.post(`/api/v1/catalog/resources/${id}/submit`)
  const reviewed = await reviewer.post(`/api/v1/catalog/resources/${id}/review`, { decision: 'approve' })
  if (reviewed.status !== 200) {
    throw new Error(`publish resource: ${reviewed.status} ${JSON.stringify(reviewed.body)}`)
  }
  return id
}
