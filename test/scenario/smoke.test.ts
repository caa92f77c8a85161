import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: platform starts and answers`, () => {
    let t: TestPlatform
    beforeAll(async () => {
      t = await startTestPlatform(dialect)
    })
    afterAll(async () => {
      await t?.close()
    })

    it('is healthy and ready', async () => {
      expect((await t.api.get('/healthz')).body).toEqual({ status: 'ok' })
      expect((await t.api.get('/readyz')).status).toBe(200)
    })

    it('lets admin sign in and list departments', async () => {
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const reply = await admin.get('/api/v1/departments')
      expect(reply.status).toBe(200)
      expect(reply.body.items).toHaveLength(1)
      expect(reply.body.items[0]).toMatchObject({ level: 'city', parentId: null })
    })
  })
}
