import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type Static, Type } from 'typebox'
import { actorOf } from '../../../http/auth.js'
import { errorResponses, Id } from '../../../shared/schema.js'
import {
  BASE_THEMES,
  CATEGORIES,
  FORMATS,
  SHARE_TYPES,
  THEME_TOPICS,
  UPDATE_CYCLES,
  ZONES,
} from '../vocabulary.js'
import type { CatalogSearch } from './service.js'
import { MATCH_CAP, MAX_PAGE_SIZE } from './service.js'

const THEMES = [...BASE_THEMES, ...THEME_TOPICS]

export const SharedQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'Any substring of the name, summary or an item name (2+ characters; 1: the name only)',
    }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })),
  sort: Type.Optional(Type.Enum(['relevance', 'date'])),
  providerId: Type.Optional(Id),
  category: Type.Optional(Type.Enum(CATEGORIES)),
  theme: Type.Optional(Type.Enum(THEMES)),
  shareType: Type.Optional(Type.Enum(SHARE_TYPES)),
  format: Type.Optional(Type.Enum(FORMATS)),
  updateCycle: Type.Optional(Type.Enum(UPDATE_CYCLES)),
  zone: Type.Optional(Type.Enum(ZONES)),
})
export type SharedQuery = Static<typeof SharedQuery>

/** Vocabulary fields are plain strings here: the index copies them from the published resource. */
export const SharedItem = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  summary: Type.String(),
  providerId: Id,
  shareType: Type.String(),
  category: Type.String(),
  theme: Type.Union([Type.String(), Type.Null()]),
  format: Type.String(),
  updateCycle: Type.String(),
  zone: Type.String(),
  publishedAt: Type.String(),
  score: Type.Integer({
    description: '2: found in the name; 1: in the summary or an item name; 0: no query',
  }),
})

const FacetValues = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }))

export const SharedResult = Type.Object({
  items: Type.Array(SharedItem),
  total: Type.Integer(),
  totalExact: Type.Boolean({
    description: `False when more than ${MATCH_CAP} resources match: total, facets and paging stop there`,
  }),
  facets: Type.Object({
    providerId: FacetValues,
    category: FacetValues,
    theme: FacetValues,
    shareType: FacetValues,
    format: FacetValues,
    updateCycle: FacetValues,
    zone: FacetValues,
  }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
})

export const catalogSearchRoutes: FastifyPluginAsyncTypebox<{ search: CatalogSearch }> = async (
  app,
  deps,
) => {
  const { search } = deps

  app.get(
    '/catalog/shared',
    {
      schema: {
        tags: ['catalog'],
        summary: 'The sharing catalog: published resources whose share type is not none (any signed-in user)',
        security: [{ bearer: [] }],
        querystring: SharedQuery,
        response: { 200: SharedResult, ...errorResponses(400, 401) },
      },
    },
    async (req) => search.searchShared(actorOf(req), req.query),
  )
}
