/**
 * Issue 13: the permission matrix generated from docs/roles.md. The doc's role table must say what
 * policy RULES say; its route map must name every route the app serves; then every route is called
 * by every role on subjects in its own department, another department and another county, and no
 * call may succeed that the table does not allow. One platform per dialect, users reused.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXCLUSIVE_PAIRS } from '../../src/modules/org/index.js'
import { type Actor, ROLES, type Role } from '../../src/shared/actor.js'
import { type Action, can, RULES } from '../../src/shared/policy.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  createDepartment,
  createUser,
  USER_PASSWORD,
  uniqueName,
  validCode,
} from '../support/scenario-kit.js'

const DOC = fs.readFileSync(new URL('../../docs/roles.md', import.meta.url), 'utf8')
const PLACES = ['own', 'other', 'otherCounty'] as const
type Place = (typeof PLACES)[number]
const PLACED = new Set(['department', 'user', 'report', 'incident'])

interface RouteRow {
  method: string
  path: string
  action: Action | null
  subject: string
}

/** The rows of the first markdown table after `heading`, as arrays of trimmed cells. */
function tableAfter(heading: string): string[][] {
  const lines = DOC.slice(DOC.indexOf(heading)).split('\n')
  const start = lines.findIndex((line) => line.startsWith('|'))
  const rows: string[][] = []
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) {
      break
    }
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
  }
  return rows
}

const codes = (cell: string) => [...cell.matchAll(/`([a-z_.]+)`( \(own\))?/g)]

function isAction(name: string): name is Action {
  return Object.hasOwn(RULES, name)
}

const ROUTES: RouteRow[] = tableAfter('## Route map').map(([route = '', action = '', subject = '']) => {
  const [method = '', path = ''] = route.split(' ')
  return { method, path, action: isAction(action) ? action : null, subject }
})

describe('docs/roles.md says what the code says', () => {
  const table = new Map(tableAfter('## Role table').map((row) => [row[0]?.replaceAll('`', '') ?? '', row]))

  it('lists every role once, with exactly the actions RULES gives it', () => {
    expect([...table.keys()].sort()).toEqual([...ROLES].sort())
    for (const role of ROLES) {
      const written = codes(table.get(role)?.[2] ?? '').map(([, action, own]) => `${action}${own ?? ''}`)
      const ruled = Object.entries(RULES).flatMap(([action, rule]): string[] => {
        if ((rule.global as readonly Role[]).includes(role)) {
          return [action]
        }
        return (rule.scoped as readonly Role[]).includes(role) ? [`${action} (own)`] : []
      })
      expect(written.sort(), role).toEqual(ruled.sort())
    }
  })

  it('states the exclusive combinations of org/roles.ts', () => {
    for (const role of ROLES) {
      const cell = table.get(role)?.[4] ?? ''
      const excluded = cell.startsWith('all but') ? codes(cell).map(([, r]) => r) : []
      const ruled = EXCLUSIVE_PAIRS.flatMap(([a, b]) => (a === role ? [b] : b === role ? [a] : []))
      expect(excluded.sort(), role).toEqual([...ruled].sort())
    }
  })

  it('maps each route to a known action and subject', () => {
    for (const route of ROUTES) {
      expect(['public', 'self', 'global', 'list', 'object', ...PLACED], route.path).toContain(route.subject)
      expect(route.action !== null || ['public', 'self'].includes(route.subject), route.path).toBe(true)
    }
  })
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: permission matrix from docs/roles.md`, () => {
    let t: TestPlatform
    const dept = {} as Record<Place, { id: string; path: string }>
    const victim = {} as Record<Place, string>
    const report = {} as Record<Place, string>
    const as = {} as Record<Role, { api: ApiClient; username: string }>

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const own = (await createDepartment(admin, 'county')).id
      const other = (await createDepartment(admin, 'city')).id
      const otherCounty = (await createDepartment(admin, 'county')).id
      // Paths are not on the wire: read them from the store to ask `can` the server's question.
      const rows = await t.platform.services.db.selectFrom('departments').select(['id', 'path']).execute()
      const pathOf = (id: string) => rows.find((row) => row.id === id)?.path ?? ''
      Object.assign(dept, {
        own: { id: own, path: pathOf(own) },
        other: { id: other, path: pathOf(other) },
        otherCounty: { id: otherCounty, path: pathOf(otherCounty) },
      })
      for (const role of ROLES) {
        const user = await createUser(admin, own, [role], role.replaceAll('_', ''))
        as[role] = { api: await t.login(user.username, user.password), username: user.username }
      }
      for (const place of PLACES) {
        victim[place] = (await createUser(admin, dept[place].id, ['consumer'], 'victim')).id
        const placeAdmin =
          place === 'own'
            ? as.dept_admin.api
            : await t.login(
                (await createUser(admin, dept[place].id, ['dept_admin'], 'da')).username,
                USER_PASSWORD,
              )
        const generated = await placeAdmin.post('/api/v1/reports/annual/2025/generate', {})
        report[place] = generated.body.id
      }
    }, 120_000)
    afterAll(async () => {
      await t?.close()
    })

    it('names every route the app serves, and no other', async () => {
      const doc = (await t.api.get('/openapi.json')).body
      const served = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      )
      expect(ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(served.sort())
    })

    function actorOf(role: Role): Actor {
      return {
        kind: 'user',
        id: 'matrix',
        name: role,
        departmentId: dept.own.id,
        departmentPath: dept.own.path,
        departmentLevel: 'county',
        roles: [role],
      }
    }

    function isExpected(role: Role, route: RouteRow, place: Place): boolean {
      const actor = actorOf(role)
      if (route.subject === 'public' || route.subject === 'self') {
        return true
      }
      if (route.action === null || route.subject === 'object') {
        return false
      }
      if (route.subject === 'global') {
        return can(actor, route.action)
      }
      if (route.subject === 'list') {
        return can(actor, route.action) || can(actor, route.action, dept.own.path)
      }
      return can(actor, route.action, dept[place].path)
    }

    function request(route: RouteRow, place: Place): { path: string; body?: unknown } {
      const id =
        route.subject === 'user' ? victim[place] : route.subject === 'report' ? report[place] : undefined
      const path = route.path
        .replace('{id}', id ?? (route.subject === 'department' ? dept[place].id : crypto.randomUUID()))
        .replace('{year}', '2025')
        .replace('{date}', '2026-10-01')
        .replace('{key}', 'k')
      const departmentId = dept[place].id
      const bodies: Record<string, unknown> = {
        'POST /api/v1/departments': {
          code: validCode(),
          name: uniqueName('矩阵'),
          level: place === 'other' ? 'city' : 'township',
          parentId: departmentId,
        },
        'POST /api/v1/users': {
          username: uniqueName('m'),
          password: USER_PASSWORD,
          departmentId,
          roles: ['consumer'],
        },
        'POST /api/v1/clients': { name: uniqueName('sys'), departmentId },
        'PUT /api/v1/users/{id}/roles': { roles: ['consumer'] },
        'POST /api/v1/reports/annual/{year}/generate': { departmentId },
        'PUT /api/v1/reports/annual/{id}': { text: '矩阵' },
        'POST /api/v1/reports/annual/{id}/return': { comment: '矩阵' },
        'POST /api/v1/auth/password': { currentPassword: USER_PASSWORD, newPassword: USER_PASSWORD },
        'POST /api/v1/oversight/incidents': {
          title: '矩阵',
          description: '矩阵',
          occurredAt: '2026-01-01T00:00:00.000Z',
          dataAffected: '无',
          severity: 'low',
          departmentId,
        },
      }
      const key = `${route.method} ${route.path}`
      return {
        path,
        body: bodies[key] ?? (route.method === 'POST' || route.method === 'PUT' ? {} : undefined),
      }
    }

    it('finds no success the table does not allow', async () => {
      const counts = {
        calls: 0,
        allowedByTable: 0,
        succeeded: 0,
        refused: 0,
        unexpectedSuccesses: 0,
        allowedButRefused: 0,
      }
      const unexpected: string[] = []
      // Allowed by the table but refused: a body the matrix cannot fill, a state already moved on.
      const refusedAllowed = new Map<string, number>()
      for (const route of ROUTES) {
        for (const role of ROLES) {
          for (const place of PLACED.has(route.subject) ? PLACES : (['own'] as const)) {
            const { path, body } = request(route, place)
            // Ending the session under test would blind the rest of the run: those two get a fresh one.
            const api = ['/api/v1/auth/logout', '/api/v1/auth/password'].includes(path)
              ? await t.login(as[role].username, USER_PASSWORD)
              : as[role].api
            const reply = await api.request(route.method, path, body)
            const expected = isExpected(role, route, place)
            const ok = reply.status >= 200 && reply.status < 300
            counts.calls += 1
            counts.allowedByTable += expected ? 1 : 0
            counts.succeeded += ok ? 1 : 0
            counts.refused += ok ? 0 : 1
            if (expected && !ok) {
              counts.allowedButRefused += 1
              const key = `${route.method} ${route.path} ${reply.status} ${reply.body?.error?.code ?? ''}`
              refusedAllowed.set(key, (refusedAllowed.get(key) ?? 0) + 1)
            }
            if (ok && !expected) {
              counts.unexpectedSuccesses += 1
              unexpected.push(`${role} ${route.method} ${route.path} (${place}) → ${reply.status}`)
            }
          }
        }
      }
      console.log(`${dialect} permission matrix: ${JSON.stringify(counts)}`)
      console.log(`${dialect} allowed but refused: ${JSON.stringify(Object.fromEntries(refusedAllowed))}`)
      expect(unexpected).toEqual([])
      expect(counts.succeeded).toBeGreaterThan(0)
    }, 300_000)
  })
}
