/**
 * "A write answered with 2xx survives the process being killed at any moment after": the real
 * server (src/main.ts) in a child process, SIGKILLed right after (or in the middle of) writes, then
 * restarted on the same store. SQLite through DATA_DIR; PostgreSQL through DATABASE_URL on a
 * database of its own (the server has no schema setting), dropped afterwards. The same holds for
 * exchange reads: a record answered 200 has its query-log entry committed before the reply.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DialectName } from '../../src/db/database.js'
import { kill, pgAdmin, type Server, startServer } from '../support/child-server.js'
import { DIALECTS, TEST_PG_URL } from '../support/dialects.js'
import { readableRecord } from '../support/ops-kit.js'
import { ADMIN_PASSWORD, ApiClient, TEST_AUDIT_SIGNING_KEY, TEST_DATA_KEY } from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
  USER_PASSWORD,
  uniqueName,
} from '../support/scenario-kit.js'

/** The durability stories on one database; one test file per database, so the two run side by side. */
export function durabilitySuite(dialect: DialectName): void {
  describe.runIf(DIALECTS.includes(dialect))(
    `${dialect}: durability of answered writes (real server, SIGKILL)`,
    () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-dur-'))
      const database = `gs_dur_${randomBytes(6).toString('hex')}`
      const env: Record<string, string> = {
        DATA_DIR: dataDir,
        GOVSHARE_SEED: 'none',
        GOVSHARE_ADMIN_PASSWORD: ADMIN_PASSWORD,
        GOVSHARE_DATA_KEY: TEST_DATA_KEY,
        // Durability, not sign-in, is under test: the admin signs in without a second factor, and the
        // burst of requests from 127.0.0.1 is not rate-limited (test/scenario/sign-in-defences.test.ts).
        GOVSHARE_MFA_REQUIRED_ROLES: 'none',
        // Required with DATABASE_URL (decision 31); harmless on SQLite.
        GOVSHARE_AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY,
        GOVSHARE_SIGNIN_FAILURES_PER_ADDRESS: '1000000',
        GOVSHARE_BAD_TOKENS_PER_ADDRESS: '1000000',
      }
      const servers: Server[] = []
      const start = async () => {
        const server = await startServer(env)
        servers.push(server)
        return server
      }

      beforeAll(async () => {
        if (dialect === 'postgres') {
          await pgAdmin((c) => c.query(`create database ${database}`))
          const url = new URL(TEST_PG_URL)
          url.pathname = `/${database}`
          env.DATABASE_URL = url.toString()
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

      it('keeps a department, a user and a session answered just before the kill', async () => {
        const first = await start()
        const admin = await first.api.loginAs('admin', ADMIN_PASSWORD)
        const department = await createDepartment(admin, 'county')
        const user = await createUser(admin, department.id, ['cataloger'])
        await kill(first)

        const second = await start()
        const signedIn = await second.api.post('/api/v1/auth/login', {
          username: user.username,
          password: user.password,
        })
        expect(signedIn.status, second.output()).toBe(200)
        expect(signedIn.body.user).toMatchObject({ id: user.id, departmentId: department.id })
        // The admin's session was a 2xx write as well: its token still works after the restart.
        const sameAdmin = new ApiClient(second.api.baseUrl, admin.token)
        const departments = await sameAdmin.get('/api/v1/departments')
        expect(departments.status).toBe(200)
        expect(departments.body.items).toContainEqual(
          expect.objectContaining({ id: department.id, code: department.code }),
        )
        const verify = await (await auditorFor(sameAdmin)).get('/api/v1/audit/verify')
        expect(verify.body).toMatchObject({ ok: true })
        const entries = await allAuditEntries(await auditorFor(sameAdmin))
        expect(entries).toContainEqual(
          expect.objectContaining({ action: 'department.create', object: department.id }),
        )
        expect(entries).toContainEqual(expect.objectContaining({ action: 'user.create', object: user.id }))
        await kill(second)
      }, 120_000)

      it('has the log entry of every read answered 200 when the kill lands in a burst of reads', async () => {
        const first = await start()
        const { consumer, path } = await readableRecord(first.api)
        expect((await consumer.get(`${path}?caseRef=WARM`)).status).toBe(200)

        // 20 systems read without pause until the server is gone; it is killed after 40 answers.
        const answered: string[] = []
        let sent = 0
        const reader = async () => {
          for (;;) {
            const caseRef = `KILL-${sent++}`
            const reply = await consumer.get(`${path}?caseRef=${caseRef}`).catch(() => undefined)
            if (reply?.status !== 200) {
              return
            }
            answered.push(caseRef)
            if (answered.length === 40) {
              first.child.kill('SIGKILL')
            }
          }
        }
        await Promise.all(Array.from({ length: 20 }, reader))
        await kill(first)
        expect(answered.length).toBeGreaterThanOrEqual(40)
        expect(
          sent - answered.length,
          'the kill should land while reads are in flight',
        ).toBeGreaterThanOrEqual(20)

        const second = await start()
        const admin2 = await second.api.loginAs('admin', ADMIN_PASSWORD)
        const logged = new Set(
          (await allAuditEntries(await auditorFor(admin2), 'action=exchange.read')).map(
            (entry) => entry.details.caseRef,
          ),
        )
        expect(answered.filter((caseRef) => !logged.has(caseRef))).toEqual([])
        expect((await (await auditorFor(admin2)).get('/api/v1/audit/verify')).body).toMatchObject({
          ok: true,
        })
        // The consumer's session survived too: it reads on the restarted server.
        expectError(await second.api.get(path), 401, 'AUTH_REQUIRED')
        expect((await second.api.withToken(consumer.token ?? '').get(`${path}?caseRef=AFTER`)).status).toBe(
          200,
        )
        await kill(second)
      }, 120_000)

      it('keeps every creation answered 201 when the kill lands in the middle of a burst', async () => {
        const first = await start()
        const admin = await first.api.loginAs('admin', ADMIN_PASSWORD)
        const department = await createDepartment(admin, 'county')
        const answered: string[] = []
        let killed!: () => void
        const killNow = new Promise<void>((resolve) => {
          killed = resolve
        })
        const burst = Array.from({ length: 40 }, async () => {
          const username = uniqueName('burst')
          const reply = await admin
            .post('/api/v1/users', {
              username,
              password: USER_PASSWORD,
              departmentId: department.id,
              roles: ['consumer'],
            })
            .catch(() => undefined)
          if (reply?.status === 201) {
            answered.push(username)
            if (answered.length === 10) {
              first.child.kill('SIGKILL')
              killed()
            }
          }
        })
        await Promise.race([killNow, Promise.all(burst)])
        await kill(first)
        await Promise.all(burst)
        expect(answered.length).toBeGreaterThanOrEqual(10)
        expect(answered.length, 'the kill should land while creations are still in flight').toBeLessThan(40)

        const second = await start()
        const admin2 = await second.api.loginAs('admin', ADMIN_PASSWORD)
        const users = await admin2.get('/api/v1/users')
        const names = new Set(users.body.items.map((u: any) => u.username))
        expect(answered.filter((name) => !names.has(name))).toEqual([])
        const reply = await second.api.post('/api/v1/auth/login', {
          username: answered[9],
          password: USER_PASSWORD,
        })
        expect(reply.status).toBe(200)
        expect((await (await auditorFor(admin2)).get('/api/v1/audit/verify')).body).toMatchObject({
          ok: true,
        })
        const seqs = (await allAuditEntries(await auditorFor(admin2))).map((e) => e.seq)
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1))
        await kill(second)
      }, 120_000)
    },
  )
}
