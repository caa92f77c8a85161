import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../../http/auth.js'
import { bearer, errorResponses, IdParams } from '../../../shared/schema.js'
import type { ExchangeModule } from '../index.js'
import { FreshnessList, FreshnessQuery, LateArrivalsQuery, ResourceFreshness } from './schema.js'

const tags = ['exchange']

export const exchangeFreshnessRoutes: FastifyPluginAsyncTypebox<{ exchange: ExchangeModule }> = async (
  app,
  { exchange },
) => {
  app.get(
    '/exchange/freshness',
    {
      schema: {
        tags,
        summary:
          'Art. 18 freshness of every resource in scope: lags in working days, late arrivals, overdue cycles, undeclared change times',
        security: bearer,
        querystring: FreshnessQuery,
        response: { 200: FreshnessList, ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await exchange.freshness.listFreshness(actorOf(req), req.query) }),
  )

  app.get(
    '/exchange/resources/:id/freshness',
    {
      schema: {
        tags,
        summary: "One resource's freshness with its latest late arrivals",
        security: bearer,
        params: IdParams,
        querystring: LateArrivalsQuery,
        response: { 200: ResourceFreshness, ...errorResponses(401, 404, 409) },
      },
    },
    async (req) => exchange.freshness.resourceFreshness(actorOf(req), req.params.id, req.query.limit ?? 20),
  )
}
