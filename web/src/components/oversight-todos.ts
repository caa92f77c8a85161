/**
 * Issue 15: the oversight deadlines in the to-do list of whoever must act on them — rectification
 * notices (Art. 40: the notified department's dept_admin answers by the due date; the bureau issues
 * drafts and closes answered ones), security incidents (Art. 30-31: the report to the cyberspace
 * office and police is due) and annual reports (Art. 39: 5 January for a department, 15 January
 * for the city's report to the province).
 */
import type { Role } from '../../../src/shared/schema'
import { annualReports, incidents, notices } from '../api/oversight'
import type { I18n } from '../i18n'
import { todayInShanghai } from './dates'
import type { Todo } from './todos'

export function oversightTodos(
  hasRole: (...roles: Role[]) => boolean,
  { t, label }: Pick<I18n, 't' | 'label'>,
): Array<Promise<Todo[]>> {
  const jobs: Array<Promise<Todo[]>> = []
  const today = todayInShanghai()
  if (hasRole('dept_admin', 'bureau_reviewer')) {
    jobs.push(
      notices.list().then((list) =>
        list.items.flatMap((n): Todo[] => {
          const title = `${n.departmentName ?? ''} ${label('noticeKind', n.kind)}`.trim()
          const link = '/oversight/notices'
          if (hasRole('dept_admin') && (n.status === 'issued' || n.status === 'escalated')) {
            const overdue = n.status === 'escalated' || (n.dueDate !== null && n.dueDate < today)
            return [
              {
                id: `notice-${n.id}`,
                kind: 'todo.notice',
                title,
                due: n.dueDate ?? undefined,
                overdue,
                link,
              },
            ]
          }
          if (hasRole('bureau_reviewer') && n.status === 'draft') {
            return [{ id: `notice-${n.id}`, kind: 'todo.noticeDraft', title, link }]
          }
          if (hasRole('bureau_reviewer') && (n.status === 'responded' || n.status === 'escalated')) {
            return [{ id: `notice-${n.id}`, kind: 'todo.noticeResponded', title, link }]
          }
          return []
        }),
      ),
    )
  }
  if (hasRole('security_officer', 'bureau_reviewer')) {
    jobs.push(
      incidents.list({ status: 'open' }).then((list) =>
        list.items.map((i) => ({
          id: `incident-${i.id}`,
          kind: 'todo.incident' as const,
          title: `${i.title}（${label('severity', i.severity)}）`,
          due: i.reportDueAt ? todayInShanghai(new Date(i.reportDueAt)) : undefined,
          overdue: i.overdue === true,
          link: '/oversight/incidents',
        })),
      ),
    )
  }
  if (hasRole('dept_admin', 'bureau_reviewer')) {
    jobs.push(
      annualReports.list().then((list) =>
        list.items
          // A department writes its own report; the bureau the city's (it returns the others).
          .filter((r) => (r.kind === 'city' ? hasRole('bureau_reviewer') : hasRole('dept_admin')))
          .filter((r) => r.status !== 'submitted')
          .map((r) => ({
            id: `annual-${r.kind}-${r.departmentId ?? 'city'}-${r.year}`,
            kind: 'todo.annualReport' as const,
            title: `${r.year} ${r.kind === 'city' ? t('annual.cityReport') : (r.departmentName ?? '')}`,
            due: r.dueDate,
            overdue: r.late,
            link: '/reports/annual',
          })),
      ),
    )
  }
  return jobs
}
