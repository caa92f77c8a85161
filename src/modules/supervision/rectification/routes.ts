import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../../http/auth.js'
import { bearer, errorResponses, IdParams } from '../../../shared/schema.js'
import type { RectificationModule } from './module.js'
import {
  AnomalyList,
  DetectResult,
  IncidentList,
  IncidentQuery,
  IncidentView,
  IssueBody,
  NewIncident,
  NewNotice,
  NoticeList,
  NoticeQuery,
  NoticeView,
  RespondBody,
} from './schema.js'

const tags = ['oversight']

export const rectificationRoutes: FastifyPluginAsyncTypebox<{ rectification: RectificationModule }> = async (
  app,
  { rectification },
) => {
  const { notices, incidents } = rectification

  app.get(
    '/oversight/notices',
    {
      schema: {
        tags,
        summary:
          'Rectification notices: all for the bureau and auditors, those issued to it for a department (Art. 40)',
        security: bearer,
        querystring: NoticeQuery,
        response: { 200: NoticeList, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => notices.listNotices(actorOf(req), req.query),
  )

  app.post(
    '/oversight/notices',
    {
      schema: {
        tags,
        summary: 'Raise a draft notice by hand; auditors may report use outside the granted purpose (misuse)',
        security: bearer,
        body: NewNotice,
        response: { 201: NoticeView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await notices.createNotice(actorOf(req), req.body)),
  )

  app.post(
    '/oversight/detect',
    {
      schema: {
        tags,
        summary: 'Detect breaches now and draft a notice for each new one (Art. 40)',
        security: bearer,
        response: { 200: DetectResult, ...errorResponses(401, 403) },
      },
    },
    async (req) => notices.detectBreaches(actorOf(req)),
  )

  app.post(
    '/oversight/notices/:id/issue',
    {
      schema: {
        tags,
        summary: 'Issue a draft with a deadline in working days (default 15) and tell the department',
        security: bearer,
        params: IdParams,
        body: IssueBody,
        response: { 200: NoticeView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => notices.issueNotice(actorOf(req), req.params.id, req.body),
  )

  app.post(
    '/oversight/notices/:id/respond',
    {
      schema: {
        tags,
        summary: "The department's answer to a notice issued to it",
        security: bearer,
        params: IdParams,
        body: RespondBody,
        response: { 200: NoticeView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => notices.respondToNotice(actorOf(req), req.params.id, req.body),
  )

  app.post(
    '/oversight/notices/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a notice (rectified, or a draft not to be issued)',
        security: bearer,
        params: IdParams,
        response: { 200: NoticeView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => notices.closeNotice(actorOf(req), req.params.id),
  )

  app.post(
    '/oversight/incidents',
    {
      schema: {
        tags,
        summary: 'Record a security incident and route it (Art. 30-31)',
        description:
          'Routes: bureau → bureau reviewers and platform admins; cyberspace_office and police → ' +
          'security_officer accounts, which represent those offices on the platform.',
        security: bearer,
        body: NewIncident,
        response: { 201: IncidentView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await incidents.reportIncident(actorOf(req), req.body)),
  )

  app.get(
    '/oversight/incidents',
    {
      schema: {
        tags,
        summary: 'Security incidents, for security officers, the bureau and auditors',
        security: bearer,
        querystring: IncidentQuery,
        response: { 200: IncidentList, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => incidents.listIncidents(actorOf(req), req.query),
  )

  app.post(
    '/oversight/incidents/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a security incident',
        security: bearer,
        params: IdParams,
        response: { 200: IncidentView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => incidents.closeIncident(actorOf(req), req.params.id),
  )

  app.get(
    '/oversight/anomalies',
    {
      schema: {
        tags,
        summary:
          'Departments flagged for a burst of reads: last 24 h > max(3 × 14-day daily mean, mean + 100)',
        security: bearer,
        response: { 200: AnomalyList, ...errorResponses(401, 403) },
      },
    },
    async (req) => incidents.listAnomalies(actorOf(req)),
  )
}
