import fs from 'node:fs'
import { Session } from 'node:inspector/promises'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import type { DialectName } from '../src/db/database.js'
import { AUDIT_DEFAULTS } from '../src/modules/audit/index.js'
import { publishedResource } from '../src/modules/catalog/index.js'
import { departmentActor } from '../src/modules/org/index.js'
import { fieldKeys } from '../src/shared/field-crypto.js'
import { TEST_PG_URL } from '../test/support/dialects.js'
import {
  startTestPlatform,
  TEST_AUDIT_SIGNING_KEY,
  TEST_DATA_KEY,
  type TestPlatform,
} from '../test/support/platform.js'
import type { Load } from './support/autocannon.js'
import { CASE_REF, person, setUp } from './support/exchange-fixture.js'
import { startMinimalServers, startPlatformServers } from './support/floor-servers.js'
import { postgresMinimalStore, sqliteMinimalStore } from './support/minimal-stores.js'
import { timeRawInsert } from './support/raw-insert.js'
import { type Contender, type Runs, ratio, runRounds, summary } from './support/rounds.js'

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'both' },
    records: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    // Each server is loaded this many times, in interleaved rounds (bench/support/rounds.ts).
    rounds: { type: 'string', default: '3' },
    // Only these servers, comma-separated (e.g. "lookup,minimal lookup"): quicker comparisons.
    only: { type: 'string' },
    keys: { type: 'string', default: '20000' },
    'max-minutes': { type: 'string', default: '40' },
    part: { type: 'string', default: 'both' },
    profile: { type: 'string' },
    // SQLite: where the read log commits (issue 17; decisions §56).
    'read-log-thread': { type: 'string', default: 'main' },
  },
})
const RECORDS = Number(args.records)
const BATCH = 1000
const SECONDS = Number(args.seconds)
const CONNECTIONS = Number(args.connections)
const ROUNDS = Math.max(1, Number(args.rounds))
const KEYS = Math.min(Number(args.keys), RECORDS)
const DIALECTS: DialectName[] =
  args.dialect === 'both' ? ['sqlite', 'postgres'] : [args.dialect as DialectName]
/** How the HTTP loads run: a warm-up, then about `seconds` of requests from `connections` connections. */
const LOAD = { seconds: SECONDS, connections: CONNECTIONS }

// Bounded in time whatever happens: a stuck run ends itself.
setTimeout(() => {
  process.stderr.write('bench/exchange: over the time limit, stopping\n')
  process.exit(2)
}, Number(args['max-minutes']) * 60_000).unref()

function log(line: string): void {
  process.stdout.write(`${line}\n`)
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

/**
 * (a) ingest through the HTTP API, as a department's system sends it: batches of 1 000 new records
 * (keys after the ones already stored) posted one after the other by the cataloger, each timed
 * from send to reply (making the JSON body is not timed).
 */
async function timeApiIngest(t: TestPlatform, resourceId: string, token: string, count: number) {
  const sourceChangedAt = new Date(Date.now() - 86_400_000).toISOString()
  let ms = 0
  for (let start = 0; start < count; start += BATCH) {
    const records = Array.from({ length: Math.min(BATCH, count - start) }, (_, j) =>
      person(RECORDS + start + j),
    )
    const body = JSON.stringify({ records, sourceChangedAt })
    const began = performance.now()
    const reply = await fetch(`${t.baseUrl}/api/v1/exchange/resources/${resourceId}/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    })
    const result = (await reply.json()) as { inserted?: number }
    ms += performance.now() - began
    if (reply.status !== 200 || result.inserted !== records.length) {
      throw new Error(`API batch at ${start}: ${reply.status} ${JSON.stringify(result)}`)
    }
  }
  return ms
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

/** SQLite: runs `work` with the platform's connection at synchronous=NORMAL, then FULL again. */
async function withNormalSync<T>(t: TestPlatform, work: () => Promise<T>): Promise<T> {
  const native = t.platform.handle.native
  if (native.dialect !== 'sqlite') {
    throw new Error('synchronous=NORMAL is a SQLite setting')
  }
  native.sqlite.pragma('synchronous = NORMAL')
  try {
    return await work()
  } finally {
    native.sqlite.pragma('synchronous = FULL')
  }
}

/** Medians over the rounds; ratios are taken within a round, then their median printed. */
function reportLookups(runs: Runs, logged: number, dialectName: DialectName): void {
  const line = (name: string, note: string) => {
    const s = summary(runs.get(name) ?? [])
    if (s.ok === 0) {
      return
    }
    log(
      `    ${`${name}:`.padEnd(28)} ${fmt(s.rps).padStart(6)} req/s (${fmt(s.low)}–${fmt(s.high)}), p50 ${s.p50} ms, ` +
        `p99 ${s.p99} ms, ${fmt(s.cpu)} µs server CPU per request, loader ${fmt(s.loader * 100)} % of a core` +
        `${s.other > 0 ? `, ${s.other} NOT 2xx` : ''}${note ? `; ${note}` : ''}`,
    )
  }
  const pct = (a: string, b: string) => `${fmt(ratio(runs, a, b) * 100, 1)} %`
  const has = (name: string) => (runs.get(name)?.length ?? 0) > 0
  log(`(b) lookups, ${ROUNDS} interleaved rounds, medians (range of req/s):`)
  line('lookup', 'authorised, masked, audited')
  line('bare', 'Fastify answering {ok:true}')
  line('platform floor', "keyed hash, record read, the platform's log writer")
  line('minimal floor', 'stripped-down: keyed hash, record read, group commit once per turn')
  line('minimal lookup', 'the minimal floor + token, epoch, grant, decrypt, mask, full log details, meter')
  line('lookup, synchronous=NORMAL', 'a power cut may lose the last commits; a killed process loses nothing')
  const p99 = summary(runs.get('lookup') ?? []).p99
  log(
    `    lookup = ${pct('lookup', 'bare')} of bare, p99 ${p99} ms (issue 17: <= ${dialectName === 'sqlite' ? 25 : 40} ms)`,
  )
  log(`    lookup = ${pct('lookup', 'platform floor')} of the platform floor`)
  if (has('minimal floor')) {
    log(`    minimal floor = ${pct('minimal floor', 'bare')} of bare`)
    log(`    lookup = ${pct('lookup', 'minimal floor')} of the minimal floor (issue 17: >= 70 %)`)
    log(`    minimal lookup = ${pct('minimal lookup', 'minimal floor')} of the minimal floor`)
    log(`    lookup = ${pct('lookup', 'minimal lookup')} of the minimal lookup`)
  }
  if (has('lookup, synchronous=NORMAL')) {
    log(`    synchronous=NORMAL = ${pct('lookup, synchronous=NORMAL', 'lookup')} of FULL`)
  }
  const answered = ['lookup', 'lookup, synchronous=NORMAL'].reduce(
    (sum, name) => sum + summary(runs.get(name) ?? []).ok,
    0,
  )
  const clean = ['lookup', 'lookup, synchronous=NORMAL'].every(
    (name) => summary(runs.get(name) ?? []).other === 0,
  )
  log(
    `    log: ${fmt(logged)} exchange.read entries for ${fmt(answered)} 2xx replies -> ${
      logged === answered && clean ? 'equal: the log kept up' : 'MISMATCH'
    }`,
  )
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
  const readLogThread = args['read-log-thread'] === 'worker' ? 'worker' : 'main'
  const t = await startTestPlatform(dialect, {
    config: { audit: { ...AUDIT_DEFAULTS, signingKey: TEST_AUDIT_SIGNING_KEY, readLogThread } },
  })
  log(`   read log committed on the ${readLogThread === 'main' ? 'main thread' : 'worker thread'}`)
  const closers: Array<() => Promise<void>> = []
  try {
    const fixture = await setUp(t)
    const { providerId, resourceId, token } = fixture

    const ingestMs = await timeIngest(t, providerId, resourceId)
    if (args.part !== 'lookup') {
      const rawMs = await timeRawInsert(t, resourceId, RECORDS, BATCH)
      const ingestRate = (RECORDS / ingestMs) * 1000
      const rawRate = (RECORDS / rawMs) * 1000
      log(
        `(a) ingest service: ${fmt(ingestRate)} rows/s (${fmt(ingestMs / 1000, 1)} s) | raw prepared INSERT: ` +
          `${fmt(rawRate)} rows/s (${fmt(rawMs / 1000, 1)} s) | ratio ${fmt((ingestRate / rawRate) * 100, 1)} % (target >= 50 %)`,
      )
      const apiCount = Math.min(RECORDS, 100_000)
      const apiMs = await timeApiIngest(t, resourceId, fixture.catalogerToken, apiCount)
      const apiRate = (apiCount / apiMs) * 1000
      log(
        `    ingest through the HTTP API (${fmt(apiCount)} new records, batches of ${fmt(BATCH)}): ${fmt(apiRate)} rows/s ` +
          `(${fmt(apiMs / 1000, 1)} s) = ${fmt((apiRate / rawRate) * 100, 1)} % of the raw INSERT (issue 17: >= 25 %)`,
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
    const keys = fieldKeys([TEST_DATA_KEY])
    const floorPaths = paths.map((p) => `/floor/${p.split('/').pop()?.split('?')[0]}`)
    const servers = await startPlatformServers(t, keys, resourceId)
    const native = t.platform.handle.native
    const resource = await publishedResource(t.platform.handle.db, resourceId)
    const openStore = async (tag: string) =>
      native.dialect === 'sqlite'
        ? sqliteMinimalStore(native.file, tag)
        : postgresMinimalStore(native, TEST_PG_URL, tag)
    const minimal = resource
      ? await startMinimalServers({
          openStore,
          keys,
          resourceId,
          items: resource.items,
          grant: fixture.grant,
          token,
        })
      : undefined
    closers.push(servers.close, async () => minimal?.close())
    const contenders: Contender[] = [
      {
        name: 'lookup',
        url: t.baseUrl,
        paths,
        headers: auth,
        around: async (round, work) => {
          const profiler = args.profile && round === 0 ? await startProfile() : undefined
          try {
            return await work()
          } finally {
            if (profiler) {
              await stopProfile(profiler, `${args.profile}.${dialect}.cpuprofile`)
            }
          }
        },
      },
      { name: 'bare', url: servers.bareUrl, paths: ['/bare'], headers: {} },
      { name: 'platform floor', url: servers.floorUrl, paths: floorPaths, headers: {} },
      ...(minimal
        ? [
            { name: 'minimal floor', url: minimal.floorUrl, paths: floorPaths, headers: {} },
            { name: 'minimal lookup', url: minimal.lookupUrl, paths, headers: auth },
          ]
        : []),
      ...(native.dialect === 'sqlite'
        ? [
            {
              name: 'lookup, synchronous=NORMAL',
              url: t.baseUrl,
              paths,
              headers: auth,
              around: (_round: number, work: () => Promise<Load>) => withNormalSync(t, work),
            },
          ]
        : []),
    ]
    const only = args.only?.split(',')
    let before = 0
    const runs = await runRounds(
      contenders.filter((c) => !only || only.includes(c.name)),
      { rounds: ROUNDS, ...LOAD },
      async () => {
        before = await quiet(t, resourceId)
      },
    )
    const after = await countReads(t, resourceId)
    reportLookups(runs, after - before, dialect)
  } finally {
    for (const close of closers) {
      await close()
    }
    await t.close()
  }
}

for (const dialect of DIALECTS) {
  await runDialect(dialect)
}
process.exit(0)
