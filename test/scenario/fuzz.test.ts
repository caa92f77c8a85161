/**
 * 1 000 malformed requests of random shapes against a running platform (seeded, so a failure
 * reproduces: the seed and the request are in the message). Whatever comes in, no reply is a 5xx,
 * every 4xx has the contract's `{error:{code,message}}` shape, and no reply leaks a stack trace or
 * SQL text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { prng, type Rng, type Sent, send, validCode } from '../support/scenario-kit.js'

const SEED = Number(process.env.GOVSHARE_FUZZ_SEED ?? 151)
const REQUESTS = 1000
const MAX_PROBLEMS = Number(process.env.GOVSHARE_FUZZ_MAX_PROBLEMS ?? 10)

const CONTRACT_PATHS = [
  '/healthz',
  '/readyz',
  '/openapi.json',
  '/api/v1/auth/login',
  '/api/v1/auth/logout',
  '/api/v1/auth/token',
  '/api/v1/auth/password',
  '/api/v1/auth/me',
  '/api/v1/departments',
  '/api/v1/departments/{id}',
  '/api/v1/users',
  '/api/v1/clients',
  '/api/v1/audit/entries',
  '/api/v1/audit/verify',
]
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']
const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '𠜎𠜱𠝹',
  '部门',
  "'; drop table users; --",
  '" or 1=1 --',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  ['$', '{7*7}'].join(''),
  '\u202e',
  'null',
  '-1',
  '1e309',
  '\\',
]
const ODD_SEGMENTS = [
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%F0%9F%98%80',
  '..%2F..%2F',
  '%2e%2e',
  '%25',
  '%20',
  'a'.repeat(65),
  'a'.repeat(3000),
  '%C0%AE',
  '%u0041',
  '%ED%A0%80',
  '__proto__',
  'constructor',
  '1;select 1',
]
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json, text/plain',
  '',
  ';;;',
]

function randomString(rng: Rng): string {
  const roll = rng.int(6)
  if (roll === 0) {
    return rng.pick(NASTY)
  }
  if (roll === 1) {
    return 'x'.repeat(rng.pick([100, 10_000, 300_000]))
  }
  let s = ''
  for (let i = rng.int(20); i > 0; i--) {
    s += String.fromCodePoint(rng.pick([rng.int(128), 0x4e00 + rng.int(0x5000), rng.int(0x10ffff)]) % 0xd800)
  }
  return s
}

function randomValue(rng: Rng, depth = 0): unknown {
  const roll = rng.int(depth > 3 ? 6 : 9)
  switch (roll) {
    case 0:
      return null
    case 1:
      return rng.pick([true, false])
    case 2:
      return rng.pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, 42])
    case 3:
    case 4:
    case 5:
      return randomString(rng)
    case 6:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1))
    case 7:
      return [[[[[randomValue(rng, depth + 1)]]]]]
    default:
      return randomObject(rng, depth + 1)
  }
}

const FIELDS = [
  'username',
  'password',
  'code',
  'name',
  'level',
  'parentId',
  'departmentId',
  'roles',
  'clientId',
]

function randomObject(rng: Rng, depth = 0): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (let i = rng.int(6); i > 0; i--) {
    const key = rng.chance(0.7) ? rng.pick(FIELDS) : randomString(rng).slice(0, 50)
    // Never a real sign-in for admin: five of those would lock the token-holder out.
    object[key] = key === 'username' ? `fz${randomString(rng)}` : randomValue(rng, depth)
  }
  if (rng.chance(0.1)) {
    Object.defineProperty(object, '__proto__', { value: { polluted: true }, enumerable: true })
  }
  return object
}

function randomBody(rng: Rng): string | undefined {
  switch (rng.int(8)) {
    case 0:
      return undefined
    case 1:
      return ''
    case 2:
      return rng.pick(['{', '{"a":', '[1,2', 'nul', '{"a":1}}', '\u0000', '{"a":"\\u00"}', '{}garbage'])
    case 3:
      return JSON.stringify(randomValue(rng))
    case 4:
      return `{"roles":${'['.repeat(5000)}${']'.repeat(5000)}}`
    case 5:
      return JSON.stringify({ payload: 'y'.repeat(1_100_000) })
    default:
      return JSON.stringify(randomObject(rng))
  }
}

function randomPath(rng: Rng): string {
  let p = rng.pick(CONTRACT_PATHS)
  if (rng.chance(0.15)) {
    p = `/${Array.from({ length: 1 + rng.int(4) }, () => rng.pick(['api', 'v1', 'v2', 'x', ...ODD_SEGMENTS])).join('/')}`
  }
  p = p.replace('{id}', rng.pick([...ODD_SEGMENTS, '00000000-0000-0000-0000-000000000000', 'abc']))
  if (rng.chance(0.1)) {
    p += rng.pick(['/', '//', '/extra', '%2F', ';x'])
  }
  if (rng.chance(0.4)) {
    const key = rng.pick(['pageSize', 'page', 'afterSeq', 'action', 'departmentId', 'q', '__proto__', ''])
    const value = rng.pick([
      'abc',
      '-1',
      '0',
      '501',
      '1e3',
      '%00',
      '%',
      '%zz',
      '[]',
      'a'.repeat(5000),
      '1&page=2',
      '99999999999999999999',
    ])
    p += `?${key}=${value}${rng.chance(0.2) ? `&${key}=2` : ''}`
  }
  return p
}

function randomAuthorization(rng: Rng): string | undefined {
  return rng.pick([
    undefined,
    'Bearer',
    'Bearer ',
    'Bearer x',
    'Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    `Bearer ${'a'.repeat(5000)}`,
    'Basic YWRtaW46QWRtaW4jMjAyNnBhc3M=',
    'bearer %00%00%00%00%00%00%00%00%00%00',
    'Bearer ../../../../../etc/passwd',
    '\t',
  ])
}

const STACK = [/\n\s+at /, /\bat [\w.<>]+ \(/, /\.(ts|js|mjs|cjs):\d+:\d+/, /node_modules/, /\bError: .*\n/]
const SQL = [
  /SQLITE_/i,
  /syntax error/i,
  /\bselect\b[^"]{0,80}\bfrom\b/i,
  /insert into/i,
  /relation "/,
  /violates/i,
]

for (const dialect of DIALECTS) {
  describe(`${dialect}: fuzzing the API`, () => {
    let t: TestPlatform
    let adminToken: string

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      adminToken = (await t.api.post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD }))
        .body.token
    })
    afterAll(async () => {
      await t?.close()
    })

    it(`survives ${REQUESTS} malformed requests (seed ${SEED}): no 5xx, error shape, no leaks`, async () => {
      const rng = prng(SEED + (dialect === 'postgres' ? 1 : 0))
      const problems: string[] = []
      let answered = 0
      for (let i = 0; i < REQUESTS && problems.length < MAX_PROBLEMS; i++) {
        const method = rng.pick(METHODS)
        const path = randomPath(rng)
        const headers: Record<string, string> = {}
        const withAdmin = rng.chance(0.5) && !path.startsWith('/api/v1/auth/logout')
        const authorization = withAdmin ? `Bearer ${adminToken}` : randomAuthorization(rng)
        if (authorization !== undefined) {
          headers.authorization = authorization
        }
        const body = ['GET', 'HEAD'].includes(method) && rng.chance(0.8) ? undefined : randomBody(rng)
        const type = rng.chance(0.75) ? 'application/json' : rng.pick(CONTENT_TYPES)
        if (body !== undefined) {
          headers['content-length'] = String(Buffer.byteLength(body))
          if (type !== '') {
            headers['content-type'] = type
          }
        }
        if (rng.chance(0.3)) {
          headers['accept-language'] = rng.pick(['en', 'zh-CN', 'fr', '*', 'en;q=abc', ''])
        }
        const sent: Sent = { method, path, headers, body }
        const reply = await send(t.baseUrl, sent)
        if ('clientError' in reply) {
          continue
        }
        answered++
        const label = `#${i} ${method} ${path.slice(0, 120)} auth=${withAdmin ? 'admin' : String(authorization).slice(0, 30)} type=${type} body=${String(body).slice(0, 80)} → ${reply.status} ${reply.text.slice(0, 300)}`
        if (reply.status >= 500) {
          problems.push(`5xx: ${label}`)
          continue
        }
        if (reply.status >= 400 && method !== 'HEAD') {
          let parsed: any
          try {
            parsed = JSON.parse(reply.text)
          } catch {
            parsed = undefined
          }
          if (typeof parsed?.error?.code !== 'string' || typeof parsed?.error?.message !== 'string') {
            problems.push(`error shape: ${label}`)
            continue
          }
        }
        const leakChecks = reply.status < 400 && /openapi|docs/.test(path) ? STACK : [...STACK, ...SQL]
        if (leakChecks.some((re) => re.test(reply.text))) {
          problems.push(`leak: ${label}`)
        }
      }
      expect(problems, problems.join('\n')).toEqual([])
      expect(answered).toBeGreaterThan(REQUESTS * 0.8)
      // The platform is still up and the admin's session is still good after all that.
      expect((await t.api.withToken(adminToken).get('/api/v1/departments')).status).toBe(200)
    }, 120_000)

    it('documents every contract route in /openapi.json (OpenAPI 3.x) and serves /docs', async () => {
      const reply = await t.api.get('/openapi.json')
      expect(reply.status).toBe(200)
      expect(String(reply.body.openapi)).toMatch(/^3\./)
      const documented: Record<string, Record<string, unknown>> = reply.body.paths
      const expected: Array<[string, string]> = [
        ['/healthz', 'get'],
        ['/readyz', 'get'],
        ['/api/v1/auth/login', 'post'],
        ['/api/v1/auth/logout', 'post'],
        ['/api/v1/auth/token', 'post'],
        ['/api/v1/departments', 'post'],
        ['/api/v1/departments', 'get'],
        ['/api/v1/users', 'post'],
        ['/api/v1/clients', 'post'],
        ['/api/v1/audit/entries', 'get'],
        ['/api/v1/audit/verify', 'get'],
      ]
      for (const [path, method] of expected) {
        expect(documented[path]?.[method], `${method} ${path}`).toBeDefined()
      }
      const docs = await fetch(`${t.baseUrl}/docs`)
      expect(docs.status).toBe(200)
      expect(await docs.text()).toMatch(/<html/i)
    })

    // BUG: a URL Fastify refuses before routing (undecodable: FST_ERR_BAD_URL 400; a path parameter
    // over maxParamLength: FST_ERR_MAX_PARAM_LENGTH 414) is answered in Fastify's own shape
    // {"error":"Bad Request","code":"FST_ERR_…","message":…,"statusCode":…}: src/app.ts sets no
    // `frameworkErrors` option to route these through the contract's error shape.
    it('answers a URL Fastify refuses before routing with the contract error shape', async () => {
      for (const path of ['/api/v1/departments/%zz', '/%E0%A4%A', `/api/v1/departments/${'a'.repeat(101)}`]) {
        const reply = await send(t.baseUrl, {
          method: 'GET',
          path,
          headers: { authorization: `Bearer ${adminToken}` },
        })
        const status = 'status' in reply ? reply.status : 0
        expect(status >= 400 && status < 500).toBe(true)
        const body = JSON.parse((reply as { text: string }).text)
        expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) })
      }
    })

    // BUG (PostgreSQL only): a NUL character in any string that reaches a query makes PostgreSQL
    // refuse the statement (22021), and that surfaces as 500 INTERNAL_ERROR; on sign-in it also means
    // the failed attempt is never logged. Strings are not checked for NUL before the database.
    const nulTest = it
    nulTest('answers strings holding a NUL character with 4xx, not 500', async () => {
      const admin = t.api.withToken(adminToken)
      const replies = [
        await admin.get('/api/v1/departments/a%00b'),
        await t.api.post('/api/v1/auth/login', { username: 'a\u0000b', password: 'x' }),
        await t.api.post('/api/v1/auth/token', { clientId: 'a\u0000b', clientSecret: 'x' }),
        await admin.get('/api/v1/audit/entries?action=%00'),
        await admin.post('/api/v1/departments', { code: validCode(), name: 'a\u0000', level: 'county' }),
        await admin.post('/api/v1/clients', { name: 'a', departmentId: 'x\u0000' }),
      ]
      for (const reply of replies) {
        expect(reply.status).toBeLessThan(500)
        if (reply.status >= 400) {
          expect(reply.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) })
        }
      }
    })
  })
}
