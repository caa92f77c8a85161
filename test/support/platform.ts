/**
 * A real platform listening on 127.0.0.1 (random port) over a fresh store, and a small HTTP client
 * that talks to it the way a department's system would: fetch, JSON, bearer tokens.
 */
import { AUDIT_DEFAULTS, type Config } from '../../src/config.js'
import type { DialectName } from '../../src/db/database.js'
import { TEST_HASH_COST } from '../../src/modules/org/index.js'
import { type Platform, startPlatform } from '../../src/server.js'
import type { Clock } from '../../src/shared/clock.js'
import { createTestStore, type TestStore } from './db.js'

export const ADMIN_PASSWORD = 'Admin#2026pass'
/** The password tests give the users they create. */
export const USER_PASSWORD = 'User#2026pass'
/** A fixed SM4 master key for tests (synthetic data only). */
export const TEST_DATA_KEY = '00112233445566778899aabbccddeeff'
/** A fixed SM2 key signing the audit checkpoints of tests (required with PostgreSQL). */
export const TEST_AUDIT_SIGNING_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'

export interface TestPlatform {
  baseUrl: string
  platform: Platform
  store: TestStore
  api: ApiClient
  /** Signs in and returns a client acting with that user's token. */
  login(username: string, password: string): Promise<ApiClient>
  /** Starts another instance on the same store (PostgreSQL: "several instances, one platform"). */
  startInstance(): Promise<{ baseUrl: string; api: ApiClient; platform: Platform; close(): Promise<void> }>
  close(): Promise<void>
}

export interface StartTestOptions {
  seed?: 'none' | 'demo'
  clock?: Clock
  config?: Partial<Config>
}

function configFor(store: TestStore, options: StartTestOptions): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: store.dataDir,
    databaseUrl: store.databaseUrl,
    adminPassword: ADMIN_PASSWORD,
    seed: options.seed ?? 'none',
    zone: 'external',
    logLevel: 'silent',
    sessionHours: 8,
    clientTokenSeconds: 3600,
    // The gateway tests start their upstream systems on this machine.
    upstreamHosts: ['127.0.0.1'],
    dataKeys: [TEST_DATA_KEY],
    indexKey: undefined,
    audit: { ...AUDIT_DEFAULTS, signingKey: TEST_AUDIT_SIGNING_KEY },
    // Production defaults are strict (config.ts); scenario tests that do not test sign-in defences
    // sign in without a second factor, move the clock by days on one session, and send many bad
    // requests from 127.0.0.1. test/scenario/sign-in-defences.test.ts sets these back to strict.
    sessionIdleMinutes: 0,
    mfaRequiredRoles: [],
    passwordMinLength: 10,
    passwordMinClasses: 3,
    passwordHistory: 5,
    passwordMaxAgeDays: 0,
    rateWindowMinutes: 15,
    signInFailuresPerAddress: 1_000_000,
    signInFailuresPerAccountHour: 1_000_000,
    badTokensPerAddress: 1_000_000,
    auditForward: undefined,
    passwordHashCost: TEST_HASH_COST,
    ...options.config,
  }
}

async function listen(config: Config, store: TestStore, options: StartTestOptions) {
  const platform = await startPlatform(config, {
    clock: options.clock,
    schema: store.schema,
    print: () => {},
  })
  await platform.app.listen({ port: 0, host: '127.0.0.1' })
  const address = platform.app.server.address()
  if (address === null || typeof address === 'string') {
    throw new Error('no TCP address')
  }
  return { platform, baseUrl: `http://127.0.0.1:${address.port}` }
}

export async function startTestPlatform(
  dialect: DialectName,
  options: StartTestOptions = {},
): Promise<TestPlatform> {
  return startTestPlatformOn(await createTestStore(dialect), options)
}

/** A platform on a store made elsewhere (a restored copy, say); close() destroys that store too. */
export async function startTestPlatformOn(
  store: TestStore,
  options: StartTestOptions = {},
): Promise<TestPlatform> {
  const config = configFor(store, options)
  const { platform, baseUrl } = await listen(config, store, options)
  const api = new ApiClient(baseUrl)
  const extra: Array<() => Promise<void>> = []
  return {
    baseUrl,
    platform,
    store,
    api,
    login: (username, password) => api.loginAs(username, password),
    startInstance: async () => {
      const other = await listen(config, store, options)
      const close = () => other.platform.close()
      extra.push(close)
      return { baseUrl: other.baseUrl, api: new ApiClient(other.baseUrl), platform: other.platform, close }
    },
    close: async () => {
      for (const close of extra) {
        await close().catch(() => {})
      }
      await platform.close()
      await store.destroy()
    },
  }
}

export interface ApiReply<T = any> {
  status: number
  body: T
  headers: Headers
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
    readonly lang?: string,
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token, this.lang)
  }

  inLanguage(lang: string): ApiClient {
    return new ApiClient(this.baseUrl, this.token, lang)
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiReply<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(this.lang ? { 'accept-language': this.lang } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    let parsed: unknown = text
    if ((response.headers.get('content-type') ?? '').includes('json') && text.length > 0) {
      parsed = JSON.parse(text)
    }
    return { status: response.status, body: parsed as T, headers: response.headers }
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path)
  }

  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {})
  }

  async loginAs(username: string, password: string): Promise<ApiClient> {
    const reply = await this.post('/api/v1/auth/login', { username, password })
    if (reply.status !== 200) {
      throw new Error(`login ${username} failed: ${reply.status} ${JSON.stringify(reply.body)}`)
    }
    return this.withToken(reply.body.token)
  }
}
