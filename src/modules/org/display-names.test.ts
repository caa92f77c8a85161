/**
 * Issue 15: the portal shows people by name. The org module answers display names for the logins
 * other modules store (users and API clients), and a sharing request carries its requester's and
 * decider's names beside their logins, every dialect.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { CONDITIONAL, publish } from '../../../test/support/service-kit.js'
import { type Person, type ServiceTest, setup, USER_PASSWORD } from '../../../test/support/services.js'
import type { Role } from '../../shared/actor.js'
import { displayNames, withDisplayNames } from './index.js'

async function named(
  t: ServiceTest,
  departmentId: string,
  roles: Role[],
  displayName: string,
): Promise<Person> {
  const person = await t.person(departmentId, roles)
  // person() makes a user without a display name; the org service's own update is not the subject here.
  await t.db.updateTable('users').set({ display_name: displayName }).where('id', '=', person.id).execute()
  return person
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: display names`, () => {
    let t: ServiceTest
    afterEach(async () => {
      await t?.cleanup()
    })

    it('names users by username and API clients by client id; unknown logins are left out', async () => {
      t = await setup(dialect)
      const department = await t.department()
      const user = await t.services.org.createUser(t.admin, {
        username: 'li.hua',
        password: USER_PASSWORD,
        displayName: '李华',
        departmentId: department,
        roles: ['consumer'],
      })
      const client = await t.services.org.createClient(t.admin, {
        name: '审批系统',
        departmentId: department,
      })
      const names = await displayNames(t.db, [
        user.username,
        client.clientId,
        'demo-seed',
        null,
        user.username,
      ])
      expect([...names.entries()].sort()).toEqual(
        [
          ['li.hua', '李华'],
          [client.clientId, '审批系统'],
        ].sort(),
      )
      const rows = await withDisplayNames(
        t.db,
        [
          { id: 1, by: 'li.hua', answeredBy: null },
          { id: 2, by: 'system', answeredBy: client.clientId },
        ],
        ['by', 'answeredBy'],
      )
      expect(rows).toEqual([
        { id: 1, by: 'li.hua', byName: '李华', answeredBy: null, answeredByName: null },
        { id: 2, by: 'system', byName: null, answeredBy: client.clientId, answeredByName: '审批系统' },
      ])
    })

    it('a sharing request lists its requester and decider by name, the logins unchanged', async () => {
      t = await setup(dialect)
      const [provider, consumer] = [await t.department(), await t.department()]
      const reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
      const cataloger = await t.person(provider, ['cataloger'])
      const approver = await named(t, provider, ['approver'], '王审批')
      const applicant = await named(t, consumer, ['consumer'], '张申请')
      const resource = await publish(t, cataloger, reviewer, { name: '收养登记信息', ...CONDITIONAL })
      const request = await t.services.sharing.requests.createRequest(applicant, {
        resourceId: resource,
        items: ['姓名'],
        purpose: '核验',
      })
      await t.services.sharing.decisions.decideRequest(approver, request.id, { decision: 'approve' })
      const incoming = await t.services.sharing.requests.listRequests(approver, {
        direction: 'incoming',
        page: 1,
        pageSize: 20,
      })
      const listed = incoming.items.find((r) => r.id === request.id)
      expect(listed).toMatchObject({
        requester: applicant.name,
        requesterName: '张申请',
        decision: { decision: 'approve', decidedBy: approver.name, decidedByName: '王审批' },
      })
      const one = await t.services.sharing.requests.getRequest(applicant, request.id)
      expect(one).toMatchObject({ requester: applicant.name, requesterName: '张申请' })
    })
  })
}
