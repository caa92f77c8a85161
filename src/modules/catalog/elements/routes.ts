import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { actorOf } from '../../../http/auth.js'
import { bearer, errorResponses } from '../../../shared/schema.js'
import {
  ElementBody,
  ElementCreateBody,
  ElementList,
  ElementParams,
  ElementQuery,
  ElementView,
} from './schema.js'
import type { DataElements } from './service.js'

/** Art. 16: the data-element dictionary, read by anyone signed in and edited by the bureau. */
export const catalogElementRoutes: FastifyPluginAsyncTypebox<{ elements: DataElements }> = async (
  app,
  deps,
) => {
  const { elements } = deps
  const tags = ['catalog']

  app.get(
    '/catalog/elements',
    {
      schema: {
        tags,
        summary:
          'Search the data-element dictionary by name or synonym, with each element’s authoritative items',
        security: bearer,
        querystring: ElementQuery,
        response: { 200: ElementList, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      actorOf(req)
      return elements.searchElements(req.query)
    },
  )
  app.get(
    '/catalog/elements/:code',
    {
      schema: {
        tags,
        summary: 'One data element',
        security: bearer,
        params: ElementParams,
        response: { 200: ElementView, ...errorResponses(400, 401, 404) },
      },
    },
    async (req) => {
      actorOf(req)
      return elements.getElement(req.params.code)
    },
  )
  app.post(
    '/catalog/elements',
    {
      schema: {
        tags,
        summary: 'Add a data element to the dictionary (bureau)',
        security: bearer,
        body: ElementCreateBody,
        response: { 201: ElementView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await elements.createElement(actorOf(req), req.body)),
  )
  app.put(
    '/catalog/elements/:code',
    {
      schema: {
        tags,
        summary: 'Change a data element’s name, definition, data type and synonyms (bureau)',
        security: bearer,
        params: ElementParams,
        body: ElementBody,
        response: { 200: ElementView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => elements.updateElement(actorOf(req), req.params.code, req.body),
  )
}
