import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../../test/support/db.js'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { registerActorResolution } from '../../../http/auth.js'
import { registerErrorHandling } from '../../../http/errors.js'
import { type Actor, SYSTEM_ACTOR } from '../../../shared/actor.js'
import { catalogSearchRoutes } from './routes.js'
import { createCatalogSearch } from './service.js'

const consumer: Actor = { ...SYSTEM_ACTOR, kind: 'user', id: 'u1', name: 'consumer', roles: ['consumer'] }
const TOKEN = 'consumer-token-0001'

for (const dialect of DIALECTS) {
  describe(`${dialect}: GET /api/v1/catalog/shared`, () => {
    let app: FastifyInstance
    let cleanup: () => Promise<void>
    beforeAll(async () => {
      const t = await openTestDb(dialect)
      cleanup = t.cleanup
      app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>()
      registerErrorHandling(app, { recordRefusal: async () => undefined })
      registerActorResolution(app, async (token) => (token === TOKEN ? { actor: consumer } : null))
      await app.register(catalogSearchRoutes, {
        prefix: '/api/v1',
        search: createCatalogSearch({ db: t.handle.db }),
      })
    })
    afterAll(async () => {
      await app?.close()
      await cleanup?.()
    })

    const get = (url: string, token?: string) =>
      app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} })

    it('needs a signed-in user', async () => {
      const reply = await get('/api/v1/catalog/shared?q=身份')
      expect(reply.statusCode).toBe(401)
      expect(reply.json().error.code).toBe('AUTH_REQUIRED')
    })

    it('answers with items, total and facets', async () => {
      const reply = await get(
        `/api/v1/catalog/shared?q=${encodeURIComponent('身份')}&page=1&pageSize=10`,
        TOKEN,
      )
      expect(reply.statusCode).toBe(200)
      expect(reply.json()).toMatchObject({ items: [], total: 0, totalExact: true, page: 1, pageSize: 10 })
      expect(Object.keys(reply.json().facets).sort()).toEqual([
        'category',
        'format',
        'providerId',
        'shareType',
        'theme',
        'updateCycle',
        'zone',
      ])
    })

    it('refuses a page size over 100 and an unknown filter value', async () => {
      for (const query of ['pageSize=101', 'shareType=secret', 'sort=popular', 'page=0']) {
        const reply = await get(`/api/v1/catalog/shared?${query}`, TOKEN)
        expect({ query, status: reply.statusCode, code: reply.json().error.code }).toEqual({
          query,
          status: 400,
          code: 'VALIDATION_FAILED',
        })
      }
    })
  })
}
