/** Actors built from org rows: who a session or a sign-in attempt is. */
import type { Actor, Role } from '../../shared/actor.js'
import type * as repo from './repo.js'

export function userActor(user: repo.UserRow, department?: repo.DepartmentRow): Actor {
  return {
    kind: 'user',
    id: user.id,
    name: user.username,
    departmentId: user.department_id,
    departmentPath: department?.path ?? null,
    departmentLevel: department?.level ?? null,
    roles: [],
  }
}

export function clientActor(
  client: repo.ApiClientRow,
  department: repo.DepartmentRow | undefined,
  roles: Role[],
): Actor {
  return {
    kind: 'client',
    id: client.id,
    name: client.client_id,
    departmentId: client.department_id,
    departmentPath: department?.path ?? null,
    departmentLevel: department?.level ?? null,
    roles,
  }
}
