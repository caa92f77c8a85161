/**
 * API clients (Art. 28; 等保 2.0 level 3) on the services, every dialect: registration in scope,
 * client-credentials tokens, secret rotation, revocation and the address allowlist.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { logged } from '../../../test/support/service-kit.js'
import { type ServiceTest, setup } from '../../../test/support/services.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: org API clients`, () => {
    let t: ServiceTest
    afterEach(async () => {
      await t?.cleanup()
    })

    it('registers a client in scope with departmental system roles only; the secret is shown once', async () => {
      t = await setup(dialect)
      const department = await t.department()
      const other = await t.department()
      const deptAdmin = await t.person(department, ['dept_admin'])
      const client = await t.services.org.createClient(deptAdmin, {
        name: ' 婚姻登记系统 ',
        departmentId: department,
      })
      expect(client).toMatchObject({
        name: '婚姻登记系统',
        departmentId: department,
        roles: ['cataloger', 'consumer'],
        status: 'active',
      })
      expect(client.clientSecret.length).toBeGreaterThanOrEqual(32)
      expect(JSON.stringify(await t.services.org.listClients(deptAdmin))).not.toContain(client.clientSecret)
      await expect(
        t.services.org.createClient(deptAdmin, { name: 'x', departmentId: other }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(
        t.services.org.createClient(t.admin, { name: 'x', departmentId: department, roles: ['approver'] }),
      ).rejects.toMatchObject({ code: 'ORG_ROLE_NOT_ALLOWED', details: { roles: ['approver'] } })
      await expect(
        t.services.org.createClient(t.admin, { name: 'x', departmentId: 'no-such-department' }),
      ).rejects.toMatchObject({ code: 'ORG_DEPARTMENT_NOT_FOUND' })
      const otherAdmin = await t.person(other, ['dept_admin'])
      expect(await t.services.org.listClients(otherAdmin)).toEqual([])
      await expect(t.services.auth.clients.getClient(otherAdmin, client.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(t.services.auth.clients.getClient(deptAdmin, 'no-such-client')).rejects.toMatchObject({
        code: 'ORG_CLIENT_NOT_FOUND',
      })
      expect((await logged(t, 'client.create'))[0]).toMatchObject({
        objectId: client.id,
        details: { clientId: client.clientId, departmentId: department, roles: ['cataloger', 'consumer'] },
      })
    })

    it('issues tokens for the right secret, and stops old ones at rotation and revocation', async () => {
      t = await setup(dialect)
      const department = await t.department()
      const client = await t.services.org.createClient(t.admin, {
        name: '不动产系统',
        departmentId: department,
      })
      const { issueClientToken, resolveToken } = t.services.auth
      await expect(
        issueClientToken({ clientId: client.clientId, clientSecret: 'wrong' }),
      ).rejects.toMatchObject({
        code: 'AUTH_INVALID_CREDENTIALS',
      })
      expect((await logged(t, 'auth.token_failed'))[0]).toMatchObject({
        objectId: client.id,
        departmentId: department,
        details: { clientId: client.clientId },
      })
      const first = await issueClientToken({ clientId: client.clientId, clientSecret: client.clientSecret })
      expect(first).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 })
      expect(await resolveToken(first.accessToken)).toMatchObject({
        kind: 'client',
        departmentId: department,
        roles: ['cataloger', 'consumer'],
      })

      const rotated = await t.services.auth.clients.rotateSecret(t.admin, client.id)
      expect(await resolveToken(first.accessToken)).toBeNull()
      await expect(
        issueClientToken({ clientId: client.clientId, clientSecret: client.clientSecret }),
      ).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' })
      const second = await issueClientToken({ clientId: client.clientId, clientSecret: rotated.clientSecret })
      expect((await t.services.auth.clients.getClient(t.admin, client.id)).secretRotatedAt).toBe(
        t.clock.now().toISOString(),
      )

      const revoked = await t.services.auth.clients.revokeClient(t.admin, client.id, '系统下线')
      expect(revoked.status).toBe('revoked')
      expect(await resolveToken(second.accessToken)).toBeNull()
      await expect(
        issueClientToken({ clientId: client.clientId, clientSecret: rotated.clientSecret }),
      ).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' })
      await expect(t.services.auth.clients.rotateSecret(t.admin, client.id)).rejects.toMatchObject({
        code: 'ORG_CLIENT_NOT_FOUND',
      })
      expect((await logged(t, 'client.revoke'))[0]?.details).toMatchObject({ reason: '系统下线' })
      expect(await logged(t, 'client.rotate_secret')).toHaveLength(1)
    })

    it('takes tokens only from the allowed addresses once an allowlist is set', async () => {
      t = await setup(dialect)
      const department = await t.department()
      const client = await t.services.org.createClient(t.admin, {
        name: '公安系统',
        departmentId: department,
      })
      const { clients, issueClientToken } = t.services.auth
      await expect(clients.setAllowedAddresses(t.admin, client.id, ['10.0.0.0/33'])).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      })
      await expect(clients.setAllowedAddresses(t.admin, client.id, ['not-an-address'])).rejects.toMatchObject(
        {
          code: 'VALIDATION_FAILED',
        },
      )
      const set = await clients.setAllowedAddresses(t.admin, client.id, ['10.1.0.0/16', '192.168.3.7'])
      expect(set.allowedCidrs).toEqual(['10.1.0.0/16', '192.168.3.7/32'])
      const credentials = { clientId: client.clientId, clientSecret: client.clientSecret }
      await expect(issueClientToken(credentials, '10.2.0.1')).rejects.toMatchObject({
        code: 'AUTH_ADDRESS_NOT_ALLOWED',
      })
      await expect(clients.checkTokenAddress(client.clientId, '192.168.3.8')).rejects.toMatchObject({
        code: 'AUTH_ADDRESS_NOT_ALLOWED',
      })
      const token = await issueClientToken(credentials, '10.1.200.3')
      // Checked again at every use: the token from an outside address may do nothing.
      expect((await t.services.auth.resolveRequest(token.accessToken, '10.9.9.9'))?.restrictions).toContain(
        'address_not_allowed',
      )
      expect((await t.services.auth.resolveRequest(token.accessToken, '10.1.0.9'))?.restrictions).toEqual([])
      expect((await clients.setAllowedAddresses(t.admin, client.id, null)).allowedCidrs).toBeNull()
      expect((await issueClientToken(credentials, '10.2.0.1')).tokenType).toBe('Bearer')
      expect((await logged(t, 'client.allowed_addresses')).map((e) => e.details.cidrs)).toEqual([
        ['10.1.0.0/16', '192.168.3.7/32'],
        null,
      ])
      const refused = (await logged(t, 'auth.token_failed')).map((e) => e.details.reason)
      expect(refused).toEqual(['address_not_allowed', 'address_not_allowed'])
    })
  })
}
