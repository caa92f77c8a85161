/** The calendar's closed vocabulary and limits, shared by the server and the portal. */
import type { Labels } from '../../shared/schema.js'

/** What a bureau entry makes of a date: a day off, or a make-up working day on a weekend. */
export const DAY_KINDS = ['holiday', 'workday'] as const
export type DayKind = (typeof DAY_KINDS)[number]

export const DAY_KIND_LABELS: Labels<DayKind> = {
  holiday: { zh: '节假日', en: 'Holiday' },
  workday: { zh: '调休工作日', en: 'Make-up working day' },
}

/** The longest span one call may count (about ten years of working days). */
export const MAX_WORKING_DAYS = 3650
