import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { parseScheduleFile, type ScheduleFile } from '../modules/calendar/index.js'
import { type AppError, isAppError } from '../shared/errors.js'
import { withServices } from './context.js'
import type { CliIo } from './io.js'

export function registerCalendarCommands(program: Command, io: CliIo): void {
  const calendar = program
    .command('calendar')
    .description('the working-day calendar (official holidays and make-up working days)')
  calendar
    .command('import')
    .description("load a year's official schedule, replacing the bureau's entries for that year")
    .argument(
      '<file>',
      'JSON {"year":2027,"entries":[{"date":"2027-01-01","kind":"holiday","name":"元旦"}]} or CSV lines date,kind,name',
    )
    .action(async (file: string) => {
      let schedule: ScheduleFile
      try {
        schedule = parseScheduleFile(fs.readFileSync(file, 'utf8'))
      } catch (error) {
        return fail(io, file, error)
      }
      try {
        const result = await withServices(io.env, (services) =>
          services.calendar.importScheduleAsOperator(schedule.year, schedule.entries, path.basename(file)),
        )
        io.stdout.write(
          `calendar ${result.year} loaded from ${file}: ${result.holidays} holidays, ${result.workdays} make-up working days\n`,
        )
      } catch (error) {
        if (!isAppError(error)) {
          throw error
        }
        fail(io, file, error)
      }
    })
}

/** One line an operator can act on, and exit code 2 (bad input), as for any other bad argument. */
function fail(io: CliIo, file: string, error: unknown): void {
  const reason = isAppError(error) ? describe(error) : error instanceof Error ? error.message : String(error)
  io.stderr.write(`govshare: calendar import ${file}: ${reason}\n`)
  io.exitCode = 2
}

function describe(error: AppError): string {
  const details = error.details
  if (typeof details === 'object' && details !== null && 'where' in details && 'problem' in details) {
    return `${String(details.where)}: ${String(details.problem)}`
  }
  return `${error.messageIn('en')} (${error.code}${details === undefined ? '' : ` ${JSON.stringify(details)}`})`
}
