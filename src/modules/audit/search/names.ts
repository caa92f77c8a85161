/**
 * Issue 12: the names an auditor reads instead of ids: who acted, for which department, on what.
 * One batched lookup per kind for a whole page (never one per row), through the other modules' functions.
 */
import type { Executor } from '../../../db/database.js'
import type { Lang } from '../../../shared/errors.js'
import { actionLabel, categoryLabel, categoryOf } from '../vocabulary.js'
import type { AuditDirectory } from './directory.js'
import type { EntryRow } from './repo.js'
import type { SearchEntry } from './schema.js'

function idsWhere(rows: readonly EntryRow[], pick: (row: EntryRow) => string | null | undefined): string[] {
  const ids = new Set<string>()
  for (const row of rows) {
    const id = pick(row)
    if (id) {
      ids.add(id)
    }
  }
  return [...ids]
}

const objectOf = (type: string) => (row: EntryRow) => (row.object_type === type ? row.object_id : null)

/** The rows as the search's entries, names resolved and labels in `lang`. */
export async function namedEntries(
  db: Executor,
  directory: AuditDirectory,
  rows: readonly EntryRow[],
  lang: Lang,
): Promise<SearchEntry[]> {
  const viaSharing = await directory.resourceIdsOf(db, {
    grants: idsWhere(rows, objectOf('grant')),
    requests: idsWhere(rows, objectOf('sharing_request')),
  })
  const [principals, departments, resources] = await Promise.all([
    directory.principalNames(db, {
      users: [
        ...idsWhere(rows, (r) => (r.actor_type === 'user' ? r.actor_id : null)),
        ...idsWhere(rows, objectOf('user')),
      ],
      clients: [
        ...idsWhere(rows, (r) => (r.actor_type === 'client' ? r.actor_id : null)),
        ...idsWhere(rows, objectOf('api_client')),
      ],
    }),
    directory.departmentNames(db, [
      ...idsWhere(rows, (r) => r.department_id),
      ...idsWhere(rows, objectOf('department')),
    ]),
    directory.resourceNames(db, [...idsWhere(rows, objectOf('resource')), ...viaSharing.values()]),
  ])

  function objectName(row: EntryRow): string | null {
    const id = row.object_id
    if (id === null) {
      return null
    }
    switch (row.object_type) {
      case 'resource':
        return resources.get(id)?.name ?? null
      case 'grant':
      case 'sharing_request':
        return resources.get(viaSharing.get(id) ?? '')?.name ?? null
      case 'department':
        return departments.get(id) ?? null
      case 'user':
        return principals.users.get(id)?.name ?? null
      case 'api_client':
        return principals.clients.get(id)?.name ?? null
      default:
        return null
    }
  }

  return rows.map((row) => {
    const category = categoryOf(row.action)
    const principal =
      row.actor_id === null
        ? undefined
        : (row.actor_type === 'user' ? principals.users : principals.clients).get(row.actor_id)
    return {
      seq: Number(row.seq),
      at: row.at,
      actorType: row.actor_type,
      actorId: row.actor_id,
      actor: row.actor_name ?? row.actor_type,
      actorName: principal?.name ?? null,
      departmentId: row.department_id,
      departmentName: row.department_id === null ? null : (departments.get(row.department_id) ?? null),
      action: row.action,
      actionLabel: actionLabel(row.action, lang),
      category,
      categoryLabel: category === null ? null : categoryLabel(category, lang),
      objectType: row.object_type,
      objectId: row.object_id,
      objectName: objectName(row),
      details: parseDetails(row.details),
      hash: row.hash,
    }
  })
}

function parseDetails(text: string): unknown {
  const details: unknown = JSON.parse(text)
  return details
}
