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

/**
 * Display names of the users whose logins a module stored itself (who last edited a row). Callers
 * pass only logins read from their own rows, never one a caller typed: that would tell which
 * usernames exist.
 */
export async function userNamesByLogin(
  db: Executor,
  logins: readonly string[],
): Promise<Map<string, string>> {
  return new Map((await repo.usersByUsernames(db, logins)).map((u) => [u.username, u.display_name]))
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
