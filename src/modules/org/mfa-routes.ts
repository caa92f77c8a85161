/** Second factor and account security routes (issue 13): enrolment by QR code, status, admin reset. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses, IdParams } from '../../shared/schema.js'
import type { AuthService } from './auth.js'
import { ConfirmReply, EnrolReply } from './schema.js'

const Restrictions = Type.Array(
  Type.Union([
    Type.Literal('password_change'),
    Type.Literal('mfa_enrolment'),
    Type.Literal('address_not_allowed'),
  ]),
)
const SecurityReply = Type.Object({
  mfa: Type.Object({
    enrolled: Type.Boolean(),
    pending: Type.Boolean(),
    required: Type.Boolean(),
    recoveryCodesLeft: Type.Integer(),
  }),
  restrictions: Restrictions,
  passwordPolicy: Type.Object({
    minLength: Type.Integer(),
    minClasses: Type.Integer(),
    history: Type.Integer(),
  }),
})
const ConfirmBody = Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) })
const ResetBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) })

export const mfaRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  app.get(
    '/auth/security',
    {
      schema: {
        tags: ['auth'],
        summary: 'My second factor, what this session must do first, and the password policy',
        security: bearer,
        response: { 200: SecurityReply },
      },
    },
    async (req) => ({
      mfa: await auth.mfa.status(actorOf(req)),
      restrictions: [...(req.restrictions ?? [])],
      passwordPolicy: {
        minLength: auth.settings.passwordMinLength,
        minClasses: auth.settings.passwordMinClasses,
        history: auth.settings.passwordHistory,
      },
    }),
  )

  app.post(
    '/auth/mfa/enrol',
    {
      schema: {
        tags: ['auth'],
        summary: 'Start second-factor enrolment: a TOTP secret and its QR code (shown once)',
        security: bearer,
        response: { 200: EnrolReply, ...errorResponses(401, 403, 409) },
      },
    },
    async (req) => auth.mfa.startEnrolment(actorOf(req)),
  )

  app.post(
    '/auth/mfa/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm enrolment with a first code; answers the recovery codes (shown once)',
        security: bearer,
        body: ConfirmBody,
        response: { 200: ConfirmReply, ...errorResponses(400, 401, 409) },
      },
    },
    async (req) => auth.mfa.confirmEnrolment(actorOf(req), req.body.code),
  )

  app.post(
    '/users/:id/mfa/reset',
    {
      schema: {
        tags: ['organisation'],
        summary: "Remove a user's second factor (lost device) and end their sessions; logged",
        security: bearer,
        params: IdParams,
        body: ResetBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await auth.mfa.reset(actorOf(req), req.params.id, req.body.reason)
      return reply.code(204).send(null)
    },
  )
}
