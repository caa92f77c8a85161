/** The IT projects' SQL (Art. 36-37): projects and the catalog resources each one uses. */
import type { Selectable } from 'kysely'
import type { Executor } from '../../../db/database.js'
import type { CatalogTables } from '../tables.js'

export type ProjectRow = Selectable<CatalogTables['it_projects']>

export function findProject(db: Executor, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('it_projects').selectAll().where('id', '=', id).executeTakeFirst()
}

export function listProjects(
  db: Executor,
  departmentIds: readonly string[] | undefined,
): Promise<ProjectRow[]> {
  let query = db.selectFrom('it_projects').selectAll()
  if (departmentIds !== undefined) {
    query = query.where('department_id', 'in', departmentIds.length > 0 ? [...departmentIds] : [''])
  }
  return query.orderBy('created_at', 'desc').execute()
}

export async function insertProject(
  db: Executor,
  row: ProjectRow,
  resourceIds: readonly string[],
): Promise<void> {
  await db.insertInto('it_projects').values(row).execute()
  await replaceProjectResources(db, row.id, resourceIds)
}

export async function updateProject(db: Executor, id: string, changes: Partial<ProjectRow>): Promise<void> {
  await db.updateTable('it_projects').set(changes).where('id', '=', id).execute()
}

export async function replaceProjectResources(
  db: Executor,
  projectId: string,
  resourceIds: readonly string[],
) {
  await db.deleteFrom('it_project_resources').where('project_id', '=', projectId).execute()
  if (resourceIds.length > 0) {
    await db
      .insertInto('it_project_resources')
      .values(resourceIds.map((resource_id) => ({ project_id: projectId, resource_id })))
      .execute()
  }
}

export function projectResources(db: Executor, projectId: string) {
  return db
    .selectFrom('it_project_resources as p')
    .innerJoin('resources as r', 'r.id', 'p.resource_id')
    .select(['r.id', 'r.code', 'r.name', 'r.status', 'r.published_version'])
    .where('p.project_id', '=', projectId)
    .orderBy('r.code')
    .execute()
}
