/** Wire schemas of the oversight module: rectification notices (Art. 40), incidents and anomalies (Art. 30-31). */
import { type Static, Type } from 'typebox'
import { Id, IsoDate, IsoTime, Nullable } from '../../../shared/schema.js'
import { INCIDENT_ROUTES, NOTICE_KINDS, NOTICE_STATUSES } from './rules.js'

const NonBlank = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' })

export const NoticeQuery = Type.Object({
  status: Type.Optional(Type.Enum([...NOTICE_STATUSES])),
  departmentId: Type.Optional(Id),
})
export type NoticeQuery = Static<typeof NoticeQuery>

export const NewNotice = Type.Object({
  departmentId: Id,
  kind: Type.Enum([...NOTICE_KINDS]),
  /** What was found, in the reporter's words (e.g. an auditor's finding of use outside the grant). */
  description: NonBlank(4000),
  /** The object the breach concerns (a grant, a resource…); one notice per kind and source. */
  sourceType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  sourceId: Type.Optional(Id),
})
export type NewNotice = Static<typeof NewNotice>

export const IssueBody = Type.Object({
  /** Working days from today; 15 when absent. */
  deadlineDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
  comment: Type.Optional(Type.String({ maxLength: 4000 })),
})
export type IssueBody = Static<typeof IssueBody>

export const RespondBody = Type.Object({ response: NonBlank(8000) })
export type RespondBody = Static<typeof RespondBody>

export const NoticeView = Type.Object({
  id: Id,
  departmentId: Id,
  kind: Type.String(),
  sourceType: Nullable(Type.String()),
  sourceId: Nullable(Type.String()),
  status: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
  dueDate: Nullable(IsoDate),
  issuedAt: Nullable(IsoTime),
  issuedBy: Nullable(Type.String()),
  /** Issue 15: the issuer's display name (null when the login names no user). */
  issuedByName: Type.Optional(Nullable(Type.String())),
  /** Issue 15: the department's name, so the portal needs no second lookup. */
  departmentName: Type.Optional(Nullable(Type.String())),
  response: Nullable(Type.String()),
  respondedAt: Nullable(IsoTime),
  closedAt: Nullable(IsoTime),
  escalatedAt: Nullable(IsoTime),
  createdAt: IsoTime,
})
export type NoticeView = Static<typeof NoticeView>

export const NoticeList = Type.Object({ items: Type.Array(NoticeView) })
export type NoticeList = Static<typeof NoticeList>

export const DetectResult = Type.Object({
  /** Draft notices raised by this run, per kind. */
  drafted: Type.Record(Type.String(), Type.Integer()),
})
export type DetectResult = Static<typeof DetectResult>

export const NewIncident = Type.Object({
  title: NonBlank(200),
  description: NonBlank(8000),
  occurredAt: IsoTime,
  /** Which data (resources, items, records) were exposed or damaged. */
  dataAffected: NonBlank(4000),
  severity: Type.Enum(['low', 'medium', 'high']),
  departmentId: Type.Optional(Id),
  /** Defaults to all three; the cyberspace office and police are reached through security_officer accounts. */
  routedTo: Type.Optional(
    Type.Array(Type.Enum([...INCIDENT_ROUTES]), { minItems: 1, maxItems: 3, uniqueItems: true }),
  ),
})
export type NewIncident = Static<typeof NewIncident>

export const IncidentQuery = Type.Object({ status: Type.Optional(Type.Enum(['open', 'closed'])) })
export type IncidentQuery = Static<typeof IncidentQuery>

export const IncidentView = Type.Object({
  id: Id,
  reportedBy: Type.String(),
  /** Issue 15: the reporter's display name (null when the login names no user, e.g. the system). */
  reportedByName: Type.Optional(Nullable(Type.String())),
  departmentId: Nullable(Type.String()),
  occurredAt: IsoTime,
  title: Type.String(),
  description: Type.String(),
  dataAffected: Type.String(),
  severity: Type.String(),
  routedTo: Type.Array(Type.String()),
  status: Type.String(),
  closedAt: Nullable(IsoTime),
  createdAt: IsoTime,
  /** Issue 13: when the report to the cyberspace office and police is due, and whether it is overdue. */
  reportDueAt: Type.Optional(Nullable(IsoTime)),
  overdue: Type.Optional(Type.Boolean()),
  /** How many users were notified when it was recorded (only on creation). */
  notified: Type.Optional(Type.Integer()),
})
export type IncidentView = Static<typeof IncidentView>

export const IncidentList = Type.Object({ items: Type.Array(IncidentView) })
export type IncidentList = Static<typeof IncidentList>

export const AnomalyView = Type.Object({
  id: Id,
  departmentId: Id,
  day: IsoDate,
  kind: Type.String(),
  observed: Type.Integer(),
  baselineMean: Type.Number(),
  threshold: Type.Number(),
  createdAt: IsoTime,
  /** For a key enumeration: the resource and grant (observed = misses, baselineMean = keys asked). */
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
})
export type AnomalyView = Static<typeof AnomalyView>

export const AnomalyList = Type.Object({ items: Type.Array(AnomalyView) })
export type AnomalyList = Static<typeof AnomalyList>
