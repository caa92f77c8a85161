/** Read-only department facts other modules need for scope checks and deadlines. */
import type { Executor } from '../../db/database.js'
import type { Actor, Role } from '../../shared/actor.js'
import type { Action } from '../../shared/policy.js'
import { can } from '../../shared/policy.js'
import * as repo from './repo.js'

export interface DepartmentInfo {
  id: string
  name: string
  level: string
  path: string
  zone: string
}

export async function departmentInfo(db: Executor, id: string): Promise<DepartmentInfo | undefined> {
  const row = await repo.findDepartment(db, id)
  return row && { id: row.id, name: row.name, level: row.level, path: row.path, zone: row.zone }
}

/**
 * The departments whose objects the actor may see for `action`: undefined = all (global roles),
 * else its own department and, for a county, its subtree; empty when it has no such role.
 */
export async function departmentsInScope(
  db: Executor,
  actor: Actor,
  action: Action,
): Promise<string[] | undefined> {
  if (can(actor, action)) {
    return undefined
  }
  if (
    actor.departmentPath === null ||
    actor.departmentId === null ||
    !can(actor, action, actor.departmentPath)
  ) {
    return []
  }
  if (actor.departmentLevel === 'county') {
    return repo.departmentIdsUnder(db, actor.departmentPath)
  }
  return [actor.departmentId]
}

/** An actor that acts for a department with the given roles: the demo seed and the CLI use it. */
export async function departmentActor(
  db: Executor,
  departmentId: string,
  roles: Actor['roles'],
  name: string,
): Promise<Actor> {
  const department = await departmentInfo(db, departmentId)
  if (!department) {
    throw new Error(`no department ${departmentId}`)
  }
  return {
    kind: 'system',
    id: null,
    name,
    departmentId: department.id,
    departmentPath: department.path,
    departmentLevel: department.level,
    roles,
  }
}

/** The department with this unified social credit code (the CLI names departments by code). */
export async function departmentByCode(db: Executor, code: string): Promise<DepartmentInfo | undefined> {
  // Departments number in the hundreds; a scan keeps SQL for this one CLI lookup out of repo.ts's way.
  const row = (await repo.listDepartments(db)).find((d) => d.code === code.trim().toUpperCase())
  return row && { id: row.id, name: row.name, level: row.level, path: row.path, zone: row.zone }
}

export interface PrincipalName {
  /** username or client id: what the log's actor column holds. */
  login: string
  /** A user's display name, a client's name. */
  name: string
}

/** Issue 12: names of users, API clients and departments by id, batched (the audit search). */
export async function principalNames(
  db: Executor,
  ids: { users: readonly string[]; clients: readonly string[] },
): Promise<{ users: Map<string, PrincipalName>; clients: Map<string, PrincipalName> }> {
  const [users, clients] = await Promise.all([
    repo.usersByIds(db, ids.users),
    repo.clientsByIds(db, ids.clients),
  ])
  return {
    users: new Map(users.map((u) => [u.id, { login: u.username, name: u.display_name }])),
    clients: new Map(clients.map((c) => [c.id, { login: c.client_id, name: c.name }])),
  }
}

export async function departmentNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((await repo.departmentsByIds(db, ids)).map((d) => [d.id, d.name]))
}

/** Unified social credit codes of departments by id (a resource names its provider by both). */
export async function departmentCodes(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((await repo.departmentsByIds(db, [...new Set(ids)])).map((d) => [d.id, d.code]))
}

/** Name, code and creation time of departments by id: the open catalog's organisations (Art. 23). */
export async function departmentCards(
  db: Executor,
  ids: readonly string[],
): Promise<Array<{ id: string; code: string; name: string; createdAt: string }>> {
  const rows = await repo.departmentsByIds(db, [...new Set(ids)])
  return rows.map((d) => ({ id: d.id, code: d.code, name: d.name, createdAt: d.created_at }))
}

/** Ids of the users and API clients whose login or name contains `text`, at most `limit` of each. */
export async function principalsMatching(db: Executor, text: string, limit: number): Promise<string[]> {
  const [users, clients] = await Promise.all([
    repo.usersMatching(db, text, limit),
    repo.clientsMatching(db, text, limit),
  ])
  return [...users, ...clients].map((row) => row.id)
}

/** Every department in tree order (path), with its code: what statistics and evaluation rank. */
export async function allDepartments(
  db: Executor,
): Promise<Array<{ id: string; code: string; name: string; level: string; path: string }>> {
  return (await repo.listDepartments(db)).map((d) => ({
    id: d.id,
    code: d.code,
    name: d.name,
    level: d.level,
    path: d.path,
  }))
}

export function countDepartments(db: Executor): Promise<number> {
  return repo.countDepartments(db)
}

/** Active users holding `role`, optionally only one department's: whom a notification reaches. */
export function activeUserIdsWithRole(db: Executor, role: Role, departmentId?: string): Promise<string[]> {
  return repo.activeUserIdsWithRole(db, role, departmentId)
}

/**
 * Issue 15: the display name of each login (username or API client id) other modules store as
 * "who did it", batched; logins that name nobody (system, demo-seed, a deleted user) are left out.
 * Only the server calls this, for objects the caller may already see: a route that answered it
 * for any login would let a signed-in user test which usernames exist.
 */
export async function displayNames(
  db: Executor,
  logins: ReadonlyArray<string | null>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(logins.filter((login): login is string => login !== null && login !== ''))]
  const { users, clients } = await repo.principalsByLogin(db, wanted)
  return new Map([
    ...clients.map((c): [string, string] => [c.client_id, c.name]),
    ...users.map((u): [string, string] => [u.username, u.display_name || u.username]),
  ])
}

type WithNames<T, F extends keyof T & string> = T & { [K in F as `${K}Name`]: string | null }

/**
 * Adds `<field>Name` beside each login field of each item (requester → requesterName), null when
 * the login names nobody; the login fields themselves stay as they were (the API contract).
 */
export async function withDisplayNames<T extends object, F extends keyof T & string>(
  db: Executor,
  items: readonly T[],
  fields: readonly F[],
): Promise<Array<WithNames<T, F>>> {
  const loginOf = (item: T, field: F): string | null => {
    const value: unknown = item[field]
    return typeof value === 'string' ? value : null
  }
  const names = await displayNames(
    db,
    items.flatMap((item) => fields.map((field) => loginOf(item, field))),
  )
  return items.map((item) => {
    const added = Object.fromEntries(
      fields.map((field) => [`${field}Name`, names.get(loginOf(item, field) ?? '') ?? null]),
    )
    // Object.fromEntries cannot carry the mapped key names; `added` holds exactly `<field>Name` per field.
    return { ...item, ...added } as WithNames<T, F>
  })
}
