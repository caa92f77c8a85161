import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses, IdParams } from '../../shared/schema.js'
import type { SharingModule } from './index.js'
import {
  ArbitrationBody,
  DecisionBody,
  DecisionReply,
  DisputeList,
  DisputeQuery,
  DisputeReply,
  GrantLimitsBody,
  GrantList,
  GrantQuery,
  GrantView,
  NewRequest,
  ReasonBody,
  RenewalBody,
  RequestPage,
  RequestQuery,
  RequestView,
} from './schema.js'

const tags = ['sharing']

export const sharingRoutes: FastifyPluginAsyncTypebox<{ sharing: SharingModule }> = async (
  app,
  { sharing },
) => {
  const { requests, decisions, grants } = sharing

  app.post(
    '/sharing/requests',
    {
      schema: {
        tags,
        summary: 'Apply for (conditional) or subscribe to (unconditional) items of a resource',
        security: bearer,
        body: NewRequest,
        response: { 201: RequestView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await requests.createRequest(actorOf(req), req.body)),
  )

  app.get(
    '/sharing/requests',
    {
      schema: {
        tags,
        summary: "My department's applications (outgoing) and requests for its resources (incoming)",
        security: bearer,
        querystring: RequestQuery,
        response: { 200: RequestPage },
      },
    },
    async (req) =>
      requests.listRequests(actorOf(req), {
        ...req.query,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  )

  app.get(
    '/sharing/requests/:id',
    {
      schema: {
        tags,
        summary: 'One sharing request',
        security: bearer,
        params: IdParams,
        response: { 200: RequestView, ...errorResponses(401, 404) },
      },
    },
    async (req) => requests.getRequest(actorOf(req), req.params.id),
  )

  app.post(
    '/sharing/requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve (all or fewer items) or refuse with a reason (approver of the provider)',
        security: bearer,
        params: IdParams,
        body: DecisionBody,
        response: { 200: DecisionReply, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => decisions.decideRequest(actorOf(req), req.params.id, req.body),
  )

  app.post(
    '/sharing/requests/:id/dispute',
    {
      schema: {
        tags,
        summary: 'Take a refusal, partial approval or overdue request to the bureau',
        security: bearer,
        params: IdParams,
        body: ReasonBody,
        response: { 200: DisputeReply, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => requests.disputeRequest(actorOf(req), req.params.id, req.body.reason),
  )

  app.post(
    '/sharing/requests/:id/arbitration',
    {
      schema: {
        tags,
        summary: 'Settle a dispute: grant, partial grant or uphold (bureau_reviewer)',
        security: bearer,
        params: IdParams,
        body: ArbitrationBody,
        response: { 200: RequestView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => decisions.arbitrate(actorOf(req), req.params.id, req.body),
  )

  app.get(
    '/sharing/disputes',
    {
      schema: {
        tags,
        summary: 'Disputes waiting for the bureau (bureau_reviewer)',
        security: bearer,
        querystring: DisputeQuery,
        response: { 200: DisputeList },
      },
    },
    async (req) => ({ items: await sharing.listDisputes(actorOf(req), req.query.status) }),
  )

  app.get(
    '/grants',
    {
      schema: {
        tags,
        summary: "My department's grants, grants on its resources, or all (bureau)",
        security: bearer,
        querystring: GrantQuery,
        response: { 200: GrantList },
      },
    },
    async (req) => ({ items: await grants.listGrants(actorOf(req), req.query) }),
  )

  app.get(
    '/grants/:id',
    {
      schema: {
        tags,
        summary: 'One grant',
        security: bearer,
        params: IdParams,
        response: { 200: GrantView, ...errorResponses(401, 404) },
      },
    },
    async (req) => grants.getGrant(actorOf(req), req.params.id),
  )

  app.post(
    '/grants/:id/revoke',
    {
      schema: {
        tags,
        summary: "Revoke a grant with a reason (provider's approver or dept_admin, or the bureau)",
        security: bearer,
        params: IdParams,
        body: ReasonBody,
        response: { 200: GrantView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => grants.revokeGrant(actorOf(req), req.params.id, req.body.reason),
  )

  app.post(
    '/grants/:id/limits',
    {
      schema: {
        tags,
        summary:
          "Narrow how a grant is used: access mode, daily budget, row scope (provider's approver or dept_admin, or the bureau)",
        security: bearer,
        params: IdParams,
        body: GrantLimitsBody,
        response: { 200: GrantView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => grants.setGrantLimits(actorOf(req), req.params.id, req.body),
  )

  app.post(
    '/grants/:id/renewal',
    {
      schema: {
        tags,
        summary: 'Apply for a renewal: a new request pre-filled from the grant',
        security: bearer,
        params: IdParams,
        body: RenewalBody,
        response: { 201: RequestView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await requests.renewGrant(actorOf(req), req.params.id, req.body)),
  )
}
