/**
 * Several instances, one platform (PostgreSQL): sessions live in the database, so an instance may
 * be added or lost behind the load balancer without anyone noticing; concurrent appends from all
 * instances still make one dense, verifiable audit chain; the uniqueness rules hold across them.
 * SQLite is one process on one file, so this file only runs for PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
  USER_PASSWORD,
  uniqueName,
  validCode,
} from '../support/scenario-kit.js'

for (const dialect of DIALECTS) {
  describe.skipIf(dialect !== 'postgres')(`${dialect}: two instances on one store`, () => {
    let t: TestPlatform
    let a: ApiClient
    let b: ApiClient
    let adminA: ApiClient
    let adminB: ApiClient
    let countyId: string

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      a = t.api
      b = (await t.startInstance()).api
      adminA = await a.loginAs('admin', ADMIN_PASSWORD)
      adminB = await b.loginAs('admin', ADMIN_PASSWORD)
      countyId = (await createDepartment(adminA, 'county')).id
    })
    afterAll(async () => {
      await t?.close()
    })

    it('signs in on B a user created through A', async () => {
      const user = await createUser(adminA, countyId, ['consumer'])
      const reply = await b.post('/api/v1/auth/login', { username: user.username, password: user.password })
      expect(reply.status).toBe(200)
      expect(reply.body.user).toMatchObject({ id: user.id, departmentId: countyId })
    })

    it('honours on B a token issued by A, and a logout on B ends it on A', async () => {
      const user = await createUser(adminB, countyId, ['consumer'])
      const onA = await a.loginAs(user.username, user.password)
      const onB = b.withToken(onA.token!)
      expect((await onB.get('/api/v1/auth/me')).body).toMatchObject({ id: user.id, departmentId: countyId })
      expect((await onB.post('/api/v1/auth/logout')).status).toBe(204)
      expectError(await onA.get('/api/v1/departments'), 401, 'AUTH_REQUIRED')
      expectError(await onB.get('/api/v1/departments'), 401, 'AUTH_REQUIRED')
    })

    it('honours client tokens across instances', async () => {
      const created = await adminA.post('/api/v1/clients', { name: '县系统', departmentId: countyId })
      const token = await b.post('/api/v1/auth/token', {
        clientId: created.body.clientId,
        clientSecret: created.body.clientSecret,
      })
      expect(token.status).toBe(200)
      expect((await a.withToken(token.body.accessToken).get('/api/v1/departments')).status).toBe(200)
    })

    it('keeps the audit chain dense and valid under 20 parallel creations split across A and B', async () => {
      const before = (await (await auditorFor(adminA)).get('/api/v1/audit/verify')).body.entries
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? adminA : adminB).post('/api/v1/users', {
            username: uniqueName('par'),
            password: USER_PASSWORD,
            departmentId: countyId,
            roles: ['consumer'],
          }),
        ),
      )
      expect(replies.map((r) => r.status)).toEqual(Array(20).fill(201))
      for (const admin of [adminA, adminB]) {
        const verify = await (await auditorFor(admin)).get('/api/v1/audit/verify')
        expect(verify.body).toMatchObject({ ok: true })
        expect(verify.body.entries).toBeGreaterThanOrEqual(before + 20)
      }
      const entries = await allAuditEntries(await auditorFor(adminB))
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: entries.length }, (_, i) => i + 1))
      const created = new Set(replies.map((r) => r.body.id))
      expect(entries.filter((e) => e.action === 'user.create' && created.has(e.object)).length).toBe(20)
    })

    it('keeps the chain valid when logins, refusals and changes race on both instances', async () => {
      const user = await createUser(adminA, countyId, ['cataloger'])
      const auditors = [await auditorFor(adminA), await auditorFor(adminB)] as const
      const work = Array.from({ length: 36 }, (_, i) => {
        const api = i % 2 === 0 ? a : b
        const admin = i % 2 === 0 ? adminA : adminB
        const auditor = i % 2 === 0 ? auditors[0] : auditors[1]
        switch (i % 6) {
          case 5:
            return auditor.get('/api/v1/audit/verify')
          case 0:
            return api.post('/api/v1/auth/login', { username: user.username, password: user.password })
          case 1:
            return api.get('/api/v1/departments')
          case 2:
            return admin.post('/api/v1/departments', {
              code: validCode(),
              name: uniqueName('并发'),
              level: 'county',
            })
          case 3:
            return api.post('/api/v1/auth/login', { username: uniqueName('ghost'), password: 'Wrong#1234' })
          default:
            return admin.post('/api/v1/clients', { name: uniqueName('sys'), departmentId: countyId })
        }
      })
      const replies = await Promise.all(work)
      expect(replies.filter((r) => r.status >= 500)).toEqual([])
      // A verify that runs while others append checks up to the head it read: still ok.
      for (const verify of replies.filter((_, i) => i % 6 === 5)) {
        expect(verify.body).toMatchObject({ ok: true })
      }
      expect((await (await auditorFor(adminB)).get('/api/v1/audit/verify')).body).toMatchObject({ ok: true })
      const seqs = (await allAuditEntries(await auditorFor(adminA))).map((e) => e.seq)
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1))
    })

    it('lets exactly one of the racing creations of a code or a username win, the others 409', async () => {
      const code = validCode()
      const departments = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? adminA : adminB).post('/api/v1/departments', {
            code,
            name: `同码${i}`,
            level: 'county',
          }),
        ),
      )
      expect(departments.filter((r) => r.status === 201)).toHaveLength(1)
      for (const reply of departments.filter((r) => r.status !== 201)) {
        expectError(reply, 409, 'ORG_DUPLICATE_CODE')
      }
      const username = uniqueName('same')
      const users = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? adminA : adminB).post('/api/v1/users', {
            username,
            password: USER_PASSWORD,
            departmentId: countyId,
            roles: ['consumer'],
          }),
        ),
      )
      expect(users.filter((r) => r.status === 201)).toHaveLength(1)
      expect(users.filter((r) => r.status === 409)).toHaveLength(5)
      expect((await (await auditorFor(adminA)).get('/api/v1/audit/verify')).body).toMatchObject({ ok: true })
    })

    // Kysely looks for its migration tables in every schema unless told which: a second platform
    // used to find the first one's, skip creating its own, and fail to start.
    it('starts a second platform in another schema of the same database (tenants)', async () => {
      const other = await startTestPlatform(dialect)
      try {
        expect((await other.api.get('/readyz')).status).toBe(200)
      } finally {
        await other.close()
      }
    })

    it('locks a username whatever instance the failures arrive on', async () => {
      const user = await createUser(adminA, countyId, ['consumer'])
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? a : b).post('/api/v1/auth/login', {
            username: user.username,
            password: `Wrong#pass${i}`,
          }),
        ),
      )
      for (const reply of replies) {
        expect([401, 423]).toContain(reply.status)
      }
      for (const api of [a, b]) {
        expectError(
          await api.post('/api/v1/auth/login', { username: user.username, password: user.password }),
          423,
          'AUTH_LOCKED',
        )
      }
    })
  })
}
