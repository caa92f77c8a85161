/** Issue 12: wire schemas of the auditor's search, its export and the action catalog. */
import { type Static, Type } from 'typebox'
import { Id, IsoDate, Nullable } from '../../../shared/schema.js'
import { AUDIT_CATEGORIES, type AuditCategory } from '../vocabulary.js'

// Object.keys loses the key type; the keys are AUDIT_CATEGORIES' own.
const CATEGORY_CODES = Object.keys(AUDIT_CATEGORIES) as AuditCategory[]

export const SearchFilters = {
  order: Type.Optional(Type.Union([Type.Literal('desc'), Type.Literal('asc')], { default: 'desc' })),
  actor: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'a username, client id, display name or client name, or a part of one',
    }),
  ),
  actorType: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('client')])),
  departmentId: Type.Optional(Id),
  resourceId: Type.Optional(Id),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  category: Type.Optional(Type.Union(CATEGORY_CODES.map((code) => Type.Literal(code)))),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  caseRef: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
}

/** The filters alone (what an export or a saved search carries). */
export const SearchFilterQuery = Type.Object(SearchFilters)
export type SearchFilterQuery = Static<typeof SearchFilterQuery>

const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
}

export const SearchQuery = Type.Object({ ...SearchFilters, ...Paging })
export type SearchQuery = Static<typeof SearchQuery>

export const ByKeyBody = Type.Object({
  ...SearchFilters,
  ...Paging,
  key: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'the plain key of the record; never logged',
  }),
})
export type ByKeyBody = Static<typeof ByKeyBody>

export const ExportQuery = Type.Object({
  ...SearchFilters,
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
})
export type ExportQuery = Static<typeof ExportQuery>

export const SearchEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorType: Type.String(),
  actorId: Nullable(Type.String()),
  actor: Type.String({ description: 'username or client id as logged (or what an unknown caller claimed)' }),
  actorName: Nullable(Type.String({ description: "the user's display name or the client's name" })),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  action: Type.String(),
  actionLabel: Type.String({ description: 'in the language of Accept-Language' }),
  category: Nullable(Type.String()),
  categoryLabel: Nullable(Type.String()),
  objectType: Nullable(Type.String()),
  objectId: Nullable(Type.String()),
  objectName: Nullable(Type.String({ description: 'a resource, grant or request: the resource name' })),
  details: Type.Unknown(),
  hash: Type.String(),
})
export type SearchEntry = Static<typeof SearchEntry>

export const SearchPage = Type.Object({
  items: Type.Array(SearchEntry),
  total: Type.Integer(),
  totalCapped: Type.Boolean({
    description:
      'true: more than `total` entries match (the count stops at 10 000); narrow the filters to page further',
  }),
  /** Set by the search by key: the key as logged (masked) and the seq of the search's own entry. */
  key: Type.Optional(Type.String()),
  querySeq: Type.Optional(Type.Integer()),
})
export type SearchPage = Static<typeof SearchPage>

const Label = { zh: Type.String(), en: Type.String() }

export const ActionCatalog = Type.Object({
  categories: Type.Array(Type.Object({ code: Type.String(), ...Label })),
  actions: Type.Array(Type.Object({ code: Type.String(), category: Type.String(), ...Label })),
})
export type ActionCatalog = Static<typeof ActionCatalog>

export const ResourceQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }) })

export const ResourceMatches = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      name: Type.String(),
      providerId: Type.String(),
      status: Type.String(),
    }),
  ),
})
export type ResourceMatches = Static<typeof ResourceMatches>
