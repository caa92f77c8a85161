/**
 * The exchange benchmark's fixture: a provider, a consumer, a published resource of synthetic
 * people and a live grant, set up over HTTP like a department would.
 */
import { buildUscc } from '../../src/modules/org/index.js'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { addDays } from '../../src/shared/dates.js'
import { ADMIN_PASSWORD, type ApiClient, type TestPlatform } from '../../test/support/platform.js'

const ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '联系电话', dataType: 'string', sensitivity: 'phone' },
  { name: '出生日期', dataType: 'date' },
  { name: '性别', dataType: 'string' },
  { name: '所属社区', dataType: 'string' },
]
const GRANTED_ITEMS = ['公民身份号码', '姓名', '联系电话', '性别']
const PURPOSE = '基准测试：按身份号码核验'
/** The case every benchmark lookup names (the resource requires one for its personal items). */
export const CASE_REF = 'BENCH-0001'
const COMMUNITIES = ['华山社区', '翠湖社区', '大观社区', '龙翔社区', '丰宁社区', '莲华社区']

/** Record i: a unique synthetic ID number (birth date steps every 1 000 sequences). */
export function person(i: number) {
  const birth = addDays('1950-01-01', Math.floor(i / 1000))
  return {
    公民身份号码: syntheticIdNumber('530102', birth, i % 1000),
    姓名: `测试${i}`,
    联系电话: `199${String(i).padStart(8, '0')}`,
    出生日期: birth,
    性别: i % 2 ? '男' : '女',
    所属社区: COMMUNITIES[i % COMMUNITIES.length] ?? '',
  }
}

async function post(api: ApiClient, url: string, body: unknown, want = [200, 201]) {
  const reply = await api.post(url, body)
  if (!want.includes(reply.status)) {
    throw new Error(`${url}: ${reply.status} ${JSON.stringify(reply.body)}`)
  }
  return reply.body
}

/** Provider, consumer, a published unconditional resource and a live grant, all over HTTP. */
export async function setUp(t: TestPlatform) {
  const admin = await t.login('admin', ADMIN_PASSWORD)
  const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
  const department = (name: string, base: string) =>
    post(admin, '/api/v1/departments', { code: buildUscc('11', '530102', base), name, level: 'city' })
  const provider = await department('压测数据提供部门', 'BM000001')
  const consumer = await department('压测数据使用部门', 'BM000002')
  const user = async (username: string, departmentId: string, roles: string[]) => {
    const password = 'Bench#2026pass'
    await post(admin, '/api/v1/users', { username, password, departmentId, roles })
    return t.login(username, password)
  }
  const reviewer = await user('bench.reviewer', bureauId, ['bureau_reviewer'])
  const cataloger = await user('bench.cataloger', provider.id, ['cataloger'])
  const reader = await user('bench.consumer', consumer.id, ['consumer'])
  const resource = await post(cataloger, '/api/v1/catalog/resources', {
    name: '压测人口信息',
    summary: '用于基准测试的合成人口数据，非真实人员',
    category: 'department',
    format: 'database',
    shareType: 'unconditional',
    shareMethod: 'api',
    updateCycle: 'daily',
    items: ITEMS,
  })
  await post(cataloger, `/api/v1/catalog/resources/${resource.id}/submit`, {})
  await post(reviewer, `/api/v1/catalog/resources/${resource.id}/review`, { decision: 'approve' })
  const request = await post(reader, '/api/v1/sharing/requests', {
    resourceId: resource.id,
    items: GRANTED_ITEMS,
    purpose: PURPOSE,
  })
  if (!request.grantId) {
    throw new Error('no grant')
  }
  // A lookup grant (personal items, issue 11) whose default budget (1 000 a day) the load would
  // exhaust in a second: the provider raises it to the most it can set. Reads still name a case.
  const settings = await cataloger.request('PUT', `/api/v1/exchange/resources/${resource.id}/settings`, {
    dailyBudget: 1_000_000,
    caseRefRequired: true,
  })
  if (settings.status !== 200) {
    throw new Error(`settings: ${settings.status} ${JSON.stringify(settings.body)}`)
  }
  return {
    providerId: provider.id as string,
    resourceId: resource.id as string,
    token: reader.token ?? '',
    catalogerToken: cataloger.token ?? '',
    grant: { id: request.grantId as string, items: GRANTED_ITEMS, purpose: PURPOSE },
  }
}
