/** Worlds for the operations stories (issue 17 item 4): stop under load, backup and restore. */
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { resourceBody } from './catalog-kit.js'
import { ADMIN_PASSWORD, type ApiClient } from './platform.js'
import { createDepartment, createUser } from './scenario-kit.js'

/** A consumer with an approved grant on a resource holding one record; the read path for it. */
export async function readableRecord(api: ApiClient) {
  const admin = await api.loginAs('admin', ADMIN_PASSWORD)
  const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
  const signIn = async (departmentId: string, roles: string[]) => {
    const user = await createUser(admin, departmentId, roles)
    return api.loginAs(user.username, user.password)
  }
  const reviewer = await signIn(bureauId, ['bureau_reviewer'])
  const cataloger = await signIn((await createDepartment(admin, 'city')).id, ['cataloger'])
  const consumer = await signIn((await createDepartment(admin, 'city')).id, ['consumer'])
  const items = [
    { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
    { name: '姓名', dataType: 'string', sensitivity: 'name' },
  ]
  const resource = await cataloger.post('/api/v1/catalog/resources', resourceBody({ items }))
  await cataloger.post(`/api/v1/catalog/resources/${resource.body.id}/submit`)
  await reviewer.post(`/api/v1/catalog/resources/${resource.body.id}/review`, { decision: 'approve' })
  const idNumber = syntheticIdNumber('530102', '1990-01-01', 7)
  await cataloger.post(`/api/v1/exchange/resources/${resource.body.id}/records`, {
    records: [{ 公民身份号码: idNumber, 姓名: '测试丙' }],
  })
  await consumer.post('/api/v1/sharing/requests', {
    resourceId: resource.body.id,
    items: ['公民身份号码', '姓名'],
    purpose: '停机测试',
  })
  return {
    admin,
    consumer,
    idNumber,
    path: `/api/v1/exchange/resources/${resource.body.id}/records/${idNumber}`,
  }
}
