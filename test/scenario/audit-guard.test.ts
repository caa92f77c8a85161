/**
 * Issue 12 as the platform meets it: a row forged into the audit log past its head does not stop
 * sign-in; security officers see the incident with the evidence; verify names the row; and every
 * committed entry, no other, reaches the forwarding file in seq order.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectChainOfLines, FORGED_HASH, forgeRowPastHead, readLines } from '../support/audit-kit.js'
import { govshare } from '../support/cli.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
} from '../support/scenario-kit.js'

async function verifyCli(dataDir: string): Promise<{ code: number; out: string }> {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', GOVSHARE_AUDIT_FORWARD: '' }
  const run = await govshare(['audit', 'verify'], env)
  return { code: run.code, out: run.stdout + run.stderr }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: a row forged past the audit head (issue 12)`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let officer: ApiClient
    let forwardFile: string
    let bureauId: string

    beforeAll(async () => {
      forwardFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-forward-')), 'audit.jsonl')
      t = await startTestPlatform(dialect, { config: { auditForward: { kind: 'file', path: forwardFile } } })
      admin = await t.login('admin', ADMIN_PASSWORD)
      bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const o = await createUser(admin, bureauId, ['security_officer'])
      officer = await t.login(o.username, o.password)
      await createDepartment(admin, 'county')
    })
    afterAll(async () => {
      await t?.close()
      fs.rmSync(path.dirname(forwardFile), { recursive: true, force: true })
    })

    it('keeps sign-in working, raises one incident, and verify names the row', async () => {
      const forged = await forgeRowPastHead(t.platform.handle.db)
      if (dialect === 'sqlite') {
        const before = await verifyCli(t.store.dataDir)
        expect(before.code, before.out).toBe(1)
        expect(before.out).toContain(`row past the head (not an entry): seq ${forged} hash ${FORGED_HASH}`)
      }

      const login = await t.api.post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD })
      expect(login.status).toBe(200)
      await t.login('admin', ADMIN_PASSWORD)

      const incidents = await officer.get('/api/v1/oversight/incidents')
      expect(incidents.status).toBe(200)
      const raised = incidents.body.items.filter((i: { title: string }) => i.title.startsWith('Audit log:'))
      expect(raised).toHaveLength(1)
      expect(raised[0]).toMatchObject({ severity: 'high', status: 'open', reportedBy: 'system' })
      expect(raised[0].description).toContain(`seq ${forged} hash ${FORGED_HASH}`)

      // Issue 13: the audit administrator, not platform_admin, reads the log.
      const auditor = await auditorFor(admin)
      const verify = await auditor.get('/api/v1/audit/verify')
      expect(verify.body).toMatchObject({
        ok: true,
        foreignRows: [{ seq: forged, hash: FORGED_HASH, quarantinedAt: expect.any(String) }],
      })
      const entries = await allAuditEntries(auditor)
      expect(entries.find((e) => e.seq === forged)?.action).toBe('audit.foreign_rows')
      expect(entries.find((e) => e.action === 'audit.foreign_rows')?.details).toMatchObject({
        alarm: 'raised',
        incidentId: raised[0].id,
        rows: [{ seq: forged, hash: FORGED_HASH }],
      })
      if (dialect === 'sqlite') {
        const after = await verifyCli(t.store.dataDir)
        expect(after.code, after.out).toBe(0)
        expect(after.out).toContain('audit chain OK')
        expect(after.out).toContain(`quarantined row (not an entry): seq ${forged} hash ${FORGED_HASH}`)
      }
    })

    it('forwards exactly the committed entries to the file, in seq order, with their hashes', async () => {
      await createUser(admin, (await createDepartment(admin, 'county')).id, ['consumer'])
      await t.platform.services.audit.flushForwarding()
      const lines = readLines(forwardFile)
      const stored = await sql<{
        seq: number
        hash: string
      }>`select seq, hash from audit_entries order by seq`.execute(t.platform.handle.db)
      expect(lines.map((line) => [line.seq, line.hash])).toEqual(
        stored.rows.map((row) => [Number(row.seq), row.hash]),
      )
      expect(lines.some((line) => line.hash === FORGED_HASH)).toBe(false)
      expectChainOfLines(lines)
    })

    it('answers 503 AUDIT_WRITE_FAILED, not 500, when the log truly cannot be written', async () => {
      const db = t.platform.handle.db
      await sql`alter table audit_head rename to audit_head_away`.execute(db)
      try {
        const login = await t.api.post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD })
        expectError(login, 503, 'AUDIT_WRITE_FAILED')
        const change = await admin.post('/api/v1/clients', { name: '写不进日志', departmentId: bureauId })
        expectError(change, 503, 'AUDIT_WRITE_FAILED')
      } finally {
        await sql`alter table audit_head_away rename to audit_head`.execute(db)
      }
      expect(
        (await t.api.post('/api/v1/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).status,
      ).toBe(200)
    })
  })
}
