/**
 * Issue 17 item 3: three instances on one PostgreSQL behind a round-robin balancer, under a fixed
 * mix of sign-ins, requests, decisions, ingest, reads and revocations sent concurrently. Afterwards
 * the platform must be one: no write answered 2xx is missing, every 2xx read has its log entry,
 * a revocation holds on every instance at once (their caches agree), a token works everywhere
 * until a logout anywhere, each due job ran on one instance only (leases), and the chain verifies.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import {
  ADMIN_PASSWORD,
  ApiClient,
  type ApiReply,
  startTestPlatform,
  type TestPlatform,
} from '../support/platform.js'
import { type RoundRobin, startRoundRobin } from '../support/round-robin.js'
import { allAuditEntries, auditorFor, createDepartment, createUser } from '../support/scenario-kit.js'

const CONSUMERS = 6
const BATCHES = 10
const BATCH_SIZE = 100
const READS_PER_CONSUMER = 20

function person(i: number) {
  return {
    公民身份号码: syntheticIdNumber('530103', '1985-06-01', i),
    姓名: `负载${i}号`,
    性别: i % 2 ? '男' : '女',
  }
}

const ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '性别', dataType: 'string' },
]

describe.skipIf(!DIALECTS.includes('postgres'))('postgres: three instances behind a balancer', () => {
  let t: TestPlatform
  let balancer: RoundRobin
  /** Each instance's own address, to ask each one directly. */
  let direct: string[]
  let runDue: Array<() => Promise<string[]>>

  beforeAll(async () => {
    t = await startTestPlatform('postgres')
    const others = [await t.startInstance(), await t.startInstance()]
    direct = [t.baseUrl, ...others.map((o) => o.baseUrl)]
    runDue = [t.platform, ...others.map((o) => o.platform)].map((p) => () => p.jobs.runDue())
    balancer = await startRoundRobin(direct)
  })
  afterAll(async () => {
    await balancer?.close()
    await t?.close()
  })

  it('acts as one platform under concurrent mixed work', { timeout: 120_000 }, async () => {
    const lb = new ApiClient(balancer.url)
    const admin = await lb.loginAs('admin', ADMIN_PASSWORD)
    const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
    const provider = await createDepartment(admin, 'city')
    const person_ = async (departmentId: string, roles: string[]) => createUser(admin, departmentId, roles)
    const [reviewerUser, catalogerUser, approverUser] = await Promise.all([
      person_(bureauId, ['bureau_reviewer']),
      person_(provider.id, ['cataloger']),
      person_(provider.id, ['approver']),
    ])
    const consumerUsers = await Promise.all(
      Array.from({ length: CONSUMERS }, async () =>
        person_((await createDepartment(admin, 'city')).id, ['consumer']),
      ),
    )
    const reviewer = await lb.loginAs(reviewerUser.username, reviewerUser.password)
    const cataloger = await lb.loginAs(catalogerUser.username, catalogerUser.password)
    const approver = await lb.loginAs(approverUser.username, approverUser.password)
    const created = await cataloger.post(
      '/api/v1/catalog/resources',
      resourceBody({
        name: '负载测试人口信息',
        items: ITEMS,
        shareType: 'conditional',
        legalBasis: '《政务信息资源共享管理暂行办法》',
      }),
    )
    const resourceId: string = created.body.id
    await cataloger.post(`/api/v1/catalog/resources/${resourceId}/submit`)
    expect(
      (await reviewer.post(`/api/v1/catalog/resources/${resourceId}/review`, { decision: 'approve' })).status,
    ).toBe(200)

    const replies: Array<{ kind: string; reply: ApiReply }> = []
    const sent = async (kind: string, call: Promise<ApiReply>) => {
      const reply = await call
      replies.push({ kind, reply })
      return reply
    }
    const ingest = (batch: number) =>
      sent(
        'ingest',
        cataloger.post(`/api/v1/exchange/resources/${resourceId}/records`, {
          records: Array.from({ length: BATCH_SIZE }, (_, i) => person(batch * BATCH_SIZE + i)),
        }),
      )

    // Sign-ins and requests race the first half of the ingest.
    const [consumers] = await Promise.all([
      Promise.all(
        consumerUsers.map(async (user) => {
          const signedIn = await sent('sign-in', lb.post('/api/v1/auth/login', user))
          const consumer = lb.withToken(signedIn.body.token)
          const request = await sent(
            'request',
            consumer.post('/api/v1/sharing/requests', {
              resourceId,
              items: ['公民身份号码', '姓名', '性别'],
              purpose: '多实例负载核验',
            }),
          )
          return { consumer, requestId: request.body.id as string }
        }),
      ),
      Promise.all(Array.from({ length: BATCHES / 2 }, (_, b) => ingest(b))),
    ])
    // Decisions race the second half of the ingest.
    const [grantIds] = await Promise.all([
      Promise.all(
        consumers.map(async ({ requestId }) => {
          const decided = await sent(
            'decision',
            approver.post(`/api/v1/sharing/requests/${requestId}/decision`, { decision: 'approve' }),
          )
          return decided.body.grantId as string
        }),
      ),
      Promise.all(Array.from({ length: BATCHES / 2 }, (_, b) => ingest(BATCHES / 2 + b))),
    ])
    const read = (consumer: ApiClient, i: number) =>
      sent(
        'read',
        consumer.get(
          `/api/v1/exchange/resources/${resourceId}/records/${person(i).公民身份号码}?caseRef=LB-${i}`,
        ),
      )
    // Reads from every consumer while the first half of the grants is revoked.
    const revoked = grantIds.slice(0, CONSUMERS / 2)
    await Promise.all([
      ...consumers.flatMap(({ consumer }, c) =>
        Array.from({ length: READS_PER_CONSUMER }, (_, r) =>
          read(consumer, (c * 97 + r * 31) % (BATCHES * BATCH_SIZE)),
        ),
      ),
      ...revoked.map((grantId) =>
        sent('revoke', approver.post(`/api/v1/grants/${grantId}/revoke`, { reason: '负载测试结束' })),
      ),
    ])

    expect(replies.filter(({ reply }) => reply.status >= 500)).toEqual([])
    for (const kind of ['sign-in', 'request', 'decision', 'ingest', 'revoke']) {
      const failed = replies.filter((r) => r.kind === kind && r.reply.status >= 300)
      expect(
        failed.map((r) => [kind, r.reply.status, r.reply.body]),
        kind,
      ).toEqual([])
    }
    // Reads of a revoked grant may be refused once the revocation is in; nothing else is.
    const reads = replies.filter((r) => r.kind === 'read')
    expect(reads.filter((r) => r.reply.status !== 200 && r.reply.status !== 403)).toEqual([])
    const served = reads.filter((r) => r.reply.status === 200)
    expect(served.length).toBeGreaterThanOrEqual((CONSUMERS / 2) * READS_PER_CONSUMER)
    for (const { reply } of served) {
      expect(reply.body.record.公民身份号码).toMatch(/^\d{6}\*{8}[\dX]{4}$/)
    }

    // No write lost: every record, every grant, every revocation.
    const db = t.platform.handle.db
    const stored = await sql<{
      n: string
    }>`select count(*) as n from records where resource_id = ${resourceId}`.execute(db)
    expect(Number(stored.rows[0]?.n)).toBe(BATCHES * BATCH_SIZE)
    const grants = await sql<{
      id: string
      status: string
    }>`select id, status from grants where resource_id = ${resourceId}`.execute(db)
    expect(grants.rows.map((g) => [g.id, g.status]).sort()).toEqual(
      grantIds.map((id) => [id, revoked.includes(id) ? 'revoked' : 'live']).sort(),
    )
    // Every 2xx read has its committed log entry, one each.
    const auditor = await auditorFor(admin)
    const logged = (await allAuditEntries(auditor, 'action=exchange.read')).filter(
      (e) => e.action === 'exchange.read' && e.object === resourceId,
    )
    expect(logged.length).toBe(served.length)

    // The caches agree: on each instance, asked directly, the revoked are refused and the others served.
    for (const base of direct) {
      for (const [c, { consumer }] of consumers.entries()) {
        const reply = await new ApiClient(base, consumer.token).get(
          `/api/v1/exchange/resources/${resourceId}/records/${person(c).公民身份号码}?caseRef=LB-check`,
        )
        expect(reply.status, `consumer ${c} on ${base}`).toBe(c < CONSUMERS / 2 ? 403 : 200)
      }
    }
    // Sessions: a token works on every instance until a logout on any one.
    const [last] = consumers.slice(-1)
    for (const base of direct) {
      expect((await new ApiClient(base, last?.consumer.token).get('/api/v1/auth/me')).status).toBe(200)
    }
    expect(
      (await new ApiClient(direct[1] ?? '', last?.consumer.token).post('/api/v1/auth/logout')).status,
    ).toBe(204)
    for (const base of direct) {
      expect((await new ApiClient(base, last?.consumer.token).get('/api/v1/auth/me')).status).toBe(401)
    }
    // Leases: the instances tick together; each due job runs on one of them.
    const ran = (await Promise.all(runDue.map((tick) => tick()))).flat()
    expect(ran.length).toBeGreaterThan(0)
    expect(new Set(ran).size).toBe(ran.length)
    // One chain, dense and valid, and the balancer spread the work.
    const verify = await auditor.get('/api/v1/audit/verify')
    expect(verify.body).toMatchObject({ ok: true })
    const seqs = (await allAuditEntries(auditor)).map((e) => e.seq)
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1))
    expect(Math.min(...balancer.hits)).toBeGreaterThan(Math.max(...balancer.hits) / 2)
  })
})
