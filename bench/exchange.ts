/**
 * Exchange benchmark (issue 5): on a real platform over a fresh store,
 *  (a) ingest N records (default 1 000 000, 6 items, 3 of them personal so SM4-encrypted) through
 *      the ingest service in batches of 1 000, beside a raw prepared INSERT of the same rows (the
 *      same encrypted JSON text) into a scratch table with the same keys, in the same database;
 *  (b) authorised + masked + audited lookups by key over HTTP at 50 connections, beside a bare
 *      Fastify JSON route started in this process, the load coming from a second process
 *      (autocannon); then checks that every 2xx reply has its committed `exchange.read` entry.
 *      A third route, the floor, does only what no audited lookup can skip: the keyed hash of the
 *      key, the record read and one log entry committed through the platform's read log.
 * Each load runs once as a warm-up (its rate sizes the measured run), then for a fixed number of
 * requests, so that every request is answered and the log can be counted exactly.
 *
 *   npx tsx bench/exchange.ts [--dialect sqlite|postgres|both] [--records 1000000]
 *                             [--seconds 10] [--connections 50] [--keys 20000]
 *                             [--part both|ingest|lookup]   (lookup still loads the records)
 *                             [--profile FILE]   (a CPU profile of the server during the measured lookups)
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { Session } from 'node:inspector/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import SqliteDatabase from 'better-sqlite3'
import Fastify from 'fastify'
import { sql } from 'kysely'
import pg from 'pg'
import type { DialectName } from '../src/db/database.js'
import { publishedResource } from '../src/modules/catalog/index.js'
import { encodeData, keyHashOf, recordLookup } from '../src/modules/exchange/index.js'
import { buildUscc, departmentActor } from '../src/modules/org/index.js'
import { syntheticIdNumber } from '../src/seed/identity.js'
import { SYSTEM_ACTOR } from '../src/shared/actor.js'
import { addDays } from '../src/shared/dates.js'
import { fieldKeys } from '../src/shared/field-crypto.js'
import { TEST_PG_URL } from '../test/support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  startTestPlatform,
  TEST_DATA_KEY,
  type TestPlatform,
} from '../test/support/platform.js'

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'both' },
    records: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    keys: { type: 'string', default: '20000' },
    'max-minutes': { type: 'string', default: '40' },
    part: { type: 'string', default: 'both' },
    profile: { type: 'string' },
  },
})
const RECORDS = Number(args.records)
const BATCH = 1000
const SECONDS = Number(args.seconds)
const CONNECTIONS = Number(args.connections)
const KEYS = Math.min(Number(args.keys), RECORDS)
const DIALECTS: DialectName[] =
  args.dialect === 'both' ? ['sqlite', 'postgres'] : [args.dialect as DialectName]
const ROOT = path.resolve(import.meta.dirname, '..')

// Bounded in time whatever happens: a stuck run ends itself.
setTimeout(() => {
  process.stderr.write('bench/exchange: over the time limit, stopping\n')
  process.exit(2)
}, Number(args['max-minutes']) * 60_000).unref()

const ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '联系电话', dataType: 'string', sensitivity: 'phone' },
  { name: '出生日期', dataType: 'date' },
  { name: '性别', dataType: 'string' },
  { name: '所属社区', dataType: 'string' },
]
/** The case every benchmark lookup names (the resource requires one for its personal items). */
const CASE_REF = 'BENCH-0001'
const COMMUNITIES = ['华山社区', '翠湖社区', '大观社区', '龙翔社区', '丰宁社区', '莲华社区']

/** Record i: a unique synthetic ID number (birth date steps every 1 000 sequences). */
function person(i: number) {
  const birth = addDays('1950-01-01', Math.floor(i / 1000))
  return {
    公民身份号码: syntheticIdNumber('530102', birth, i % 1000),
    姓名: `测试${i}`,
    联系电话: `199${String(i).padStart(8, '0')}`,
    出生日期: birth,
    性别: i % 2 ? '男' : '女',
    所属社区: COMMUNITIES[i % COMMUNITIES.length] ?? '',
  }
}

function log(line: string): void {
  process.stdout.write(`${line}\n`)
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

async function post(api: ApiClient, url: string, body: unknown, want = [200, 201]) {
  const reply = await api.post(url, body)
  if (!want.includes(reply.status)) {
    throw new Error(`${url}: ${reply.status} ${JSON.stringify(reply.body)}`)
  }
  return reply.body
}

/** Provider, consumer, a published unconditional resource and a live grant, all over HTTP. */
async function setUp(t: TestPlatform) {
  const admin = await t.login('admin', ADMIN_PASSWORD)
  const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
  const department = (name: string, base: string) =>
    post(admin, '/api/v1/departments', { code: buildUscc('11', '530102', base), name, level: 'city' })
  const provider = await department('压测数据提供部门', 'BM000001')
  const consumer = await department('压测数据使用部门', 'BM000002')
  const user = async (username: string, departmentId: string, roles: string[]) => {
    const password = 'Bench#2026pass'
    await post(admin, '/api/v1/users', { username, password, departmentId, roles })
    return t.login(username, password)
  }
  const reviewer = await user('bench.reviewer', bureauId, ['bureau_reviewer'])
  const cataloger = await user('bench.cataloger', provider.id, ['cataloger'])
  const reader = await user('bench.consumer', consumer.id, ['consumer'])
  const resource = await post(cataloger, '/api/v1/catalog/resources', {
    name: '压测人口信息',
    summary: '用于基准测试的合成人口数据，非真实人员',
    category: 'department',
    format: 'database',
    shareType: 'unconditional',
    shareMethod: 'api',
    updateCycle: 'daily',
    items: ITEMS,
  })
  await post(cataloger, `/api/v1/catalog/resources/${resource.id}/submit`, {})
  await post(reviewer, `/api/v1/catalog/resources/${resource.id}/review`, { decision: 'approve' })
  const request = await post(reader, '/api/v1/sharing/requests', {
    resourceId: resource.id,
    items: ['公民身份号码', '姓名', '联系电话', '性别'],
    purpose: '基准测试：按身份号码核验',
  })
  if (!request.grantId) {
    throw new Error('no grant')
  }
  // A lookup grant (personal items, issue 11) whose default budget (1 000 a day) the load would
  // exhaust in a second: the provider raises it to the most it can set. Reads still name a case.
  const settings = await cataloger.request('PUT', `/api/v1/exchange/resources/${resource.id}/settings`, {
    dailyBudget: 1_000_000,
    caseRefRequired: true,
  })
  if (settings.status !== 200) {
    throw new Error(`settings: ${settings.status} ${JSON.stringify(settings.body)}`)
  }
  return { providerId: provider.id as string, resourceId: resource.id as string, token: reader.token ?? '' }
}

/** (a) ingest through the service, timed per batch (generating the batch is not timed). */
async function timeIngest(t: TestPlatform, providerId: string, resourceId: string): Promise<number> {
  const db = t.platform.handle.db
  const actor = await departmentActor(db, providerId, ['cataloger'], 'bench')
  const sourceChangedAt = new Date(Date.now() - 86_400_000).toISOString()
  let ms = 0
  for (let start = 0; start < RECORDS; start += BATCH) {
    const records = Array.from({ length: Math.min(BATCH, RECORDS - start) }, (_, j) => person(start + j))
    const began = performance.now()
    const result = await t.platform.services.exchange.ingest.ingest(actor, resourceId, {
      records,
      sourceChangedAt,
    })
    ms += performance.now() - began
    if (result.inserted !== records.length) {
      throw new Error(`batch at ${start}: ${JSON.stringify(result)}`)
    }
    if ((start / BATCH) % 100 === 99) {
      log(`  ingested ${fmt(start + BATCH)} (${fmt(((start + BATCH) / ms) * 1000)} rows/s)`)
    }
  }
  return ms
}

const SCRATCH_COLUMNS =
  'resource_id, key_hash, data, source_changed_at, arrived_at, version, deleted, lag_days'
type RawRow = [string, string, string, string, string, number, number, number]

/** The same rows as stored: keyed hash and encrypted JSON made beforehand (not timed). */
async function rawBatches(t: TestPlatform, resourceId: string) {
  const resource = await publishedResource(t.platform.handle.db, resourceId)
  if (!resource) {
    throw new Error('resource not published')
  }
  const keys = fieldKeys([TEST_DATA_KEY])
  const items = resource.items
  const changed = new Date(Date.now() - 86_400_000).toISOString()
  return function* batches(): Generator<RawRow[]> {
    for (let start = 0; start < RECORDS; start += BATCH) {
      const now = new Date().toISOString()
      yield Array.from({ length: Math.min(BATCH, RECORDS - start) }, (_, j): RawRow => {
        const data = person(start + j)
        return [
          resourceId,
          keyHashOf(keys, data.公民身份号码),
          encodeData(keys, items, data),
          changed,
          now,
          1,
          0,
          1,
        ]
      })
    }
  }
}

/** (a) the raw baseline: a prepared INSERT, one transaction per batch, scratch table with the same keys. */
async function timeRawInsert(t: TestPlatform, resourceId: string): Promise<number> {
  const batches = await rawBatches(t, resourceId)
  const ddl = [
    `create table records_raw (resource_id text not null, key_hash text not null, data text not null,
      source_changed_at text not null, arrived_at text not null, version integer not null,
      deleted integer not null, lag_days integer, primary key (resource_id, key_hash))`,
    'create index records_raw_arrived on records_raw (resource_id, arrived_at)',
  ]
  let ms = 0
  if (t.store.dialect === 'sqlite') {
    const raw = new SqliteDatabase(path.join(t.store.dataDir, 'govshare.db'))
    raw.pragma('journal_mode = WAL')
    raw.pragma('synchronous = FULL')
    raw.pragma('busy_timeout = 5000')
    try {
      for (const statement of ddl) {
        raw.exec(statement)
      }
      const insert = raw.prepare(
        `insert into records_raw (${SCRATCH_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      const insertBatch = raw.transaction((rows: RawRow[]) => {
        for (const row of rows) {
          insert.run(...row)
        }
      })
      for (const rows of batches()) {
        const began = performance.now()
        insertBatch(rows)
        ms += performance.now() - began
      }
    } finally {
      raw.close()
    }
    return ms
  }
  const client = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${t.store.schema}` })
  await client.connect()
  try {
    for (const statement of ddl) {
      await client.query(statement)
    }
    // 100 rows per statement (800 parameters), as the platform's own inserts: a named, prepared statement.
    const per = 100
    const placeholders = Array.from(
      { length: per },
      (_, r) => `(${Array.from({ length: 8 }, (_, c) => `$${r * 8 + c + 1}`).join(', ')})`,
    ).join(', ')
    const text = `insert into records_raw (${SCRATCH_COLUMNS}) values ${placeholders}`
    for (const rows of batches()) {
      const began = performance.now()
      await client.query('begin')
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per)
        if (chunk.length === per) {
          await client.query({ name: 'raw_insert', text, values: chunk.flat() })
        } else {
          for (const row of chunk) {
            await client.query({
              name: 'raw_insert_one',
              text: `insert into records_raw (${SCRATCH_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
              values: row,
            })
          }
        }
      }
      await client.query('commit')
      ms += performance.now() - began
    }
  } finally {
    await client.end()
  }
  return ms
}

interface Load {
  rps: number
  p50: number
  p99: number
  ok: number
  other: number
  errors: number
  seconds: number
}

// Runs in the second process: autocannon against one URL, paths taken in turn from a list.
const LOADER = `
import fs from 'node:fs'
import autocannon from 'autocannon'
const job = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'))
let next = 0
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  ...(job.amount ? { amount: job.amount } : { duration: job.seconds }),
  timeout: 30,
  headers: job.headers,
  requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: job.paths[next++ % job.paths.length] }) }],
})
process.stdout.write(JSON.stringify({
  ok: result['2xx'], other: result.non2xx, errors: result.errors + result.timeouts,
  seconds: result.duration, p50: result.latency.p50, p99: result.latency.p99,
}))
`

async function load(
  baseUrl: string,
  paths: string[],
  headers: Record<string, string>,
  run: { seconds: number } | { amount: number },
): Promise<Load> {
  const jobFile = path.join(os.tmpdir(), `govshare-bench-${process.pid}.json`)
  fs.writeFileSync(
    jobFile,
    JSON.stringify({ url: baseUrl, connections: CONNECTIONS, headers, paths, ...run }),
  )
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', LOADER, jobFile], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8')
      })
      child.on('error', reject)
      child.on('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`autocannon exited ${code}`)),
      )
    })
    const result = JSON.parse(out) as Omit<Load, 'rps'>
    return { ...result, rps: result.ok / result.seconds }
  } finally {
    fs.rmSync(jobFile, { force: true })
  }
}

/** A warm-up for `seconds` sizes a run of a fixed number of requests lasting about as long. */
async function measure(baseUrl: string, paths: string[], headers: Record<string, string>) {
  const warm = await load(baseUrl, paths, headers, { seconds: Math.max(2, Math.round(SECONDS / 3)) })
  const amount = Math.max(CONNECTIONS * 20, Math.round((warm.rps * SECONDS) / CONNECTIONS) * CONNECTIONS)
  return { amount, warm }
}

async function countReads(t: TestPlatform, resourceId: string): Promise<number> {
  await t.platform.services.audit.drain()
  const row = await sql<{ n: number }>`select count(*) as n from audit_entries
    where action = 'exchange.read' and object_id = ${resourceId}`.execute(t.platform.handle.db)
  return Number(row.rows[0]?.n ?? 0)
}

/** Waits until abandoned requests of a warm-up have finished and logged. */
async function quiet(t: TestPlatform, resourceId: string): Promise<number> {
  let before = await countReads(t, resourceId)
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300))
    const now = await countReads(t, resourceId)
    if (now === before) {
      return now
    }
    before = now
  }
}

/** The floor route on its own port, loaded like the others (the same keys). */
async function measureFloor(t: TestPlatform, resourceId: string, paths: readonly string[]): Promise<Load> {
  const keys = fieldKeys([TEST_DATA_KEY])
  const findRecord = recordLookup(t.platform.handle.native)
  const floor = Fastify({ logger: false })
  floor.get<{ Params: { key: string } }>('/floor/:key', async (request) => {
    const row = await findRecord(resourceId, keyHashOf(keys, request.params.key))
    await t.platform.services.audit.recordRead(SYSTEM_ACTOR, {
      action: 'bench.floor',
      objectType: 'resource',
      objectId: resourceId,
      details: { records: row ? 1 : 0 },
    })
    return { found: row !== undefined }
  })
  await floor.listen({ port: 0, host: '127.0.0.1' })
  try {
    const address = floor.server.address()
    const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
    const floorPaths = paths.map((p) => `/floor/${p.split('/').pop()?.split('?')[0]}`)
    const warm = await measure(url, floorPaths, {})
    return await load(url, floorPaths, {}, { amount: warm.amount })
  } finally {
    await floor.close()
  }
}

async function startProfile(): Promise<Session> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  return session
}

async function stopProfile(session: Session, file: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop')
  fs.writeFileSync(file, JSON.stringify(profile))
  session.disconnect()
  log(`    CPU profile of the measured lookups: ${file}`)
}

async function runDialect(dialect: DialectName): Promise<void> {
  log(`\n== ${dialect}: ${fmt(RECORDS)} records, batches of ${fmt(BATCH)}`)
  const t = await startTestPlatform(dialect)
  const bare = Fastify({ logger: false })
  bare.get('/bare', async () => ({ ok: true }))
  try {
    const { providerId, resourceId, token } = await setUp(t)

    const ingestMs = await timeIngest(t, providerId, resourceId)
    if (args.part !== 'lookup') {
      const rawMs = await timeRawInsert(t, resourceId)
      const ingestRate = (RECORDS / ingestMs) * 1000
      const rawRate = (RECORDS / rawMs) * 1000
      log(
        `(a) ingest service: ${fmt(ingestRate)} rows/s (${fmt(ingestMs / 1000, 1)} s) | raw prepared INSERT: ` +
          `${fmt(rawRate)} rows/s (${fmt(rawMs / 1000, 1)} s) | ratio ${fmt((ingestRate / rawRate) * 100, 1)} % (target >= 50 %)`,
      )
    }
    if (args.part === 'ingest') {
      return
    }

    // Keys spread over the whole store, so lookups do not all hit the same pages.
    const step = Math.max(1, Math.floor(RECORDS / KEYS))
    const paths = Array.from(
      { length: KEYS },
      (_, k) =>
        `/api/v1/exchange/resources/${resourceId}/records/${person((k * step) % RECORDS).公民身份号码}?caseRef=${CASE_REF}`,
    )
    const auth = { authorization: `Bearer ${token}` }
    const lookup = await measure(t.baseUrl, paths, auth)
    const before = await quiet(t, resourceId)
    const profiler = args.profile ? await startProfile() : undefined
    const reads = await load(t.baseUrl, paths, auth, { amount: lookup.amount })
    if (profiler && args.profile) {
      await stopProfile(profiler, `${args.profile}.${dialect}.cpuprofile`)
    }
    const after = await countReads(t, resourceId)

    await bare.listen({ port: 0, host: '127.0.0.1' })
    const address = bare.server.address()
    const bareUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
    const bareWarm = await measure(bareUrl, ['/bare'], {})
    const bareRun = await load(bareUrl, ['/bare'], {}, { amount: bareWarm.amount })
    const floorRun = await measureFloor(t, resourceId, paths)

    log(
      `(b) lookup (authorised+masked+audited): ${fmt(reads.rps)} req/s, p50 ${reads.p50} ms, p99 ${reads.p99} ms ` +
        `(${fmt(reads.ok)} x 2xx, ${reads.other} other, ${reads.errors} errors, ${fmt(reads.seconds, 1)} s; warm-up ${fmt(lookup.warm.rps)} req/s)`,
    )
    log(
      `    bare Fastify {ok:true}:             ${fmt(bareRun.rps)} req/s, p50 ${bareRun.p50} ms, p99 ${bareRun.p99} ms ` +
        `(${fmt(bareRun.ok)} x 2xx; warm-up ${fmt(bareWarm.warm.rps)} req/s)`,
    )
    log(
      `    ratio ${fmt((reads.rps / bareRun.rps) * 100, 1)} % of bare (target >= 50 % on SQLite), p99 ${reads.p99} ms (target <= 25 ms)`,
    )
    log(
      `    floor (keyed hash + record read + committed log entry): ${fmt(floorRun.rps)} req/s, ` +
        `p50 ${floorRun.p50} ms, p99 ${floorRun.p99} ms = ${fmt((floorRun.rps / bareRun.rps) * 100, 1)} % of bare`,
    )
    const logged = after - before
    log(
      `    log: ${fmt(logged)} exchange.read entries for ${fmt(reads.ok)} 2xx replies -> ${
        logged === reads.ok && reads.other === 0 && reads.errors === 0 ? 'equal: the log kept up' : 'MISMATCH'
      }`,
    )
  } finally {
    await bare.close()
    await t.close()
  }
}

for (const dialect of DIALECTS) {
  await runDialect(dialect)
}
process.exit(0)
