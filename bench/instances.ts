/**
 * Several instances, one platform (issue 17 item 3): authorised, masked and audited lookups on
 * PostgreSQL served by one instance, then by three on the same database, the same load spread over
 * them as a round-robin balancer would (a third of the connections each, from one loader process
 * per instance, so no proxy shares the cores). Prints the three-instance rate beside the
 * one-instance rate of the same run, and checks that every 2xx has its log entry.
 *
 *   npx tsx bench/instances.ts [--records 100000] [--seconds 10] [--connections 60]
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { departmentActor } from '../src/modules/org/index.js'
import { startTestPlatform, type TestPlatform } from '../test/support/platform.js'
import { type Load, load, measure } from './support/autocannon.js'
import { CASE_REF, person, setUp } from './support/exchange-fixture.js'

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '60' },
  },
})
const RECORDS = Number(args.records)
const SECONDS = Number(args.seconds)
/** A multiple of the instance count, so each instance gets the same share. */
const CONNECTIONS = Math.max(3, Math.round(Number(args.connections) / 3) * 3)
const INSTANCES = 3

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

async function countReads(t: TestPlatform, resourceId: string): Promise<number> {
  const row = await sql<{ n: string }>`select count(*) as n from audit_entries
    where action = 'exchange.read' and object_id = ${resourceId}`.execute(t.platform.handle.db)
  return Number(row.rows[0]?.n ?? 0)
}

/** The same number of requests in all, split evenly over the instances, run at the same time. */
async function spread(urls: string[], paths: string[], headers: Record<string, string>, amount: number) {
  const share = Math.round(amount / urls.length / (CONNECTIONS / urls.length)) * (CONNECTIONS / urls.length)
  const runs = await Promise.all(
    urls.map((url) => load(url, paths, headers, { amount: share, connections: CONNECTIONS / urls.length })),
  )
  const seconds = Math.max(...runs.map((r) => r.seconds))
  const sum = (pick: (r: Load) => number) => runs.reduce((total, r) => total + pick(r), 0)
  return {
    rps: sum((r) => r.ok) / seconds,
    ok: sum((r) => r.ok),
    other: sum((r) => r.other) + sum((r) => r.errors),
    p99: Math.max(...runs.map((r) => r.p99)),
  }
}

const t = await startTestPlatform('postgres')
try {
  const { providerId, resourceId, token } = await setUp(t)
  const actor = await departmentActor(t.platform.handle.db, providerId, ['cataloger'], 'bench')
  for (let start = 0; start < RECORDS; start += 1000) {
    const records = Array.from({ length: Math.min(1000, RECORDS - start) }, (_, j) => person(start + j))
    await t.platform.services.exchange.ingest.ingest(actor, resourceId, { records })
  }
  await sql`vacuum analyze`.execute(t.platform.handle.db)
  const paths = Array.from(
    { length: 20_000 },
    (_, k) =>
      `/api/v1/exchange/resources/${resourceId}/records/${person((k * 7919) % RECORDS).公民身份号码}?caseRef=${CASE_REF}`,
  )
  const auth = { authorization: `Bearer ${token}` }
  const warm = await measure(t.baseUrl, paths, auth, { seconds: SECONDS, connections: CONNECTIONS })
  const logged = async <R extends { ok: number }>(run: () => Promise<R>) => {
    const before = await countReads(t, resourceId)
    const result = await run()
    return { ...result, logged: (await countReads(t, resourceId)) - before }
  }
  const one = await logged(() => spread([t.baseUrl], paths, auth, warm.amount))
  const others = await Promise.all(Array.from({ length: INSTANCES - 1 }, () => t.startInstance()))
  const urls = [t.baseUrl, ...others.map((o) => o.baseUrl)]
  await spread(urls, paths, auth, Math.round(warm.amount / 3)) // warms the new instances
  const three = await logged(() => spread(urls, paths, auth, warm.amount))
  const check = (run: { ok: number; logged: number }) =>
    `log ${fmt(run.logged)} entries for ${fmt(run.ok)} 2xx: ${run.logged === run.ok ? 'equal' : 'MISMATCH'}`
  console.log(
    `postgres, ${fmt(RECORDS)} records, ${CONNECTIONS} connections\n` +
      `  1 instance:  ${fmt(one.rps)} req/s, p99 ${one.p99} ms (${one.other} not 2xx; ${check(one)})\n` +
      `  ${INSTANCES} instances: ${fmt(three.rps)} req/s, p99 ${three.p99} ms (${three.other} not 2xx; ${check(three)})\n` +
      `  ratio ${fmt(three.rps / one.rps, 2)} × one instance (issue 17: ≥ 2 ×, or the reason written down)`,
  )
} finally {
  await t.close()
}
process.exit(0)
