/** Issue 15 item 1 over HTTP: the search dictionary's routes, who may edit it, and search using it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/shared/clock.js'
import { publishResource } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
  HAS_CHINESE,
} from '../support/scenario-kit.js'

const SYNONYMS = '/api/v1/catalog/search/synonyms'

for (const dialect of DIALECTS) {
  describe(`${dialect}: search dictionary over HTTP`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let reviewer: ApiClient
    let cataloger: ApiClient
    let consumer: ApiClient

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock: fixedClock('2026-12-05T02:00:00Z') })
      admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      const provider = await createDepartment(admin, 'city')
      const login = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      reviewer = await login(bureauId, ['bureau_reviewer'])
      cataloger = await login(provider.id, ['cataloger'])
      consumer = await login(provider.id, ['consumer'])
      await publishResource(cataloger, reviewer, {
        name: '机动车驾驶证信息',
        summary: '机动车驾驶人准驾车型、初次领证日期',
      })
    })
    afterAll(async () => {
      await t?.close()
    })

    it('lets any signed-in user read the seeded dictionary, nobody unsigned', async () => {
      expect((await t.api.get(SYNONYMS)).status).toBe(401)
      const reply = await consumer.get(SYNONYMS)
      expect(reply.status).toBe(200)
      const terms = reply.body.items.map((e: { term: string }) => e.term)
      for (const word of [
        '身份证',
        '营业执照',
        '执照',
        '医保',
        '社保',
        '低保',
        '公积金',
        '驾照',
        '房产',
        '户口',
        '残疾证',
        '环评',
      ]) {
        expect(terms).toContain(word)
      }
      expect(reply.body.items.find((e: { term: string }) => e.term === '驾照')).toMatchObject({
        expansions: ['机动车驾驶证'],
      })
    })

    it('finds a resource by a dictionary word, explaining the match', async () => {
      const reply = await consumer.get(`/api/v1/catalog/shared?q=${encodeURIComponent('驾照')}`)
      expect(reply.status).toBe(200)
      expect(reply.body.items[0]).toMatchObject({
        name: '机动车驾驶证信息',
        score: 2,
        matchedVia: [{ term: '驾照', synonym: '机动车驾驶证' }],
      })
    })

    it('lets the bureau set and remove an entry, audited, and refuses everyone else', async () => {
      const path = `${SYNONYMS}/${encodeURIComponent('车本')}`
      expectError(await cataloger.request('PUT', path, { expansions: ['准驾车型'] }), 403, 'FORBIDDEN')
      expectError(
        await consumer.request('DELETE', `${SYNONYMS}/${encodeURIComponent('驾照')}`),
        403,
        'FORBIDDEN',
      )
      expect((await t.api.request('PUT', path, { expansions: ['准驾车型'] })).status).toBe(401)

      const set = await reviewer.request('PUT', path, { expansions: ['准驾车型'] })
      expect(set.status).toBe(200)
      expect(set.body).toMatchObject({ term: '车本', expansions: ['准驾车型'] })
      const byAdmin = await admin.request('PUT', path, { expansions: ['机动车驾驶证', '准驾车型'] })
      expect(byAdmin.status).toBe(200)
      const found = await consumer.get(`/api/v1/catalog/shared?q=${encodeURIComponent('车本')}`)
      expect(found.body.items.map((i: { name: string }) => i.name)).toEqual(['机动车驾驶证信息'])

      expect((await reviewer.request('DELETE', path)).status).toBe(204)
      expectError(await reviewer.request('DELETE', path), 404, 'CATALOG_SYNONYM_NOT_FOUND')
      const after = await consumer.get(`/api/v1/catalog/shared?q=${encodeURIComponent('车本')}`)
      expect(after.body.items).toEqual([])

      const auditor = await auditorFor(admin)
      const entries = (await allAuditEntries(auditor)).filter((e) => e.action.startsWith('catalog.synonym_'))
      expect(entries.map((e) => [e.action, e.object])).toEqual([
        ['catalog.synonym_set', expect.stringContaining('车本')],
        ['catalog.synonym_set', expect.stringContaining('车本')],
        ['catalog.synonym_delete', expect.stringContaining('车本')],
      ])
      expect(entries[1]?.details).toMatchObject({
        expansions: ['机动车驾驶证', '准驾车型'],
        previous: ['准驾车型'],
      })
    })

    it('answers bad input with 400 and a stable code, in Chinese and English', async () => {
      const path = `${SYNONYMS}/${encodeURIComponent('车')}`
      const zh = await reviewer.request('PUT', path, { expansions: ['机动车'] })
      expectError(zh, 400, 'CATALOG_SYNONYM_INVALID')
      expect(zh.body.error.message).toMatch(HAS_CHINESE)
      const en = await reviewer.inLanguage('en').request('PUT', `${SYNONYMS}/abc`, { expansions: [] })
      expectError(en, 400, 'CATALOG_SYNONYM_INVALID')
      expect(en.body.error.message).not.toMatch(HAS_CHINESE)
      expect((await reviewer.request('PUT', `${SYNONYMS}/abc`, { expansions: 'x' })).status).toBe(400)
    })
  })
}
