#!/usr/bin/env node
/** `govshare <command>`: operators script the platform with the same settings as `npm start`. */
import { Command } from 'commander'
import { registerAuditCommands } from './audit.js'
import { registerCalendarCommands } from './calendar.js'
import { registerCatalogCommands } from './catalog.js'
import { registerDataCommands } from './data.js'

const program = new Command()
program
  .name('govshare')
  .description(
    'govshare 政务信息资源共享平台 — operator commands (settings from the environment, as npm start)',
  )
registerAuditCommands(program)
registerCalendarCommands(program)
registerCatalogCommands(program)
registerDataCommands(program)

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`govshare: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(2)
})
