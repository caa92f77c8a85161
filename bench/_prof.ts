import fs from 'node:fs'
import { Session } from 'node:inspector/promises'
import { parseArgs } from 'node:util'
import Fastify from 'fastify'
import { sql } from 'kysely'
import type { DialectName } from '../src/db/database.js'
import { AUDIT_DEFAULTS, type AuditEvent } from '../src/modules/audit/index.js'
import { publishedResource } from '../src/modules/catalog/index.js'
import { keyHashOf, recordLookup } from '../src/modules/exchange/index.js'
import { departmentActor } from '../src/modules/org/index.js'
import { SYSTEM_ACTOR } from '../src/shared/actor.js'
import { fieldKeys } from '../src/shared/field-crypto.js'
import {
  startTestPlatform,
  TEST_AUDIT_SIGNING_KEY,
  TEST_DATA_KEY,
  type TestPlatform,
} from '../test/support/platform.js'
import { type Load, load, measure } from './support/autocannon.js'
import { CASE_REF, person, setUp } from './support/exchange-fixture.js'
import { startMinimalServers } from './support/minimal-servers.js'
import { timeRawInsert } from './support/raw-insert.js'

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
    // SQLite: where the read log commits (issue 17; decisions §56).
    'read-log-thread': { type: 'string', default: 'main' },
  },
})
const RECORDS = Number(args.records)
const BATCH = 1000
const SECONDS = Number(args.seconds)
const CONNECTIONS = Number(args.connections)
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

/** The floor route on its own port, loaded like the others (the same keys). */
async function measureFloor(t: TestPlatform, resourceId: string, paths: readonly string[]): Promise<Load> {
  const keys = fieldKeys([TEST_DATA_KEY])
  const findRecord = recordLookup(t.platform.handle.native)
  const floor = Fastify({ logger: false })
  floor.get<{ Params: { key: string } }>('/floor/:key', async (request) => {
    const row = await findRecord(resourceId, keyHashOf(keys, request.params.key))
    // The floor logs a stand-in entry outside the typed catalog, on purpose: the same size as before.
    await t.platform.services.audit.recordRead(SYSTEM_ACTOR, {
      action: 'bench.floor',
      objectType: 'resource',
      objectId: resourceId,
      details: { records: row ? 1 : 0 },
    } as unknown as AuditEvent)
    return { found: row !== undefined }
  })
  await floor.listen({ port: 0, host: '127.0.0.1' })
  try {
    const address = floor.server.address()
    const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
    const floorPaths = paths.map((p) => `/floor/${p.split('/').pop()?.split('?')[0]}`)
    const warm = await measure(url, floorPaths, {}, LOAD)
    return await load(url, floorPaths, {}, { amount: warm.amount, connections: CONNECTIONS })
  } finally {
    await floor.close()
  }
}

/**
 * SQLite: the stripped-down floor and the same plus the rest of a lookup's unavoidable
 * work (bench/support/minimal-servers.ts), loaded like the platform (the same keys and token).
 */
async function measureMinimal(
  t: TestPlatform,
  fixture: Awaited<ReturnType<typeof setUp>>,
  paths: readonly string[],
  auth: Record<string, string>,
) {
  const native = t.platform.handle.native
  const resource = await publishedResource(t.platform.handle.db, fixture.resourceId)
  if (native.dialect !== 'sqlite' || !resource) {
    return undefined
  }
  const servers = await startMinimalServers({
    file: native.file,
    keys: fieldKeys([TEST_DATA_KEY]),
    resourceId: fixture.resourceId,
    items: resource.items,
    grant: fixture.grant,
    token: fixture.token,
  })
  try {
    const floorPaths = paths.map((p) => `/floor/${p.split('/').pop()?.split('?')[0]}`)
    const floorWarm = await measure(servers.floorUrl, floorPaths, {}, LOAD)
    const floor = await load(
      servers.floorUrl,
      floorPaths,
      {},
      { amount: floorWarm.amount, connections: CONNECTIONS },
    )
    const lookupWarm = await measure(servers.lookupUrl, [...paths], auth, LOAD)
    const lookup = await load(servers.lookupUrl, [...paths], auth, {
      amount: lookupWarm.amount,
      connections: CONNECTIONS,
    })
    return { floor, lookup }
  } finally {
    await servers.close()
  }
}

/** SQLite: runs `work` with the platform's connection at synchronous=NORMAL, then FULL again. */
async function withNormalSync<T>(t: TestPlatform, work: () => Promise<T>): Promise<T | undefined> {
  const native = t.platform.handle.native
  if (native.dialect !== 'sqlite') {
    return undefined
  }
  native.sqlite.pragma('synchronous = NORMAL')
  try {
    return await work()
  } finally {
    native.sqlite.pragma('synchronous = FULL')
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
  const readLogThread = args['read-log-thread'] === 'worker' ? 'worker' : 'main'
  const t = await startTestPlatform(dialect, {
    config: { audit: { ...AUDIT_DEFAULTS, signingKey: TEST_AUDIT_SIGNING_KEY, readLogThread } },
  })
  log(`   read log committed on the ${readLogThread === 'main' ? 'main thread' : 'worker thread'}`)
  const bare = Fastify({ logger: false })
  bare.get('/bare', async () => ({ ok: true }))
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
    const lookup = await measure(t.baseUrl, paths, auth, LOAD)
    const before = await quiet(t, resourceId)
    const profiler = args.profile ? await startProfile() : undefined
    const reads = await load(t.baseUrl, paths, auth, { amount: lookup.amount, connections: CONNECTIONS })
    if (profiler && args.profile) {
      await stopProfile(profiler, `${args.profile}.${dialect}.cpuprofile`)
    }
    const after = await countReads(t, resourceId)

    await bare.listen({ port: 0, host: '127.0.0.1' })
    const address = bare.server.address()
    const bareUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : ''
    const bareWarm = await measure(bareUrl, ['/bare'], {}, LOAD)
    const bareRun = await load(bareUrl, ['/bare'], {}, { amount: bareWarm.amount, connections: CONNECTIONS })
    const fp = args.profile ? await startProfile() : undefined; const floorRun = await measureFloor(t, resourceId, paths); if (fp && args.profile) await stopProfile(fp, `${args.profile}.floor.cpuprofile`)
    const minimal = await measureMinimal(t, fixture, paths, auth)
    const normal = await withNormalSync(t, () =>
      load(t.baseUrl, paths, auth, { amount: lookup.amount, connections: CONNECTIONS }),
    )

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
    const ofBare = (run: Load) => `${fmt((run.rps / bareRun.rps) * 100, 1)} % of bare`
    log(
      `    platform floor (keyed hash + record read + committed log entry, the platform's log writer): ` +
        `${fmt(floorRun.rps)} req/s, p50 ${floorRun.p50} ms, p99 ${floorRun.p99} ms = ${ofBare(floorRun)}; ` +
        `lookup = ${fmt((reads.rps / floorRun.rps) * 100, 1)} % of it`,
    )
    if (minimal) {
      log(
        `    minimal floor (stripped-down server, group commit on the main thread): ${fmt(minimal.floor.rps)} req/s, ` +
          `p50 ${minimal.floor.p50} ms, p99 ${minimal.floor.p99} ms = ${ofBare(minimal.floor)}`,
      )
      log(
        `    minimal lookup (the floor + token, epoch, grant, decrypt, mask, full log details, meter): ` +
          `${fmt(minimal.lookup.rps)} req/s, p50 ${minimal.lookup.p50} ms, p99 ${minimal.lookup.p99} ms = ` +
          `${ofBare(minimal.lookup)} = ${fmt((minimal.lookup.rps / minimal.floor.rps) * 100, 1)} % of the minimal floor ` +
          `(${fmt(minimal.lookup.ok)} x 2xx, ${minimal.lookup.other} other)`,
      )
      log(
        `    lookup = ${fmt((reads.rps / minimal.floor.rps) * 100, 1)} % of the minimal floor (issue 17: >= 70 %), ` +
          `${fmt((reads.rps / minimal.lookup.rps) * 100, 1)} % of the minimal lookup`,
      )
    }
    if (normal) {
      log(
        `    lookup with synchronous=NORMAL: ${fmt(normal.rps)} req/s, p99 ${normal.p99} ms ` +
          `(${fmt((normal.rps / reads.rps) * 100, 1)} % of FULL; a power cut may lose the last commits)`,
      )
    }
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
