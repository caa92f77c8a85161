/** Wire schemas of statistics (Art. 27), evaluation (Art. 34-35) and annual reports (Art. 39). */
import { type Static, type TSchema, Type } from 'typebox'
import { Id, IsoDate, Nullable } from '../../shared/schema.js'

/** One field per indicator (rules.ts INDICATOR_KEYS), written out so the wire type stays exact. */
function perIndicator<T extends TSchema>(schema: T) {
  return Type.Object({
    participation: schema,
    catalogEntries: schema,
    catalogItems: schema,
    unconditionalShare: schema,
    answerRate: schema,
    answerSpeed: schema,
    onTimeAnswers: schema,
    updateTimeliness: schema,
    objectionsOnTime: schema,
    sharingFrequency: schema,
    dataUse: schema,
  })
}

export const PeriodQuery = Type.Object({
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
})
export type PeriodQuery = Static<typeof PeriodQuery>

export const GROUP_BY = ['department', 'resource', 'month'] as const
export type GroupBy = (typeof GROUP_BY)[number]

export const StatisticsQuery = Type.Object({
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  groupBy: Type.Optional(Type.Enum(GROUP_BY)),
  /** Only the resources this department provides. */
  departmentId: Type.Optional(Id),
})
export type StatisticsQuery = Static<typeof StatisticsQuery>

export const StatisticsExportQuery = Type.Object({
  ...StatisticsQuery.properties,
  format: Type.Optional(Type.Enum(['csv', 'xlsx'])),
})
export type StatisticsExportQuery = Static<typeof StatisticsExportQuery>

export const StatisticsCounts = Type.Object({
  queries: Type.Integer({ description: 'exchange reads (Art. 27: sharing frequency)' }),
  recordsServed: Type.Integer({ description: 'records those reads returned (volume)' }),
  grantsCreated: Type.Integer(),
  requests: Type.Integer(),
  resourcesPublished: Type.Integer({ description: 'publications of a resource version (entries)' }),
  itemsPublished: Type.Integer({ description: 'items of the versions published' }),
})
export type StatisticsCounts = Static<typeof StatisticsCounts>

export const StatisticsRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  ...StatisticsCounts.properties,
})
export type StatisticsRow = Static<typeof StatisticsRow>

export const StatisticsView = Type.Object({
  from: Type.String(),
  to: Type.String(),
  groupBy: Type.Enum(GROUP_BY),
  departmentId: Nullable(Type.String()),
  rows: Type.Array(StatisticsRow),
  totals: StatisticsCounts,
})
export type StatisticsView = Static<typeof StatisticsView>

export const SummaryView = Type.Object({
  asOf: Type.String(),
  departments: Type.Integer(),
  publishedResources: Type.Integer(),
  items: Type.Integer(),
  grantsLive: Type.Integer(),
  queriesLast30Days: Type.Integer(),
})
export type SummaryView = Static<typeof SummaryView>

export const Weights = perIndicator(Type.Number({ minimum: 0 }))
export type Weights = Static<typeof Weights>

export const WeightsBody = Type.Partial(perIndicator(Type.Number({ minimum: 0, maximum: 1000 })), {
  additionalProperties: false,
  minProperties: 1,
})
export type WeightsBody = Static<typeof WeightsBody>

export const DepartmentFactsView = Type.Object({
  activeMonths: Type.Integer(),
  periodMonths: Type.Integer(),
  resourcesPublished: Type.Integer(),
  itemsPublished: Type.Integer(),
  unconditionalResources: Type.Integer(),
  requestsReceived: Type.Integer(),
  requestsAnswered: Type.Integer(),
  requestsOverdue: Type.Integer(),
  lateAnswers: Type.Integer(),
  medianAnswerDays: Nullable(Type.Number()),
  versionsArrived: Type.Integer(),
  versionsTimely: Type.Integer(),
  /** Versions loaded without a declared source change time: counted as arrived, never as timely (Art. 18). */
  versionsUndeclared: Type.Integer(),
  objectionsDue: Nullable(Type.Integer()),
  objectionsOnTime: Nullable(Type.Integer()),
  queriesServed: Type.Integer(),
  recordsServed: Type.Integer(),
  queriesMade: Type.Integer(),
})

export const AdviceView = Type.Object({
  indicator: Type.String(),
  value: Type.Number(),
  zh: Type.String(),
  en: Type.String(),
})

export const EvaluationRow = Type.Object({
  departmentId: Id,
  departmentName: Type.String(),
  rank: Nullable(Type.Integer()),
  score: Nullable(Type.Number()),
  values: perIndicator(Nullable(Type.Number())),
  facts: DepartmentFactsView,
  advice: Type.Array(AdviceView),
})
export type EvaluationRow = Static<typeof EvaluationRow>

export const IndicatorView = Type.Object({
  key: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  weight: Type.Number(),
  /** False when no department has a value (e.g. objections not recorded yet). */
  available: Type.Boolean(),
})
export type IndicatorView = Static<typeof IndicatorView>

export const EvaluationView = Type.Object({
  from: Type.String(),
  to: Type.String(),
  weights: Weights,
  indicators: Type.Array(IndicatorView),
  /** Departments ranked (the bureau itself is not evaluated). */
  departmentsRanked: Type.Integer(),
  items: Type.Array(EvaluationRow),
})
export type EvaluationView = Static<typeof EvaluationView>

export const ReportQuery = Type.Object({
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  format: Type.Optional(Type.Enum(['html', 'xlsx'])),
  departmentId: Type.Optional(Id),
  lang: Type.Optional(Type.Enum(['zh-CN', 'en'])),
  /** Issue 15: the HTML report opens in the browser to read and print; `1` saves it as a file instead. */
  download: Type.Optional(Type.Enum(['0', '1'])),
})
export type ReportQuery = Static<typeof ReportQuery>

// Annual reports (Art. 39)

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2019, maximum: 2199 }) })

export const GenerateBody = Type.Object({
  /** department (default): the actor's department or `departmentId`; city: the bureau's report to the province. */
  kind: Type.Optional(Type.Enum(['department', 'city'])),
  departmentId: Type.Optional(Id),
})
export type GenerateBody = Static<typeof GenerateBody>

export const ReportTextBody = Type.Object({ text: Type.String({ maxLength: 20000 }) })

/** Issue 13: the bureau returns a submitted department report with its comment. */
export const ReportReturnBody = Type.Object({
  comment: Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' }),
})

export const AnnualReportView = Type.Object({
  id: Id,
  year: Type.Integer(),
  kind: Type.Enum(['department', 'city']),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  /** returned (issue 13): the bureau sent it back with a comment; the department edits and resubmits. */
  status: Type.Enum(['draft', 'submitted', 'returned']),
  dueDate: Type.String(),
  late: Type.Boolean(),
  generatedAt: Type.String(),
  generatedBy: Type.String(),
  submittedAt: Nullable(Type.String()),
  submittedBy: Nullable(Type.String()),
  text: Type.String(),
  /** The figures generated from the platform's data (shape in docs/evaluation.md). */
  figures: Type.Unknown(),
  /** The bureau's latest return: its comment, who and when (issue 13). */
  returned: Type.Optional(
    Nullable(Type.Object({ comment: Type.String(), by: Type.String(), at: Type.String() })),
  ),
})
export type AnnualReportView = Static<typeof AnnualReportView>

export const AnnualReportListItem = Type.Object({
  /** null: the department has not generated its report yet. */
  id: Nullable(Type.String()),
  year: Type.Integer(),
  kind: Type.Enum(['department', 'city']),
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  status: Type.Enum(['missing', 'draft', 'submitted', 'returned']),
  dueDate: Type.String(),
  late: Type.Boolean(),
  generatedAt: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
})
export type AnnualReportListItem = Static<typeof AnnualReportListItem>

export const AnnualListQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2019, maximum: 2199 })),
})
