/** Wire schemas of the sharing catalog's search (the portal imports them). */
import { type Static, Type } from 'typebox'
import { Id, Nullable } from '../../../shared/schema.js'
import { CATEGORIES, FORMATS, SHARE_TYPES, THEMES, UPDATE_CYCLES, ZONES } from '../vocabulary.js'

/** How many matches one query reads at most (see service.ts). */
export const MATCH_CAP = 500
export const MAX_PAGE_SIZE = 100

/** The dimensions the search counts its matches by, in the order the portal shows them. */
export const FACETS = [
  'providerId',
  'category',
  'theme',
  'shareType',
  'format',
  'updateCycle',
  'zone',
] as const
export type Facet = (typeof FACETS)[number]

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
  /** The provider's unified social credit code. */
  providerCode: Type.String(),
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
  matchedVia: Type.Array(Type.Object({ term: Type.String(), synonym: Type.String() }), {
    description:
      'Words of the search dictionary the resource holds for words of the query (e.g. 医保 → 基本医疗保险)',
  }),
})

export const FacetValues = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }))

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
export type SharedResult = Static<typeof SharedResult>
export type SharedItem = Static<typeof SharedItem>

/** Issue 15: one entry of the search dictionary (terms and expansions normalised). */
export const SearchSynonym = Type.Object({
  term: Type.String(),
  expansions: Type.Array(Type.String()),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
  /** The editor's display name; null for the platform's own seed ('system'). */
  updatedByName: Nullable(Type.String()),
})
export type SearchSynonym = Static<typeof SearchSynonym>

export const SynonymParams = Type.Object({ term: Type.String({ minLength: 1, maxLength: 50 }) })

export const SynonymBody = Type.Object({
  expansions: Type.Array(Type.String({ maxLength: 100 }), {
    maxItems: 50,
    description: 'What the term also finds: 1 to 10 words of 2+ characters (duplicates dropped)',
  }),
})
export type SynonymBody = Static<typeof SynonymBody>
