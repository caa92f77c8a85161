/** First start with GOVSHARE_SEED=demo: a newcomer finds a whole city to try things on. */
import fs from 'node:fs'
import path from 'node:path'
import { Value } from 'typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detailsSchemaOf } from '../../src/modules/audit/index.js'
import { ROLES } from '../../src/shared/actor.js'
import { DIALECTS } from '../support/dialects.js'
import { type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { auditorFor } from '../support/scenario-kit.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: demo seed`, () => {
    let t: TestPlatform
    let accounts: Array<{ username: string; password: string; roles: string[] }>

    // The admin's password is generated, as on a real first start, and read from the accounts file.
    let adminPassword = ''

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { seed: 'demo', config: { adminPassword: undefined } })
      const text = fs.readFileSync(path.join(t.store.dataDir, 'demo-accounts.txt'), 'utf8')
      accounts = text
        .split('\n')
        .filter((line) => line && !line.startsWith('#') && !line.startsWith('username'))
        .map((line) => {
          const [username = '', password = '', roles = ''] = line.split('\t')
          return { username, password, roles: roles.split(',') }
        })
      adminPassword = accounts.find((a) => a.username === 'admin')?.password ?? ''
    }, 120_000)
    afterAll(async () => {
      await t?.close()
    })

    it('has the bureau, 6+ city departments, 2 districts each with a township, valid codes', async () => {
      const admin = await t.login('admin', adminPassword)
      const departments = (await admin.get('/api/v1/departments')).body.items as Array<{
        level: string
        parentId: string | null
        id: string
      }>
      expect(departments.filter((d) => d.level === 'city').length).toBeGreaterThanOrEqual(7)
      const counties = departments.filter((d) => d.level === 'county')
      expect(counties).toHaveLength(2)
      for (const county of counties) {
        expect(departments.some((d) => d.level === 'township' && d.parentId === county.id)).toBe(true)
      }
    })

    it('writes the generated admin password to the accounts file, readable by its owner only', async () => {
      expect(adminPassword).toBe(t.platform.generatedAdminPassword)
      expect(accounts.find((a) => a.username === 'admin')?.roles).toEqual(['platform_admin'])
      const mode = fs.statSync(path.join(t.store.dataDir, 'demo-accounts.txt')).mode & 0o777
      expect(mode).toBe(0o600)
      expect((await (await t.login('admin', adminPassword)).get('/api/v1/auth/me')).body.roles).toEqual([
        'platform_admin',
      ])
    })

    it('writes one working account per role, each able to sign in', async () => {
      for (const role of ROLES.filter((r) => r !== 'platform_admin')) {
        expect(
          accounts.some((a) => a.roles.includes(role)),
          role,
        ).toBe(true)
      }
      const consumer = accounts.find((a) => a.roles.includes('consumer'))
      expect(consumer).toBeDefined()
      const client = await t.login(consumer?.username ?? '', consumer?.password ?? '')
      expect((await client.get('/api/v1/auth/me')).body.roles).toEqual(['consumer'])
    })

    it('catalogs 30+ resources, most published, with authoritative items and a review queue', async () => {
      const admin = await t.login('admin', adminPassword)
      const all = (await admin.get('/api/v1/catalog/resources?pageSize=200')).body
      expect(all.total).toBeGreaterThanOrEqual(30)
      const published = all.items.filter((r: { status: string }) => r.status === 'published')
      expect(published.length).toBeGreaterThanOrEqual(25)
      expect(all.items.some((r: { status: string }) => r.status === 'submitted')).toBe(true)
      const authoritative = (await admin.get('/api/v1/catalog/authoritative-items')).body.items
      expect(authoritative.map((a: { standardName: string }) => a.standardName).sort()).toEqual([
        '公民身份号码',
        '统一社会信用代码',
      ])
      expect((await (await auditorFor(admin)).get('/api/v1/audit/verify')).body.ok).toBe(true)
    })

    it('codes every demo resource under a real 项 of the catalog tree, never a bare top class (issue 15)', async () => {
      const admin = await t.login('admin', adminPassword)
      const all = (await admin.get('/api/v1/catalog/resources?pageSize=200')).body.items as Array<{
        code: string
        providerCode: string
      }>
      const classes = new Set(
        ((await admin.get('/api/v1/catalog/classes')).body.items as Array<{ code: string }>).map(
          (c) => c.code,
        ),
      )
      expect(all.filter((r) => /^\d\//.test(r.code))).toEqual([])
      for (const resource of all) {
        const classCode = resource.code.split('/')[0] ?? ''
        expect(classCode.length, resource.code).toBeGreaterThanOrEqual(3)
        expect(classes.has(classCode), resource.code).toBe(true)
        expect(resource.providerCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/)
      }
    })

    it('finds the resource a clerk means by the words staff type (issue 15), on the first page', async () => {
      const admin = await t.login('admin', adminPassword)
      const words: Array<[string, string]> = [
        ['营业执照', '法人单位基础信息'],
        ['执照', '法人单位基础信息'],
        ['身份证', '人口基础信息'],
        ['医保', '社会保险参保信息'],
        ['驾照', '机动车驾驶证信息'],
        ['房产', '不动产登记信息'],
      ]
      for (const [q, name] of words) {
        const reply = await admin.get(`/api/v1/catalog/shared?pageSize=10&q=${encodeURIComponent(q)}`)
        expect({ q, first: reply.body.items[0]?.name }).toEqual({ q, first: name })
      }
    })

    it('lets a demo consumer read masked records at once under a seeded grant', async () => {
      const account = accounts.find((a) => a.username === 'hrss_consumer')
      const client = await firstSignIn(t, account?.username ?? '', account?.password ?? '')
      const grants = (await client.get('/api/v1/grants')).body.items as Array<{
        resourceId: string
        resourceName: string
        items: string[]
        status: string
      }>
      const population = grants.find((g) => g.resourceName === '人口基础信息' && g.status === 'live')
      expect(population).toBeDefined()
      // The seeded grant reads by key (personal data, issue 11); paging takes bulk, which the
      // provider's demo approver grants with a reason.
      const asked = await client.post('/api/v1/sharing/requests', {
        resourceId: population?.resourceId,
        items: population?.items,
        purpose: '社会保险参保登记批量核验',
        accessMode: 'bulk',
      })
      expect(asked.status).toBe(201)
      const approverAccount = accounts.find((a) => a.username === 'psb_approver')
      const approver = await firstSignIn(t, approverAccount?.username ?? '', approverAccount?.password ?? '')
      const approved = await approver.post(`/api/v1/sharing/requests/${asked.body.id}/decision`, {
        decision: 'approve',
        accessMode: 'bulk',
        modeReason: '参保登记集中核验',
      })
      expect(approved.body.grantId).toBeTruthy()
      const page = await client.get(
        `/api/v1/exchange/resources/${population?.resourceId}/records?pageSize=5&grantId=${approved.body.grantId}&caseRef=SB-2026-0001`,
      )
      expect(page.status).toBe(200)
      expect(page.body.total).toBeGreaterThanOrEqual(200)
      for (const record of page.body.items) {
        expect(Object.keys(record).sort()).toEqual([...(population?.items ?? [])].sort())
        expect(record.公民身份号码).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/)
        expect(record.姓名).toMatch(/^\S\*+$/)
      }
    })

    it('has a year of activity: statistics chart 10+ months, evaluation ranks 6+ departments', async () => {
      const admin = await t.login('admin', adminPassword)
      const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
      const from = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`
      const stats = await admin.get(`/api/v1/statistics?groupBy=month&from=${from}&to=${today}`)
      expect(stats.status).toBe(200)
      const rows = stats.body.rows as Array<{
        key: string
        queries: number
        recordsServed: number
        requests: number
      }>
      expect(rows.filter((row) => row.queries > 0).length).toBeGreaterThanOrEqual(10)
      // The reads find the demo records: most of what is asked for is served.
      expect(stats.body.totals.recordsServed).toBeGreaterThan(stats.body.totals.queries)
      expect(rows.filter((row) => row.requests > 0).length).toBeGreaterThanOrEqual(6)

      const evaluation = await admin.get(`/api/v1/evaluation?from=${from}&to=${today}`)
      expect(evaluation.status).toBe(200)
      const ranked = (evaluation.body.items as Array<{ rank: number | null; score: number | null }>).filter(
        (row) => row.rank !== null && (row.score ?? 0) > 0,
      )
      expect(ranked.length).toBeGreaterThanOrEqual(6)
      expect((await (await auditorFor(admin)).get('/api/v1/audit/verify')).body.ok).toBe(true)
    })

    it('logs every entry with the details its action declares (issue 14: the catalog is the wire)', async () => {
      const auditor = await auditorFor(await t.login('admin', adminPassword))
      const wrong: string[] = []
      const actions = new Set<string>()
      let afterSeq = 0
      for (;;) {
        const page = (await auditor.get(`/api/v1/audit/entries?afterSeq=${afterSeq}&pageSize=500`)).body
        for (const entry of page.items as Array<{ seq: number; action: string; details: unknown }>) {
          const schema = detailsSchemaOf(entry.action)
          actions.add(entry.action)
          if (!schema || !Value.Check(schema, entry.details)) {
            wrong.push(`${entry.seq} ${entry.action} ${JSON.stringify(entry.details)}`)
          }
          afterSeq = entry.seq
        }
        if (page.items.length < 500) {
          break
        }
      }
      expect(wrong.slice(0, 10)).toEqual([])
      expect(actions.size).toBeGreaterThan(10)
    })
  })
}

/** A demo account's first sign-in: the server holds it to the password change (issue 13). */
async function firstSignIn(t: TestPlatform, username: string, password: string): Promise<ApiClient> {
  const first = await t.login(username, password)
  const next = `${password}#Nx7`
  const changed = await first.post('/api/v1/auth/password', { currentPassword: password, newPassword: next })
  expect(changed.status).toBe(204)
  return t.login(username, next)
}
