/**
 * Issue 15: oversight deadlines reach the to-do list of whoever must act, against a real platform
 * in Node, every dialect: the notified department's dept_admin sees the issued notice with its due
 * date and the year's annual report; the bureau's reviewer the draft to issue, the open incident
 * with its report deadline, and the city's report — and neither sees the other's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../src/shared/schema'
import type { OversightKit, OversightStory } from '../../../test/portal/oversight-story'
import type { Credentials } from '../../../test/portal/story'
import { saveSession, setApiBase } from '../api/client'
import { auth } from '../api/endpoints'
import { MemoryStorage } from '../testing/memory-storage'
import { oversightTodos } from './oversight-todos'
import type { Todo } from './todos'

const KIT_PATH = '../../../test/portal/oversight-kit.ts'
const { oversightKit: kit }: { oversightKit: OversightKit } = await import(/* @vite-ignore */ KIT_PATH)

/** The to-dos of a signed-in user holding `roles`, with words that show their keys. */
async function todosOf(who: Credentials, roles: Role[]): Promise<Todo[]> {
  saveSession(null)
  saveSession(await auth.login(who.username, who.password))
  const lists = await Promise.all(
    oversightTodos((...wanted) => wanted.some((role) => roles.includes(role)), {
      t: (key) => key,
      label: (kind, value) => `${kind}:${value ?? ''}`,
    }),
  )
  return lists.flat()
}

for (const dialect of kit.DIALECTS) {
  describe(`${dialect}: oversight deadlines in the to-do list`, () => {
    let story: OversightStory

    beforeAll(async () => {
      globalThis.sessionStorage = new MemoryStorage()
      story = await kit.startOversightStory(dialect)
      setApiBase(story.baseUrl)
    })

    afterAll(async () => {
      setApiBase('')
      await story?.close()
    })

    it('the department answers the notice issued to it and writes its annual report', async () => {
      const todos = await todosOf(story.deptAdmin, ['dept_admin'])
      expect(todos).toContainEqual({
        id: `notice-${story.issuedNotice.id}`,
        kind: 'todo.notice',
        title: `${story.departmentName} noticeKind:misuse`,
        due: story.issuedNotice.dueDate,
        overdue: false,
        link: '/oversight/notices',
      })
      expect(todos.map((todo) => todo.kind).sort()).toEqual(['todo.annualReport', 'todo.notice'])
      const report = todos.find((todo) => todo.kind === 'todo.annualReport')
      expect(report?.due).toMatch(/^\d{4}-01-05$/)
      expect(report?.title).toContain(story.departmentName)
    })

    it('the bureau issues the draft, handles the incident and writes the city report', async () => {
      const todos = await todosOf(story.reviewer, ['bureau_reviewer'])
      expect(todos).toContainEqual(
        expect.objectContaining({ id: `notice-${story.draftNotice}`, kind: 'todo.noticeDraft' }),
      )
      expect(todos).toContainEqual(
        expect.objectContaining({
          id: `incident-${story.incident}`,
          kind: 'todo.incident',
          title: '接口密钥泄露（severity:high）',
          link: '/oversight/incidents',
          due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        }),
      )
      expect(todos).toContainEqual(
        expect.objectContaining({
          kind: 'todo.annualReport',
          title: expect.stringContaining('annual.cityReport'),
        }),
      )
      // The notice issued to the department is the department's to answer, not the bureau's.
      expect(todos.map((todo) => todo.id)).not.toContain(`notice-${story.issuedNotice.id}`)
      // Only the city's report: the departments' reports are theirs to write.
      expect(todos.filter((todo) => todo.kind === 'todo.annualReport')).toHaveLength(1)
    })
  })
}
