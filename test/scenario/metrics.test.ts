/**
 * Issue 17 item 4: /metrics for Prometheus. Absent without GOVSHARE_METRICS_TOKEN; with it, only a
 * scraper presenting the token reads it (a wrong one is refused and logged); it counts requests by
 * route, their latency, access-cache hits, job runs, the day's reads per grant and the log's lag,
 * and names no record key.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { readableRecord } from '../support/ops-kit.js'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'
import { allAuditEntries, auditorFor } from '../support/scenario-kit.js'

const TOKEN = 'metrics-token-0123456789abcdef0123456789'

function scrape(t: TestPlatform, credentials?: string) {
  const headers: Record<string, string> = credentials
    ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }
    : {}
  return fetch(`${t.baseUrl}/metrics`, { headers })
}

describe.each(DIALECTS)('%s: GET /metrics', (dialect) => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup()
    }
  })

  it('is not served without GOVSHARE_METRICS_TOKEN', async () => {
    const t = await startTestPlatform(dialect)
    cleanups.push(() => t.close())
    expect((await scrape(t, `metrics:${TOKEN}`)).status).toBe(404)
  })

  it('answers the scraper holding the token, and counts what an operator watches', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-metrics-'))
    cleanups.push(async () => fs.rmSync(folder, { recursive: true, force: true }))
    const t = await startTestPlatform(dialect, {
      config: { metricsToken: TOKEN, auditForward: { kind: 'file', path: path.join(folder, 'audit.jsonl') } },
    })
    cleanups.push(() => t.close())
    const { admin, consumer, idNumber, path: recordPath } = await readableRecord(t.api)
    for (const caseRef of ['M-1', 'M-2', 'M-3']) {
      expect((await consumer.get(`${recordPath}?caseRef=${caseRef}`)).status).toBe(200)
    }
    await t.platform.jobs.runDue()
    await t.platform.services.audit.flushForwarding()

    const anonymous = await scrape(t)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic')
    expect((await scrape(t, 'metrics:not-the-token-0123456789abcdef0123')).status).toBe(401)

    const reply = await scrape(t, `metrics:${TOKEN}`)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toContain('text/plain; version=0.0.4')
    const text = await reply.text()
    const route = '/api/v1/exchange/resources/:id/records/:key'
    expect(text).toContain(`govshare_http_requests_total{method="GET",route="${route}",status="200"} 3`)
    expect(text).toContain(`govshare_http_request_duration_seconds_count{method="GET",route="${route}"} 3`)
    expect(text).toMatch(/govshare_access_cache_lookups_total\{result="hit"\} [1-9]/)
    expect(text).toMatch(/govshare_grant_records_read_today\{grant="[0-9a-f-]{36}"\} 3\n/)
    expect(text).toMatch(/govshare_job_runs_total\{job="[^"]+",outcome="ran"\} 1/)
    expect(text).toMatch(/govshare_audit_head_seq [1-9]\d*\n/)
    expect(text).toMatch(/govshare_audit_forward_lag_entries\{target="[^"]+"\} \d+\n/)
    expect(text).not.toContain(idNumber)
    expect(text).not.toContain(encodeURIComponent(idNumber))

    // The refused scrapes are in the log like any refusal (Art. 29).
    const refusals = await allAuditEntries(await auditorFor(admin), 'action=access.denied')
    expect(refusals.filter((entry) => entry.object === 'GET /metrics').length).toBe(2)
  })
})
