import { type Static, Type } from 'typebox'
import { Id, IsoDate, Nullable, PageQuery } from '../../shared/schema.js'
import {
  ACCESS_MODES,
  DECISIONS,
  DISPUTE_STATUSES,
  GRANT_STATUSES,
  REQUEST_STATUSES,
  RESOLUTIONS,
} from './vocabulary.js'

const NonBlank = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' })

/** verify (match / no match only) < lookup (one record by a key held) < bulk (pages, filters, export). */
export const AccessModeSchema = Type.Enum(ACCESS_MODES, {
  description:
    'verify: send values held, get match / no match per item; lookup: records by keys the consumer holds, small batches, no paging; bulk: paging, filters and export (personal data: only when the approver grants it with a reason)',
})

export const RowScopeSchema = Type.Object(
  {
    item: Type.String({ minLength: 1, maxLength: 100 }),
    values: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50 }),
  },
  { description: 'Only rows whose (non-personal) item holds one of the values are served' },
)
export type RowScope = Static<typeof RowScopeSchema>

const DailyBudget = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description: 'Records a day the grant may read; default: the resource setting',
})

export const NewRequest = Type.Object({
  resourceId: Id,
  items: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 500 }),
  /** Art. 32: what the data will be used for; every query under the grant carries it. */
  purpose: NonBlank(1000),
  /** The law or the business the request serves. */
  basis: Type.Optional(Type.String({ maxLength: 1000 })),
  validTo: Type.Optional(IsoDate),
  /** Default: lookup for a resource with personal items, else bulk. */
  accessMode: Type.Optional(AccessModeSchema),
})
export type NewRequest = Static<typeof NewRequest>

export const RequestView = Type.Object({
  id: Id,
  resourceId: Id,
  resourceName: Type.String(),
  providerId: Id,
  consumerId: Id,
  requester: Type.String(),
  /** Issue 15: the requester's display name (null when the login names no user or client, e.g. the system). */
  requesterName: Type.Optional(Nullable(Type.String())),
  items: Type.Array(Type.String()),
  purpose: Type.String(),
  basis: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  status: Type.String({ description: 'pending | overdue | granted | rejected | disputed' }),
  dueDate: Nullable(Type.String()),
  dueDateProvisional: Type.Boolean(),
  grantId: Nullable(Type.String()),
  renewalOf: Nullable(Type.String()),
  accessMode: Nullable(Type.String({ description: 'verify | lookup | bulk: the mode asked for' })),
  decision: Nullable(
    Type.Object({
      decision: Type.String(),
      items: Nullable(Type.Array(Type.String())),
      reason: Nullable(Type.String()),
      decidedAt: Type.String(),
      late: Type.Boolean(),
      /** Issue 15: who decided (login) and their display name. */
      decidedBy: Type.Optional(Type.String()),
      decidedByName: Type.Optional(Nullable(Type.String())),
    }),
  ),
  dispute: Nullable(
    Type.Object({
      id: Type.String(),
      reason: Type.String(),
      status: Type.String(),
      resolution: Nullable(Type.String()),
      resolutionReason: Nullable(Type.String()),
    }),
  ),
  createdAt: Type.String(),
})
export type RequestView = Static<typeof RequestView>

export const RequestPage = Type.Object({ items: Type.Array(RequestView), total: Type.Integer() })
export type RequestPage = Static<typeof RequestPage>

export const RequestQuery = Type.Object({
  /** outgoing: my department's applications; incoming: requests for my department's resources. */
  direction: Type.Optional(Type.Enum(['outgoing', 'incoming', 'all'])),
  status: Type.Optional(Type.Enum(REQUEST_STATUSES)),
  ...PageQuery,
})

export const DecisionBody = Type.Object({
  decision: Type.Enum(DECISIONS),
  items: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 500 }),
  ),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  /** Approve personal items unmasked (Art. 33: only when the purpose needs them). */
  plain: Type.Optional(Type.Boolean()),
  /** At most the mode requested; default the mode requested, except bulk of personal data. */
  accessMode: Type.Optional(AccessModeSchema),
  /** Required to grant bulk on a resource with personal items. */
  modeReason: Type.Optional(Type.String({ maxLength: 1000 })),
  dailyBudget: Type.Optional(DailyBudget),
  rowScope: Type.Optional(RowScopeSchema),
})
export type DecisionBody = Static<typeof DecisionBody>

/** What a decision answers: the request's new status and, on approval, the grant (not the whole request). */
export const DecisionReply = Type.Object({
  id: Id,
  status: Type.String(),
  grantId: Nullable(Type.String()),
  items: Type.Array(Type.String()),
  late: Type.Boolean(),
})
export type DecisionReply = Static<typeof DecisionReply>

/** What taking a request to the bureau answers: the request's id and its status (disputed). */
export const DisputeReply = Type.Object({ id: Type.String(), status: Type.String() })
export type DisputeReply = Static<typeof DisputeReply>

export const ReasonBody = Type.Object({ reason: NonBlank(2000) })
export type ReasonBody = Static<typeof ReasonBody>

export const ArbitrationBody = Type.Object({
  decision: Type.Enum(RESOLUTIONS),
  items: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 500 }),
  ),
  reason: NonBlank(2000),
})
export type ArbitrationBody = Static<typeof ArbitrationBody>

export const GrantView = Type.Object({
  id: Id,
  resourceId: Id,
  resourceName: Type.String(),
  providerId: Id,
  consumerId: Id,
  requestId: Id,
  items: Type.Array(Type.String()),
  purpose: Type.String(),
  validTo: Nullable(Type.String()),
  plain: Type.Boolean(),
  accessMode: AccessModeSchema,
  modeReason: Nullable(Type.String()),
  /** Null: the resource's default budget. */
  dailyBudget: Nullable(Type.Integer()),
  rowScope: Nullable(RowScopeSchema),
  status: Type.Enum(GRANT_STATUSES),
  revokeReason: Nullable(Type.String()),
  createdAt: Type.String(),
})
export type GrantView = Static<typeof GrantView>

export const GrantList = Type.Object({ items: Type.Array(GrantView) })
export type GrantList = Static<typeof GrantList>

/**
 * The provider narrows how a grant is used (e.g. an unconditional grant to a township limited to
 * its own area): a narrower mode, a budget, a row scope (null clears it).
 */
export const GrantLimitsBody = Type.Object({
  accessMode: Type.Optional(AccessModeSchema),
  modeReason: Type.Optional(Type.String({ maxLength: 1000 })),
  dailyBudget: Type.Optional(Type.Union([DailyBudget, Type.Null()])),
  rowScope: Type.Optional(Type.Union([RowScopeSchema, Type.Null()])),
  reason: NonBlank(1000),
})
export type GrantLimitsBody = Static<typeof GrantLimitsBody>

export const GrantQuery = Type.Object({
  resourceId: Type.Optional(Id),
  status: Type.Optional(Type.Enum(GRANT_STATUSES)),
})

export const RenewalBody = Type.Object({
  validTo: Type.Optional(IsoDate),
  purpose: Type.Optional(NonBlank(1000)),
})

export const DisputeView = Type.Object({
  id: Id,
  requestId: Id,
  resourceId: Id,
  resourceName: Type.String(),
  consumerId: Id,
  providerId: Id,
  reason: Type.String(),
  status: Type.String(),
  raisedAt: Type.String(),
  resolution: Nullable(Type.String()),
  resolutionReason: Nullable(Type.String()),
  /** Issue 15: who raised it (login) and their display name. */
  raisedBy: Type.Optional(Type.String()),
  raisedByName: Type.Optional(Nullable(Type.String())),
})
export type DisputeView = Static<typeof DisputeView>

export const DisputeQuery = Type.Object({ status: Type.Optional(Type.Enum(DISPUTE_STATUSES)) })
export type DisputeQuery = Static<typeof DisputeQuery>

export const DisputeList = Type.Object({ items: Type.Array(DisputeView) })
export type DisputeList = Static<typeof DisputeList>
