/** `govshare zone check`: org rows an external instance must not hold (Art. 20, 33). */
import type { Executor } from '../../db/database.js'

export async function internalOrgRows(db: Executor) {
  const departments = await db
    .selectFrom('departments')
    .select(['id', 'code', 'name'])
    .where('zone', '=', 'internal')
    .orderBy('code')
    .execute()
  const ids = departments.length > 0 ? departments.map((d) => d.id) : ['']
  const [users, clients] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'username', 'department_id'])
      .where('department_id', 'in', ids)
      .execute(),
    db
      .selectFrom('api_clients')
      .select(['id', 'client_id', 'department_id'])
      .where('department_id', 'in', ids)
      .execute(),
  ])
  return { departments, users, clients }
}
