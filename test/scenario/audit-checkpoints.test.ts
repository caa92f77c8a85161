/**
 * Issue 12 over HTTP: published keys, signed checkpoints, proofs that verify against them, and a
 * witness (the audit bureau's `govshare audit witness`) that accepts growth and raises the alarm,
 * with evidence, when the platform's history is truncated.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runWitness } from '../../src/cli/audit-witness.js'
import {
  isSignedBy,
  leafHash,
  sm3Tree,
  verifyConsistency,
  verifyInclusion,
} from '../../src/modules/audit/index.js'
import { DIALECTS } from '../support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  ApiClient as Client,
  startTestPlatform,
  type TestPlatform,
} from '../support/platform.js'
import { auditorFor, createDepartment, createUser, expectError } from '../support/scenario-kit.js'

const buf = (h: string) => Buffer.from(h, 'hex')

for (const dialect of DIALECTS) {
  describe(`${dialect}: signed checkpoints, proofs and the witness`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let auditor: ApiClient
    let stateDir: string
    const lines: string[] = []
    const witness = () =>
      runWitness({ url: t.baseUrl, state: stateDir, token: admin.token }, (l) => lines.push(l))
    const checkpoint = () => t.platform.services.audit.checkpoints.makeCheckpoint({ force: true })

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      admin = await t.login('admin', ADMIN_PASSWORD)
      auditor = await auditorFor(admin)
      stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-witness-'))
      const county = await createDepartment(admin, 'county')
      await createUser(admin, county.id, ['consumer'])
      await checkpoint()
    }, 60_000)
    afterAll(async () => {
      await t?.close()
      fs.rmSync(stateDir, { recursive: true, force: true })
    })

    it('publishes the keys without sign-in and serves checkpoints to signed-in callers only', async () => {
      const keys = await new Client(t.baseUrl).get('/.well-known/govshare-audit-keys.json')
      expect(keys.status).toBe(200)
      expect(keys.body).toMatchObject({ hashAlg: 'SM3', keys: [{ algorithm: 'SM2' }] })
      expectError(
        await new Client(t.baseUrl).get('/api/v1/audit/checkpoints?latest=true'),
        401,
        'AUTH_REQUIRED',
      )
      const latest = await admin.get('/api/v1/audit/checkpoints?latest=true')
      expect(latest.status).toBe(200)
      const [head] = latest.body.items
      expect(isSignedBy(head, keys.body.keys)).toBe(true)
      expect((await admin.get(`/api/v1/audit/checkpoints/${head.treeSize}`)).body).toEqual(head)
      expectError(await admin.get('/api/v1/audit/checkpoints/999999'), 404, 'AUDIT_CHECKPOINT_NOT_FOUND')
      expect((await auditor.get('/api/v1/audit/verify')).body).toMatchObject({
        ok: true,
        checkpoint: { treeSize: head.treeSize, root: head.root },
      })
    })

    it('serves inclusion and consistency proofs that verify against the signed roots', async () => {
      const before = (await admin.get('/api/v1/audit/checkpoints?latest=true')).body.items[0]
      expect(await witness()).toBe(0)
      await createDepartment(admin, 'county')
      const after = await checkpoint()
      if (!after) {
        throw new Error('no checkpoint')
      }
      const c = await admin.get(
        `/api/v1/audit/proofs/consistency?from=${before.treeSize}&to=${after.treeSize}`,
      )
      expect(c.status).toBe(200)
      expect(
        verifyConsistency(
          sm3Tree,
          before.treeSize,
          after.treeSize,
          buf(before.root),
          buf(after.root),
          c.body.proof.map(buf),
        ),
      ).toBe(true)
      const i = await auditor.get(`/api/v1/audit/proofs/inclusion?seq=2&treeSize=${after.treeSize}`)
      expect(i.status).toBe(200)
      const leaf = leafHash(sm3Tree, buf(i.body.leaf))
      expect(verifyInclusion(sm3Tree, 1, after.treeSize, leaf, i.body.proof.map(buf), buf(after.root))).toBe(
        true,
      )
      expectError(
        await auditor.get(`/api/v1/audit/proofs/inclusion?seq=1&treeSize=${after.treeSize + 5}`),
        400,
        'AUDIT_PROOF_OUT_OF_RANGE',
      )
      expect(await witness()).toBe(0)
      expect(lines.at(-1)).toContain(`witness OK: tree ${after.treeSize}`)
    })

    it('raises the alarm with evidence when the history is truncated and the checkpoints with it', async () => {
      const seen = (await admin.get('/api/v1/audit/checkpoints?latest=true')).body.items[0]
      const keep = seen.treeSize - 3
      const db = t.platform.handle.db
      if (dialect === 'postgres') {
        await sql`drop trigger audit_entries_immutable on audit_entries`.execute(db)
        await sql`drop trigger audit_head_forward on audit_head`.execute(db)
        await sql`drop trigger audit_checkpoints_immutable on audit_checkpoints`.execute(db)
      } else {
        await sql`drop trigger audit_entries_no_delete`.execute(db)
        await sql`drop trigger audit_head_forward`.execute(db)
        await sql`drop trigger audit_checkpoints_no_delete`.execute(db)
      }
      await sql`delete from audit_entries where seq > ${keep}`.execute(db)
      await sql`update audit_head set seq = ${keep}, hash = (select hash from audit_entries where seq = ${keep}) where id = 1`.execute(
        db,
      )
      expect((await auditor.get('/api/v1/audit/verify')).body).toMatchObject({
        ok: false,
        problem: 'head_behind_checkpoint',
      })
      await sql`delete from audit_checkpoints where tree_size > ${keep}`.execute(db)
      // The platform alone now looks whole again; the witness remembers.
      expect((await auditor.get('/api/v1/audit/verify')).body).toMatchObject({ ok: true })
      expect(await witness()).toBe(1)
      expect(lines.join('\n')).toContain('witness ALARM')
      const evidence = fs.readdirSync(stateDir).filter((f) => f.startsWith('evidence-'))
      expect(evidence).toHaveLength(1)
      const kept = JSON.parse(fs.readFileSync(path.join(stateDir, evidence[0] ?? ''), 'utf8'))
      expect(kept).toMatchObject({ problem: 'truncated', seen: { treeSize: seen.treeSize } })
    })
  })
}
