import type { Db, Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { addDays, MAX_YEAR, shanghaiDate, yearOf } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { authorize } from '../../shared/policy.js'
import type { AuditService } from '../audit/index.js'
import { withDisplayNames } from '../org/index.js'
import { OFFICIAL_YEARS } from './official.js'
import * as repo from './repo.js'
import {
  type AddedWorkingDays,
  addWorkingDays as addWorkingDaysRule,
  assertCalendarDate,
  assertWorkingDayCount,
  type CalendarData,
  calendarData,
  checkSchedule,
  type DayEntry,
  type DayKind,
  daysOfYear,
  isDayKind,
  isOfficialYear as isOfficialYearRule,
  isWorkingDay,
  missingScheduleYear as missingScheduleYearRule,
  type ScheduleEntry,
  type WorkingDaysBetween,
  workingDaysBetween as workingDaysBetweenRule,
} from './rules.js'
import { parseScheduleFile } from './schedule-file.js'
import type {
  ImportReply,
  OverrideBody,
  OverrideView,
  WorkingDayReply,
  YearDaysReply,
  YearsReply,
  YearView,
} from './schema.js'

const LAST_DATE = `${MAX_YEAR}-12-31`

export type CalendarService = ReturnType<typeof createCalendarService>

export function createCalendarService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps

  /** Official data plus the bureau's entries in [from, to], read fresh: other instances may have changed them. */
  async function loadData(executor: Executor, from: string, to: string): Promise<CalendarData> {
    const overrides = new Map<string, DayEntry>()
    for (const row of await repo.overridesBetween(executor, from, to)) {
      overrides.set(row.date, { kind: kindOf(row.kind), name: row.name })
    }
    return calendarData(overrides, await loadedYears(executor))
  }

  async function loadedYears(executor: Executor): Promise<Set<number>> {
    return new Set((await repo.listYears(executor)).map((row) => Number(row.year)))
  }

  /**
   * Whether a date is a working day on the official calendar and the bureau's entries (Art. 25).
   * Pass the caller's transaction as `executor` when inside one. Throws CALENDAR_INVALID_DATE, CALENDAR_OUT_OF_RANGE.
   */
  async function workingDay(date: string, executor: Executor = db): Promise<WorkingDayReply> {
    assertCalendarDate(date)
    const answer = isWorkingDay(date, await loadData(executor, date, date))
    return { date, ...answer }
  }

  /**
   * The `days`-th working day after `from`: the due date of Art. 14, 15, 18 and 25 deadlines.
   * Pass the caller's transaction as `executor` when inside one (on SQLite a second connection
   * would wait for that transaction forever). Throws CALENDAR_INVALID_DATE, CALENDAR_OUT_OF_RANGE.
   */
  async function addWorkingDays(
    from: string,
    days: number,
    executor: Executor = db,
  ): Promise<AddedWorkingDays> {
    assertCalendarDate(from, 'from')
    assertWorkingDayCount(days)
    // Read the bureau's entries for a window that almost always holds the answer; widen if not.
    let span = Math.ceil(days * 1.5) + 31
    for (;;) {
      const until = minDate(addDays(from, span), LAST_DATE)
      const result = addWorkingDaysRule(from, days, await loadData(executor, from, until))
      if (result.date <= until) {
        return result
      }
      span *= 2
    }
  }

  /**
   * Working days after `from` up to and including `to` (Art. 18: how late data arrived); 0 when
   * `to` is not after `from`. Pass the caller's transaction as `executor` when inside one.
   * Throws CALENDAR_INVALID_DATE, CALENDAR_OUT_OF_RANGE.
   */
  async function workingDaysBetween(
    from: string,
    to: string,
    executor: Executor = db,
  ): Promise<WorkingDaysBetween> {
    assertCalendarDate(from, 'from')
    assertCalendarDate(to, 'to')
    return workingDaysBetweenRule(from, to, await loadData(executor, from, to))
  }

  /** Whether a year's schedule is official (built in or loaded by the bureau). */
  async function isOfficialYear(year: number, executor: Executor = db): Promise<boolean> {
    return OFFICIAL_YEARS.has(year) || (await loadedYears(executor)).has(year)
  }

  /** From 1 November (Asia/Shanghai), next year while its schedule is still not loaded; else null. */
  async function missingScheduleYear(executor: Executor = db): Promise<number | null> {
    const today = shanghaiDate(clock.now())
    return missingScheduleYearRule(today, calendarData(new Map(), await loadedYears(executor)))
  }

  /**
   * Sets the bureau's entry for one date (a holiday or a make-up working day), which wins over the
   * official data (Art. 25 deadlines). Throws FORBIDDEN, CALENDAR_INVALID_DATE, CALENDAR_OUT_OF_RANGE.
   */
  async function setOverride(actor: Actor, date: string, input: OverrideBody): Promise<OverrideView> {
    authorize(actor, 'calendar.manage')
    assertCalendarDate(date)
    const row: repo.OverrideRow = {
      date,
      kind: input.kind,
      name: input.name?.trim() || null,
      created_at: clock.now().toISOString(),
      created_by: actor.name,
    }
    await inTransaction(db, async (trx) => {
      await repo.upsertOverride(trx, row)
      await audit.append(trx, actor, {
        action: 'calendar.override.set',
        objectType: 'calendar_day',
        objectId: date,
        details: { kind: row.kind, name: row.name },
      })
    })
    return toOverrideView(row)
  }

  /**
   * Removes the bureau's entry for one date. Throws FORBIDDEN, CALENDAR_INVALID_DATE,
   * CALENDAR_OUT_OF_RANGE, CALENDAR_OVERRIDE_NOT_FOUND.
   */
  async function deleteOverride(actor: Actor, date: string): Promise<void> {
    authorize(actor, 'calendar.manage')
    assertCalendarDate(date)
    await inTransaction(db, async (trx) => {
      if ((await repo.deleteOverride(trx, date)) === 0) {
        throw new AppError('CALENDAR_OVERRIDE_NOT_FOUND', { date })
      }
      await audit.append(trx, actor, {
        action: 'calendar.override.delete',
        objectType: 'calendar_day',
        objectId: date,
      })
    })
  }

  /** The bureau's entries, for one year or all. Throws FORBIDDEN. */
  async function listOverrides(actor: Actor, query: { year?: number }): Promise<OverrideView[]> {
    authorize(actor, 'calendar.read')
    return withDisplayNames(db, (await repo.listOverrides(db, query.year)).map(toOverrideView), ['createdBy'])
  }

  /**
   * Loads a year's official schedule published by the State Council: replaces the bureau's entries
   * of that year and marks it official. Throws FORBIDDEN, CALENDAR_INVALID_SCHEDULE, CALENDAR_OUT_OF_RANGE.
   */
  async function importSchedule(actor: Actor, year: number, entries: readonly ScheduleEntry[]) {
    authorize(actor, 'calendar.manage')
    return loadSchedule(actor, year, entries, 'api')
  }

  /**
   * The same from the schedule file the CLI takes, uploaded in the portal; the file must be for `year`.
   * Throws FORBIDDEN, CALENDAR_INVALID_FILE, CALENDAR_INVALID_SCHEDULE, CALENDAR_OUT_OF_RANGE.
   */
  async function importScheduleFile(actor: Actor, year: number, fileName: string, content: string) {
    authorize(actor, 'calendar.manage')
    const file = parseScheduleFile(content)
    if (file.year !== year) {
      throw new AppError('CALENDAR_INVALID_FILE', { where: 'file', problem: `the file is for ${file.year}` })
    }
    return loadSchedule(actor, year, file.entries, `api:${fileName}`)
  }

  /**
   * The same for `govshare calendar import`: whoever runs the CLI on the server already holds the
   * database, so no role is checked and the system actor is recorded. Throws CALENDAR_INVALID_SCHEDULE,
   * CALENDAR_OUT_OF_RANGE.
   */
  async function importScheduleAsOperator(year: number, entries: readonly ScheduleEntry[], fileName: string) {
    return loadSchedule(SYSTEM_ACTOR, year, entries, `cli:${fileName}`)
  }

  async function loadSchedule(
    actor: Actor,
    year: number,
    entries: readonly ScheduleEntry[],
    source: string,
  ): Promise<ImportReply> {
    checkSchedule(year, entries)
    const now = clock.now().toISOString()
    const rows: repo.OverrideRow[] = [...entries]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((entry) => ({
        date: entry.date,
        kind: entry.kind,
        name: entry.name?.trim() || null,
        created_at: now,
        created_by: actor.name,
      }))
    const holidays = rows.filter((row) => row.kind === 'holiday').length
    await inTransaction(db, async (trx) => {
      await repo.replaceOverridesOfYear(trx, year, rows)
      await repo.upsertYear(trx, { year, source, loaded_at: now, loaded_by: actor.name })
      await audit.append(trx, actor, {
        action: 'calendar.schedule.import',
        objectType: 'calendar_year',
        objectId: String(year),
        details: {
          year,
          source,
          entries: rows.map((row) => ({ date: row.date, kind: row.kind, name: row.name })),
        },
      })
    })
    return { year, source, loadedAt: now, loadedBy: actor.name, holidays, workdays: rows.length - holidays }
  }

  /** Art. 25: the year's holidays and make-up working days that deadlines count with. Throws FORBIDDEN, CALENDAR_OUT_OF_RANGE. */
  async function yearDays(actor: Actor, year: number): Promise<YearDaysReply> {
    authorize(actor, 'calendar.read')
    assertCalendarDate(`${year}-01-01`, 'year')
    const data = await loadData(db, `${year}-01-01`, `${year}-12-31`)
    return { year, official: isOfficialYearRule(year, data), items: daysOfYear(year, data) }
  }

  /** Which years have an official schedule, up to next year, so the bureau sees what to load. Throws FORBIDDEN. */
  async function yearsStatus(actor: Actor): Promise<YearsReply> {
    authorize(actor, 'calendar.read')
    const loaded = new Map((await repo.listYears(db)).map((row) => [Number(row.year), row]))
    const currentYear = yearOf(shanghaiDate(clock.now()))
    const years = [...OFFICIAL_YEARS, ...loaded.keys(), currentYear + 1]
    const items: YearView[] = []
    for (let year = Math.min(...years); year <= Math.max(...years); year++) {
      const row = loaded.get(year)
      items.push({
        year,
        official: row !== undefined || OFFICIAL_YEARS.has(year),
        source: row ? 'bureau' : OFFICIAL_YEARS.has(year) ? 'package' : null,
        loadedAt: row?.loaded_at ?? null,
        loadedBy: row?.loaded_by ?? null,
      })
    }
    const data = calendarData(new Map(), new Set(loaded.keys()))
    return { currentYear, nextYearOfficial: isOfficialYearRule(currentYear + 1, data), items }
  }

  return {
    workingDay,
    addWorkingDays,
    workingDaysBetween,
    isOfficialYear,
    missingScheduleYear,
    setOverride,
    deleteOverride,
    listOverrides,
    importSchedule,
    importScheduleFile,
    importScheduleAsOperator,
    yearsStatus,
    yearDays,
  }
}

function kindOf(value: string): DayKind {
  return isDayKind(value) ? value : 'holiday'
}

function minDate(a: string, b: string): string {
  return a < b ? a : b
}

function toOverrideView(row: repo.OverrideRow): OverrideView {
  return {
    date: row.date,
    kind: kindOf(row.kind),
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
  }
}
