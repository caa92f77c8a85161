/**
 * Issue 15: a platform where oversight deadlines are due, for the portal's to-do code
 * (web/src/components/oversight-todos.ts) to run against in Node: a department with a dept_admin,
 * a rectification notice issued to it and a draft, an open security incident, and the bureau's
 * reviewer. Loaded by web tests at run time (oversight-story.ts says what they get).
 */
import type { DialectName } from '../../src/db/database.js'
import { allDepartments, BUREAU_CODE, departmentActor } from '../../src/modules/org/index.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, startTestPlatform } from '../support/platform.js'
import { createDepartment, createUser } from '../support/scenario-kit.js'
import type { OversightKit, OversightStory } from './oversight-story.js'

function isDialect(name: string): name is DialectName {
  return DIALECTS.some((dialect) => dialect === name)
}

export async function startOversightStory(dialect: string): Promise<OversightStory> {
  if (!isDialect(dialect)) {
    throw new Error(`unknown dialect ${dialect}`)
  }
  const test = await startTestPlatform(dialect)
  try {
    const admin = await test.login('admin', ADMIN_PASSWORD)
    const department = await createDepartment(admin, 'city')
    const deptAdmin = await createUser(admin, department.id, ['dept_admin'], 'deptadmin')
    const bureau = (await allDepartments(test.platform.services.db)).find((d) => d.code === BUREAU_CODE)
    if (!bureau) {
      throw new Error('no bureau')
    }
    const reviewer = await createUser(admin, bureau.id, ['bureau_reviewer'], 'reviewer')
    const { db, rectification } = test.platform.services
    // The services directly: a security officer is no role an admin may give (三员分立).
    const asReviewer = await departmentActor(db, bureau.id, ['bureau_reviewer'], reviewer.username)
    const security = await departmentActor(db, bureau.id, ['security_officer'], 'security-desk')
    const issued = await rectification.notices.createNotice(asReviewer, {
      departmentId: department.id,
      kind: 'misuse',
      description: '超出授权用途查询',
    })
    const due = await rectification.notices.issueNotice(asReviewer, issued.id, {})
    const draft = await rectification.notices.createNotice(asReviewer, {
      departmentId: department.id,
      kind: 'other',
      description: '台账缺失',
    })
    const incident = await rectification.incidents.reportIncident(security, {
      title: '接口密钥泄露',
      description: '密钥出现在公开代码库',
      occurredAt: new Date().toISOString(),
      dataAffected: '无',
      severity: 'high',
    })
    return {
      baseUrl: test.baseUrl,
      deptAdmin,
      reviewer,
      departmentName: department.name,
      issuedNotice: { id: issued.id, dueDate: due.dueDate ?? '' },
      draftNotice: draft.id,
      incident: incident.id,
      close: test.close,
    }
  } catch (error) {
    await test.close()
    throw error
  }
}

export const oversightKit: OversightKit = { DIALECTS, startOversightStory }
