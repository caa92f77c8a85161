/** Due and overdue lists of the catalog's deadlines for the bureau and departments (Art. 14, 15, 19). */
import type { Executor } from '../../db/database.js'
import type { Actor } from '../../shared/actor.js'
import { shanghaiDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { departmentsInScope } from '../org/index.js'
import type { CatalogDeps } from './deps.js'
import * as repo from './repo.js'
import { annualConfirmationDue, deadlineStatus } from './rules.js'
import type { DeadlineView } from './schema.js'

export type DeadlineFilter = { status?: 'due' | 'overdue' | 'all'; departmentId?: string }

export interface MissedConfirmation {
  /** `annual:{resourceId}:{year}`, as in the deadline listing: one per resource and year owed. */
  id: string
  resourceId: string
  resourceName: string
  departmentId: string
  dueDate: string
}

/**
 * Art. 19: published resources whose yearly confirmation was due before `today` and not made, for
 * the oversight job (Art. 40). The same rule as the deadline listing below.
 */
export async function missedAnnualConfirmations(db: Executor, today: string): Promise<MissedConfirmation[]> {
  const missed: MissedConfirmation[] = []
  for (const row of await repo.publishedForConfirmation(db, undefined)) {
    const last = row.confirmed_at ?? row.published_at
    const due = last === null ? null : annualConfirmationDue(shanghaiDate(new Date(last)), today)
    if (due !== null && today > due) {
      missed.push({
        id: `annual:${row.id}:${due.slice(0, 4)}`,
        resourceId: row.id,
        resourceName: row.name,
        departmentId: row.provider_id,
        dueDate: due,
      })
    }
  }
  return missed
}

export function createCatalogDeadlines(deps: CatalogDeps) {
  const { db, clock } = deps

  /**
   * Every catalog deadline the actor may see, with its state today: filing a county change
   * (10 working days), resubmitting after a legal change (15), re-confirming yearly (Art. 19).
   * 'overdue' lists open deadlines past due and those met late.
   */
  async function listDeadlines(actor: Actor, filter: DeadlineFilter): Promise<DeadlineView[]> {
    let scope = await departmentsInScope(db, actor, 'catalog.deadlines')
    // Issue 13 (the permission matrix): a role without the action is refused, not shown an empty list.
    if (scope !== undefined && scope.length === 0) {
      throw new AppError('FORBIDDEN', { action: 'catalog.deadlines' })
    }
    if (filter.departmentId !== undefined) {
      scope = scope === undefined || scope.includes(filter.departmentId) ? [filter.departmentId] : []
    }
    const today = shanghaiDate(clock.now())
    const stored: DeadlineView[] = (await repo.listDeadlines(db, scope)).map((row) => {
      const metOn = row.met_at === null ? null : shanghaiDate(new Date(row.met_at))
      return {
        id: row.id,
        kind: row.kind === 'legal_change' ? 'legal_change' : 'county_filing',
        resourceId: row.resource_id,
        resourceCode: row.resource_code,
        resourceName: row.resource_name,
        departmentId: row.department_id,
        openedOn: row.opened_on,
        dueDate: row.due_date,
        provisional: row.provisional === 1,
        metAt: row.met_at,
        late: row.late === 1 || (row.met_at === null && today > row.due_date),
        status: deadlineStatus(row.due_date, metOn, today),
        note: row.note,
      }
    })
    const annual: DeadlineView[] = []
    for (const row of await repo.publishedForConfirmation(db, scope)) {
      const last = row.confirmed_at ?? row.published_at
      const due = last === null ? null : annualConfirmationDue(shanghaiDate(new Date(last)), today)
      if (last === null || due === null) {
        continue
      }
      annual.push({
        id: `annual:${row.id}:${due.slice(0, 4)}`,
        kind: 'annual_confirmation',
        resourceId: row.id,
        resourceCode: row.code,
        resourceName: row.name,
        departmentId: row.provider_id,
        openedOn: `${due.slice(0, 4)}-01-01`,
        dueDate: due,
        provisional: false,
        metAt: null,
        late: today > due,
        status: deadlineStatus(due, null, today),
        note: null,
      })
    }
    const wanted = filter.status ?? 'all'
    return [...stored, ...annual]
      .filter((d) => wanted === 'all' || d.status === wanted)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
  }

  return { listDeadlines }
}
