import type { Db } from '../../db/database.js'
import { isUniqueViolation } from '../../db/errors.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor, Role } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { sm3Hex } from '../../shared/crypto.js'
import { AppError } from '../../shared/errors.js'
import { newId, newSecret } from '../../shared/ids.js'
import { authorize, can } from '../../shared/policy.js'
import type { AuditService } from '../audit/index.js'
import type { ZoneGuard } from '../zones/index.js'
import { type PasswordHasher, standardHasher } from './password-hash.js'
import * as repo from './repo.js'
import { assertMayGrant } from './roles.js'
import { isAllowedParent, isStrongPassword, isValidUscc, type Level } from './rules.js'
import type { ApiClientView, DepartmentView, NewClient, NewDepartment, NewUser, UserView } from './schema.js'
import { createUserUpkeep } from './upkeep.js'
import { toUserView } from './views.js'
import { CLIENT_ROLES } from './vocabulary.js'

// auth.ts reads the view from here.
export { toUserView } from './views.js'

/** Roles an API client may hold: a department's system ingests and reads, it does not decide. */
/** What a client gets when creation names no roles: all it may have. */
export const DEFAULT_CLIENT_ROLES: readonly Role[] = CLIENT_ROLES

export type OrgService = ReturnType<typeof createOrgService>

export function createOrgService(deps: {
  db: Db
  clock: Clock
  audit: AuditService
  passwords?: PasswordHasher
  /** Art. 20, 33: an external instance holds no internal department, user or client. */
  zones?: ZoneGuard
}) {
  const { db, clock, audit, zones } = deps
  const passwords = deps.passwords ?? standardHasher

  async function departmentOrThrow(id: string): Promise<repo.DepartmentRow> {
    const department = await repo.findDepartment(db, id)
    if (!department) {
      throw new AppError('ORG_DEPARTMENT_NOT_FOUND', { departmentId: id })
    }
    return department
  }

  /**
   * Creates a department in the tree (Art. 2-4). Throws ORG_INVALID_CODE, ORG_DEPARTMENT_NOT_FOUND,
   * ORG_INVALID_PARENT, FORBIDDEN, ORG_DUPLICATE_CODE, ZONE_NOT_ALLOWED (logged).
   */
  async function createDepartment(actor: Actor, input: NewDepartment): Promise<DepartmentView> {
    if (!isValidUscc(input.code)) {
      throw new AppError('ORG_INVALID_CODE', { field: 'code' })
    }
    const parent = input.parentId ? await departmentOrThrow(input.parentId) : undefined
    authorize(actor, 'department.create', parent?.path)
    if (!isAllowedParent(input.level, (parent?.level as Level | undefined) ?? null)) {
      throw new AppError('ORG_INVALID_PARENT', { level: input.level, parentLevel: parent?.level ?? null })
    }
    const zone = input.zone ?? parent?.zone ?? 'external'
    await zones?.assertAllowed(actor, { objectType: 'department', objectId: null, zone })
    const id = newId()
    const now = clock.now().toISOString()
    const row: repo.DepartmentRow = {
      id,
      code: input.code,
      name: input.name.trim(),
      level: input.level,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      zone,
      created_at: now,
      updated_at: now,
    }
    try {
      await inTransaction(db, async (trx) => {
        await repo.insertDepartment(trx, row)
        await audit.append(trx, actor, {
          action: 'department.create',
          objectType: 'department',
          objectId: id,
          details: { code: row.code, name: row.name, level: row.level, parentId: row.parent_id },
        })
      })
    } catch (error) {
      throw isUniqueViolation(error) ? new AppError('ORG_DUPLICATE_CODE', { code: input.code }) : error
    }
    return toDepartmentView(row)
  }

  /** The department directory: every signed-in user may see it, to know whom to ask for data. */
  async function listDepartments(actor: Actor): Promise<DepartmentView[]> {
    authorize(actor, 'department.read')
    return (await repo.listDepartments(db)).map(toDepartmentView)
  }

  async function getDepartment(actor: Actor, id: string): Promise<DepartmentView> {
    authorize(actor, 'department.read')
    return toDepartmentView(await departmentOrThrow(id))
  }

  /**
   * Creates a user in a department within the actor's scope (Art. 28-29). Throws
   * AUTH_WEAK_PASSWORD, ORG_DEPARTMENT_NOT_FOUND, FORBIDDEN, ORG_DUPLICATE_USERNAME,
   * ZONE_NOT_ALLOWED (logged).
   */
  async function createUser(actor: Actor, input: NewUser): Promise<UserView> {
    if (!isStrongPassword(input.password)) {
      throw new AppError('AUTH_WEAK_PASSWORD', { field: 'password' })
    }
    const department = await departmentOrThrow(input.departmentId)
    authorize(actor, 'user.create', department.path)
    await zones?.assertAllowed(actor, {
      objectType: 'department',
      objectId: department.id,
      zone: department.zone,
    })
    const roles = [...new Set(input.roles)]
    assertMayGrant(actor, roles)
    const passwordHash = await passwords.hash(input.password)
    const now = clock.now().toISOString()
    const row = {
      id: newId(),
      username: input.username,
      password_hash: passwordHash,
      display_name: input.displayName?.trim() || input.username,
      department_id: department.id,
      status: 'active',
      locked_until: null,
      must_change_password: input.mustChangePassword ? 1 : 0,
      created_at: now,
      updated_at: now,
    }
    try {
      await inTransaction(db, async (trx) => {
        await repo.insertUser(trx, row, roles)
        await audit.append(trx, actor, {
          action: 'user.create',
          objectType: 'user',
          objectId: row.id,
          details: { username: row.username, departmentId: department.id, roles },
        })
      })
    } catch (error) {
      throw isUniqueViolation(error)
        ? new AppError('ORG_DUPLICATE_USERNAME', { username: input.username })
        : error
    }
    return toUserView({ ...row, failed_logins: 0 }, roles)
  }

  /** Users the actor may manage: all for the platform's operators, else the actor's scope. */
  async function listUsers(actor: Actor): Promise<UserView[]> {
    const prefix = scopePrefix(actor, 'user.read')
    const users = await repo.listUsers(db, prefix)
    const roles = await repo.rolesOfUsers(
      db,
      users.map((u) => u.id),
    )
    return users.map((user) => toUserView(user, roles.get(user.id) ?? []))
  }

  /**
   * Registers a department's information system as an API client; the secret is shown once.
   * Throws ORG_DEPARTMENT_NOT_FOUND, FORBIDDEN, ORG_ROLE_NOT_ALLOWED, ZONE_NOT_ALLOWED (logged).
   */
  async function createClient(
    actor: Actor,
    input: NewClient,
  ): Promise<ApiClientView & { clientSecret: string }> {
    const department = await departmentOrThrow(input.departmentId)
    authorize(actor, 'client.create', department.path)
    await zones?.assertAllowed(actor, {
      objectType: 'department',
      objectId: department.id,
      zone: department.zone,
    })
    const roles = [...new Set(input.roles ?? DEFAULT_CLIENT_ROLES)]
    const refused = roles.filter((role) => !(CLIENT_ROLES as readonly Role[]).includes(role))
    if (refused.length > 0) {
      throw new AppError('ORG_ROLE_NOT_ALLOWED', { field: 'roles', roles: refused })
    }
    const secret = newSecret()
    const row: repo.ApiClientRow = {
      id: newId(),
      client_id: `gs-${newSecret(12)}`,
      // The secret is 256 random bits, so a fast hash is as safe as a slow one here.
      secret_hash: sm3Hex(secret),
      name: input.name.trim(),
      department_id: department.id,
      status: 'active',
      created_at: clock.now().toISOString(),
    }
    await inTransaction(db, async (trx) => {
      await repo.insertClient(trx, row, roles)
      await audit.append(trx, actor, {
        action: 'client.create',
        objectType: 'api_client',
        objectId: row.id,
        details: { clientId: row.client_id, name: row.name, departmentId: department.id, roles },
      })
    })
    return { ...toClientView(row, roles), clientSecret: secret }
  }

  async function listClients(actor: Actor): Promise<ApiClientView[]> {
    const prefix = scopePrefix(actor, 'client.read')
    const clients = await repo.listClients(db, prefix)
    return Promise.all(
      clients.map(async (client) => toClientView(client, await repo.rolesOfClient(db, client.id))),
    )
  }

  /** undefined = everything; else the actor's department path (its subtree, for a county). */
  function scopePrefix(actor: Actor, action: 'user.read' | 'client.read'): string | undefined {
    if (can(actor, action)) {
      return undefined
    }
    if (actor.departmentPath === null || !can(actor, action, actor.departmentPath)) {
      throw new AppError('FORBIDDEN', { action })
    }
    return actor.departmentPath
  }

  return {
    ...createUserUpkeep({ db, clock, audit, passwords }),
    createDepartment,
    listDepartments,
    getDepartment,
    createUser,
    listUsers,
    createClient,
    listClients,
  }
}

export function toDepartmentView(row: repo.DepartmentRow): DepartmentView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level as Level, // only LEVELS values are ever written
    parentId: row.parent_id,
    zone: row.zone,
    createdAt: row.created_at,
  }
}

function toClientView(row: repo.ApiClientRow, roles: readonly Role[]): ApiClientView {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    departmentId: row.department_id,
    roles: [...roles],
    status: row.status,
    createdAt: row.created_at,
  }
}
