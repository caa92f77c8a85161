/**
 * Statements per exchange lookup on PostgreSQL (issue 17 item 2): every statement the platform's
 * pg clients send is counted while lookups run one at a time, then listed by text. Round trips
 * are what the lookup waits for; pipelined statements share one (pg's `pipeline` client).
 */
import { parseArgs } from 'node:util'
import pg from 'pg'
import { AUDIT_DEFAULTS } from '../src/modules/audit/index.js'
import { startTestPlatform, TEST_AUDIT_SIGNING_KEY } from '../test/support/platform.js'
import { CASE_REF, person, setUp } from './support/exchange-fixture.js'

const { values: args } = parseArgs({
  options: {
    lookups: { type: 'string', default: '200' },
    records: { type: 'string', default: '1000' },
    concurrent: { type: 'string', default: '1' },
  },
})
const LOOKUPS = Number(args.lookups)
const RECORDS = Number(args.records)
const CONCURRENT = Number(args.concurrent)

const seen = new Map<string, number>()
let counting = false
/** A round trip starts when a statement goes out on a connection with none outstanding. */
let roundTrips = 0
const outstanding = new WeakMap<pg.Client, number>()
type QueryFn = (this: pg.Client, ...rest: unknown[]) => unknown
const proto = pg.Client.prototype as unknown as { query: QueryFn }
const original = proto.query
proto.query = function (this: pg.Client, ...rest: unknown[]) {
  const before = outstanding.get(this) ?? 0
  if (counting) {
    const first = rest[0]
    const text =
      typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '(other)')
    const key = text.replace(/\s+/g, ' ').slice(0, 140)
    seen.set(key, (seen.get(key) ?? 0) + 1)
    roundTrips += before === 0 ? 1 : 0
  }
  outstanding.set(this, before + 1)
  const done = () => outstanding.set(this, (outstanding.get(this) ?? 1) - 1)
  const last = rest[rest.length - 1]
  if (typeof last === 'function') {
    rest[rest.length - 1] = (...answer: unknown[]) => {
      done()
      return (last as (...a: unknown[]) => unknown)(...answer)
    }
    return original.apply(this, rest)
  }
  const result = original.apply(this, rest)
  if (result instanceof Promise) {
    result.then(done, done)
  } else {
    done()
  }
  return result
}

const t = await startTestPlatform('postgres', {
  config: { audit: { ...AUDIT_DEFAULTS, signingKey: TEST_AUDIT_SIGNING_KEY } },
})
try {
  const { providerId, resourceId, token } = await setUp(t)
  const { departmentActor } = await import('../src/modules/org/index.js')
  const actor = await departmentActor(t.platform.handle.db, providerId, ['cataloger'], 'bench')
  await t.platform.services.exchange.ingest.ingest(actor, resourceId, {
    records: Array.from({ length: RECORDS }, (_, i) => person(i)),
    sourceChangedAt: new Date(Date.now() - 86_400_000).toISOString(),
  })
  const url = (i: number) =>
    `${t.baseUrl}/api/v1/exchange/resources/${resourceId}/records/${person(i % RECORDS).公民身份号码}?caseRef=${CASE_REF}`
  const headers = { authorization: `Bearer ${token}` }
  const lookup = async (i: number) => {
    const reply = await fetch(url(i), { headers })
    if (reply.status !== 200) {
      throw new Error(`lookup ${i}: ${reply.status} ${await reply.text()}`)
    }
    await reply.arrayBuffer()
  }
  // Warm: caches filled, statements prepared on every pooled connection.
  await Promise.all(Array.from({ length: 50 }, (_, i) => lookup(i)))
  await t.platform.services.audit.drain()
  counting = true
  for (let i = 0; i < LOOKUPS; i += CONCURRENT) {
    await Promise.all(Array.from({ length: CONCURRENT }, (_, j) => lookup(i + j)))
  }
  await t.platform.services.audit.drain()
  counting = false
  let total = 0
  const rows = [...seen.entries()].sort((a, b) => b[1] - a[1])
  for (const [text, n] of rows) {
    total += n
    process.stdout.write(`${(n / LOOKUPS).toFixed(2).padStart(6)}  ${text}\n`)
  }
  process.stdout.write(
    `${LOOKUPS} lookups (${CONCURRENT} at a time): ${total} statements, ${(total / LOOKUPS).toFixed(2)} per lookup; ${roundTrips} round trips, ${(roundTrips / LOOKUPS).toFixed(2)} per lookup\n`,
  )
} finally {
  await t.close()
}
process.exit(0)
