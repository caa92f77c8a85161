import { type Static, Type } from 'typebox'
import { Id, IsoDate, PageQuery } from '../../shared/schema.js'

export const Value = Type.Union([
  Type.String({ maxLength: 4000 }),
  Type.Number(),
  Type.Boolean(),
  Type.Null(),
])
export const RecordObject = Type.Record(Type.String(), Value)

/** How an upsert treats the items a record leaves out (issue 11, decision 29). */
export const IngestModeSchema = Type.Union([Type.Literal('merge'), Type.Literal('replace')], {
  default: 'merge',
  description:
    '`merge` (default): an item left out of a record keeps its stored value (a new record stores null ' +
    'for it); an explicit null clears it. `replace`: every item of the resource is required in every ' +
    'record; a record missing one is refused with 400 EXCHANGE_INVALID_RECORD ' +
    '{index, item, reason} and nothing of the batch is stored.',
})

export const IngestBody = Type.Object({
  records: Type.Array(Type.Record(Type.String({ maxLength: 100 }), Type.Unknown()), {
    minItems: 1,
    maxItems: 5000,
    description:
      'Records as item name → value, upserted by the key item(s); the key items are always required.',
  }),
  /** When the data changed at the source (Art. 18); the arrival time is now. */
  sourceChangedAt: Type.Optional(
    Type.String({
      format: 'date-time',
      description:
        'When the data changed at the source (Art. 18). More than 5 minutes in the future: 400 ' +
        'EXCHANGE_SOURCE_TIME_IN_FUTURE. Left out: the batch is stored as "change time not declared", ' +
        'which counts against the provider’s update timeliness. ISO 8601 with offset.',
    }),
  ),
  mode: Type.Optional(IngestModeSchema),
})

export const IngestReply = Type.Object({
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
})

export const KeysBody = Type.Object({
  keys: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 1000 }),
  grantId: Type.Optional(Id),
  caseRef: Type.Optional(Type.String({ maxLength: 100 })),
})

export const RecordParams = Type.Object({ id: Id, key: Type.String({ minLength: 1, maxLength: 500 }) })

export const ReadQuery = Type.Object({
  grantId: Type.Optional(Id),
  caseRef: Type.Optional(Type.String({ maxLength: 100 })),
  asOf: Type.Optional(IsoDate),
})
export type ReadQuery = Static<typeof ReadQuery>

export const ListQuery = Type.Object({
  grantId: Type.Optional(Id),
  caseRef: Type.Optional(Type.String({ maxLength: 100 })),
  /** JSON object of item name → value, equality on granted non-personal items. */
  filters: Type.Optional(Type.String({ maxLength: 2000 })),
  ...PageQuery,
})

export const ReadReply = Type.Object({
  record: RecordObject,
  grantId: Type.String(),
  sourceChangedAt: Type.String(),
  arrivedAt: Type.String(),
  /** 0 for a record fetched live from the provider's system. */
  version: Type.Integer(),
  source: Type.Optional(Type.Union([Type.Literal('stored'), Type.Literal('upstream')])),
  /** Art. 26: present (true) while an objection to the record is open; it is served all the same. */
  underVerification: Type.Optional(Type.Boolean()),
  objectionIds: Type.Optional(Type.Array(Type.String())),
})
export type ReadReply = Static<typeof ReadReply>

export const ListReply = Type.Object({
  items: Type.Array(RecordObject),
  total: Type.Integer(),
  grantId: Type.String(),
})
export type ListReply = Static<typeof ListReply>

export const BatchReply = Type.Object({
  items: Type.Array(Type.Object({ key: Type.String(), record: RecordObject })),
  missing: Type.Array(Type.String()),
  grantId: Type.String(),
})

export const AccessLogEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  /** Issue 15: the reader's display name (null when the login names no user or client). */
  actorName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  details: Type.Unknown(),
})
export type AccessLogEntry = Static<typeof AccessLogEntry>

export const AccessLogReply = Type.Object({ items: Type.Array(AccessLogEntry) })
export type AccessLogReply = Static<typeof AccessLogReply>

/** The provider's endpoint for share method "api": records are `GET {url}/{key}`. */
export const UpstreamBody = Type.Object({
  url: Type.String({ minLength: 8, maxLength: 2000, pattern: '^[hH][tT][tT][pP][sS]?://' }),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 30_000, default: 3000 })),
  /** Sent as the Authorization header of each forwarded call; stored encrypted, never shown. */
  authHeader: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, pattern: '^[\\x20-\\x7e]+$' })),
})

export const UpstreamView = Type.Object({
  resourceId: Type.String(),
  url: Type.String(),
  timeoutMs: Type.Integer(),
  hasAuthHeader: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  circuit: Type.Optional(
    Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('half_open')]),
  ),
})

/** Verification (核验): values the consumer holds, per key; the reply says match / no match only. */
export const VerifyBody = Type.Object({
  checks: Type.Array(
    Type.Object({
      key: Type.String({ minLength: 1, maxLength: 500 }),
      items: Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Value, {
        description: 'Item name → the value held; compared as trimmed text',
      }),
    }),
    { minItems: 1, maxItems: 1000 },
  ),
  grantId: Type.Optional(Id),
  caseRef: Type.Optional(Type.String({ maxLength: 100 })),
})

export const VerifyReply = Type.Object({
  results: Type.Array(
    Type.Object({
      key: Type.String({ description: 'The key, masked like its item' }),
      recordFound: Type.Boolean(),
      matches: Type.Record(Type.String(), Type.Boolean()),
    }),
  ),
  grantId: Type.String(),
})
export type VerifyReply = Static<typeof VerifyReply>

export const ExportQuery = Type.Object({
  grantId: Type.Optional(Id),
  caseRef: Type.Optional(Type.String({ maxLength: 100 })),
  /** JSON object of item name → value, equality on granted unmasked items. */
  filters: Type.Optional(Type.String({ maxLength: 2000 })),
})

/** details of EXCHANGE_QUOTA_EXCEEDED and EXCHANGE_READS_SUSPENDED (429): when reading may resume. */
export const QuotaDetails = Type.Object({
  grantId: Type.Optional(Type.String()),
  dailyBudget: Type.Optional(Type.Integer()),
  used: Type.Optional(Type.Integer()),
  resetAt: Type.Optional(Type.String()),
  retryAfterSeconds: Type.Optional(Type.Integer()),
})
export type QuotaDetails = Static<typeof QuotaDetails>

export const SettingsBody = Type.Object({
  dailyBudget: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    description: 'Default records a day per grant',
  }),
  caseRefRequired: Type.Boolean({ description: 'Reads of personal items must carry caseRef' }),
})

export const SettingsView = Type.Object({
  dailyBudget: Type.Integer(),
  caseRefRequired: Type.Boolean(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  /** Issue 15: the display name of whoever changed them last. */
  updatedByName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
})
export type SettingsView = Static<typeof SettingsView>

/** Issue 11: the plain key travels only in a body, never in a URL (URLs end up in logs). */
export const KeyReadersBody = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 500 }),
  /** The report's language; by default the caller's Accept-Language. */
  lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
})

export const KeyReader = Type.Object({
  seq: Type.Integer({ description: 'the audit entry of the read: the evidence' }),
  at: Type.String(),
  departmentId: Type.Union([Type.String(), Type.Null()]),
  departmentName: Type.Union([Type.String(), Type.Null()]),
  actor: Type.String(),
  /** Issue 15: the reader's display name (null when the login names no user or client). */
  actorName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  action: Type.Union([Type.Literal('exchange.read'), Type.Literal('exchange.denied')]),
  grantId: Type.Union([Type.String(), Type.Null()]),
  purpose: Type.Union([Type.String(), Type.Null()]),
  caseRef: Type.Union([Type.String(), Type.Null()]),
  /** Records the read returned (a batch: over all its keys); null for a refused read. */
  records: Type.Union([Type.Integer(), Type.Null()]),
  /** How many keys the read asked at once (1 for a read by key). */
  keysAsked: Type.Integer(),
  /** The refusal's code, for exchange.denied. */
  code: Type.Union([Type.String(), Type.Null()]),
})
export type KeyReader = Static<typeof KeyReader>

export const KeyReadersReply = Type.Object({
  key: Type.String({ description: 'the key, masked like its item' }),
  resourceId: Type.String(),
  resourceName: Type.String(),
  items: Type.Array(KeyReader),
  /** True when there were more reads than the cap: the oldest are left out. */
  capped: Type.Boolean(),
  /** The audit entry recording this query. */
  querySeq: Type.Integer(),
})
export type KeyReadersReply = Static<typeof KeyReadersReply>

/** What a CSV upload (POST …/records/file) answers: what was read, stored and refused. */
export const FileIngestReply = Type.Object({
  dryRun: Type.Boolean(),
  complete: Type.Boolean(),
  read: Type.Integer(),
  skipped: Type.Integer(),
  batches: Type.Integer(),
  stored: Type.Integer(),
  resumeSkip: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  badRows: Type.Integer(),
  problems: Type.Array(
    Type.Object({ row: Type.Integer(), record: Type.Integer(), item: Type.String(), reason: Type.String() }),
  ),
  missingItems: Type.Array(Type.String()),
  seconds: Type.Number(),
})
export type FileIngestReply = Static<typeof FileIngestReply>
