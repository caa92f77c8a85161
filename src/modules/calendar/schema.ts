import { type Static, Type } from 'typebox'
import { IsoDate, IsoTime, MAX_YEAR, MIN_YEAR } from '../../shared/schema.js'
import { DAY_KINDS, MAX_WORKING_DAYS } from './vocabulary.js'

export const DayKind = Type.Enum(DAY_KINDS)

/** Checked by the service, not by pattern, so a bad date answers CALENDAR_INVALID_DATE (the contract). */
export const DateText = Type.String({ minLength: 1, maxLength: 32, description: 'YYYY-MM-DD, Asia/Shanghai' })
export const Year = Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR })
const HolidayName = Type.String({
  maxLength: 100,
  description: 'e.g. 国庆节; for a make-up day, the holiday it serves',
})

export const AddWorkingDaysQuery = Type.Object({
  from: DateText,
  days: Type.Integer({ minimum: 0, maximum: MAX_WORKING_DAYS }),
})
export type AddWorkingDaysQuery = Static<typeof AddWorkingDaysQuery>

export const AddWorkingDaysReply = Type.Object({
  date: IsoDate,
  provisional: Type.Boolean({
    description: 'true when a day counted lies in a year with no official schedule',
  }),
})

export type AddWorkingDaysReply = Static<typeof AddWorkingDaysReply>

export const WorkingDayQuery = Type.Object({ date: DateText })

export const WorkingDayReply = Type.Object({
  date: IsoDate,
  workingDay: Type.Boolean(),
  reason: Type.Optional(Type.Enum(['weekend', 'holiday', 'makeup_workday'])),
  name: Type.Optional(Type.String()),
  provisional: Type.Boolean({ description: "true when the date's year has no official schedule yet" }),
})
export type WorkingDayReply = Static<typeof WorkingDayReply>

export const DateParams = Type.Object({ date: DateText })
export const YearParams = Type.Object({ year: Year })
export const OverrideQuery = Type.Object({ year: Type.Optional(Year) })

export const OverrideBody = Type.Object({ kind: DayKind, name: Type.Optional(HolidayName) })
export type OverrideBody = Static<typeof OverrideBody>

export const OverrideView = Type.Object({
  date: IsoDate,
  kind: DayKind,
  name: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
  createdBy: Type.String(),
  /** Issue 15: the display name of whoever set it. */
  createdByName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
})
export type OverrideView = Static<typeof OverrideView>

export const OverrideList = Type.Object({ items: Type.Array(OverrideView) })
export type OverrideList = Static<typeof OverrideList>

export const ScheduleEntry = Type.Object({ date: DateText, kind: DayKind, name: Type.Optional(HolidayName) })

export const ScheduleBody = Type.Object({
  entries: Type.Array(ScheduleEntry, { minItems: 1, maxItems: 366 }),
})
export type ScheduleBody = Static<typeof ScheduleBody>

/** The file `govshare calendar import` takes, as text, so the portal loads it without a second parser. */
export const ScheduleFileBody = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  content: Type.String({
    minLength: 1,
    maxLength: 200_000,
    description: 'JSON {"year":…,"entries":[…]} or CSV lines date,kind,name',
  }),
})
export type ScheduleFileBody = Static<typeof ScheduleFileBody>

export const YearView = Type.Object({
  year: Type.Integer(),
  official: Type.Boolean(),
  source: Type.Union([Type.Enum(['package', 'bureau']), Type.Null()], {
    description: 'package: built in; bureau: loaded by the bureau (replaces the built-in schedule)',
  }),
  loadedAt: Type.Union([IsoTime, Type.Null()]),
  loadedBy: Type.Union([Type.String(), Type.Null()]),
})
export type YearView = Static<typeof YearView>

export const YearsReply = Type.Object({
  currentYear: Type.Integer(),
  nextYearOfficial: Type.Boolean(),
  items: Type.Array(YearView),
})
export type YearsReply = Static<typeof YearsReply>

export const ImportReply = Type.Object({
  year: Type.Integer(),
  source: Type.String(),
  loadedAt: IsoTime,
  loadedBy: Type.String(),
  holidays: Type.Integer(),
  workdays: Type.Integer(),
})
export type ImportReply = Static<typeof ImportReply>

export const ScheduledDay = Type.Object({
  date: IsoDate,
  kind: DayKind,
  name: Type.Union([Type.String(), Type.Null()]),
  source: Type.Enum(['official', 'bureau'], {
    description:
      "official: the built-in State Council schedule; bureau: the bureau's entry or loaded schedule",
  }),
})
export type ScheduledDay = Static<typeof ScheduledDay>

export const YearDaysReply = Type.Object({
  year: Type.Integer(),
  official: Type.Boolean({
    description: 'false while the year has no official schedule (deadlines are provisional)',
  }),
  items: Type.Array(ScheduledDay),
})
export type YearDaysReply = Static<typeof YearDaysReply>
