import type { Role } from '../../shared/actor.js'
import type * as repo from './repo.js'
import type { UserView } from './schema.js'

export function toUserView(row: repo.UserRow, roles: readonly Role[]): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    departmentId: row.department_id,
    roles: [...roles],
    status: row.status,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
  }
}
