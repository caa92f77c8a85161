import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses, IdParams } from '../../shared/schema.js'
import type { QualityModule } from './index.js'
import {
  AnswerBody,
  CheckView,
  DisagreementPage,
  DisagreementQuery,
  NewCheck,
  NewObjection,
  ObjectionPage,
  ObjectionQuery,
  ObjectionView,
  QualitySettings,
  RunView,
} from './schema.js'

const tags = ['quality']

export const qualityRoutes: FastifyPluginAsyncTypebox<{ quality: QualityModule }> = async (
  app,
  { quality },
) => {
  const { objections, consistency } = quality

  app.post(
    '/quality/objections',
    {
      schema: {
        tags,
        summary: 'Object to a record (or one item) read under a live grant (Art. 26)',
        security: bearer,
        body: NewObjection,
        response: { 201: ObjectionView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await objections.raiseObjection(actorOf(req), req.body)),
  )

  app.get(
    '/quality/objections',
    {
      schema: {
        tags,
        summary:
          "My department's objections (outgoing) and those on its resources (incoming); all for the bureau",
        security: bearer,
        querystring: ObjectionQuery,
        response: { 200: ObjectionPage, ...errorResponses(401) },
      },
    },
    async (req) =>
      objections.listObjections(actorOf(req), {
        ...req.query,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  )

  app.get(
    '/quality/objections/:id',
    {
      schema: {
        tags,
        summary: 'One objection',
        security: bearer,
        params: IdParams,
        response: { 200: ObjectionView, ...errorResponses(401, 404) },
      },
    },
    async (req) => objections.getObjection(actorOf(req), req.params.id),
  )

  app.post(
    '/quality/objections/:id/answer',
    {
      schema: {
        tags,
        summary: "The provider's answer: corrected (after re-loading the record) or confirmed with a reason",
        security: bearer,
        params: IdParams,
        body: AnswerBody,
        response: { 200: ObjectionView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => objections.answer(actorOf(req), req.params.id, req.body),
  )

  app.get(
    '/quality/settings',
    {
      schema: {
        tags,
        summary: 'The objection deadline in working days',
        security: bearer,
        response: { 200: QualitySettings, ...errorResponses(401, 403) },
      },
    },
    async (req) => objections.getSettings(actorOf(req)),
  )

  app.put(
    '/quality/settings',
    {
      schema: {
        tags,
        summary: 'Set the objection deadline in working days (the bureau)',
        security: bearer,
        body: QualitySettings,
        response: { 200: QualitySettings, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => objections.updateSettings(actorOf(req), req.body),
  )

  app.post(
    '/quality/checks',
    {
      schema: {
        tags,
        summary: 'Define a consistency check between two resources joined on their key (Art. 17)',
        security: bearer,
        body: NewCheck,
        response: { 201: CheckView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await consistency.createCheck(actorOf(req), req.body)),
  )

  app.get(
    '/quality/checks',
    {
      schema: {
        tags,
        summary: 'The consistency checks with their latest run',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(CheckView) }), ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await consistency.listChecks(actorOf(req)) }),
  )

  app.post(
    '/quality/checks/:id/run',
    {
      schema: {
        tags,
        summary: 'Run a check now (one run at a time across instances)',
        security: bearer,
        params: IdParams,
        response: { 200: RunView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => consistency.runCheck(actorOf(req), req.params.id),
  )

  app.get(
    '/quality/checks/:id/runs',
    {
      schema: {
        tags,
        summary: 'The trend: records compared and disagreements per run, oldest first',
        security: bearer,
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(RunView) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ({ items: await consistency.listRuns(actorOf(req), req.params.id) }),
  )

  app.get(
    '/quality/disagreements',
    {
      schema: {
        tags,
        summary: 'Disagreements routed to a department (its own; any for the bureau)',
        security: bearer,
        querystring: DisagreementQuery,
        response: { 200: DisagreementPage, ...errorResponses(401) },
      },
    },
    async (req) =>
      consistency.listDisagreements(actorOf(req), {
        ...req.query,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  )
}
