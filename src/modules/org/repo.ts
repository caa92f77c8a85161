import type { Selectable } from 'kysely'
import { containsText } from '../../db/contains.js'
import type { Executor } from '../../db/database.js'
import { isPostgres } from '../../db/dialect.js'
import type { Role } from '../../shared/actor.js'
import type { OrgTables } from './tables.js'

export type DepartmentRow = Selectable<OrgTables['departments']>
export type UserRow = Selectable<OrgTables['users']>
export type ApiClientRow = Selectable<OrgTables['api_clients']>
export type SessionRow = Selectable<OrgTables['sessions']>

// Departments

export function findDepartment(db: Executor, id: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listDepartments(db: Executor): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().orderBy('path').execute()
}

/** Active users holding `role`, optionally only those of one department. */
export async function activeUserIdsWithRole(
  db: Executor,
  role: Role,
  departmentId?: string,
): Promise<string[]> {
  let query = db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('user_roles.role', '=', role)
    .where('users.status', '=', 'active')
  if (departmentId !== undefined) {
    query = query.where('users.department_id', '=', departmentId)
  }
  const rows = await query.orderBy('users.id').execute()
  return rows.map((row) => row.id)
}

export async function countDepartments(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function insertDepartment(db: Executor, row: DepartmentRow): Promise<void> {
  await db.insertInto('departments').values(row).execute()
}

// Users

export function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()
}

export function findUser(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<UserRow | undefined> {
  let query = db.selectFrom('users').selectAll().where('id', '=', id)
  if (options.lock && isPostgres(db)) {
    query = query.forUpdate()
  }
  return query.executeTakeFirst()
}

export async function insertUser(db: Executor, row: Omit<UserRow, 'failed_logins'>, roles: readonly Role[]) {
  await db.insertInto('users').values(row).execute()
  await db
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: row.id, role })))
    .execute()
}

export async function updateUser(
  db: Executor,
  id: string,
  changes: Partial<
    Pick<
      UserRow,
      'failed_logins' | 'locked_until' | 'password_hash' | 'must_change_password' | 'status' | 'updated_at'
    >
  >,
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute()
}

export async function rolesOfUsers(db: Executor, userIds: readonly string[]): Promise<Map<string, Role[]>> {
  const result = new Map<string, Role[]>()
  if (userIds.length === 0) {
    return result
  }
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where('user_id', 'in', userIds)
    .execute()
  for (const row of rows) {
    const list = result.get(row.user_id) ?? []
    list.push(row.role as Role) // only values from ROLES are ever written
    result.set(row.user_id, list)
  }
  return result
}

/** Users whose department lies under `pathPrefix` (or all users when it is undefined). */
export function listUsers(db: Executor, pathPrefix: string | undefined): Promise<UserRow[]> {
  let query = db
    .selectFrom('users')
    .innerJoin('departments', 'departments.id', 'users.department_id')
    .selectAll('users')
  if (pathPrefix !== undefined) {
    query = query.where('departments.path', 'like', `${pathPrefix}%`)
  }
  return query.orderBy('users.username').execute()
}

/** Issue 13: the user's roles become exactly `roles`. */
export async function replaceUserRoles(db: Executor, userId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute()
  await db
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: userId, role })))
    .execute()
}

/**
 * Issue 13: clears what auth.ts counts on a failed sign-in (failed_logins, locked_until), so the
 * next right password signs in. Returns whether the account was locked or counting.
 */
export async function clearLockout(db: Executor, userId: string, nowIso: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select(['failed_logins', 'locked_until'])
    .where('id', '=', userId)
    .executeTakeFirst()
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, updated_at: nowIso })
    .where('id', '=', userId)
    .execute()
  return row !== undefined && (Number(row.failed_logins) > 0 || row.locked_until !== null)
}

// API clients

export function findClientByClientId(db: Executor, clientId: string): Promise<ApiClientRow | undefined> {
  return db.selectFrom('api_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst()
}

export function findClient(db: Executor, id: string): Promise<ApiClientRow | undefined> {
  return db.selectFrom('api_clients').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertClient(db: Executor, row: ApiClientRow, roles: readonly Role[]): Promise<void> {
  await db.insertInto('api_clients').values(row).execute()
  await db
    .insertInto('api_client_roles')
    .values(roles.map((role) => ({ api_client_id: row.id, role })))
    .execute()
}

export async function rolesOfClient(db: Executor, id: string): Promise<Role[]> {
  const rows = await db
    .selectFrom('api_client_roles')
    .select('role')
    .where('api_client_id', '=', id)
    .execute()
  return rows.map((row) => row.role as Role) // only values from ROLES are ever written
}

export function listClients(db: Executor, pathPrefix: string | undefined): Promise<ApiClientRow[]> {
  let query = db
    .selectFrom('api_clients')
    .innerJoin('departments', 'departments.id', 'api_clients.department_id')
    .selectAll('api_clients')
  if (pathPrefix !== undefined) {
    query = query.where('departments.path', 'like', `${pathPrefix}%`)
  }
  return query.orderBy('api_clients.name').execute()
}

// Sessions

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute()
}

/** A session not revoked; whether it has expired is the caller's to decide against its clock. */
export function findUnrevokedSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
}

export async function revokeSession(db: Executor, id: string, nowIso: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: nowIso }).where('id', '=', id).execute()
}

/** Issue 13: ends every live session of a user at once (disable, password reset). Returns how many. */
export async function revokeUserSessions(db: Executor, userId: string, nowIso: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: nowIso })
    .where('principal_type', '=', 'user')
    .where('principal_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

// Platform settings

export async function readSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('platform_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst()
  return row?.value
}

export async function writeSetting(db: Executor, key: string, value: string, nowIso: string): Promise<void> {
  await db
    .insertInto('platform_settings')
    .values({ key, value, updated_at: nowIso })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: nowIso }))
    .execute()
}

/** Ids of the departments whose path starts with `pathPrefix` (a department and its subtree). */
export async function departmentIdsUnder(db: Executor, pathPrefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('departments')
    .select('id')
    .where('path', 'like', `${pathPrefix}%`)
    .execute()
  return rows.map((row) => row.id)
}

/** Issue 12: names of many users at once, for the audit search (one query, never one per row). */
export function usersByIds(db: Executor, ids: readonly string[]) {
  return ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('users')
        .select(['id', 'username', 'display_name'])
        .where('id', 'in', [...ids])
        .execute()
}

export function clientsByIds(db: Executor, ids: readonly string[]) {
  return ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('api_clients')
        .select(['id', 'client_id', 'name'])
        .where('id', 'in', [...ids])
        .execute()
}

export function departmentsByIds(db: Executor, ids: readonly string[]) {
  return ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('departments')
        .select(['id', 'name', 'code', 'created_at'])
        .where('id', 'in', [...ids])
        .execute()
}

/** Users whose username or display name contains `text` (the audit search's person filter). */
export function usersMatching(db: Executor, text: string, limit: number) {
  return db
    .selectFrom('users')
    .select(['id'])
    .where((eb) => eb.or([containsText(db, 'username', text), containsText(db, 'display_name', text)]))
    .limit(limit)
    .execute()
}

export function clientsMatching(db: Executor, text: string, limit: number) {
  return db
    .selectFrom('api_clients')
    .select(['id'])
    .where((eb) => eb.or([containsText(db, 'client_id', text), containsText(db, 'name', text)]))
    .limit(limit)
    .execute()
}

/** Users by login and API clients by client id: the logins other modules store as "who". */
export async function principalsByLogin(db: Executor, logins: readonly string[]) {
  if (logins.length === 0) {
    return { users: [], clients: [] }
  }
  const [users, clients] = await Promise.all([
    db
      .selectFrom('users')
      .select(['username', 'display_name'])
      .where('username', 'in', [...logins])
      .execute(),
    db
      .selectFrom('api_clients')
      .select(['client_id', 'name'])
      .where('client_id', 'in', [...logins])
      .execute(),
  ])
  return { users, clients }
}
