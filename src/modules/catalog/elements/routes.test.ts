import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { type Person, type ServiceTest, setup } from '../../../../test/support/services.js'
import { registerActorResolution } from '../../../http/auth.js'
import { registerErrorHandling } from '../../../http/errors.js'
import { catalogElementRoutes } from './routes.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: /api/v1/catalog/elements`, () => {
    let t: ServiceTest
    let app: FastifyInstance
    const people = new Map<string, Person>()

    beforeAll(async () => {
      t = await setup(dialect)
      people.set('cataloger', await t.person(await t.department(), ['cataloger']))
      people.set('reviewer', await t.person(t.bureauId, ['bureau_reviewer']))
      app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>()
      registerErrorHandling(app, { recordRefusal: async () => undefined })
      registerActorResolution(app, async (token) => {
        const actor = people.get(token.replace(/-token$/, ''))
        return actor ? { actor } : null
      })
      await app.register(catalogElementRoutes, { prefix: '/api/v1', elements: t.services.catalog.elements })
    })
    afterAll(async () => {
      await app?.close()
      await t?.cleanup()
    })

    const call = (method: 'GET' | 'POST' | 'PUT', url: string, who?: string, body?: object, lang = 'zh-CN') =>
      app.inject({
        method,
        url,
        payload: body,
        headers: { 'accept-language': lang, ...(who ? { authorization: `Bearer ${who}-token` } : {}) },
      })

    it('is read by anyone signed in, by name or synonym', async () => {
      expect((await call('GET', '/api/v1/catalog/elements?q=身份证')).statusCode).toBe(401)
      const found = await call(
        'GET',
        `/api/v1/catalog/elements?q=${encodeURIComponent('身份证')}`,
        'cataloger',
      )
      expect(found.statusCode).toBe(200)
      expect(found.json().items[0]).toMatchObject({ code: 'DE0001', name: '公民身份号码', sources: [] })
      const one = await call('GET', '/api/v1/catalog/elements/DE0002', 'cataloger')
      expect(one.json()).toMatchObject({
        name: '统一社会信用代码',
        synonyms: expect.arrayContaining(['信用代码']),
      })
      expect((await call('GET', '/api/v1/catalog/elements/DE9999', 'cataloger')).json().error.code).toBe(
        'CATALOG_ELEMENT_NOT_FOUND',
      )
    })

    it('is edited by the bureau only, with stable codes in both languages', async () => {
      const body = { code: 'DE8001', name: '车辆识别代号', dataType: 'string', synonyms: ['车架号', 'VIN'] }
      expect((await call('POST', '/api/v1/catalog/elements', 'cataloger', body)).statusCode).toBe(403)
      const created = await call('POST', '/api/v1/catalog/elements', 'reviewer', body)
      expect(created.statusCode).toBe(201)
      expect(created.json()).toMatchObject({ code: 'DE8001', synonyms: ['车架号', 'VIN'] })
      // Found whatever the width and case it is typed in.
      const typed = await call(
        'GET',
        `/api/v1/catalog/elements?q=${encodeURIComponent('ｖｉｎ')}`,
        'cataloger',
      )
      expect(typed.json().items[0]).toMatchObject({ code: 'DE8001', matchedName: 'VIN' })
      const taken = await call(
        'PUT',
        '/api/v1/catalog/elements/DE8001',
        'reviewer',
        { name: '车辆识别代号', dataType: 'string', synonyms: ['车牌号'] },
        'en',
      )
      expect(taken.statusCode).toBe(409)
      expect(taken.json().error).toMatchObject({
        code: 'CATALOG_ELEMENT_NAME_TAKEN',
        message: 'This name or synonym already belongs to another data element',
        details: { elementCode: 'DE0023' },
      })
      const badCode = await call('POST', '/api/v1/catalog/elements', 'reviewer', { ...body, code: 'de 1' })
      expect(badCode.json().error.code).toBe('VALIDATION_FAILED')
      const updated = await call('PUT', '/api/v1/catalog/elements/DE8001', 'reviewer', {
        name: '车辆识别代号',
        definition: '机动车的17位识别代号',
        dataType: 'string',
        synonyms: ['车架号'],
      })
      expect(updated.json()).toMatchObject({ definition: '机动车的17位识别代号', synonyms: ['车架号'] })
    })
  })
}
