/**
 * PostgreSQL at city scale (issue 17 item 2, decisions §60): loads N records and M log entries
 * straight into a fresh database (multi-row inserts of unnested arrays; the chain computed with
 * the project's own SM3 sealing, so it verifies), then measures lookups (HTTP, authorised, masked,
 * audited), the auditor's searches and a full verify, at that size and at the baseline size, and
 * prints them side by side with their ratios. Disk is checked first: the run refuses when the
 * estimate does not fit. The baseline runs first; its bytes per row size the estimate of the big run.
 *
 *   npx tsx bench/scale.ts                                  # 10 M records, 100 M entries
 *   npx tsx bench/scale.ts --records 200000 --entries 1000000
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { openDatabase } from '../src/db/connect.js'
import { AUDIT_DEFAULTS } from '../src/modules/audit/index.js'
import { publishedResource } from '../src/modules/catalog/index.js'
import { encodeData, keyHashOf } from '../src/modules/exchange/index.js'
import { fieldKeys } from '../src/shared/field-crypto.js'
import { dropDatabase } from '../test/support/db.js'
import { databaseUrlFor, TEST_PG_URL } from '../test/support/dialects.js'
import {
  ADMIN_PASSWORD,
  startTestPlatformOn,
  TEST_AUDIT_SIGNING_KEY,
  TEST_DATA_KEY,
  type TestPlatform,
} from '../test/support/platform.js'
import { load, measure } from './support/autocannon.js'
import { CASE_REF, person, setUp } from './support/exchange-fixture.js'
import { loadEntries, loadRecords } from './support/scale-load.js'

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '10000000' },
    entries: { type: 'string', default: '100000000' },
    'base-records': { type: 'string', default: '100000' },
    'base-entries': { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    searches: { type: 'string', default: '20' },
    /** Databases are named <prefix>_base and <prefix>_big; existing ones of those names are dropped. */
    'db-prefix': { type: 'string', default: 'govshare_scale' },
    keep: { type: 'boolean', default: false },
  },
})
const SIZES = [
  { label: 'base', records: Number(args['base-records']), entries: Number(args['base-entries']) },
  { label: 'big', records: Number(args.records), entries: Number(args.entries) },
]
const LOAD = { seconds: Number(args.seconds), connections: Number(args.connections) }
const PREFIX = args['db-prefix'] ?? 'govshare_scale'
if (!/^[a-z_][a-z0-9_]*$/.test(PREFIX)) {
  throw new Error(`--db-prefix: lowercase letters, digits and _ only (${PREFIX})`)
}
/** Before any measurement: bytes per row with indexes, from operations.md's sizing. */
let bytesPerRecord = 900
let bytesPerEntry = 1100

const log = (line: string) => process.stdout.write(`${line}\n`)
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

interface Figures {
  records: number
  entries: number
  loadSeconds: number
  databaseBytes: number
  lookupRps: number
  lookupP50: number
  lookupP99: number
  /** Per search kind: median and worst of the timed requests, ms. */
  searches: Record<string, { p50: number; max: number }>
  verifySeconds: number
  verifyRate: number
  verifyOk: boolean
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Free bytes where PostgreSQL keeps its data (this machine's server), else of the temp folder. */
async function freeBytes(): Promise<{ where: string; free: number }> {
  const dir = await onServer(async (c) => (await c.query<{ d: string }>('show data_directory')).rows[0]?.d)
  const where = dir && fs.existsSync(dir) ? dir : os.tmpdir()
  const stat = fs.statfsSync(where)
  return { where, free: stat.bavail * stat.bsize }
}

async function checkDisk(size: (typeof SIZES)[number]): Promise<void> {
  const estimate = size.records * bytesPerRecord + size.entries * bytesPerEntry
  const { where, free } = await freeBytes()
  log(
    `  disk: about ${fmt(estimate / 1e9, 1)} GB needed (${fmt(bytesPerRecord)} B a record, ` +
      `${fmt(bytesPerEntry)} B an entry), ${fmt(free / 1e9, 1)} GB free at ${where}`,
  )
  // A fifth kept free: PostgreSQL needs room for WAL and for the copy an index build makes.
  if (estimate > free * 0.8) {
    throw new Error('not enough free disk for this size: pick smaller --records / --entries')
  }
}

async function freshStore(name: string) {
  await onServer(async (c) => {
    await c.query(`drop database if exists ${name} with (force)`)
    await c.query(`create database ${name}`)
  })
  const databaseUrl = databaseUrlFor(name)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-scale-'))
  return {
    dialect: 'postgres' as const,
    dataDir,
    databaseUrl,
    open: () => openDatabase({ databaseUrl }),
    destroy: async () => {
      fs.rmSync(dataDir, { recursive: true, force: true })
      if (!args.keep) {
        await onServer((c) => dropDatabase(c, name))
      }
    },
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const began = performance.now()
  const value = await work()
  return { value, ms: performance.now() - began }
}

/** Each search `n` times in turn, one at a time: its median and worst latency. */
async function timeSearches(
  t: TestPlatform,
  token: string,
  requests: Record<string, { method: 'GET' | 'POST'; url: string; body?: unknown }>,
  n: number,
): Promise<Figures['searches']> {
  const out: Figures['searches'] = {}
  for (const [name, request] of Object.entries(requests)) {
    const ms: number[] = []
    for (let i = 0; i < n; i += 1) {
      const { value: reply, ms: took } = await timed(() =>
        fetch(`${t.baseUrl}${request.url}`, {
          method: request.method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        }),
      )
      await reply.arrayBuffer()
      if (reply.status !== 200) {
        throw new Error(`search ${name}: ${reply.status}`)
      }
      ms.push(took)
    }
    ms.sort((a, b) => a - b)
    out[name] = { p50: ms[Math.floor(ms.length / 2)] ?? 0, max: ms[ms.length - 1] ?? 0 }
  }
  return out
}

async function runSize(size: (typeof SIZES)[number]): Promise<Figures> {
  log(`\n== ${size.label}: ${fmt(size.records)} records, ${fmt(size.entries)} log entries`)
  await checkDisk(size)
  const name = `${PREFIX}_${size.label}`
  const t = await startTestPlatformOn(await freshStore(name), {
    config: { audit: { ...AUDIT_DEFAULTS, signingKey: TEST_AUDIT_SIGNING_KEY } },
  })
  try {
    const fixture = await setUp(t)
    const admin = await t.login('admin', ADMIN_PASSWORD)
    const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
    const password = 'Scale#2026pass'
    await admin.post('/api/v1/users', {
      username: 'scale.auditor',
      password,
      departmentId: bureauId,
      roles: ['auditor'],
    })
    const auditor = await t.login('scale.auditor', password)
    const resource = await publishedResource(t.platform.handle.db, fixture.resourceId)
    if (!resource) {
      throw new Error('resource not published')
    }
    const keys = fieldKeys([TEST_DATA_KEY])
    const consumer = await t.platform.handle.db
      .selectFrom('grants')
      .select(['id', 'consumer_id'])
      .where('resource_id', '=', fixture.resourceId)
      .executeTakeFirstOrThrow()
    const pool = new pg.Pool({ connectionString: databaseUrlFor(name), max: 2 })
    const began = performance.now()
    try {
      await loadRecords(pool, {
        count: size.records,
        resourceId: fixture.resourceId,
        row: (i) => {
          const data = person(i)
          return { keyHash: keyHashOf(keys, data.公民身份号码), data: encodeData(keys, resource.items, data) }
        },
        progress: (n) => log(`  records: ${fmt(n)}`),
      })
      await loadEntries(pool, {
        count: size.entries,
        resourceId: fixture.resourceId,
        grantId: consumer.id,
        consumerId: consumer.consumer_id,
        keyHash: (i) => keyHashOf(keys, person(i % size.records).公民身份号码),
        maskedKey: (i) => `530102********${String(i % 10_000).padStart(4, '0')}`,
        progress: (n) => log(`  entries: ${fmt(n)}`),
      })
      // Vacuumed now, so autovacuum does not take a core in the middle of the measurements.
      await pool.query('vacuum (analyze)')
    } finally {
      await pool.end()
    }
    const loadSeconds = (performance.now() - began) / 1000
    const bytes = await onServer(
      async (c) => (await c.query<{ n: string }>(`select pg_database_size('${name}') as n`)).rows[0]?.n,
    )
    const databaseBytes = Number(bytes)
    log(`  loaded in ${fmt(loadSeconds, 1)} s; database ${fmt(databaseBytes / 1e9, 2)} GB`)

    const step = Math.max(1, Math.floor(size.records / 20_000))
    const paths = Array.from(
      { length: Math.min(20_000, size.records) },
      (_, k) =>
        `/api/v1/exchange/resources/${fixture.resourceId}/records/${person((k * step) % size.records).公民身份号码}?caseRef=${CASE_REF}`,
    )
    const auth = { authorization: `Bearer ${fixture.token}` }
    const warm = await measure(t.baseUrl, paths, auth, LOAD)
    const reads = await load(t.baseUrl, paths, auth, { amount: warm.amount, connections: LOAD.connections })
    if (reads.other > 0 || reads.errors > 0) {
      throw new Error(`lookups: ${reads.other} non-2xx, ${reads.errors} errors`)
    }
    log(`  lookups: ${fmt(reads.rps)} req/s, p50 ${reads.p50} ms, p99 ${reads.p99} ms`)
    await t.platform.services.audit.drain()

    const searches = await timeSearches(
      t,
      auditor.token ?? '',
      {
        'resource, newest page': {
          method: 'GET',
          url: `/api/v1/audit/search?resourceId=${fixture.resourceId}`,
        },
        'consumer department, one day': {
          method: 'GET',
          url: `/api/v1/audit/search?departmentId=${consumer.consumer_id}&from=${dayBefore(1)}&to=${dayBefore(1)}`,
        },
        "one person's reads (by key)": {
          method: 'POST',
          url: '/api/v1/audit/search/by-key',
          body: { resourceId: fixture.resourceId, key: person(7).公民身份号码 },
        },
      },
      Number(args.searches),
    )
    for (const [what, figure] of Object.entries(searches)) {
      log(`  search ${what}: p50 ${fmt(figure.p50, 1)} ms, worst ${fmt(figure.max, 1)} ms`)
    }

    const verify = await timed(() => t.platform.services.audit.verifyChain())
    const verified = verify.value.ok ? verify.value.entries : 0
    log(
      `  verify: ${verify.value.ok ? 'ok' : 'FAILED'}, ${fmt(verified)} entries in ${fmt(verify.ms / 1000, 1)} s`,
    )
    if (size.label === 'base') {
      // This machine's bytes per row (indexes included) size the big run's estimate.
      const sizes = await partitionedBytes(t)
      bytesPerRecord = Math.max(bytesPerRecord, Math.round(sizes.records / Math.max(1, size.records)))
      bytesPerEntry = Math.max(bytesPerEntry, Math.round(sizes.entries / Math.max(1, size.entries)))
    }
    return {
      records: size.records,
      entries: size.entries,
      loadSeconds,
      databaseBytes,
      lookupRps: reads.rps,
      lookupP50: reads.p50,
      lookupP99: reads.p99,
      searches,
      verifySeconds: verify.ms / 1000,
      verifyRate: verified / (verify.ms / 1000),
      verifyOk: verify.value.ok,
    }
  } finally {
    await t.close()
  }
}

async function partitionedBytes(t: TestPlatform): Promise<{ records: number; entries: number }> {
  const row = await sql<{ records: number; entries: number }>`
    select (select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'records'::regclass)::bigint as records,
      (select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'audit_entries'::regclass)::bigint as entries`.execute(
    t.platform.handle.db,
  )
  return { records: Number(row.rows[0]?.records), entries: Number(row.rows[0]?.entries) }
}

function dayBefore(days: number): string {
  return new Date(Date.now() - days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
}

function report(base: Figures, big: Figures): void {
  const rows: Array<[string, number, number, number]> = [
    ['records', base.records, big.records, 0],
    ['log entries', base.entries, big.entries, 0],
    ['database GB', base.databaseBytes / 1e9, big.databaseBytes / 1e9, 2],
    ['lookups req/s', base.lookupRps, big.lookupRps, 0],
    ['lookup p50 ms', base.lookupP50, big.lookupP50, 1],
    ['lookup p99 ms', base.lookupP99, big.lookupP99, 1],
    ...Object.keys(base.searches).flatMap(
      (name): Array<[string, number, number, number]> => [
        [`search ${name} p50 ms`, base.searches[name]?.p50 ?? 0, big.searches[name]?.p50 ?? 0, 1],
      ],
    ),
    ['verify s', base.verifySeconds, big.verifySeconds, 1],
    ['verify entries/s', base.verifyRate, big.verifyRate, 0],
  ]
  log('\n| figure | baseline | at size | at size / baseline |\n|---|---:|---:|---:|')
  for (const [what, a, b, digits] of rows) {
    log(`| ${what} | ${fmt(a, digits)} | ${fmt(b, digits)} | ${a > 0 ? fmt(b / a, 2) : '-'} |`)
  }
  log(`\nchain verified at both sizes: ${base.verifyOk && big.verifyOk ? 'yes' : 'NO'}`)
}

const base = await runSize(SIZES[0] ?? { label: 'base', records: 0, entries: 0 })
const big = await runSize(SIZES[1] ?? { label: 'big', records: 0, entries: 0 })
report(base, big)
process.exit(0)
