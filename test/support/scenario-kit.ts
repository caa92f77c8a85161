/**
 * Small factories for the scenario tests: valid (and invalid) GB 32100-2015 codes, departments and
 * users created over HTTP, the whole audit log, and the error-shape assertion every test repeats.
 */
import { randomInt } from 'node:crypto'
import http from 'node:http'
import { expect } from 'vitest'
import { buildUscc } from '../../src/modules/org/index.js'
import { ApiClient, type ApiReply, startTestPlatform, USER_PASSWORD } from './platform.js'

export { USER_PASSWORD }

/**
 * Same as startTestPlatform. It was a work-around while src/db/migrate.ts let Kysely find another
 * schema's migration tables (fixed there since); kept because other scenario files import it.
 */
export const startScenarioPlatform = startTestPlatform

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
let counter = 0

/** A name no other test run uses (usernames, department names). */
export function uniqueName(prefix: string): string {
  counter += 1
  return `${prefix}.${Date.now().toString(36)}${counter}${randomInt(1000)}`
}

/** A valid, random unified social credit code (11 = organ of state, 5301xx = Kunming). */
export function validCode(): string {
  let base = ''
  for (let i = 0; i < 8; i++) {
    base += CODE_CHARS.charAt(randomInt(CODE_CHARS.length))
  }
  return buildUscc('11', `5301${String(randomInt(100)).padStart(2, '0')}`, base)
}

/** The same code with its 18th (check) character replaced by another code character. */
export function withWrongCheckChar(code: string): string {
  const last = code.charAt(17)
  const other = CODE_CHARS.charAt((CODE_CHARS.indexOf(last) + 1) % CODE_CHARS.length)
  return `${code.slice(0, 17)}${other}`
}

export type Level = 'city' | 'county' | 'township'

export async function createDepartment(
  api: ApiClient,
  level: Level,
  parentId?: string,
): Promise<{ id: string; code: string; name: string; level: Level; parentId: string | null }> {
  const reply = await api.post('/api/v1/departments', {
    code: validCode(),
    name: uniqueName(`${level}部门`),
    level,
    ...(parentId ? { parentId } : {}),
  })
  if (reply.status !== 201) {
    throw new Error(`create ${level} department: ${reply.status} ${JSON.stringify(reply.body)}`)
  }
  return reply.body
}

export async function createUser(
  api: ApiClient,
  departmentId: string,
  roles: string[],
  prefix = 'user',
): Promise<{ id: string; username: string; password: string }> {
  const username = uniqueName(prefix)
  const reply = await api.post('/api/v1/users', { username, password: USER_PASSWORD, departmentId, roles })
  if (reply.status !== 201) {
    throw new Error(`create user ${username}: ${reply.status} ${JSON.stringify(reply.body)}`)
  }
  return { id: reply.body.id, username, password: USER_PASSWORD }
}

/**
 * Issue 13 (三员分立): platform_admin no longer reads the audit log; this signs in a fresh auditor
 * of the admin's own department (the bureau), on the admin's instance.
 */
export async function auditorFor(admin: ApiClient): Promise<ApiClient> {
  const me = await admin.get('/api/v1/auth/me')
  const user = await createUser(admin, me.body.departmentId, ['auditor'], 'auditor')
  return new ApiClient(admin.baseUrl).loginAs(user.username, user.password)
}

/** Asserts the contract's error reply: status, stable code and a non-empty message. */
export function expectError(reply: ApiReply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.body?.error?.code }).toEqual({ status, code })
  expect(typeof reply.body.error.message).toBe('string')
  expect(reply.body.error.message.length).toBeGreaterThan(0)
}

export interface AuditItem {
  seq: number
  at: string
  actor: string
  departmentId: string | null
  action: string
  object: string | null
  details: any
}

/** Every audit entry matching `query`, following the pages (500 at a time). */
export async function allAuditEntries(api: ApiClient, query = ''): Promise<AuditItem[]> {
  const items: AuditItem[] = []
  for (let page = 1; ; page++) {
    const sep = query ? '&' : ''
    const reply = await api.get(`/api/v1/audit/entries?${query}${sep}page=${page}&pageSize=500`)
    if (reply.status !== 200) {
      throw new Error(`audit entries: ${reply.status} ${JSON.stringify(reply.body)}`)
    }
    items.push(...reply.body.items)
    if (reply.body.items.length < 500) {
      return items
    }
  }
}

/** Any run of CJK ideographs: how we tell a Chinese message from an English one. */
export const HAS_CHINESE = /[\u4e00-\u9fff]/

/** A seeded PRNG (mulberry32) for fuzzing: small, fast, and a failure reproduces from its seed. */
export function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  return { next, int, pick, chance: (p: number) => next() < p }
}
export type Rng = ReturnType<typeof prng>

/** A raw HTTP request: node:http sends paths and headers that fetch would clean up or refuse. */
export interface Sent {
  method: string
  path: string
  headers: Record<string, string>
  body?: string
}

export function send(
  baseUrl: string,
  request: Sent,
): Promise<{ status: number; text: string } | { clientError: string }> {
  const url = new URL(baseUrl)
  return new Promise((resolve) => {
    let req: http.ClientRequest
    try {
      req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          headers: request.headers,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          )
          res.on('error', (e) => resolve({ clientError: e.message }))
        },
      )
    } catch (error) {
      // Node itself refuses some paths and header values: such a request never leaves.
      resolve({ clientError: (error as Error).message })
      return
    }
    req.on('error', (e) => resolve({ clientError: e.message }))
    if (request.body !== undefined) {
      req.write(request.body)
    }
    req.end()
  })
}
