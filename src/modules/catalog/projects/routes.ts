import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../../http/auth.js'
import { bearer, errorResponses, Id, IdParams } from '../../../shared/schema.js'
import type { ItProjects } from './service.js'

const tags = ['catalog']

const ProjectView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  departmentId: Type.String(),
  status: Type.String({ description: 'planning | approved | accepted' }),
  approvedAt: Type.Union([Type.String(), Type.Null()]),
  acceptedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  resources: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      name: Type.String(),
      status: Type.String(),
      published: Type.Boolean(),
    }),
  ),
})
const ResourceIds = Type.Array(Id, { maxItems: 500 })

/** IT projects and their pre-catalog (Art. 36-37). */
export const itProjectRoutes: FastifyPluginAsyncTypebox<{ projects: ItProjects }> = async (
  app,
  { projects },
) => {
  app.post(
    '/catalog/it-projects',
    {
      schema: {
        tags,
        summary: "Register an IT project with the resources it will provide (my department's cataloger)",
        security: bearer,
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), resourceIds: ResourceIds }),
        response: { 201: ProjectView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await projects.createProject(actorOf(req), req.body)),
  )

  app.get(
    '/catalog/it-projects',
    {
      schema: {
        tags,
        summary: 'IT projects within my scope',
        security: bearer,
        response: { 200: Type.Object({ items: Type.Array(ProjectView) }) },
      },
    },
    async (req) => ({ items: await projects.listProjects(actorOf(req)) }),
  )

  app.get(
    '/catalog/it-projects/:id',
    {
      schema: {
        tags,
        summary: 'One IT project',
        security: bearer,
        params: IdParams,
        response: { 200: ProjectView, ...errorResponses(401, 404) },
      },
    },
    async (req) => projects.getProject(actorOf(req), req.params.id),
  )

  app.put(
    '/catalog/it-projects/:id/resources',
    {
      schema: {
        tags,
        summary: "Replace a planning project's resources",
        security: bearer,
        params: IdParams,
        body: Type.Object({ resourceIds: ResourceIds }),
        response: { 200: ProjectView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => projects.setResources(actorOf(req), req.params.id, req.body.resourceIds),
  )

  app.post(
    '/catalog/it-projects/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve: only with a pre-compiled catalog (bureau)',
        security: bearer,
        params: IdParams,
        response: { 200: ProjectView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => projects.approveProject(actorOf(req), req.params.id),
  )

  app.post(
    '/catalog/it-projects/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept: only when all its resources are published (bureau)',
        security: bearer,
        params: IdParams,
        response: { 200: ProjectView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => projects.acceptProject(actorOf(req), req.params.id),
  )
}
