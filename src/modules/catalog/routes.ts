import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses, IdParams, Nullable } from '../../shared/schema.js'
import type { createCatalogAdmin } from './admin.js'
import type { createCatalogDeadlines } from './deadlines.js'
import {
  AuthoritativeBody,
  CodeQuery,
  DeadlineList,
  DeadlineQuery,
  LeadBody,
  LegalChangeBody,
  MyResourcesQuery,
  ReasonBody,
  ResourceInput,
  ResourceSummaryPage,
  ResourceView,
  ReviewBody,
  ReviewQueue,
  VersionList,
} from './schema.js'
import type { CatalogService } from './service.js'
import type { CatalogWorkflow } from './workflow.js'

const tags = ['catalog']

export interface CatalogRouteDeps {
  catalog: CatalogService
  workflow: CatalogWorkflow
  deadlines: ReturnType<typeof createCatalogDeadlines>
  admin: ReturnType<typeof createCatalogAdmin>
}

export const catalogRoutes: FastifyPluginAsyncTypebox<CatalogRouteDeps> = async (app, deps) => {
  const { catalog, workflow, deadlines, admin } = deps

  app.post(
    '/catalog/resources',
    {
      schema: {
        tags,
        summary: 'Create a draft resource of my department (cataloger)',
        security: bearer,
        body: ResourceInput,
        response: { 201: ResourceView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await catalog.createResource(actorOf(req), req.body)),
  )

  app.get(
    '/catalog/resources',
    {
      schema: {
        tags,
        summary: "My department's catalog (a county: its subtree; the bureau: all)",
        security: bearer,
        querystring: MyResourcesQuery,
        response: { 200: ResourceSummaryPage },
      },
    },
    async (req) =>
      catalog.listOwnResources(actorOf(req), {
        status: req.query.status,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 50,
      }),
  )

  app.get(
    '/catalog/resources/:id',
    {
      schema: {
        tags,
        summary: 'One resource with its items, status and version',
        security: bearer,
        params: IdParams,
        response: { 200: ResourceView, ...errorResponses(401, 404) },
      },
    },
    async (req) => catalog.getResource(actorOf(req), req.params.id),
  )

  app.get(
    '/catalog/lookup',
    {
      schema: {
        tags,
        summary: 'The resource a code names (the same view as by id): find a resource id from its code',
        security: bearer,
        querystring: CodeQuery,
        response: { 200: ResourceView, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => catalog.getResourceByCode(actorOf(req), req.query.code),
  )

  app.put(
    '/catalog/resources/:id',
    {
      schema: {
        tags,
        summary: 'Edit a resource: drafts in place, a published resource as a new draft version',
        security: bearer,
        params: IdParams,
        body: ResourceInput,
        response: { 200: ResourceView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => catalog.updateResource(actorOf(req), req.params.id, req.body),
  )

  app.get(
    '/catalog/resources/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every version with a field-by-field diff',
        security: bearer,
        params: IdParams,
        response: { 200: VersionList, ...errorResponses(401, 404) },
      },
    },
    async (req) => ({ items: await catalog.listVersions(actorOf(req), req.params.id) }),
  )

  app.post(
    '/catalog/resources/:id/submit',
    {
      schema: {
        tags,
        summary: 'File the draft with the bureau for review',
        security: bearer,
        params: IdParams,
        response: { 200: ResourceView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => workflow.submit(actorOf(req), req.params.id),
  )

  app.post(
    '/catalog/resources/:id/review',
    {
      schema: {
        tags,
        summary: 'Approve (publish) or return with a comment (bureau_reviewer)',
        security: bearer,
        params: IdParams,
        body: ReviewBody,
        response: { 200: ResourceView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => workflow.review(actorOf(req), req.params.id, req.body),
  )

  app.post(
    '/catalog/resources/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw (deprecate) a resource with a reason',
        security: bearer,
        params: IdParams,
        body: ReasonBody,
        response: { 200: ResourceView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => workflow.withdraw(actorOf(req), req.params.id, req.body.reason),
  )

  app.post(
    '/catalog/resources/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Re-confirm a published resource for this year (Art. 19)',
        security: bearer,
        params: IdParams,
        response: { 200: ResourceView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => workflow.confirm(actorOf(req), req.params.id),
  )

  app.post(
    '/catalog/resources/:id/legal-changes',
    {
      schema: {
        tags,
        summary: 'Record a legal-basis or duty change: resubmit within 15 working days (Art. 15)',
        security: bearer,
        params: IdParams,
        body: LegalChangeBody,
        response: {
          201: Type.Object({ id: Type.String(), dueDate: Type.String(), provisional: Type.Boolean() }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await workflow.recordLegalChange(actorOf(req), req.params.id, req.body)),
  )

  app.get(
    '/catalog/review-queue',
    {
      schema: {
        tags,
        summary: 'Submitted versions waiting for review (bureau_reviewer)',
        security: bearer,
        response: { 200: ReviewQueue },
      },
    },
    async (req) => ({ items: await workflow.reviewQueue(actorOf(req)) }),
  )

  app.get(
    '/catalog/deadlines',
    {
      schema: {
        tags,
        summary: 'Catalog deadlines: due and overdue (Art. 14, 15, 19)',
        security: bearer,
        querystring: DeadlineQuery,
        response: { 200: DeadlineList },
      },
    },
    async (req) => ({ items: await deadlines.listDeadlines(actorOf(req), req.query) }),
  )

  const LeadView = Type.Object({ category: Type.String(), theme: Type.String(), departmentId: Type.String() })
  app.get(
    '/catalog/leads',
    {
      schema: {
        tags,
        summary: 'Lead departments of base and theme resources (Art. 11)',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(LeadView) }) },
      },
    },
    async (req) => {
      actorOf(req)
      return { items: await admin.listLeads() }
    },
  )
  app.put(
    '/catalog/leads',
    {
      schema: {
        tags,
        summary: 'Assign a lead department (bureau)',
        security: bearer,
        body: LeadBody,
        response: { 200: LeadView, ...errorResponses(400, 403, 404) },
      },
    },
    async (req) => admin.setLead(actorOf(req), req.body),
  )

  const AuthoritativeView = Type.Object({
    standardName: Type.String(),
    itemCode: Type.String(),
    resourceId: Type.String(),
    departmentId: Type.String(),
    elementCode: Nullable(Type.String()),
  })
  app.get(
    '/catalog/authoritative-items',
    {
      schema: {
        tags,
        summary: 'Authoritative items: one data, one source (Art. 16)',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(AuthoritativeView) }) },
      },
    },
    async (req) => {
      actorOf(req)
      return { items: await admin.listAuthoritative() }
    },
  )
  app.post(
    '/catalog/authoritative-items',
    {
      schema: {
        tags,
        summary: 'Mark a published item authoritative (bureau)',
        security: bearer,
        body: AuthoritativeBody,
        response: { 200: AuthoritativeView, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (req) => admin.markAuthoritative(actorOf(req), req.body),
  )
}
