import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../../http/auth.js'
import { bearer, errorResponses, IdParams } from '../../../shared/schema.js'
import type { ExchangeModule } from '../index.js'
import { UpstreamBody, UpstreamView } from '../schema.js'

const tags = ['exchange']

/** Share method "api": the providing department's cataloger registers its system's endpoint. */
export const exchangeUpstreamRoutes: FastifyPluginAsyncTypebox<{ exchange: ExchangeModule }> = async (
  app,
  { exchange },
) => {
  app.put(
    '/exchange/resources/:id/upstream',
    {
      schema: {
        tags,
        summary: "Register or replace the provider's endpoint that serves this resource's records",
        security: bearer,
        params: IdParams,
        body: UpstreamBody,
        response: { 200: UpstreamView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => exchange.upstream.setEndpoint(actorOf(req), req.params.id, req.body),
  )

  app.get(
    '/exchange/resources/:id/upstream',
    {
      schema: {
        tags,
        summary: 'The registered endpoint (never its auth header) and its circuit state on this instance',
        security: bearer,
        params: IdParams,
        response: { 200: UpstreamView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => exchange.upstream.viewEndpoint(actorOf(req), req.params.id),
  )

  app.delete(
    '/exchange/resources/:id/upstream',
    {
      schema: {
        tags,
        summary: "Stop forwarding: reads are served from the platform's store again",
        security: bearer,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await exchange.upstream.removeEndpoint(actorOf(req), req.params.id)
      return reply.code(204).send(null)
    },
  )
}
