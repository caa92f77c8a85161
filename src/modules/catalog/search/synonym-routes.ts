import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../../http/auth.js'
import { errorResponses } from '../../../shared/schema.js'
import { SearchSynonym, SynonymBody, SynonymParams } from './schema.js'
import type { SearchSynonyms } from './synonym-service.js'

/** Issue 15: the search dictionary, read by anyone signed in and edited by the bureau. */
export const catalogSynonymRoutes: FastifyPluginAsyncTypebox<{ synonyms: SearchSynonyms }> = async (
  app,
  deps,
) => {
  const { synonyms } = deps
  const tags = ['catalog']
  const security = [{ bearer: [] }]

  app.get(
    '/catalog/search/synonyms',
    {
      schema: {
        tags,
        summary: 'The search dictionary: words staff type and the formal names they also find',
        security,
        response: { 200: Type.Object({ items: Type.Array(SearchSynonym) }), ...errorResponses(401) },
      },
    },
    async (req) => {
      actorOf(req)
      return synonyms.listSynonyms()
    },
  )
  app.put(
    '/catalog/search/synonyms/:term',
    {
      schema: {
        tags,
        summary: 'Set what a word also finds (bureau)',
        security,
        params: SynonymParams,
        body: SynonymBody,
        response: { 200: SearchSynonym, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => synonyms.putSynonym(actorOf(req), req.params.term, req.body),
  )
  app.delete(
    '/catalog/search/synonyms/:term',
    {
      schema: {
        tags,
        summary: 'Remove a word from the search dictionary (bureau)',
        security,
        params: SynonymParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await synonyms.deleteSynonym(actorOf(req), req.params.term)
      return reply.code(204).send(null)
    },
  )
}
