/**
 * Authentication as a department's system meets it (API-CONTRACT.md "Authentication"): sign-in,
 * lockout, logout, client-credentials tokens, the 401 for a missing or bad token, the language of
 * the messages, and the audit trail of every sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/shared/clock.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
  HAS_CHINESE,
  uniqueName,
} from '../support/scenario-kit.js'

const MINUTE = 60_000

for (const dialect of DIALECTS) {
  describe(`${dialect}: authentication`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let countyId: string
    const clock = fixedClock('2026-03-02T02:00:00.000Z')

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock })
      admin = await t.login('admin', ADMIN_PASSWORD)
      countyId = (await createDepartment(admin, 'county')).id
    })
    afterAll(async () => {
      await t?.close()
    })

    async function login(username: string, password: string, api: ApiClient = t.api) {
      return api.post('/api/v1/auth/login', { username, password })
    }

    it('answers a sign-in with token, expiry and the user', async () => {
      const user = await createUser(admin, countyId, ['cataloger', 'consumer'])
      const reply = await login(user.username, user.password)
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({
        token: expect.any(String),
        expiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/),
        user: { id: user.id, username: user.username, departmentId: countyId },
      })
      expect([...reply.body.user.roles].sort()).toEqual(['cataloger', 'consumer'])
      expect(Date.parse(reply.body.expiresAt)).toBeGreaterThan(clock.now().getTime())
      const me = await t.api.withToken(reply.body.token).get('/api/v1/departments')
      expect(me.status).toBe(200)
    })

    it('refuses a wrong password with 401 AUTH_INVALID_CREDENTIALS', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      expectError(await login(user.username, 'Wrong#pass123'), 401, 'AUTH_INVALID_CREDENTIALS')
      expectError(await login(uniqueName('nobody'), 'Wrong#pass123'), 401, 'AUTH_INVALID_CREDENTIALS')
    })

    it('locks a username after the 5th failure in a row, for 15 minutes, even with the right password', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      for (let i = 1; i <= 5; i++) {
        const reply = await login(user.username, `Wrong#pass${i}`)
        expectError(reply, 401, 'AUTH_INVALID_CREDENTIALS')
      }
      expectError(await login(user.username, user.password), 423, 'AUTH_LOCKED')
      expectError(await login(user.username, 'Wrong#pass6'), 423, 'AUTH_LOCKED')
      clock.advance(14 * MINUTE + 59_000)
      expectError(await login(user.username, user.password), 423, 'AUTH_LOCKED')
      clock.advance(2_000)
      expect((await login(user.username, user.password)).status).toBe(200)
    })

    it('loses no failure when they arrive all at once', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, i) => login(user.username, `Wrong#pass${i}`)),
      )
      for (const reply of replies) {
        expect([401, 423]).toContain(reply.status)
      }
      expect(replies.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(5)
      expectError(await login(user.username, user.password), 423, 'AUTH_LOCKED')
    })

    it('counts failures in a row only: a success in between starts the count again', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      for (let i = 0; i < 4; i++) {
        expectError(await login(user.username, 'Wrong#pass1'), 401, 'AUTH_INVALID_CREDENTIALS')
      }
      expect((await login(user.username, user.password)).status).toBe(200)
      for (let i = 0; i < 4; i++) {
        expectError(await login(user.username, 'Wrong#pass1'), 401, 'AUTH_INVALID_CREDENTIALS')
      }
      expect((await login(user.username, user.password)).status).toBe(200)
    })

    it('gives a fresh count after a lock has run out', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      for (let i = 0; i < 5; i++) {
        await login(user.username, 'Wrong#pass1')
      }
      expectError(await login(user.username, user.password), 423, 'AUTH_LOCKED')
      clock.advance(16 * MINUTE)
      expectError(await login(user.username, 'Wrong#pass1'), 401, 'AUTH_INVALID_CREDENTIALS')
      expect((await login(user.username, user.password)).status).toBe(200)
    })

    it('locks nothing for unknown usernames, but logs every such failure', async () => {
      const ghost = uniqueName('ghost')
      for (let i = 0; i < 7; i++) {
        expectError(await login(ghost, 'Wrong#pass1'), 401, 'AUTH_INVALID_CREDENTIALS')
      }
      const failures = (await allAuditEntries(await auditorFor(admin), 'action=auth.login_failed')).filter(
        (e) => JSON.stringify(e).includes(ghost),
      )
      expect(failures).toHaveLength(7)
      // Creating that username afterwards gives an account that signs in at once.
      const made = await admin.post('/api/v1/users', {
        username: ghost,
        password: 'Ghost#2026pass',
        departmentId: countyId,
        roles: ['consumer'],
      })
      expect(made.status).toBe(201)
      expect((await login(ghost, 'Ghost#2026pass')).status).toBe(200)
    })

    it('ends only the logged-out session: that token gets 401, the other session works', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      const first = await t.login(user.username, user.password)
      const second = await t.login(user.username, user.password)
      const out = await first.post('/api/v1/auth/logout')
      expect(out.status).toBe(204)
      expectError(await first.get('/api/v1/departments'), 401, 'AUTH_REQUIRED')
      expectError(await first.post('/api/v1/auth/logout'), 401, 'AUTH_REQUIRED')
      expect((await second.get('/api/v1/departments')).status).toBe(200)
    })

    it('issues client-credentials tokens that act for the department', async () => {
      const created = await admin.post('/api/v1/clients', {
        name: 'county records system',
        departmentId: countyId,
      })
      expect(created.status).toBe(201)
      const { clientId, clientSecret } = created.body
      const reply = await t.api.post('/api/v1/auth/token', { clientId, clientSecret })
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({ accessToken: expect.any(String), expiresIn: expect.any(Number) })
      expect(reply.body.expiresIn).toBeGreaterThan(0)
      const system = t.api.withToken(reply.body.accessToken)
      const departments = await system.get('/api/v1/departments')
      expect(departments.status).toBe(200)
      expect(departments.body.items.map((d: any) => d.id)).toContain(countyId)

      const wrong = await t.api.post('/api/v1/auth/token', { clientId, clientSecret: `${clientSecret}x` })
      expectError(wrong, 401, 'AUTH_INVALID_CREDENTIALS')
      const unknown = await t.api.post('/api/v1/auth/token', { clientId: 'gs-nope', clientSecret })
      expectError(unknown, 401, 'AUTH_INVALID_CREDENTIALS')
    })

    it('answers a missing, unknown or malformed token with 401 AUTH_REQUIRED', async () => {
      expectError(await t.api.get('/api/v1/departments'), 401, 'AUTH_REQUIRED')
      expectError(
        await t.api.withToken('not-a-real-token-0123456789').get('/api/v1/departments'),
        401,
        'AUTH_REQUIRED',
      )
      for (const authorization of [
        'Basic YWRtaW46YWRtaW4=',
        'Bearer',
        'Bearer ',
        'Bearer a b c',
        'x'.repeat(300),
      ]) {
        const reply = await t.api.request('GET', '/api/v1/departments', undefined, { authorization })
        expectError(reply, 401, 'AUTH_REQUIRED')
      }
    })

    // BUG: the body schema is checked before the caller is known, so an anonymous caller gets 400
    // (and the schema's details) instead of 401, and the refused access is not audited.
    it('answers an anonymous call with 401 AUTH_REQUIRED even when its body is invalid', async () => {
      expectError(await t.api.post('/api/v1/users', { username: 'x' }), 401, 'AUTH_REQUIRED')
      expectError(await t.api.post('/api/v1/departments', { level: 'village' }), 401, 'AUTH_REQUIRED')
    })

    it('speaks Chinese by default and English on request', async () => {
      const zh = await t.api.get('/api/v1/departments')
      expect(zh.body.error.message).toMatch(HAS_CHINESE)
      for (const lang of ['en', 'en-US', 'en-GB,en;q=0.9,zh-CN;q=0.8']) {
        const en = await t.api.inLanguage(lang).get('/api/v1/departments')
        expectError(en, 401, 'AUTH_REQUIRED')
        expect(en.body.error.message).not.toMatch(HAS_CHINESE)
        expect(en.body.error.message).toMatch(/[A-Za-z]{3,}/)
      }
      const zhCn = await t.api
        .inLanguage('zh-CN')
        .post('/api/v1/auth/login', { username: 'nobody', password: 'x' })
      expect(zhCn.body.error.message).toMatch(HAS_CHINESE)
      const enLogin = await t.api
        .inLanguage('en')
        .post('/api/v1/auth/login', { username: 'nobody', password: 'x' })
      expect(enLogin.body.error.message).not.toMatch(HAS_CHINESE)
      const enValidation = await t.api.inLanguage('en').post('/api/v1/auth/login', { password: 'x' })
      expectError(enValidation, 400, 'VALIDATION_FAILED')
      expect(enValidation.body.error.message).not.toMatch(HAS_CHINESE)
    })

    it('logs every sign-in, success and failure, with the user it concerns', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      const before = (await allAuditEntries(await auditorFor(admin))).at(-1)?.seq ?? 0
      expect((await login(user.username, user.password)).status).toBe(200)
      await login(user.username, 'Wrong#pass1')
      await login(user.username, 'Wrong#pass2')
      expect((await login(user.username, user.password)).status).toBe(200)
      const entries = (await allAuditEntries(await auditorFor(admin), `afterSeq=${before}`)).filter(
        (e) => e.object === user.id,
      )
      const logins = entries.filter((e) => e.action.startsWith('auth.login'))
      expect(logins.map((e) => e.action)).toEqual([
        'auth.login',
        'auth.login_failed',
        'auth.login_failed',
        'auth.login',
      ])
      for (const entry of logins) {
        expect(entry.actor).toBe(user.username)
        expect(entry.departmentId).toBe(countyId)
      }
    })

    it('logs the refused 423 attempts of a locked account too', async () => {
      const user = await createUser(admin, countyId, ['consumer'])
      for (let i = 0; i < 5; i++) {
        await login(user.username, 'Wrong#pass1')
      }
      expectError(await login(user.username, user.password), 423, 'AUTH_LOCKED')
      const entries = (await allAuditEntries(await auditorFor(admin), 'action=auth.login_failed')).filter(
        (e) => e.object === user.id,
      )
      expect(entries).toHaveLength(6)
    })

    it('lets a client token end after expiresIn seconds, and a session at its expiresAt', async () => {
      const created = await admin.post('/api/v1/clients', { name: 'expiring system', departmentId: countyId })
      const issued = await t.api.post('/api/v1/auth/token', {
        clientId: created.body.clientId,
        clientSecret: created.body.clientSecret,
      })
      const system = t.api.withToken(issued.body.accessToken)
      const user = await createUser(admin, countyId, ['consumer'])
      const reply = await login(user.username, user.password)
      const session = t.api.withToken(reply.body.token)
      expect((await session.get('/api/v1/departments')).status).toBe(200)
      clock.advance(issued.body.expiresIn * 1000 - 1_000)
      expect((await system.get('/api/v1/departments')).status).toBe(200)
      clock.advance(2_000)
      expectError(await system.get('/api/v1/departments'), 401, 'AUTH_REQUIRED')
      expect((await session.get('/api/v1/departments')).status).toBe(200)
      clock.set(new Date(Date.parse(reply.body.expiresAt) + 1_000))
      expectError(await session.get('/api/v1/departments'), 401, 'AUTH_REQUIRED')
      admin = await t.login('admin', ADMIN_PASSWORD)
    })
  })
}
