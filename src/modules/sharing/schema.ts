import { type Static, Type } from 'typebox'
import { Id, IsoDate, PageQuery } from '../../shared/schema.js'

const NonBlank = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' })
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])

export const NewRequest = Type.Object({
  resourceId: Id,
  items: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 500 }),
  /** Art. 32: what the data will be used for; every query under the grant carries it. */
  purpose: NonBlank(1000),
  /** The law or the business the request serves. */
  basis: Type.Optional(Type.String({ maxLength: 1000 })),
  validTo: Type.Optional(IsoDate),
})
export type NewRequest = Static<typeof NewRequest>

export const RequestView = Type.Object({
  id: Id,
  resourceId: Id,
  resourceName: Type.String(),
  providerId: Id,
  consumerId: Id,
  requester: Type.String(),
  items: Type.Array(Type.String()),
  purpose: Type.String(),
  basis: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  status: Type.String({ description: 'pending | overdue | granted | rejected | disputed' }),
  dueDate: Nullable(Type.String()),
  dueDateProvisional: Type.Boolean(),
  grantId: Nullable(Type.String()),
  renewalOf: Nullable(Type.String()),
  decision: Nullable(
    Type.Object({
      decision: Type.String(),
      items: Nullable(Type.Array(Type.String())),
      reason: Nullable(Type.String()),
      decidedAt: Type.String(),
      late: Type.Boolean(),
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

export const RequestQuery = Type.Object({
  /** outgoing: my department's applications; incoming: requests for my department's resources. */
  direction: Type.Optional(Type.Enum(['outgoing', 'incoming', 'all'])),
  status: Type.Optional(Type.Enum(['pending', 'overdue', 'granted', 'rejected', 'disputed'])),
  ...PageQuery,
})

export const DecisionBody = Type.Object({
  decision: Type.Enum(['approve', 'reject']),
  items: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 500 }),
  ),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  /** Approve personal items unmasked (Art. 33: only when the purpose needs them). */
  plain: Type.Optional(Type.Boolean()),
})
export type DecisionBody = Static<typeof DecisionBody>

export const DecisionReply = Type.Object({
  id: Id,
  status: Type.String(),
  grantId: Nullable(Type.String()),
  items: Type.Array(Type.String()),
  late: Type.Boolean(),
})

export const ReasonBody = Type.Object({ reason: NonBlank(2000) })
export type ReasonBody = Static<typeof ReasonBody>

export const ArbitrationBody = Type.Object({
  decision: Type.Enum(['grant', 'partial', 'uphold']),
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
  status: Type.Enum(['live', 'expired', 'revoked']),
  revokeReason: Nullable(Type.String()),
  createdAt: Type.String(),
})
export type GrantView = Static<typeof GrantView>

export const GrantQuery = Type.Object({
  resourceId: Type.Optional(Id),
  status: Type.Optional(Type.Enum(['live', 'expired', 'revoked'])),
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
})
