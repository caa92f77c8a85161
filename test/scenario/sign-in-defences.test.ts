/**
 * Issue 13 (等保 2.0 level 3) over HTTP with the production defaults: second factor for bureau and
 * administrator roles, replay refused, lockout that holds under parallel guesses (also across two
 * instances), shared rate limits per address, the password policy, the first-password change
 * enforced on every route, the idle timeout, and API client rotation, allowlist and revocation.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_MFA_ROLES } from '../../src/config.js'
import { passwordChecksSoFar } from '../../src/modules/org/index.js'
import { fixedClock } from '../../src/shared/clock.js'
import { DIALECTS } from '../support/dialects.js'
import { codeAt, enrol, nextCode, signInWithCode } from '../support/mfa-kit.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, expectError, uniqueName } from '../support/scenario-kit.js'

const MINUTE = 60_000
const WEAK = ['Password1', 'Admin123', 'Aa1aaaaa', 'Qwerty12!']

for (const dialect of DIALECTS) {
  describe(`${dialect}: sign-in defences`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let adminSecret: string
    let countyId: string
    const clock = fixedClock('2026-03-02T02:00:00.000Z')

    async function login(body: Record<string, unknown>, api: ApiClient = t.api) {
      return api.post('/api/v1/auth/login', body)
    }
    async function signInAdmin(): Promise<ApiClient> {
      admin = await signInWithCode(t.api, 'admin', ADMIN_PASSWORD, adminSecret, clock)
      return admin
    }

    beforeAll(async () => {
      t = await startTestPlatform(dialect, {
        clock,
        config: {
          mfaRequiredRoles: [...DEFAULT_MFA_ROLES],
          sessionIdleMinutes: 30,
          signInFailuresPerAddress: 20,
          signInFailuresPerAccountHour: 10,
          badTokensPerAddress: 20,
        },
      })
      // The bootstrap admin has no second factor yet: its first session may only enrol.
      const first = await login({ username: 'admin', password: ADMIN_PASSWORD })
      expect(first.status).toBe(200)
      expect(first.body.secondFactor).toBe('enrolment_required')
      const restricted = t.api.withToken(first.body.token)
      expectError(await restricted.get('/api/v1/departments'), 403, 'AUTH_SECOND_FACTOR_ENROLMENT_REQUIRED')
      expect((await restricted.get('/api/v1/auth/me')).status).toBe(200)
      adminSecret = (await enrol(restricted, clock)).secret
      // Enrolment lifts the restriction on the same session.
      expect((await restricted.get('/api/v1/departments')).status).toBe(200)
      await signInAdmin()
      countyId = (await createDepartment(admin, 'county')).id
    })
    afterAll(async () => {
      await t?.close()
    })

    it('refuses a bureau sign-in without its code, accepts a valid code once, refuses the replay', async () => {
      const reviewer = await createUser(admin, (await admin.get('/api/v1/auth/me')).body.departmentId, [
        'bureau_reviewer',
      ])
      const enrolling = await login({ username: reviewer.username, password: reviewer.password })
      expect(enrolling.body.secondFactor).toBe('enrolment_required')
      const { secret, recoveryCodes } = await enrol(t.api.withToken(enrolling.body.token), clock)
      expect(recoveryCodes).toHaveLength(10)

      const base = { username: reviewer.username, password: reviewer.password }
      expectError(await login(base), 401, 'AUTH_SECOND_FACTOR_REQUIRED')
      const code = nextCode(secret, clock)
      expectError(
        await login({ ...base, totp: code === '000000' ? '111111' : '000000' }),
        401,
        'AUTH_SECOND_FACTOR_INVALID',
      )
      const ok = await login({ ...base, totp: code })
      expect(ok.status).toBe(200)
      expect(ok.body.secondFactor).toBe('verified')
      expect((await t.api.withToken(ok.body.token).get('/api/v1/departments')).status).toBe(200)
      expectError(await login({ ...base, totp: code }), 401, 'AUTH_SECOND_FACTOR_INVALID')
      expectError(
        await login({ ...base, password: 'Wrong#pass123', totp: codeAt(secret, clock) }),
        401,
        'AUTH_INVALID_CREDENTIALS',
      )

      // A recovery code works once.
      const recovery = recoveryCodes[0] ?? ''
      expect((await login({ ...base, recoveryCode: recovery })).status).toBe(200)
      expectError(await login({ ...base, recoveryCode: recovery }), 401, 'AUTH_SECOND_FACTOR_INVALID')

      // The admin reset is logged, ends the reviewer's sessions and sends them back to enrolment.
      const reset = await admin.post(`/api/v1/users/${reviewer.id}/mfa/reset`, { reason: 'lost phone' })
      expect(reset.status).toBe(204)
      expectError(await t.api.withToken(ok.body.token).get('/api/v1/departments'), 401, 'AUTH_REQUIRED')
      const again = await login(base)
      expect(again.body.secondFactor).toBe('enrolment_required')
      // Read from the store: under these strict settings an auditor account would need its own TOTP.
      const logged = await sql<{ actor_name: string }>`
        select actor_name from audit_entries where action = 'auth.mfa_reset' and object_id = ${reviewer.id}`.execute(
        t.platform.handle.db,
      )
      expect(logged.rows).toHaveLength(1)
      expect(logged.rows[0]?.actor_name).toBe('admin')
    })

    it('lets an ordinary role sign in without a second factor, with the contract reply', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      const reply = await login({ username: user.username, password: user.password })
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({
        token: expect.any(String),
        user: { id: user.id },
        secondFactor: 'none',
      })
    })

    it('checks at most 5 passwords for 50 parallel wrong guesses on one account', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      const before = passwordChecksSoFar()
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) => login({ username: user.username, password: `Wrong#pass${i}` })),
      )
      expect(passwordChecksSoFar() - before).toBeLessThanOrEqual(5)
      expect(replies.filter((r) => r.status === 401)).toHaveLength(5)
      // The rest: locked, or refused by the per-address limit while the burst was in flight.
      expect(replies.filter((r) => r.status === 423 || r.status === 429)).toHaveLength(45)
      expectError(await login({ username: user.username, password: user.password }), 423, 'AUTH_LOCKED')
    })

    it.skipIf(dialect !== 'postgres')('holds the lockout across two instances on one database', async () => {
      const other = await t.startInstance()
      const user = await createUser(admin, countyId, ['consumer'])
      const before = passwordChecksSoFar()
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          login({ username: user.username, password: `Wrong#pass${i}` }, i % 2 === 0 ? t.api : other.api),
        ),
      )
      expect(passwordChecksSoFar() - before).toBeLessThanOrEqual(5)
      expect(replies.filter((r) => r.status === 401).length).toBeLessThanOrEqual(5)
      expectError(
        await login({ username: user.username, password: user.password }, other.api),
        423,
        'AUTH_LOCKED',
      )
      await other.close()
    })

    it('refuses the weak passwords of issue 13 with 400 AUTH_WEAK_PASSWORD, and the last 5 passwords', async () => {
      for (const password of WEAK) {
        const reply = await admin.post('/api/v1/users', {
          username: uniqueName('weak'),
          password,
          departmentId: countyId,
          roles: ['consumer'],
        })
        expectError(reply, 400, 'AUTH_WEAK_PASSWORD')
      }
      const username = uniqueName('zhangsan')
      const withName = await admin.post('/api/v1/users', {
        username,
        password: `X9#${username}`,
        departmentId: countyId,
        roles: ['consumer'],
      })
      expectError(withName, 400, 'AUTH_WEAK_PASSWORD')
      expect(withName.body.error.details.problems).toContain('contains_username')

      const user = await createUser(admin, countyId, ['consumer'])
      const session = await t.login(user.username, user.password)
      for (const newPassword of WEAK) {
        const reply = await session.post('/api/v1/auth/password', {
          currentPassword: user.password,
          newPassword,
        })
        expectError(reply, 400, 'AUTH_WEAK_PASSWORD')
      }
      const next = 'Lakeview#2026a'
      expect(
        (await session.post('/api/v1/auth/password', { currentPassword: user.password, newPassword: next }))
          .status,
      ).toBe(204)
      const reused = await session.post('/api/v1/auth/password', {
        currentPassword: next,
        newPassword: user.password,
      })
      expectError(reused, 400, 'AUTH_WEAK_PASSWORD')
      expect(reused.body.error.details.problems).toEqual(['reused'])
    })

    it('holds an account on its initial password to the password change, sign-out and me', async () => {
      const username = uniqueName('fresh')
      const created = await admin.post('/api/v1/users', {
        username,
        password: 'First#pass2026',
        departmentId: countyId,
        roles: ['cataloger', 'consumer'],
        mustChangePassword: true,
      })
      expect(created.status).toBe(201)
      const session = await t.login(username, 'First#pass2026')
      expectError(await session.get('/api/v1/departments'), 403, 'AUTH_PASSWORD_CHANGE_REQUIRED')
      expectError(
        await session.post('/api/v1/clients', { name: 'sneaky', departmentId: countyId }),
        403,
        'AUTH_PASSWORD_CHANGE_REQUIRED',
      )
      expectError(await session.get('/api/v1/catalog/shared'), 403, 'AUTH_PASSWORD_CHANGE_REQUIRED')
      expect((await session.get('/api/v1/auth/me')).status).toBe(200)
      const security = await session.get('/api/v1/auth/security')
      expect(security.body.restrictions).toEqual(['password_change'])
      const changed = await session.post('/api/v1/auth/password', {
        currentPassword: 'First#pass2026',
        newPassword: 'Second#pass2026',
      })
      expect(changed.status).toBe(204)
      expect((await session.get('/api/v1/departments')).status).toBe(200)
      expect((await session.post('/api/v1/auth/logout')).status).toBe(204)
    })

    it('rotates, fences and revokes API clients', async () => {
      const created = await admin.post('/api/v1/clients', { name: 'county system', departmentId: countyId })
      const { id, clientId, clientSecret } = created.body
      const token = async (secret: string) =>
        t.api.post('/api/v1/auth/token', { clientId, clientSecret: secret })
      const first = await token(clientSecret)
      expect(first.status).toBe(200)
      const rotated = await admin.post(`/api/v1/clients/${id}/rotate-secret`)
      expect(rotated.status).toBe(200)
      expectError(await token(clientSecret), 401, 'AUTH_INVALID_CREDENTIALS')
      expectError(
        await t.api.withToken(first.body.accessToken).get('/api/v1/departments'),
        401,
        'AUTH_REQUIRED',
      )
      const second = await token(rotated.body.clientSecret)
      expect(second.status).toBe(200)
      const system = t.api.withToken(second.body.accessToken)

      const fenced = await admin.request('PUT', `/api/v1/clients/${id}/allowed-addresses`, {
        cidrs: ['10.0.0.0/8'],
      })
      expect(fenced.status).toBe(200)
      expect(fenced.body.allowedCidrs).toEqual(['10.0.0.0/8'])
      expectError(await system.get('/api/v1/departments'), 403, 'AUTH_ADDRESS_NOT_ALLOWED')
      expectError(await token(rotated.body.clientSecret), 403, 'AUTH_ADDRESS_NOT_ALLOWED')
      const bad = await admin.request('PUT', `/api/v1/clients/${id}/allowed-addresses`, {
        cidrs: ['10.0.0.0/33'],
      })
      expectError(bad, 400, 'VALIDATION_FAILED')
      await admin.request('PUT', `/api/v1/clients/${id}/allowed-addresses`, {
        cidrs: ['127.0.0.1/32', '::1'],
      })
      expect((await system.get('/api/v1/departments')).status).toBe(200)

      expect((await admin.post(`/api/v1/clients/${id}/revoke`, { reason: 'system retired' })).status).toBe(
        200,
      )
      expectError(await system.get('/api/v1/departments'), 401, 'AUTH_REQUIRED')
      expectError(await token(rotated.body.clientSecret), 401, 'AUTH_INVALID_CREDENTIALS')
    })

    it('ends a session after 30 idle minutes, besides its absolute expiry', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      const session = await t.login(user.username, user.password)
      for (let i = 0; i < 3; i++) {
        clock.advance(29 * MINUTE)
        expect((await session.get('/api/v1/departments')).status).toBe(200)
      }
      clock.advance(31 * MINUTE)
      expectError(await session.get('/api/v1/departments'), 401, 'AUTH_REQUIRED')
      await signInAdmin()
    })

    it('answers 429 with Retry-After after the configured failures from one address', async () => {
      clock.advance(61 * MINUTE)
      let firstLimited = -1
      for (let i = 0; i < 300; i++) {
        const reply = await login({ username: uniqueName('ghost'), password: 'Wrong#pass123' })
        if (reply.status === 429) {
          firstLimited = firstLimited < 0 ? i : firstLimited
          expectError(reply, 429, 'AUTH_RATE_LIMITED')
          expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0)
        } else {
          expect(firstLimited).toBe(-1)
          expectError(reply, 401, 'AUTH_INVALID_CREDENTIALS')
        }
      }
      expect(firstLimited).toBe(20)
      // The limit holds for the right password too, from this address, until the window ends.
      expectError(await login({ username: 'admin', password: ADMIN_PASSWORD }), 429, 'AUTH_RATE_LIMITED')
      clock.advance(16 * MINUTE)
      await signInAdmin()
    })

    it('answers 429 after the configured bad bearer tokens from one address', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 30; i++) {
        statuses.push(
          (await t.api.withToken(`not-a-token-${i}-0123456789`).get('/api/v1/departments')).status,
        )
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true)
      expect(statuses.slice(20).every((s) => s === 429)).toBe(true)
      // A valid token from the same address still works.
      expect((await admin.get('/api/v1/departments')).status).toBe(200)
    })

    it('locks one account per hour after 10 failures across lock periods', async () => {
      clock.advance(61 * MINUTE)
      await signInAdmin()
      const user = await createUser(admin, countyId, ['consumer'])
      for (let i = 0; i < 5; i++) {
        expectError(
          await login({ username: user.username, password: 'Wrong#pass1' }),
          401,
          'AUTH_INVALID_CREDENTIALS',
        )
      }
      expectError(await login({ username: user.username, password: user.password }), 423, 'AUTH_LOCKED')
      clock.advance(16 * MINUTE)
      for (let i = 0; i < 5; i++) {
        expectError(
          await login({ username: user.username, password: 'Wrong#pass1' }),
          401,
          'AUTH_INVALID_CREDENTIALS',
        )
      }
      clock.advance(16 * MINUTE)
      expectError(await login({ username: user.username, password: user.password }), 429, 'AUTH_RATE_LIMITED')
    })
  })
}
