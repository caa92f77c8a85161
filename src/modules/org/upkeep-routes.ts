/** Issue 13: user upkeep under /users/{id}/… — disable, enable, unlock, reset password, roles, sign-ins. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses, IdParams } from '../../shared/schema.js'
import { PasswordResetReply, RolesBody, SignInList, UpkeepReply } from './schema.js'
import type { OrgService } from './service.js'

const tags = ['organisation']

export const upkeepRoutes: FastifyPluginAsyncTypebox<{ org: OrgService }> = async (app, { org }) => {
  const refusals = errorResponses(401, 403, 404)

  app.post(
    '/users/:id/disable',
    {
      schema: {
        tags,
        summary: 'Disable a user: sign-in refused, its sessions end at once',
        security: bearer,
        params: IdParams,
        response: { 200: UpkeepReply, ...refusals },
      },
    },
    async (req) => org.setStatus(actorOf(req), req.params.id, 'disabled'),
  )

  app.post(
    '/users/:id/enable',
    {
      schema: {
        tags,
        summary: 'Enable a disabled user again',
        security: bearer,
        params: IdParams,
        response: { 200: UpkeepReply, ...refusals },
      },
    },
    async (req) => org.setStatus(actorOf(req), req.params.id, 'active'),
  )

  app.post(
    '/users/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Clear a sign-in lockout',
        security: bearer,
        params: IdParams,
        response: { 200: UpkeepReply, ...refusals },
      },
    },
    async (req) => org.unlock(actorOf(req), req.params.id),
  )

  app.post(
    '/users/:id/password-reset',
    {
      schema: {
        tags,
        summary: 'Set a temporary password (shown once), to be changed at the next sign-in',
        security: bearer,
        params: IdParams,
        response: { 200: PasswordResetReply, ...refusals },
      },
    },
    async (req) => org.resetPassword(actorOf(req), req.params.id),
  )

  app.put(
    '/users/:id/roles',
    {
      schema: {
        tags,
        summary: 'Replace a user’s roles (exclusive combinations refused; docs/roles.md)',
        security: bearer,
        params: IdParams,
        body: RolesBody,
        response: { 200: UpkeepReply, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => org.changeRoles(actorOf(req), req.params.id, req.body.roles),
  )

  app.get(
    '/users/:id/sign-ins',
    {
      schema: {
        tags,
        summary: 'A user’s sign-ins and failed attempts, newest first (from the audit log)',
        security: bearer,
        params: IdParams,
        response: { 200: SignInList, ...refusals },
      },
    },
    async (req) => org.signIns(actorOf(req), req.params.id),
  )
}
