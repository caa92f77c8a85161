/** Read-only department facts other modules need for scope checks and deadlines. */
import type { Executor } from '../../db/database.js'
import type { Actor } from '../../shared/actor.js'
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
