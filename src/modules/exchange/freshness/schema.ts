import { type Static, Type } from 'typebox'
import { Nullable } from '../../../shared/schema.js'

export const FreshnessItem = Type.Object({
  resourceId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  providerId: Type.String(),
  updateCycle: Type.String(),
  /** Live records now held. */
  records: Type.Integer(),
  lastArrivalAt: Nullable(Type.String()),
  lastSourceChangeAt: Nullable(Type.String()),
  /** Over every arrival (current and earlier versions), in working days. */
  medianLagDays: Nullable(Type.Number()),
  maxLagDays: Nullable(Type.Integer()),
  /** Arrivals more than 5 working days after their source change (Art. 18). */
  lateRecords: Type.Integer(),
  /** No arrival within the resource's update cycle up to today. */
  cycleOverdue: Type.Boolean(),
  undeclaredChangeTimes: Type.Integer({
    description:
      'Arrivals (current and earlier versions) loaded without sourceChangedAt: their change time is ' +
      'not declared, they have no lag, and they count against the update timeliness score (Art. 18).',
  }),
})
export type FreshnessItem = Static<typeof FreshnessItem>

export const FreshnessQuery = Type.Object({
  late: Type.Optional(Type.Boolean({ description: 'only resources with late arrivals or an overdue cycle' })),
})

export const FreshnessList = Type.Object({ items: Type.Array(FreshnessItem) })
export type FreshnessList = Static<typeof FreshnessList>

export const LateArrivalsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
})

export const ResourceFreshness = Type.Object({
  ...FreshnessItem.properties,
  /** The latest late arrivals, newest first. */
  lateArrivals: Type.Array(
    Type.Object({
      arrivedAt: Type.String(),
      sourceChangedAt: Type.String(),
      lagDays: Type.Integer(),
      version: Type.Integer(),
    }),
  ),
})
export type ResourceFreshness = Static<typeof ResourceFreshness>
