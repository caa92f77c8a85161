/**
 * A platform with a small sharing story for the portal's API code (web/src/api) to run against in
 * Node: a provider with two conditional resources and a consumer with a pending request for each.
 * Loaded by web tests at run time (story.ts says what they get).
 */
import type { DialectName } from '../../src/db/database.js'
import { publishResource } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, startTestPlatform } from '../support/platform.js'
import { createDepartment, createUser } from '../support/scenario-kit.js'
import type { PortalKit, PortalStory } from './story.js'

export { DIALECTS }

function isDialect(name: string): name is DialectName {
  return DIALECTS.some((dialect) => dialect === name)
}

export async function startPortalStory(dialect: string): Promise<PortalStory> {
  if (!isDialect(dialect)) {
    throw new Error(`unknown dialect ${dialect}`)
  }
  const test = await startTestPlatform(dialect)
  try {
    const admin = await test.login('admin', ADMIN_PASSWORD)
    const me = await admin.get('/api/v1/auth/me')
    const provider = await createDepartment(admin, 'city')
    const consumerDept = await createDepartment(admin, 'city')
    const cataloger = await createUser(admin, provider.id, ['cataloger'], 'cataloger')
    const approver = await createUser(admin, provider.id, ['approver'], 'approver')
    const consumer = await createUser(admin, consumerDept.id, ['consumer'], 'consumer')
    const reviewer = await createUser(admin, me.body.departmentId, ['bureau_reviewer'], 'reviewer')
    const asCataloger = await test.login(cataloger.username, cataloger.password)
    const asReviewer = await test.login(reviewer.username, reviewer.password)
    const asConsumer = await test.login(consumer.username, consumer.password)
    const requestIds: string[] = []
    for (const name of ['婚姻登记信息', '不动产登记信息']) {
      const resourceId = await publishResource(asCataloger, asReviewer, {
        name,
        shareType: 'conditional',
        legalBasis: '《昆明市政务信息资源共享管理暂行办法》',
      })
      const request = await asConsumer.post('/api/v1/sharing/requests', {
        resourceId,
        items: ['公民身份号码', '姓名'],
        purpose: '办理业务时核对申请人身份',
      })
      if (request.status !== 201) {
        throw new Error(`apply: ${request.status} ${JSON.stringify(request.body)}`)
      }
      requestIds.push(request.body.id)
    }
    const [first, second] = requestIds
    if (first === undefined || second === undefined) {
      throw new Error('two requests expected')
    }
    return { baseUrl: test.baseUrl, consumer, approver, requestIds: [first, second], close: test.close }
  } catch (error) {
    await test.close()
    throw error
  }
}

export const kit: PortalKit = { DIALECTS, startPortalStory }
