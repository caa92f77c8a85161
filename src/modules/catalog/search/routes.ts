import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../../http/auth.js'
import { errorResponses } from '../../../shared/schema.js'
import { SharedQuery, SharedResult } from './schema.js'
import type { CatalogSearch } from './service.js'

export const catalogSearchRoutes: FastifyPluginAsyncTypebox<{ search: CatalogSearch }> = async (
  app,
  deps,
) => {
  const { search } = deps

  app.get(
    '/catalog/shared',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The sharing catalog: published resources whose share type is not none (any signed-in user)',
        security: [{ bearer: [] }],
        querystring: SharedQuery,
        response: { 200: SharedResult, ...errorResponses(400, 401) },
      },
    },
    async (req) => search.searchShared(actorOf(req), req.query),
  )
}
