/** Wire types of the data-element dictionary (Art. 16), shared by routes, tests and the portal. */
import { type Static, Type } from 'typebox'
import { Nullable } from '../../../shared/schema.js'
import { DATA_TYPES } from '../vocabulary.js'

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' })
/** Stable codes: the seed's DE0001…, or a national standard's identifier. */
export const ElementCode = Type.String({ pattern: '^[A-Z][A-Z0-9._-]{1,31}$' })

export const ElementBody = Type.Object({
  name: Text(100),
  definition: Type.Optional(Type.String({ maxLength: 1000 })),
  dataType: Type.Enum(DATA_TYPES),
  /** The other names departments give it; matched whatever their width, case or spacing. */
  synonyms: Type.Optional(Type.Array(Text(100), { maxItems: 30 })),
})
export type ElementBody = Static<typeof ElementBody>

export const ElementCreateBody = Type.Object({ code: ElementCode, ...ElementBody.properties })
export type ElementCreateBody = Static<typeof ElementCreateBody>

export const ElementParams = Type.Object({ code: ElementCode })

export const ElementQuery = Type.Object({
  /** A name or synonym, or part of one; absent: the whole dictionary. */
  q: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
})
export type ElementQuery = Static<typeof ElementQuery>

/** The authoritative item of an element: what a cataloger references instead of repeating it. */
export const ElementSource = Type.Object({
  elementCode: Nullable(Type.String()),
  itemCode: Type.String(),
  standardName: Type.String(),
  resourceId: Type.String(),
  resourceCode: Nullable(Type.String()),
  resourceName: Nullable(Type.String()),
  departmentId: Type.String(),
  departmentName: Nullable(Type.String()),
})
export type ElementSource = Static<typeof ElementSource>

export const ElementView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  definition: Type.String(),
  dataType: Type.Enum(DATA_TYPES),
  synonyms: Type.Array(Type.String()),
  updatedAt: Type.String(),
  updatedBy: Type.String(),
  /** With `q`: the name or synonym that matched it. */
  matchedName: Nullable(Type.String()),
  sources: Type.Array(ElementSource),
})
export type ElementView = Static<typeof ElementView>

export const ElementList = Type.Object({ items: Type.Array(ElementView), total: Type.Integer() })
export type ElementList = Static<typeof ElementList>
