/**
 * Issue 13 over HTTP: the escalations an attacker and a 等保 assessor found, one test each, and
 * user upkeep (disable, unlock, reset, roles, sign-ins) as a department admin meets it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/shared/clock.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  allAuditEntries,
  createDepartment,
  createUser,
  expectError,
  USER_PASSWORD,
  uniqueName,
} from '../support/scenario-kit.js'

const START = '2025-06-02T02:00:00.000Z'

for (const dialect of DIALECTS) {
  describe(`${dialect}: roles and user upkeep (issue 13)`, () => {
    let t: TestPlatform
    const clock = fixedClock(START)
    let admin: ApiClient
    let auditor: ApiClient
    let deptAdmin: ApiClient
    let bureauId = ''
    let countyA = ''
    let countyB = ''

    const signIn = async (departmentId: string, roles: string[]) => {
      const user = await createUser(admin, departmentId, roles)
      return { ...user, api: await t.login(user.username, user.password) }
    }
    const newUser = (departmentId: string, roles: string[]) => ({
      username: uniqueName('u'),
      password: USER_PASSWORD,
      departmentId,
      roles,
    })

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock })
      admin = await t.login('admin', ADMIN_PASSWORD)
      bureauId = (await admin.get('/api/v1/auth/me')).body.departmentId
      countyA = (await createDepartment(admin, 'county')).id
      countyB = (await createDepartment(admin, 'county')).id
      auditor = (await signIn(bureauId, ['auditor'])).api
      deptAdmin = (await signIn(countyA, ['dept_admin'])).api
    })
    afterAll(async () => {
      await t?.close()
    })

    describe('roles that cannot be combined or escalated', () => {
      it('refuses a dept_admin creating a security_officer, but lets it name a security contact', async () => {
        expectError(
          await deptAdmin.post('/api/v1/users', newUser(countyA, ['security_officer'])),
          403,
          'FORBIDDEN',
        )
        const contact = await deptAdmin.post('/api/v1/users', newUser(countyA, ['security_contact']))
        expect(contact.status).toBe(201)
        expect(contact.body.roles).toEqual(['security_contact'])
      })

      it('keeps platform_admin out of the audit log; the auditor reads and verifies it', async () => {
        expectError(await admin.get('/api/v1/audit/entries'), 403, 'FORBIDDEN')
        expectError(await admin.get('/api/v1/audit/verify'), 403, 'FORBIDDEN')
        expect((await auditor.get('/api/v1/audit/entries')).status).toBe(200)
        expect((await auditor.get('/api/v1/audit/verify')).body).toMatchObject({ ok: true })
      })

      it('refuses one account holding two of system, security and audit administrator', async () => {
        const all = ['platform_admin', 'auditor', 'security_officer', 'bureau_reviewer']
        for (const roles of [
          all,
          ['platform_admin', 'auditor'],
          ['platform_admin', 'security_officer'],
          ['auditor', 'security_officer'],
          ['bureau_reviewer', 'auditor'],
        ]) {
          expectError(await admin.post('/api/v1/users', newUser(bureauId, roles)), 400, 'ORG_ROLES_EXCLUSIVE')
        }
        expect(
          (await admin.post('/api/v1/users', newUser(bureauId, ['platform_admin', 'bureau_reviewer'])))
            .status,
        ).toBe(201)
      })

      it('lets nobody change their own roles, and no platform_admin become an auditor', async () => {
        const me = (await admin.get('/api/v1/auth/me')).body.id
        expectError(
          await admin.request('PUT', `/api/v1/users/${me}/roles`, { roles: ['auditor'] }),
          403,
          'ORG_SELF_CHANGE',
        )
        expectError(
          await admin.request('PUT', `/api/v1/users/${me}/roles`, { roles: ['platform_admin', 'auditor'] }),
          400,
          'ORG_ROLES_EXCLUSIVE',
        )
        const other = await createUser(admin, bureauId, ['platform_admin'])
        expectError(
          await admin.request('PUT', `/api/v1/users/${other.id}/roles`, {
            roles: ['platform_admin', 'security_officer'],
          }),
          400,
          'ORG_ROLES_EXCLUSIVE',
        )
        const self = await signIn(countyA, ['dept_admin'])
        expectError(
          await self.api.request('PUT', `/api/v1/users/${self.id}/roles`, {
            roles: ['dept_admin', 'approver'],
          }),
          403,
          'ORG_SELF_CHANGE',
        )
        expectError(await self.api.post(`/api/v1/users/${self.id}/disable`), 403, 'ORG_SELF_CHANGE')
      })

      it('lets a dept_admin give only departmental roles, and touch only departmental accounts', async () => {
        const staff = await createUser(admin, countyA, ['consumer'])
        for (const roles of [['bureau_reviewer'], ['auditor'], ['security_officer'], ['platform_admin']]) {
          expectError(
            await deptAdmin.request('PUT', `/api/v1/users/${staff.id}/roles`, { roles }),
            403,
            'FORBIDDEN',
          )
        }
        const changed = await deptAdmin.request('PUT', `/api/v1/users/${staff.id}/roles`, {
          roles: ['approver', 'security_contact'],
        })
        expect(changed.status).toBe(200)
        expect([...changed.body.user.roles].sort()).toEqual(['approver', 'security_contact'])
        // A platform_admin sitting in the county: its dept_admin may not reset it and sign in as it.
        const operator = await createUser(admin, countyA, ['platform_admin'])
        expectError(await deptAdmin.post(`/api/v1/users/${operator.id}/password-reset`), 403, 'FORBIDDEN')
        expectError(await deptAdmin.post(`/api/v1/users/${operator.id}/disable`), 403, 'FORBIDDEN')
        const outside = await createUser(admin, countyB, ['consumer'])
        expectError(await deptAdmin.post(`/api/v1/users/${outside.id}/unlock`), 403, 'FORBIDDEN')
        expectError(await deptAdmin.get(`/api/v1/users/${outside.id}/sign-ins`), 403, 'FORBIDDEN')
        expectError(await deptAdmin.post('/api/v1/users/no-such-user/unlock'), 404, 'ORG_USER_NOT_FOUND')
      })
    })

    describe('user upkeep', () => {
      it('unlocks a locked user at their department admin’s hand, and they sign in', async () => {
        const user = await createUser(admin, countyA, ['consumer'])
        for (let i = 0; i < 5; i++) {
          await t.api.post('/api/v1/auth/login', { username: user.username, password: 'Wrong#2026pass' })
        }
        expectError(
          await t.api.post('/api/v1/auth/login', { username: user.username, password: USER_PASSWORD }),
          423,
          'AUTH_LOCKED',
        )
        const unlocked = await deptAdmin.post(`/api/v1/users/${user.id}/unlock`)
        expect(unlocked.status).toBe(200)
        expect(unlocked.body.wasLocked).toBe(true)
        expect(
          (await t.api.post('/api/v1/auth/login', { username: user.username, password: USER_PASSWORD }))
            .status,
        ).toBe(200)
        const signIns = (await deptAdmin.get(`/api/v1/users/${user.id}/sign-ins`)).body.items
        expect(signIns[0]).toMatchObject({ action: 'auth.login', ok: true })
        expect(
          signIns.filter((s: { action: string }) => s.action === 'auth.login_failed').length,
        ).toBeGreaterThanOrEqual(5)
      })

      it('stops a disabled user’s sessions at once, and lets them back when enabled', async () => {
        const user = await signIn(countyA, ['consumer'])
        expect((await user.api.get('/api/v1/auth/me')).status).toBe(200)
        const disabled = await deptAdmin.post(`/api/v1/users/${user.id}/disable`)
        expect(disabled.body).toMatchObject({ user: { status: 'disabled' }, sessionsEnded: 1 })
        expectError(await user.api.get('/api/v1/auth/me'), 401, 'AUTH_REQUIRED')
        expectError(
          await t.api.post('/api/v1/auth/login', { username: user.username, password: USER_PASSWORD }),
          403,
          'AUTH_ACCOUNT_DISABLED',
        )
        expect((await deptAdmin.post(`/api/v1/users/${user.id}/enable`)).body.user.status).toBe('active')
        expect(
          (await t.api.post('/api/v1/auth/login', { username: user.username, password: USER_PASSWORD }))
            .status,
        ).toBe(200)
      })

      it('resets a password: a temporary one, changed at next sign-in, old sessions ended', async () => {
        const user = await signIn(countyA, ['cataloger'])
        const reset = await deptAdmin.post(`/api/v1/users/${user.id}/password-reset`)
        expect(reset.status).toBe(200)
        expect(reset.body.user.mustChangePassword).toBe(true)
        expectError(await user.api.get('/api/v1/auth/me'), 401, 'AUTH_REQUIRED')
        expectError(
          await t.api.post('/api/v1/auth/login', { username: user.username, password: USER_PASSWORD }),
          401,
          'AUTH_INVALID_CREDENTIALS',
        )
        const login = await t.api.post('/api/v1/auth/login', {
          username: user.username,
          password: reset.body.temporaryPassword,
        })
        expect(login.body.user.mustChangePassword).toBe(true)
      })

      it('writes every upkeep act into the audit chain the auditor reads', async () => {
        const actions = new Set((await allAuditEntries(auditor)).map((e) => e.action))
        for (const action of [
          'user.disable',
          'user.enable',
          'user.unlock',
          'user.password_reset',
          'user.roles_change',
        ]) {
          expect(actions, action).toContain(action)
        }
        expect((await auditor.get('/api/v1/audit/verify')).body.ok).toBe(true)
      })
    })

    describe('ownership: annual reports and incidents', () => {
      it('lets each department’s security contact report, routed to the bureau with a clock', async () => {
        const contact = await signIn(countyA, ['security_contact'])
        const body = {
          title: '门户弱口令',
          description: '发现弱口令账号',
          occurredAt: START,
          dataAffected: '无',
          severity: 'high',
          routedTo: ['police'],
        }
        const filed = await contact.api.post('/api/v1/oversight/incidents', body)
        expect(filed.status).toBe(201)
        expect(filed.body).toMatchObject({
          departmentId: countyA,
          reportDueAt: '2025-06-02T03:00:00.000Z',
          overdue: false,
        })
        expect(filed.body.routedTo).toEqual(['bureau', 'police'])
        expectError(
          await contact.api.post('/api/v1/oversight/incidents', { ...body, departmentId: countyB }),
          403,
          'FORBIDDEN',
        )
        const consumer = await signIn(countyA, ['consumer'])
        expectError(await consumer.api.post('/api/v1/oversight/incidents', body), 403, 'FORBIDDEN')
      })

      it('lets only the department write its annual report; the bureau returns it with a comment', async () => {
        clock.set('2026-01-03T02:00:00.000Z')
        // The year has turned: yesterday's sessions have expired.
        admin = await t.login('admin', ADMIN_PASSWORD)
        const own = await t.login((await createUser(admin, countyA, ['dept_admin'])).username, USER_PASSWORD)
        const bureau = await t.login(
          (await createUser(admin, bureauId, ['bureau_reviewer'])).username,
          USER_PASSWORD,
        )
        expectError(
          await bureau.post('/api/v1/reports/annual/2025/generate', { departmentId: countyA }),
          403,
          'FORBIDDEN',
        )
        const draft = await own.post('/api/v1/reports/annual/2025/generate', {})
        expect(draft.status).toBe(200)
        expect(draft.body.figures.incidents).toMatchObject({ reported: 1, high: 1 })
        expectError(
          await bureau.request('PUT', `/api/v1/reports/annual/${draft.body.id}`, { text: '改写' }),
          403,
          'FORBIDDEN',
        )
        expectError(await bureau.post(`/api/v1/reports/annual/${draft.body.id}/submit`), 403, 'FORBIDDEN')
        expectError(
          await bureau.post(`/api/v1/reports/annual/${draft.body.id}/return`, { comment: '请补充' }),
          409,
          'REPORT_NOT_SUBMITTED',
        )
        expect((await own.post(`/api/v1/reports/annual/${draft.body.id}/submit`)).body.status).toBe(
          'submitted',
        )
        expectError(
          await own.post(`/api/v1/reports/annual/${draft.body.id}/return`, { comment: '自退' }),
          403,
          'FORBIDDEN',
        )
        expectError(
          await bureau.post(`/api/v1/reports/annual/${draft.body.id}/return`, { comment: ' ' }),
          400,
          'VALIDATION_FAILED',
        )
        const returned = await bureau.post(`/api/v1/reports/annual/${draft.body.id}/return`, {
          comment: '请补充安全事件说明',
        })
        expect(returned.body).toMatchObject({
          status: 'returned',
          returned: { comment: '请补充安全事件说明' },
        })
        expect(
          (await own.request('PUT', `/api/v1/reports/annual/${draft.body.id}`, { text: '已补充' })).status,
        ).toBe(200)
        expect((await own.post(`/api/v1/reports/annual/${draft.body.id}/submit`)).body.status).toBe(
          'submitted',
        )
        expect((await bureau.post('/api/v1/reports/annual/2025/generate', { kind: 'city' })).status).toBe(200)
        expect((await bureau.get('/api/v1/reports/annual?year=2025')).status).toBe(200)
      })
    })

    describe('transport and header errors', () => {
      it('answers an oversized header in the contract shape', async () => {
        const reply = await t.api.request('GET', '/api/v1/departments', undefined, {
          'x-big': 'a'.repeat(20_000),
        })
        expectError(reply, 431, 'REQUEST_HEADER_TOO_LARGE')
        expect(reply.body.error.requestId).toEqual(expect.any(String))
      })

      it('sends HSTS only when a trusted proxy says https', async () => {
        const https = { 'x-forwarded-proto': 'https' }
        expect(
          (await t.api.request('GET', '/healthz', undefined, https)).headers.get('strict-transport-security'),
        ).toBeNull()
        const proxied = await startTestPlatform(dialect, { config: { trustProxy: true } })
        try {
          const reply = await proxied.api.request('GET', '/healthz', undefined, https)
          expect(reply.headers.get('strict-transport-security')).toContain('max-age=31536000')
          expect((await proxied.api.get('/healthz')).headers.get('strict-transport-security')).toBeNull()
        } finally {
          await proxied.close()
        }
      })
    })
  })
}
