import { type Static, Type } from 'typebox'
import { Id, IsoDate, Nullable, PageQuery } from '../../shared/schema.js'
import {
  CATEGORIES,
  DATA_TYPES,
  DEADLINE_KINDS,
  DEADLINE_STATUSES,
  FORMATS,
  OPEN_TYPES,
  RESOURCE_STATUSES,
  SENSITIVITIES,
  SHARE_METHODS,
  SHARE_TYPES,
  THEMES,
  UPDATE_CYCLES,
  ZONES,
} from './vocabulary.js'

// Required text must hold something besides white space.
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' })

export const ItemInput = Type.Object({
  name: Text(100),
  dataType: Type.Enum(DATA_TYPES),
  key: Type.Optional(Type.Boolean()),
  sensitivity: Type.Optional(Type.Enum(SENSITIVITIES)),
  length: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  description: Type.Optional(Type.String({ maxLength: 1000 })),
  /** Art. 16: the authoritative item this one repeats (its item code, stable across versions). */
  authoritativeItemCode: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
  /** Art. 16: its data element (GET /catalog/elements); absent: inferred from the name or a synonym. */
  elementCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
})
export type ItemInput = Static<typeof ItemInput>

export const Contact = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 50 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  email: Type.Optional(Type.String({ maxLength: 100 })),
})

export const ResourceInput = Type.Object({
  name: Text(200),
  summary: Text(4000),
  category: Type.Enum(CATEGORIES),
  /** The base or theme topic (Art. 11); required to find the lead department. */
  theme: Type.Optional(Type.Enum(THEMES)),
  classCode: Type.Optional(Type.String({ pattern: '^[1-3](\\d{2}(\\d{3}(\\d{3})?)?)?$' })),
  format: Type.Enum(FORMATS),
  shareType: Type.Enum(SHARE_TYPES),
  shareCondition: Type.Optional(Type.String({ maxLength: 2000 })),
  legalBasis: Type.Optional(Type.String({ maxLength: 2000 })),
  shareMethod: Type.Enum(SHARE_METHODS),
  openType: Type.Optional(Type.Enum(OPEN_TYPES)),
  openCondition: Type.Optional(Type.String({ maxLength: 2000 })),
  updateCycle: Type.Enum(UPDATE_CYCLES),
  relatedCodes: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
  zone: Type.Optional(Type.Enum(ZONES)),
  contact: Type.Optional(Contact),
  items: Type.Array(ItemInput, { minItems: 1, maxItems: 500 }),
})
export type ResourceInput = Static<typeof ResourceInput>

export const ItemView = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  dataType: Type.Enum(DATA_TYPES),
  key: Type.Boolean(),
  sensitivity: Type.Enum(SENSITIVITIES),
  length: Nullable(Type.Integer()),
  description: Nullable(Type.String()),
  authoritativeItemCode: Nullable(Type.String()),
  /** Its data element, as given or inferred when the version was written. */
  elementCode: Nullable(Type.String()),
})
export type ItemView = Static<typeof ItemView>

export const ResourceView = Type.Object({
  id: Id,
  code: Type.String(),
  providerId: Id,
  /** The provider's unified social credit code (GB 32100-2015), per the compilation guide. */
  providerCode: Type.String(),
  status: Type.Enum(RESOURCE_STATUSES),
  version: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  name: Type.String(),
  summary: Type.String(),
  category: Type.Enum(CATEGORIES),
  theme: Nullable(Type.Enum(THEMES)),
  classCode: Type.String(),
  format: Type.Enum(FORMATS),
  shareType: Type.Enum(SHARE_TYPES),
  shareCondition: Nullable(Type.String()),
  legalBasis: Nullable(Type.String()),
  shareMethod: Type.Enum(SHARE_METHODS),
  openType: Type.Enum(OPEN_TYPES),
  openCondition: Nullable(Type.String()),
  updateCycle: Type.Enum(UPDATE_CYCLES),
  relatedCodes: Type.Array(Type.String()),
  zone: Type.Enum(ZONES),
  contact: Contact,
  publishedAt: Nullable(Type.String()),
  confirmedAt: Nullable(Type.String()),
  withdrawnReason: Nullable(Type.String()),
  reviewComment: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  items: Type.Array(ItemView),
  /** Art. 24: items this department can already obtain through the platform (on create and edit). */
  warnings: Type.Optional(
    Type.Array(
      Type.Object({
        code: Type.Literal('SHARING_AVAILABLE_ON_PLATFORM'),
        message: Type.String(),
        itemName: Type.String(),
        resourceId: Type.String(),
        grantId: Type.String(),
      }),
    ),
  ),
})
export type ResourceView = Static<typeof ResourceView>

export const ReviewBody = Type.Object({
  decision: Type.Enum(['approve', 'return']),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
})
export type ReviewBody = Static<typeof ReviewBody>

export const ReasonBody = Type.Object({ reason: Text(2000) })
export type ReasonBody = Static<typeof ReasonBody>

export const LegalChangeBody = Type.Object({
  eventDate: IsoDate,
  description: Text(2000),
})
export type LegalChangeBody = Static<typeof LegalChangeBody>

export const FieldChange = Type.Object({
  field: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
})
export type FieldChange = Static<typeof FieldChange>

export const VersionView = Type.Object({
  version: Type.Integer(),
  status: Type.String(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  reviewComment: Nullable(Type.String()),
  /** Field by field against the version before it (empty for version 1). */
  changes: Type.Array(FieldChange),
})
export type VersionView = Static<typeof VersionView>

export const VersionList = Type.Object({ items: Type.Array(VersionView) })
export type VersionList = Static<typeof VersionList>

/** A resource code: class code, '/', a 6-digit sequence (rules.ts resourceCode). */
export const CodeQuery = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 64 }),
})

export const MyResourcesQuery = Type.Object({
  status: Type.Optional(Type.Enum(RESOURCE_STATUSES)),
  ...PageQuery,
})
export type MyResourcesQuery = Static<typeof MyResourcesQuery>

export const ResourceSummary = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  providerId: Id,
  providerCode: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  category: Type.String(),
  shareType: Type.String(),
  updatedAt: Type.String(),
})
export type ResourceSummary = Static<typeof ResourceSummary>

export const ResourceSummaryPage = Type.Object({ items: Type.Array(ResourceSummary), total: Type.Integer() })
export type ResourceSummaryPage = Static<typeof ResourceSummaryPage>

/** A submitted version waiting for the bureau's review. */
export const ReviewQueueItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  providerId: Type.String(),
  version: Type.Integer(),
  submittedAt: Nullable(Type.String()),
})
export type ReviewQueueItem = Static<typeof ReviewQueueItem>

export const ReviewQueue = Type.Object({ items: Type.Array(ReviewQueueItem) })
export type ReviewQueue = Static<typeof ReviewQueue>

export const DeadlineQuery = Type.Object({
  status: Type.Optional(Type.Enum(['due', 'overdue', 'all'])),
  departmentId: Type.Optional(Id),
})

export const DeadlineView = Type.Object({
  id: Type.String(),
  kind: Type.Enum(DEADLINE_KINDS),
  resourceId: Id,
  resourceCode: Type.String(),
  resourceName: Type.String(),
  departmentId: Id,
  openedOn: Type.String(),
  dueDate: Type.String(),
  provisional: Type.Boolean(),
  metAt: Nullable(Type.String()),
  late: Type.Boolean(),
  status: Type.Enum(DEADLINE_STATUSES),
  note: Nullable(Type.String()),
})
export type DeadlineView = Static<typeof DeadlineView>

export const DeadlineList = Type.Object({ items: Type.Array(DeadlineView) })
export type DeadlineList = Static<typeof DeadlineList>

export const LeadBody = Type.Object({
  category: Type.Enum(['base', 'theme']),
  theme: Type.Enum(THEMES),
  departmentId: Id,
})
export type LeadBody = Static<typeof LeadBody>

export const AuthoritativeBody = Type.Object({
  itemCode: Type.String({ minLength: 1, maxLength: 80 }),
  standardName: Type.Optional(Text(100)),
  /** The data element it is the source of; absent: the standard name's, else the item's. */
  elementCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
})
export type AuthoritativeBody = Static<typeof AuthoritativeBody>

export const ClassBody = Type.Object({
  code: Type.String({ pattern: '^[1-3](\\d{2}(\\d{3}(\\d{3})?)?)?$' }),
  name: Text(100),
})
export type ClassBody = Static<typeof ClassBody>
