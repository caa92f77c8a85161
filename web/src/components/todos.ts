/** Gathers the signed-in user's to-do list from the queues their roles answer for. */

import type { Role } from '../../../src/shared/schema'
import { catalog, quality, sharing } from '../api/endpoints'
import type { I18n, MessageKey } from '../i18n'
import { oversightTodos } from './oversight-todos'

export interface Todo {
  id: string
  kind: MessageKey
  title: string
  /** YYYY-MM-DD when the task has a working-day deadline. */
  due?: string
  provisional?: boolean
  overdue?: boolean
  link: string
}

export async function loadTodos(
  hasRole: (...roles: Role[]) => boolean,
  words: Pick<I18n, 't' | 'label'>,
): Promise<Todo[]> {
  const jobs: Array<Promise<Todo[]>> = oversightTodos(hasRole, words)
  if (hasRole('approver')) {
    jobs.push(
      sharing.requests('incoming').then((page) =>
        page.items
          .filter((r) => r.status === 'pending' || r.status === 'overdue')
          .map((r) => ({
            id: `answer-${r.id}`,
            kind: 'todo.answer' as const,
            title: `${r.resourceName}（${r.requesterName || r.requester}）`,
            due: r.dueDate ?? undefined,
            provisional: r.dueDateProvisional,
            overdue: r.status === 'overdue',
            link: '/requests',
          })),
      ),
    )
  }
  if (hasRole('approver', 'cataloger')) {
    // Art. 26: the provider's approver or cataloger verifies an objection within the bureau's working days.
    jobs.push(
      quality.objections({ direction: 'incoming', status: 'open' }).then((page) =>
        page.items.map((o) => ({
          id: `objection-${o.id}`,
          kind: 'todo.objection' as const,
          title: `${o.resourceName} ${o.maskedKey}${o.item ? `（${o.item}）` : ''}`,
          due: o.dueDate,
          provisional: o.dueDateProvisional,
          overdue: o.overdue,
          link: '/objections',
        })),
      ),
    )
  }
  if (hasRole('consumer')) {
    jobs.push(
      sharing.requests('outgoing').then((page) =>
        page.items
          .filter((r) => r.status === 'rejected' && r.dispute === null)
          .map((r) => ({
            id: `refused-${r.id}`,
            kind: 'todo.refused' as const,
            title: r.resourceName,
            link: '/requests',
          })),
      ),
    )
  }
  if (hasRole('bureau_reviewer')) {
    jobs.push(
      catalog.reviewQueue().then((queue) =>
        queue.items.map((r) => ({
          id: `review-${r.id}`,
          kind: 'todo.review' as const,
          title: `${r.name} v${r.version}`,
          link: '/review',
        })),
      ),
      sharing.disputes('open').then((list) =>
        list.items.map((d) => ({
          id: `dispute-${d.id}`,
          kind: 'todo.dispute' as const,
          title: d.resourceName,
          link: '/disputes',
        })),
      ),
    )
  }
  if (hasRole('cataloger')) {
    jobs.push(
      catalog.mine({ status: 'returned', pageSize: 50 }).then((page) =>
        page.items.map((r) => ({
          id: `returned-${r.id}`,
          kind: 'todo.returned' as const,
          title: r.name,
          link: `/my-catalog/${r.id}/edit`,
        })),
      ),
      catalog.mine({ status: 'draft', pageSize: 50 }).then((page) =>
        page.items.map((r) => ({
          id: `draft-${r.id}`,
          kind: 'todo.draft' as const,
          title: r.name,
          link: '/my-catalog',
        })),
      ),
    )
  }
  if (hasRole('cataloger', 'dept_admin', 'bureau_reviewer', 'platform_admin')) {
    jobs.push(
      catalog.deadlines('all').then((list) =>
        list.items
          .filter((d) => d.status !== 'met')
          .map((d) => ({
            id: `deadline-${d.id}`,
            kind: 'todo.deadline' as const,
            title: `${d.resourceCode} ${d.resourceName}`,
            due: d.dueDate,
            provisional: d.provisional,
            overdue: d.status === 'overdue',
            link: '/deadlines',
          })),
      ),
    )
  }
  const lists = await Promise.allSettled(jobs)
  const todos = lists.flatMap((result) => (result.status === 'fulfilled' ? result.value : []))
  // Overdue first, then by due date, undated last.
  return todos.sort(
    (a, b) =>
      Number(b.overdue ?? false) - Number(a.overdue ?? false) ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999'),
  )
}
