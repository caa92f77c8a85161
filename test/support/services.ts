/**
 * `setup(dialect)`: the platform's services over a fresh store cloned from the run's migrated
 * template, without HTTP, for a module's service tests (issue 14). Passwords are hashed at the
 * test cost; the clock is fixed and movable; people and departments are made through the real
 * org services (so their creation is logged like any other).
 */
import { createServices, type ServiceDeps, type Services } from '../../src/container.js'
import type { DbHandle } from '../../src/db/connect.js'
import type { Db, DialectName } from '../../src/db/database.js'
import {
  buildUscc,
  departmentInfo,
  ensureBureauAndAdmin,
  TEST_HASH_COST,
} from '../../src/modules/org/index.js'
import type { Actor, Role } from '../../src/shared/actor.js'
import { fixedClock } from '../../src/shared/clock.js'
import { openTestDb, type TestStore } from './db.js'
import { ADMIN_PASSWORD, TEST_DATA_KEY, USER_PASSWORD } from './platform.js'

/** Wednesday 25 November 2026, 10:00 in Kunming: a working day. */
export const SERVICE_TEST_START = '2026-11-25T02:00:00Z'

export const SERVICE_TEST_CONFIG = {
  sessionHours: 8,
  clientTokenSeconds: 3600,
  upstreamHosts: ['127.0.0.1'],
  dataKeys: [TEST_DATA_KEY],
  indexKey: undefined,
  zone: 'external' as const,
  passwordHashCost: TEST_HASH_COST,
}

export { USER_PASSWORD }

export type Person = Actor & { id: string }

export interface ServiceTest {
  services: Services
  db: Db
  /** The open handle (its `native` side for tests of the SQLite/PostgreSQL writers). */
  handle: DbHandle
  store: TestStore
  clock: ReturnType<typeof fixedClock>
  /** The platform admin made by bootstrap, and the bureau's department. */
  admin: Actor
  bureauId: string
  /** A new city department; its name is unique in the store. */
  department(name?: string): Promise<string>
  /** A new user of a department with roles, as the actor the services take (a user's id is known). */
  person(departmentId: string, roles: Role[]): Promise<Person>
  cleanup(): Promise<void>
}

export async function setup(
  dialect: DialectName,
  options: { start?: string; config?: Partial<ServiceDeps['config']> } = {},
): Promise<ServiceTest> {
  const t = await openTestDb(dialect)
  const clock = fixedClock(options.start ?? SERVICE_TEST_START)
  const services = createServices({
    handle: t.handle,
    config: { ...SERVICE_TEST_CONFIG, ...options.config },
    clock,
  })
  const { admin, bureauId } = await ensureBureauAndAdmin(services, ADMIN_PASSWORD)
  let n = 0
  return {
    services,
    db: services.db,
    handle: t.handle,
    store: t.store,
    clock,
    admin,
    bureauId,
    department: async (name) => {
      n += 1
      const code = buildUscc('11', '530100', `TD${String(n).padStart(6, '0')}`)
      return (
        await services.org.createDepartment(admin, { code, name: name ?? `测试部门${n}`, level: 'city' })
      ).id
    },
    person: async (departmentId, roles) => {
      n += 1
      const user = await services.org.createUser(admin, {
        username: `user${n}`,
        password: USER_PASSWORD,
        departmentId,
        roles,
      })
      const info = await departmentInfo(services.db, departmentId)
      return {
        kind: 'user',
        id: user.id,
        name: user.username,
        departmentId,
        departmentPath: info?.path ?? null,
        departmentLevel: info?.level ?? 'city',
        roles,
      }
    },
    cleanup: async () => {
      await services.audit.close()
      await t.cleanup()
    },
  }
}
