/** Wire schemas of the quality module: objections (Art. 26) and consistency checks (Art. 17). */
import { type Static, Type } from 'typebox'
import { Id, Nullable, PageQuery } from '../../shared/schema.js'
import { MAX_OBJECTION_DAYS, OBJECTION_STATUSES } from './vocabulary.js'

const NonBlank = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' })
const ItemName = Type.String({ minLength: 1, maxLength: 100 })

export const NewObjection = Type.Object({
  resourceId: Id,
  /** The key value as in an exchange read (several key items joined by '|'); stored only hashed. */
  key: Type.String({ minLength: 1, maxLength: 500 }),
  /** The doubted item; absent for the whole record. */
  item: Type.Optional(ItemName),
  evidence: NonBlank(4000),
})
export type NewObjection = Static<typeof NewObjection>

export const ObjectionQuery = Type.Object({
  status: Type.Optional(Type.Enum(OBJECTION_STATUSES)),
  /** outgoing: raised by my department; incoming: on my department's resources. */
  direction: Type.Optional(Type.Enum(['outgoing', 'incoming', 'all'])),
  resourceId: Type.Optional(Id),
  ...PageQuery,
})
export type ObjectionQuery = Static<typeof ObjectionQuery>

export const AnswerBody = Type.Object({
  outcome: Type.Enum(['corrected', 'confirmed']),
  /** Required when confirming the record as correct. */
  reason: Type.Optional(Type.String({ maxLength: 4000 })),
})
export type AnswerBody = Static<typeof AnswerBody>

export const ObjectionView = Type.Object({
  id: Id,
  resourceId: Id,
  resourceName: Type.String(),
  providerId: Id,
  consumerId: Id,
  maskedKey: Type.String(),
  item: Nullable(Type.String()),
  evidence: Type.String(),
  status: Type.String({ description: 'open | corrected | confirmed' }),
  dueDate: Type.String(),
  dueDateProvisional: Type.Boolean(),
  /** Open past its due date. */
  overdue: Type.Boolean(),
  raisedBy: Type.String(),
  recordVersion: Type.Integer(),
  answeredAt: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  /** Issue 15: display names beside the logins (null when the login names no user or client). */
  raisedByName: Type.Optional(Nullable(Type.String())),
  answeredByName: Type.Optional(Nullable(Type.String())),
  answer: Nullable(Type.String()),
  late: Type.Boolean(),
  correctionVersion: Nullable(Type.Integer()),
  createdAt: Type.String(),
})
export type ObjectionView = Static<typeof ObjectionView>

export const ObjectionPage = Type.Object({ items: Type.Array(ObjectionView), total: Type.Integer() })
export type ObjectionPage = Static<typeof ObjectionPage>

export const QualitySettings = Type.Object({
  /** Working days the provider has to verify an objection (Art. 26). */
  objectionDays: Type.Integer({ minimum: 1, maximum: MAX_OBJECTION_DAYS }),
})
export type QualitySettings = Static<typeof QualitySettings>

const Side = Type.Enum(['left', 'right'])

export const NewCheck = Type.Object({
  name: NonBlank(200),
  leftResourceId: Id,
  leftKeyItem: ItemName,
  leftItem: ItemName,
  rightResourceId: Id,
  rightKeyItem: ItemName,
  rightItem: ItemName,
  /** The side whose provider is the one source of the item (Art. 16). */
  authoritativeSide: Side,
})
export type NewCheck = Static<typeof NewCheck>

export const RunView = Type.Object({
  id: Id,
  checkId: Id,
  startedAt: Type.String(),
  /** Null while running (or if the run died part-way). */
  finishedAt: Nullable(Type.String()),
  compared: Type.Integer(),
  disagreements: Type.Integer(),
})
export type RunView = Static<typeof RunView>

export const CheckView = Type.Object({
  id: Id,
  name: Type.String(),
  leftResourceId: Id,
  leftKeyItem: Type.String(),
  leftItem: Type.String(),
  rightResourceId: Id,
  rightKeyItem: Type.String(),
  rightItem: Type.String(),
  authoritativeSide: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  active: Type.Boolean(),
  lastRun: Nullable(RunView),
})
export type CheckView = Static<typeof CheckView>

export const DisagreementQuery = Type.Object({
  departmentId: Type.Optional(Id),
  checkId: Type.Optional(Id),
  runId: Type.Optional(Id),
  status: Type.Optional(Type.Enum(['open', 'resolved', 'superseded'])),
  ...PageQuery,
})
export type DisagreementQuery = Static<typeof DisagreementQuery>

export const DisagreementView = Type.Object({
  id: Id,
  runId: Id,
  checkId: Id,
  maskedKey: Type.String(),
  /** Masked like their items: no plain personal value is stored or shown. */
  leftValue: Nullable(Type.String()),
  rightValue: Nullable(Type.String()),
  routedToDepartmentId: Id,
  status: Type.String({ description: 'open | resolved | superseded' }),
})
export type DisagreementView = Static<typeof DisagreementView>

export const DisagreementPage = Type.Object({ items: Type.Array(DisagreementView), total: Type.Integer() })
export type DisagreementPage = Static<typeof DisagreementPage>
