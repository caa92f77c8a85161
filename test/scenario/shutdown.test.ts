/**
 * Issue 17 item 4: "A SIGTERM during load: every request that was accepted is answered, and the
 * log is complete." The real server in a child process, thirty systems reading without pause, a
 * SIGTERM in the middle; then the process's JSON log, the replies, the audit log and its forwarded
 * copy must agree.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/connect.js'
import { kill, pgAdmin, type Server, startServer } from '../support/child-server.js'
import { DIALECTS, databaseUrlFor } from '../support/dialects.js'
import { readableRecord } from '../support/ops-kit.js'
import { ADMIN_PASSWORD, type ApiClient, TEST_AUDIT_SIGNING_KEY, TEST_DATA_KEY } from '../support/platform.js'
import { allAuditEntries, auditorFor } from '../support/scenario-kit.js'

interface LogLine {
  msg?: string
  reqId?: string
  req?: Record<string, unknown>
}

function jsonLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)
}

describe.each(DIALECTS)('%s: SIGTERM under load (real server)', (dialect) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-stop-'))
  const database = `gs_stop_${randomBytes(6).toString('hex')}`
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    GOVSHARE_SEED: 'none',
    GOVSHARE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    GOVSHARE_DATA_KEY: TEST_DATA_KEY,
    GOVSHARE_AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY,
    GOVSHARE_MFA_REQUIRED_ROLES: 'none',
    GOVSHARE_SIGNIN_FAILURES_PER_ADDRESS: '1000000',
    GOVSHARE_BAD_TOKENS_PER_ADDRESS: '1000000',
    LOG_LEVEL: 'info',
    // The log's last batch must also reach the SIEM before the process ends.
    GOVSHARE_AUDIT_FORWARD: `file:${path.join(dataDir, 'forwarded.jsonl')}`,
  }
  const servers: Server[] = []

  beforeAll(async () => {
    if (dialect === 'postgres') {
      await pgAdmin((c) => c.query(`create database ${database}`))
      env.DATABASE_URL = databaseUrlFor(database)
    }
  })
  afterAll(async () => {
    for (const server of servers) {
      await kill(server)
    }
    if (dialect === 'postgres') {
      await pgAdmin((c) => c.query(`drop database if exists ${database} with (force)`))
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('answers every accepted read, commits its log entry, logs each request by its id, exits 0', async () => {
    const first = await startServer(env)
    servers.push(first)
    const { consumer, idNumber, path: recordPath } = await readableRecord(first.api)
    const read = (client: ApiClient, caseRef: string) =>
      client.request('GET', `${recordPath}?caseRef=${caseRef}`, undefined, {
        'x-request-id': `req-${caseRef}`,
      })
    const warm = await read(consumer, 'WARM-0001')
    expect(warm.status).toBe(200)
    expect(warm.headers.get('x-request-id')).toBe('req-WARM-0001')

    const statuses = new Map<string, number>()
    let sent = 0
    let ok = 0
    let signalled = false
    const reader = async () => {
      for (;;) {
        const caseRef = `TERM-${String(sent++).padStart(4, '0')}`
        // A refused connection was never accepted: this system stops, like a client whose server left.
        const reply = await read(consumer, caseRef).catch(() => undefined)
        if (!reply) {
          return
        }
        statuses.set(caseRef, reply.status)
        if (reply.status !== 200) {
          return
        }
        ok += 1
        if (ok === 30 && !signalled) {
          signalled = true
          first.child.kill('SIGTERM')
        }
      }
    }
    await Promise.all(Array.from({ length: 30 }, reader))
    expect(await first.exited, first.output()).toBe(0)
    expect(signalled).toBe(true)
    // Accepted requests are answered 200; late ones on a kept-alive connection a clean 503.
    expect(new Set(statuses.values()), 'only 200 and 503 replies').toEqual(
      new Set([...statuses.values()].filter((status) => status === 200 || status === 503)),
    )
    expect([...statuses.values()].filter((status) => status === 503).length).toBeLessThanOrEqual(30)

    // The process's JSON log: every request it took in has its completion line, by request id.
    const lines = jsonLines(first.output())
    const incoming = new Set(lines.filter((l) => l.msg === 'incoming request').map((l) => l.reqId))
    const completed = new Set(lines.filter((l) => l.msg === 'request completed').map((l) => l.reqId))
    expect([...incoming].filter((id) => !completed.has(id))).toEqual([])
    for (const caseRef of statuses.keys()) {
      expect(completed.has(`req-${caseRef}`), caseRef).toBe(true)
    }
    expect(lines.some((l) => l.msg === 'stopped')).toBe(true)
    // Every committed entry was forwarded before the exit, in order, none twice.
    const store = await openDatabase({ dataDir, databaseUrl: env.DATABASE_URL })
    const head = await store.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()
    await store.close()
    const forwarded = fs
      .readFileSync(path.join(dataDir, 'forwarded.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { seq: number }).seq)
    expect(forwarded).toEqual(Array.from({ length: Number(head.seq) }, (_, i) => i + 1))
    // Request lines name the route, never the record key in the URL.
    expect(first.output()).not.toContain(idNumber)
    expect(first.output()).not.toContain(encodeURIComponent(idNumber))

    // The audit log, read after a restart: an entry for every 200 and for nothing else.
    const second = await startServer(env)
    servers.push(second)
    const admin = await second.api.loginAs('admin', ADMIN_PASSWORD)
    const auditor = await auditorFor(admin)
    const logged = (await allAuditEntries(auditor, 'action=exchange.read'))
      .map((entry) => String(entry.details.caseRef))
      .filter((caseRef) => caseRef.startsWith('TERM-'))
      .sort()
    const answered = [...statuses].filter(([, status]) => status === 200).map(([caseRef]) => caseRef)
    expect(logged).toEqual(answered.sort())
    expect((await auditor.get('/api/v1/audit/verify')).body).toMatchObject({ ok: true })
    await kill(second)
  }, 180_000)
})
