/** API client upkeep (issue 13): one client's security view, secret rotation, revocation, allowlist. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses, IdParams } from '../../shared/schema.js'
import type { AuthService } from './auth.js'
import { ClientSecurityView, RotatedSecret } from './schema.js'

const RevokeBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) })
const AllowlistBody = Type.Object({
  cidrs: Type.Union([
    Type.Array(Type.String({ minLength: 2, maxLength: 64 }), { maxItems: 50 }),
    Type.Null(),
  ]),
})

export const clientRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  const clients = auth.clients
  const common = { tags: ['organisation'], security: bearer, params: IdParams }

  app.get(
    '/clients/:id',
    {
      schema: {
        ...common,
        summary: 'One API client with its address allowlist and last rotation',
        response: { 200: ClientSecurityView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => clients.getClient(actorOf(req), req.params.id),
  )

  app.post(
    '/clients/:id/rotate-secret',
    {
      schema: {
        ...common,
        summary: 'A new secret (shown once); the old secret and its tokens stop at once',
        response: { 200: RotatedSecret, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => clients.rotateSecret(actorOf(req), req.params.id),
  )

  app.post(
    '/clients/:id/revoke',
    {
      schema: {
        ...common,
        summary: 'Revoke the client for good; its tokens stop at once',
        body: RevokeBody,
        response: { 200: ClientSecurityView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => clients.revokeClient(actorOf(req), req.params.id, req.body.reason),
  )

  app.put(
    '/clients/:id/allowed-addresses',
    {
      schema: {
        ...common,
        summary: 'Addresses (CIDR) the client may call from; null allows any',
        body: AllowlistBody,
        response: { 200: ClientSecurityView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => clients.setAllowedAddresses(actorOf(req), req.params.id, req.body.cidrs),
  )
}
