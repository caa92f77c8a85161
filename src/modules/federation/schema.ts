/** Wire schemas of federation between platforms (Art. 21, 39; decisions §52). */
import { type Static, Type } from 'typebox'
import { Id, IsoDate, Nullable } from '../../shared/schema.js'

export const PeerRole = Type.Union([Type.Literal('province'), Type.Literal('city')])
export const PeerState = Type.Union([Type.Literal('unknown'), Type.Literal('up'), Type.Literal('down')])

const Code = Type.String({ minLength: 18, maxLength: 18, description: 'unified social credit code' })

export const PeerBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  baseUrl: Type.String({ minLength: 8, maxLength: 300, pattern: '^https?://' }),
  publicKey: Type.String({
    pattern: '^04[0-9a-fA-F]{128}$',
    description: "the peer's SM2 public key (uncompressed, 130 hex)",
  }),
  role: PeerRole,
  sharesCatalog: Type.Optional(Type.Boolean({ default: true })),
  departmentCodes: Type.Optional(Type.Array(Code, { maxItems: 1000 })),
  enabled: Type.Optional(Type.Boolean({ default: true })),
})
export type PeerBody = Static<typeof PeerBody>

export const PeerPatch = Type.Partial(PeerBody)
export type PeerPatch = Static<typeof PeerPatch>

export const PeerView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  baseUrl: Type.String(),
  publicKey: Type.String(),
  keyId: Type.String(),
  role: PeerRole,
  sharesCatalog: Type.Boolean(),
  departmentCodes: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  state: PeerState,
  lastSuccessAt: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  /** Messages queued for the peer, not yet delivered (queued + failing). */
  pending: Type.Integer(),
  /** Waiting for their first try. */
  queued: Type.Integer(),
  /** Tried and failed, waiting for the next try. */
  failing: Type.Integer(),
  /** No longer retried (a refusal, or a week of failed tries): the administrator requeues or discards them. */
  dead: Type.Integer(),
  /** The next try of a failing message. */
  nextAttemptAt: Nullable(Type.String()),
  catalogSentCursor: Nullable(Type.String()),
  catalogPulledCursor: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type PeerView = Static<typeof PeerView>

export const IdentityView = Type.Object({
  keyId: Type.String(),
  publicKey: Type.String(),
  algorithm: Type.Literal('SM2'),
})

/** pending: tried until delivered; dead: no more tries, the administrator decides; discarded: dropped by them. */
export const OutboxStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('delivered'),
  Type.Literal('dead'),
  Type.Literal('discarded'),
])
export type OutboxStatus = Static<typeof OutboxStatus>

export const OutboxQuery = Type.Object({
  peerId: Type.Optional(Id),
  status: Type.Optional(OutboxStatus),
})

export const OutboxView = Type.Object({
  id: Type.String(),
  peerId: Type.String(),
  kind: Type.String(),
  subjectId: Nullable(Type.String()),
  status: OutboxStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Type.String(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
  /** When it stopped being retried; the last error says why. */
  deadAt: Nullable(Type.String()),
  /** The peer's reply body (a report's receipt), when delivered. */
  reply: Nullable(Type.Record(Type.String(), Type.Unknown())),
})
export type OutboxView = Static<typeof OutboxView>

export const MessageEnvelope = Type.Object({
  message: Type.String({ minLength: 2, maxLength: 16 * 1024 * 1024 }),
})

export const FeedItem = Type.Object({
  name: Type.String({ maxLength: 200 }),
  dataType: Type.String({ maxLength: 40 }),
  key: Type.Boolean(),
  sensitivity: Type.String({ maxLength: 40 }),
})

/** A catalog entry as the peer sends it (catalog/federation-feed.ts). */
export const FeedEntry = Type.Union([
  Type.Object({
    kind: Type.Literal('resource'),
    id: Id,
    code: Type.String({ maxLength: 100 }),
    name: Type.String({ maxLength: 500 }),
    summary: Type.String({ maxLength: 10_000 }),
    shareType: Type.String({ maxLength: 40 }),
    providerCode: Type.String({ maxLength: 40 }),
    providerName: Type.String({ maxLength: 200 }),
    items: Type.Array(FeedItem, { maxItems: 2000 }),
    updatedAt: Type.String({ maxLength: 40 }),
  }),
  Type.Object({ kind: Type.Literal('withdrawal'), id: Id, updatedAt: Type.String({ maxLength: 40 }) }),
])
export type FeedEntryWire = Static<typeof FeedEntry>

export const RemoteResourceView = Type.Object({
  id: Type.String(),
  peerId: Type.String(),
  peerName: Type.String(),
  remoteId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  summary: Type.String(),
  shareType: Type.String(),
  providerCode: Type.String(),
  providerName: Type.String(),
  items: Type.Array(FeedItem),
  updatedAt: Type.String(),
})
export type RemoteResourceView = Static<typeof RemoteResourceView>

export const RemoteQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  peerId: Type.Optional(Id),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
})

export const RemoteRequestBody = Type.Object({
  items: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 500 }),
  purpose: Type.String({ minLength: 2, maxLength: 500 }),
  validTo: Type.Optional(IsoDate),
})
export type RemoteRequestBody = Static<typeof RemoteRequestBody>

export const RemoteRequestView = Type.Object({
  id: Type.String(),
  peerId: Type.String(),
  peerName: Type.String(),
  /** The mirrored resource's name ('' if the mirror no longer has it). */
  resourceName: Type.String(),
  remoteResourceId: Nullable(Type.String()),
  resourceId: Type.String(),
  departmentId: Type.String(),
  requester: Type.String(),
  /** The applicant's display name (null: the login names nobody now). */
  requesterName: Nullable(Type.String()),
  items: Type.Array(Type.String()),
  purpose: Type.String(),
  /** The provider's request id, once delivered. */
  peerRequestId: Nullable(Type.String()),
  /** sending until delivered, then the provider's status (pending, granted, rejected …). */
  status: Type.String(),
  grantId: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type RemoteRequestView = Static<typeof RemoteRequestView>

export const RemoteReadQuery = Type.Object({
  caseRef: Type.Optional(Type.String({ maxLength: 200 })),
})

export const RemoteReadReply = Type.Object({
  record: Type.Record(Type.String(), Type.Unknown()),
  /** The id both platforms' log entries of this read carry. */
  correlationId: Type.String(),
  grantId: Type.String(),
  peerId: Type.String(),
  sourceChangedAt: Nullable(Type.String()),
})
export type RemoteReadReply = Static<typeof RemoteReadReply>

export const SendReportBody = Type.Object({ peerId: Id })

export const ReceivedReportView = Type.Object({
  messageId: Type.String(),
  peerId: Type.String(),
  receivedAt: Type.String(),
  digest: Type.String(),
  year: Type.Integer(),
  report: Type.Record(Type.String(), Type.Unknown()),
})

export const SyncReply = Type.Object({
  peers: Type.Array(
    Type.Object({
      peerId: Type.String(),
      state: PeerState,
      queued: Type.Integer(),
      delivered: Type.Integer(),
      pulled: Type.Integer(),
      error: Nullable(Type.String()),
    }),
  ),
})
export type SyncReply = Static<typeof SyncReply>
