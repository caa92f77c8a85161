/**
 * The organisation API as a department's system meets it (API-CONTRACT.md "Organisation"):
 * departments and their codes, users, API clients, and above all the scope rule — a dept_admin
 * acts for its own department and, for a county, the townships under it, never outside.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  createDepartment,
  createUser,
  expectError,
  USER_PASSWORD,
  uniqueName,
  validCode,
  withWrongCheckChar,
} from '../support/scenario-kit.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: organisation`, () => {
    let t: TestPlatform
    let admin: ApiClient
    const d = { city: '', countyA: '', countyB: '', townA: '', townB: '' }
    const as = {} as Record<'catalogerA' | 'adminA' | 'adminTownA' | 'adminCity', ApiClient>

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      admin = await t.login('admin', ADMIN_PASSWORD)
      d.city = (await createDepartment(admin, 'city')).id
      d.countyA = (await createDepartment(admin, 'county')).id
      d.countyB = (await createDepartment(admin, 'county')).id
      d.townA = (await createDepartment(admin, 'township', d.countyA)).id
      d.townB = (await createDepartment(admin, 'township', d.countyB)).id
      const signIn = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      as.catalogerA = await signIn(d.countyA, ['cataloger'])
      as.adminA = await signIn(d.countyA, ['dept_admin'])
      as.adminTownA = await signIn(d.townA, ['dept_admin'])
      as.adminCity = await signIn(d.city, ['dept_admin'])
    })
    afterAll(async () => {
      await t?.close()
    })

    const newUser = (departmentId: string, roles: string[] = ['consumer']) => ({
      username: uniqueName('u'),
      password: USER_PASSWORD,
      departmentId,
      roles,
    })

    describe('departments', () => {
      it('creates a root city department: 201 {id, code, name, level, parentId}', async () => {
        const code = validCode()
        const reply = await admin.post('/api/v1/departments', { code, name: '市教育局', level: 'city' })
        expect(reply.status).toBe(201)
        expect(reply.body).toMatchObject({
          id: expect.any(String),
          code,
          name: '市教育局',
          level: 'city',
          parentId: null,
        })
        const listed = await admin.get('/api/v1/departments')
        expect(listed.status).toBe(200)
        expect(listed.body.items).toContainEqual(
          expect.objectContaining({ id: reply.body.id, code, level: 'city' }),
        )
      })

      it('creates a township under a county with that parentId', async () => {
        const code = validCode()
        const reply = await admin.post('/api/v1/departments', {
          code,
          name: '某某镇人民政府',
          level: 'township',
          parentId: d.countyA,
        })
        expect(reply.status).toBe(201)
        expect(reply.body).toMatchObject({ code, level: 'township', parentId: d.countyA })
      })

      it('refuses a wrong 18th check character with 400 ORG_INVALID_CODE', async () => {
        const code = withWrongCheckChar(validCode())
        const reply = await admin.post('/api/v1/departments', { code, name: '错码局', level: 'county' })
        expectError(reply, 400, 'ORG_INVALID_CODE')
      })

      it('refuses a duplicate code with 409 ORG_DUPLICATE_CODE', async () => {
        const code = validCode()
        expect(
          (await admin.post('/api/v1/departments', { code, name: '甲局', level: 'county' })).status,
        ).toBe(201)
        const again = await admin.post('/api/v1/departments', { code, name: '乙局', level: 'city' })
        expectError(again, 409, 'ORG_DUPLICATE_CODE')
      })

      it('refuses a township without a county parent with 400', async () => {
        const root = await admin.post('/api/v1/departments', {
          code: validCode(),
          name: '无上级镇',
          level: 'township',
        })
        expect(root.status).toBe(400)
        expect(root.body.error.code).toEqual(expect.any(String))
        const underCity = await admin.post('/api/v1/departments', {
          code: validCode(),
          name: '市属镇',
          level: 'township',
          parentId: d.city,
        })
        expect(underCity.status).toBe(400)
        const underTown = await admin.post('/api/v1/departments', {
          code: validCode(),
          name: '镇下镇',
          level: 'township',
          parentId: d.townA,
        })
        expect(underTown.status).toBe(400)
      })

      // BUG: the schema asks for a name of at least one character, but the service trims it after
      // validation (src/modules/org/service.ts, `name: input.name.trim()`), so '   ' is stored as ''.
      it('refuses a blank department name instead of storing an empty one', async () => {
        const reply = await admin.post('/api/v1/departments', {
          code: validCode(),
          name: '   ',
          level: 'county',
        })
        expectError(reply, 400, 'VALIDATION_FAILED')
      })

      it('lists the directory to any signed-in user as {items}', async () => {
        const reply = await as.catalogerA.get('/api/v1/departments')
        expect(reply.status).toBe(200)
        const ids = reply.body.items.map((item: any) => item.id)
        expect(ids).toEqual(expect.arrayContaining(Object.values(d)))
        for (const item of reply.body.items) {
          expect(item).toMatchObject({
            id: expect.any(String),
            code: expect.any(String),
            name: expect.any(String),
          })
          expect(['city', 'county', 'township']).toContain(item.level)
        }
      })

      it("lets a county's dept_admin create a township under it, and nothing outside its scope", async () => {
        const own = await as.adminA.post('/api/v1/departments', {
          code: validCode(),
          name: '新设乡',
          level: 'township',
          parentId: d.countyA,
        })
        expect(own.status).toBe(201)
        const sibling = await as.adminA.post('/api/v1/departments', {
          code: validCode(),
          name: '邻县乡',
          level: 'township',
          parentId: d.countyB,
        })
        expectError(sibling, 403, 'FORBIDDEN')
        const root = await as.adminA.post('/api/v1/departments', {
          code: validCode(),
          name: '自立县',
          level: 'county',
        })
        expectError(root, 403, 'FORBIDDEN')
        const cataloger = await as.catalogerA.post('/api/v1/departments', {
          code: validCode(),
          name: '编目员设乡',
          level: 'township',
          parentId: d.countyA,
        })
        expectError(cataloger, 403, 'FORBIDDEN')
      })
    })

    describe('users', () => {
      it('creates a user: 201 {id, …}', async () => {
        const body = newUser(d.countyA, ['cataloger', 'approver'])
        const reply = await admin.post('/api/v1/users', body)
        expect(reply.status).toBe(201)
        expect(reply.body).toMatchObject({
          id: expect.any(String),
          username: body.username,
          departmentId: d.countyA,
        })
        expect(JSON.stringify(reply.body)).not.toContain(USER_PASSWORD)
        const signedIn = await t.api.post('/api/v1/auth/login', {
          username: body.username,
          password: USER_PASSWORD,
        })
        expect(signedIn.status).toBe(200)
      })

      it('refuses a password under the policy with 400 AUTH_WEAK_PASSWORD', async () => {
        for (const password of ['short1A', 'alllowercaseletters', 'ALLUPPER12345', '12345678901']) {
          expectError(
            await admin.post('/api/v1/users', { ...newUser(d.countyA), password }),
            400,
            'AUTH_WEAK_PASSWORD',
          )
        }
      })

      it('refuses a duplicate username with 409', async () => {
        const body = newUser(d.countyA)
        expect((await admin.post('/api/v1/users', body)).status).toBe(201)
        const again = await admin.post('/api/v1/users', { ...body, departmentId: d.countyB })
        expect(again.status).toBe(409)
        expect(again.body.error.code).toEqual(expect.any(String))
      })

      it('refuses a cataloger of department A creating users in B, or in A', async () => {
        expectError(await as.catalogerA.post('/api/v1/users', newUser(d.countyB)), 403, 'FORBIDDEN')
        expectError(await as.catalogerA.post('/api/v1/users', newUser(d.countyA)), 403, 'FORBIDDEN')
      })

      it("lets a county's dept_admin create users in its county and its townships", async () => {
        expect((await as.adminA.post('/api/v1/users', newUser(d.countyA, ['cataloger']))).status).toBe(201)
        expect((await as.adminA.post('/api/v1/users', newUser(d.townA, ['dept_admin']))).status).toBe(201)
      })

      it("refuses a county's dept_admin in a sibling county, its township, or a city department", async () => {
        expectError(await as.adminA.post('/api/v1/users', newUser(d.countyB)), 403, 'FORBIDDEN')
        expectError(await as.adminA.post('/api/v1/users', newUser(d.townB)), 403, 'FORBIDDEN')
        expectError(await as.adminA.post('/api/v1/users', newUser(d.city)), 403, 'FORBIDDEN')
      })

      it("keeps a township's and a city's dept_admin to their own department", async () => {
        expect((await as.adminTownA.post('/api/v1/users', newUser(d.townA))).status).toBe(201)
        expectError(await as.adminTownA.post('/api/v1/users', newUser(d.countyA)), 403, 'FORBIDDEN')
        expect((await as.adminCity.post('/api/v1/users', newUser(d.city))).status).toBe(201)
        expectError(await as.adminCity.post('/api/v1/users', newUser(d.countyA)), 403, 'FORBIDDEN')
      })

      it('refuses a dept_admin granting platform_admin (or other bureau roles)', async () => {
        for (const roles of [
          ['platform_admin'],
          ['consumer', 'platform_admin'],
          ['auditor'],
          ['bureau_reviewer'],
        ]) {
          expectError(await as.adminA.post('/api/v1/users', newUser(d.countyA, roles)), 403, 'FORBIDDEN')
        }
        expect((await admin.post('/api/v1/users', newUser(d.city, ['auditor']))).status).toBe(201)
      })

      it("shows a county's dept_admin the users of its scope only", async () => {
        const inTown = await createUser(admin, d.townA, ['consumer'], 'town')
        const inSibling = await createUser(admin, d.countyB, ['consumer'], 'sib')
        const reply = await as.adminA.get('/api/v1/users')
        expect(reply.status).toBe(200)
        const names = reply.body.items.map((u: any) => u.username)
        expect(names).toContain(inTown.username)
        expect(names).not.toContain(inSibling.username)
        for (const user of reply.body.items) {
          expect([d.countyA, d.townA]).toContain(user.departmentId)
        }
      })
    })

    describe('API clients', () => {
      it('creates a client: 201 {clientId, clientSecret} with roles cataloger and consumer by default', async () => {
        const reply = await admin.post('/api/v1/clients', { name: '县人社系统', departmentId: d.countyA })
        expect(reply.status).toBe(201)
        expect(reply.body).toMatchObject({ clientId: expect.any(String), clientSecret: expect.any(String) })
        expect([...reply.body.roles].sort()).toEqual(['cataloger', 'consumer'])
        const token = await t.api.post('/api/v1/auth/token', {
          clientId: reply.body.clientId,
          clientSecret: reply.body.clientSecret,
        })
        expect(token.status).toBe(200)
        const listed = await admin.get('/api/v1/clients')
        expect(JSON.stringify(listed.body)).not.toContain(reply.body.clientSecret)
      })

      it('keeps client registration inside the dept_admin scope', async () => {
        const town = await as.adminA.post('/api/v1/clients', { name: '乡镇系统', departmentId: d.townA })
        expect(town.status).toBe(201)
        expectError(
          await as.adminA.post('/api/v1/clients', { name: 'x', departmentId: d.countyB }),
          403,
          'FORBIDDEN',
        )
        expectError(
          await as.adminA.post('/api/v1/clients', { name: 'x', departmentId: d.city }),
          403,
          'FORBIDDEN',
        )
        expectError(
          await as.catalogerA.post('/api/v1/clients', { name: 'x', departmentId: d.countyA }),
          403,
          'FORBIDDEN',
        )
      })

      it('gives an API client no power over users', async () => {
        const created = await admin.post('/api/v1/clients', { name: '县系统', departmentId: d.countyA })
        const token = await t.api.post('/api/v1/auth/token', {
          clientId: created.body.clientId,
          clientSecret: created.body.clientSecret,
        })
        const system = t.api.withToken(token.body.accessToken)
        expectError(await system.post('/api/v1/users', newUser(d.countyA)), 403, 'FORBIDDEN')
        expectError(
          await system.post('/api/v1/clients', { name: 'y', departmentId: d.countyA }),
          403,
          'FORBIDDEN',
        )
      })
    })

    describe('body schema', () => {
      it('answers 400 VALIDATION_FAILED naming the failing field', async () => {
        const cases: Array<[string, unknown, string]> = [
          [
            '/api/v1/users',
            { password: USER_PASSWORD, departmentId: d.countyA, roles: ['consumer'] },
            'username',
          ],
          ['/api/v1/users', { ...newUser(d.countyA), roles: ['superuser'] }, 'roles'],
          ['/api/v1/users', { ...newUser(d.countyA), roles: [] }, 'roles'],
          ['/api/v1/users', { ...newUser(d.countyA), username: 'no spaces allowed' }, 'username'],
          ['/api/v1/departments', { code: validCode(), name: '村委会', level: 'village' }, 'level'],
          ['/api/v1/departments', { name: '无码局', level: 'county' }, 'code'],
          ['/api/v1/clients', { departmentId: d.countyA }, 'name'],
          ['/api/v1/auth/login', { username: 'admin' }, 'password'],
        ]
        for (const [path, body, field] of cases) {
          const reply = await admin.inLanguage('en').post(path, body)
          expectError(reply, 400, 'VALIDATION_FAILED')
          expect(JSON.stringify(reply.body.error.details ?? {}), `${path} ${field}`).toContain(field)
          expect(String(reply.body.error.details.field)).toContain(field)
        }
      })

      // BUG: Fastify's default Ajv coercion (coerceTypes: 'array') is left on for bodies, so a
      // number passes as a string and a bare string as a one-element array: 201/404, not 400.
      it('refuses JSON values of the wrong type instead of coercing them', async () => {
        const cases: Array<[unknown, string]> = [
          [{ ...newUser(d.countyA), roles: 'consumer' }, 'roles'],
          [{ ...newUser(d.countyA), username: 12345 }, 'username'],
          [{ ...newUser(d.countyA), departmentId: 42 }, 'departmentId'],
        ]
        for (const [body, field] of cases) {
          const reply = await admin.post('/api/v1/users', body)
          expectError(reply, 400, 'VALIDATION_FAILED')
          expect(String(reply.body.error.details.field)).toContain(field)
        }
      })
    })
  })
}
