import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../../http/auth.js'
import { bearer, errorResponses } from '../../../shared/schema.js'
import { ClassBody } from '../schema.js'
import { ClassList, ClassParams, ClassRename, ClassView } from './schema.js'
import type { ClassTree } from './service.js'

/** Issue 15 item 3: the 类/项/目/细目 tree, read by anyone signed in and edited by the bureau. */
export const catalogClassRoutes: FastifyPluginAsyncTypebox<{ tree: ClassTree }> = async (app, deps) => {
  const { tree } = deps
  const tags = ['catalog']

  app.get(
    '/catalog/classes',
    {
      schema: {
        tags,
        summary: 'The 类/项/目/细目 class tree',
        security: bearer,
        response: { 200: ClassList, ...errorResponses(401) },
      },
    },
    async (req) => {
      actorOf(req)
      return { items: await tree.listClasses() }
    },
  )

  app.post(
    '/catalog/classes',
    {
      schema: {
        tags,
        summary: 'Add a class code: a 目 or 细目, or a 项 under 1 or 2 (bureau)',
        security: bearer,
        body: ClassBody,
        response: { 201: ClassView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await tree.createClass(actorOf(req), req.body)),
  )

  app.put(
    '/catalog/classes/:code',
    {
      schema: {
        tags,
        summary: 'Rename a class; its code stays (bureau)',
        security: bearer,
        params: ClassParams,
        body: ClassRename,
        response: { 200: ClassView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => tree.renameClass(actorOf(req), req.params.code, req.body.name),
  )
}
