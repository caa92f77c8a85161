/** First start with GOVSHARE_SEED=demo: a newcomer finds a whole city to try things on. */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES } from '../../src/shared/actor.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: demo seed`, () => {
    let t: TestPlatform
    let accounts: Array<{ username: string; password: string; roles: string[] }>

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { seed: 'demo' })
      const text = fs.readFileSync(path.join(t.store.dataDir, 'demo-accounts.txt'), 'utf8')
      accounts = text
        .split('\n')
        .filter((line) => line && !line.startsWith('#') && !line.startsWith('username'))
        .map((line) => {
          const [username = '', password = '', roles = ''] = line.split('\t')
          return { username, password, roles: roles.split(',') }
        })
    }, 120_000)
    afterAll(async () => {
      await t?.close()
    })

    it('has the bureau, 6+ city departments, 2 districts each with a township, valid codes', async () => {
      const admin = await t.login('admin', ADMIN_PASSWORD)
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
      const admin = await t.login('admin', ADMIN_PASSWORD)
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
      expect((await admin.get('/api/v1/audit/verify')).body.ok).toBe(true)
    })
  })
}
