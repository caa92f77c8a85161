/**
 * The department tree, users and roles (Art. 2-4, 28-29; issue 13 三员分立) on the services,
 * every dialect: who may create what where, the codes refused, and the audit entries written.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { logged, uniqueUscc } from '../../../test/support/service-kit.js'
import { type ServiceTest, setup, USER_PASSWORD } from '../../../test/support/services.js'
import type { Actor, Role } from '../../shared/actor.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: org departments, users and roles`, () => {
    let t: ServiceTest
    afterEach(async () => {
      await t?.cleanup()
    })
    const newDepartment = (actor: Actor, level: 'city' | 'county' | 'township', parentId?: string) =>
      t.services.org.createDepartment(actor, { code: uniqueUscc(), name: `${level}部门`, level, parentId })
    let users = 0
    const newUser = (actor: Actor, departmentId: string, roles: Role[], password = USER_PASSWORD) => {
      users += 1
      return t.services.org.createUser(actor, { username: `member${users}`, password, departmentId, roles })
    }

    it('builds the city → county → township tree and refuses wrong levels, codes and duplicates', async () => {
      t = await setup(dialect)
      const county = await newDepartment(t.admin, 'county')
      const township = await newDepartment(t.admin, 'township', county.id)
      expect(township).toMatchObject({ level: 'township', parentId: county.id, zone: 'external' })
      const city = await newDepartment(t.admin, 'city')
      const refusals: Array<[() => Promise<unknown>, string]> = [
        [() => newDepartment(t.admin, 'township'), 'ORG_INVALID_PARENT'],
        [() => newDepartment(t.admin, 'township', city.id), 'ORG_INVALID_PARENT'],
        [() => newDepartment(t.admin, 'county', township.id), 'ORG_INVALID_PARENT'],
        [() => newDepartment(t.admin, 'city', 'no-such-department'), 'ORG_DEPARTMENT_NOT_FOUND'],
        [
          () =>
            t.services.org.createDepartment(t.admin, {
              code: `${city.code.slice(0, 17)}${city.code.endsWith('0') ? '1' : '0'}`,
              name: '校验位错误',
              level: 'city',
            }),
          'ORG_INVALID_CODE',
        ],
        [
          () => t.services.org.createDepartment(t.admin, { code: city.code, name: '重复', level: 'city' }),
          'ORG_DUPLICATE_CODE',
        ],
      ]
      for (const [attempt, code] of refusals) {
        await expect(attempt()).rejects.toMatchObject({ code })
      }
      const created = await logged(t, 'department.create')
      // The bureau (bootstrap) and the three made here; refusals wrote nothing.
      expect(created.map((e) => e.objectId).slice(-3)).toEqual([county.id, township.id, city.id])
      expect(created.at(-2)?.details).toMatchObject({ level: 'township', parentId: county.id })
      const consumer = await t.person(city.id, ['consumer'])
      const directory = await t.services.org.listDepartments(consumer)
      expect(directory.map((d) => d.id)).toEqual(
        expect.arrayContaining([t.bureauId, county.id, township.id, city.id]),
      )
    })

    it("keeps a dept_admin inside its scope: a county's admin reaches its townships, nothing else", async () => {
      t = await setup(dialect)
      const county = await newDepartment(t.admin, 'county')
      const sibling = await newDepartment(t.admin, 'county')
      const countyAdmin = await t.person(county.id, ['dept_admin'])
      const township = await newDepartment(countyAdmin, 'township', county.id)
      expect(township.parentId).toBe(county.id)
      await expect(newDepartment(countyAdmin, 'township', sibling.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(newDepartment(countyAdmin, 'city')).rejects.toMatchObject({ code: 'FORBIDDEN' })
      expect((await newUser(countyAdmin, township.id, ['consumer'])).departmentId).toBe(township.id)
      await expect(newUser(countyAdmin, sibling.id, ['consumer'])).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      const townshipAdmin = await t.person(township.id, ['dept_admin'])
      await expect(newUser(townshipAdmin, county.id, ['consumer'])).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      const cataloger = await t.person(county.id, ['cataloger'])
      await expect(newUser(cataloger, county.id, ['consumer'])).rejects.toMatchObject({ code: 'FORBIDDEN' })

      const inScope = (await t.services.org.listUsers(countyAdmin)).map((u) => u.departmentId)
      expect(new Set(inScope)).toEqual(new Set([county.id, township.id]))
      expect(
        (await t.services.org.listUsers(townshipAdmin)).every((u) => u.departmentId === township.id),
      ).toBe(true)
      const everyone = new Set((await t.services.org.listUsers(t.admin)).map((u) => u.departmentId))
      expect([t.bureauId, county.id, township.id].every((id) => everyone.has(id))).toBe(true)
      await expect(t.services.org.listUsers(cataloger)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    })

    it('creates users under the password rule, once per username, and logs who made them with which roles', async () => {
      t = await setup(dialect)
      const department = await t.department()
      const user = await newUser(t.admin, department, ['cataloger', 'consumer', 'consumer'])
      expect(user).toMatchObject({ status: 'active', mustChangePassword: false, departmentId: department })
      expect([...user.roles].sort()).toEqual(['cataloger', 'consumer'])
      await expect(newUser(t.admin, department, ['consumer'], 'password123')).rejects.toMatchObject({
        code: 'AUTH_WEAK_PASSWORD',
      })
      await expect(
        t.services.org.createUser(t.admin, {
          username: user.username,
          password: USER_PASSWORD,
          departmentId: department,
          roles: ['consumer'],
        }),
      ).rejects.toMatchObject({ code: 'ORG_DUPLICATE_USERNAME' })
      await expect(newUser(t.admin, 'no-such-department', ['consumer'])).rejects.toMatchObject({
        code: 'ORG_DEPARTMENT_NOT_FOUND',
      })
      const entry = (await logged(t, 'user.create')).find((e) => e.objectId === user.id)
      expect(entry).toMatchObject({
        actor: 'admin',
        details: { username: user.username, departmentId: department, roles: ['cataloger', 'consumer'] },
      })
    })

    it('never puts two of system, security and audit administrator on one account (三员分立)', async () => {
      t = await setup(dialect)
      const pairs: Role[][] = [
        ['platform_admin', 'auditor'],
        ['platform_admin', 'security_officer'],
        ['auditor', 'security_officer'],
        ['bureau_reviewer', 'auditor'],
      ]
      for (const roles of pairs) {
        await expect(newUser(t.admin, t.bureauId, roles)).rejects.toMatchObject({
          code: 'ORG_ROLES_EXCLUSIVE',
        })
      }
      const operator = await newUser(t.admin, t.bureauId, ['platform_admin'])
      await expect(
        t.services.org.changeRoles(t.admin, operator.id, ['platform_admin', 'auditor']),
      ).rejects.toMatchObject({
        code: 'ORG_ROLES_EXCLUSIVE',
      })
      // Nobody changes their own roles, not even the platform admin.
      await expect(
        t.services.org.changeRoles(t.admin, t.admin.id ?? 'admin', ['platform_admin']),
      ).rejects.toMatchObject({
        code: 'ORG_SELF_CHANGE',
      })
      expect(
        (await newUser(t.admin, t.bureauId, ['bureau_reviewer', 'security_officer'])).roles,
      ).toHaveLength(2)
    })

    it('lets a dept_admin hand out departmental roles only, and touch departmental accounts only', async () => {
      t = await setup(dialect)
      const department = await t.department()
      const deptAdmin = await t.person(department, ['dept_admin'])
      for (const roles of [
        ['bureau_reviewer'],
        ['auditor'],
        ['security_officer'],
        ['platform_admin'],
      ] as Role[][]) {
        await expect(newUser(deptAdmin, department, roles)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      }
      const contact = await newUser(deptAdmin, department, ['security_contact'])
      const changed = await t.services.org.changeRoles(deptAdmin, contact.id, [
        'approver',
        'security_contact',
      ])
      expect([...changed.user.roles].sort()).toEqual(['approver', 'security_contact'])
      await expect(
        t.services.org.changeRoles(deptAdmin, contact.id, ['bureau_reviewer']),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      expect((await logged(t, 'user.roles_change')).at(-1)).toMatchObject({
        objectId: contact.id,
        actor: deptAdmin.name,
        details: { before: ['security_contact'], after: ['approver', 'security_contact'] },
      })
      // A platform_admin seated in the department: its dept_admin may not reset it and become one.
      const operator = await newUser(t.admin, department, ['platform_admin'])
      await expect(t.services.org.resetPassword(deptAdmin, operator.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(t.services.org.setStatus(deptAdmin, operator.id, 'disabled')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      })
      await expect(t.services.org.unlock(deptAdmin, 'no-such-user')).rejects.toMatchObject({
        code: 'ORG_USER_NOT_FOUND',
      })
    })
  })
}
