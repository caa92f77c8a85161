/** Wire types of the county migration routes (decisions §59); the portal imports them. */
import { type Static, Type } from 'typebox'
import { IsoTime, Nullable } from '../../shared/schema.js'

const Count = Type.Integer({ minimum: 0 })
const Outcomes = Type.Object({ create: Count, change: Count, unchanged: Count, refused: Count })
const Sm3 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SM3, hex' })

export const CountyCounts = Type.Object(
  { department: Outcomes, resource: Outcomes, grant: Outcomes, record: Outcomes },
  { description: 'Rows per entity and outcome' },
)

export const EntityKind = Type.Union([
  Type.Literal('department'),
  Type.Literal('resource'),
  Type.Literal('grant'),
  Type.Literal('record'),
])

export const CountyRefusal = Type.Object({
  entity: EntityKind,
  key: Type.String({ description: "The county's code of the row; a record: resource code#row" }),
  row: Type.Integer({ description: 'Row in its table, from 1' }),
  code: Type.String({ description: 'Stable error code' }),
  zh: Type.String(),
  en: Type.String(),
  details: Type.Optional(Type.Unknown()),
})

export const CountyChange = Type.Object({
  entity: EntityKind,
  key: Type.String(),
  fields: Type.Array(Type.String()),
})

export const ImportRun = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('running'), Type.Literal('done')]),
  batches: Count,
  cursor: Type.Integer({ minimum: 0, description: 'Batches committed' }),
  counts: CountyCounts,
  startedBy: Type.String(),
  startedAt: IsoTime,
  updatedAt: IsoTime,
  finishedAt: Nullable(IsoTime),
})

export const ImportState = Type.Union([
  Type.Literal('planned'),
  Type.Literal('running'),
  Type.Literal('applied'),
])

export const ImportStatus = Type.Object({
  id: Sm3,
  county: Type.Object({ code: Type.String(), name: Type.String() }),
  planDigest: Sm3,
  state: ImportState,
  files: Count,
  bytes: Count,
  uploadedBy: Type.String(),
  uploadedAt: IsoTime,
  planned: CountyCounts,
  appliedBy: Nullable(Type.String()),
  appliedAt: Nullable(IsoTime),
  /** What the run did (with its earlier part if resumed); null until applied. */
  result: Nullable(CountyCounts),
  /** This export's run: progress while running, the finished run once applied. */
  run: Nullable(ImportRun),
})

export const ImportReport = Type.Object({
  ...ImportStatus.properties,
  refused: Type.Array(CountyRefusal),
  changes: Type.Array(CountyChange),
})

export const ApplyReply = Type.Object({
  ...ImportStatus.properties,
  resumed: Type.Boolean({ description: 'Continued an interrupted run' }),
  repeated: Type.Boolean({ description: 'Applied before: nothing ran' }),
})

export const ApplyQuery = Type.Object({
  plan: Type.Optional(Sm3),
})

/** Any id reaches the service, so a role that may not migrate is refused (and logged) whatever it sends. */
export const ImportParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'The upload id (SM3)' }),
})

export type ImportStatus = Static<typeof ImportStatus>
export type ImportReport = Static<typeof ImportReport>
export type ApplyReply = Static<typeof ApplyReply>
export type CountyCounts = Static<typeof CountyCounts>
