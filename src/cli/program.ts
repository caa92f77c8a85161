/** The `govshare` program, run on any argv and CliIo: by main.ts for the process, in-process by tests. */
import { Command, CommanderError } from 'commander'
import { registerAuditCommands } from './audit.js'
import { registerBackupCommands } from './backup.js'
import { registerCalendarCommands } from './calendar.js'
import { registerCatalogCommands } from './catalog.js'
import { registerCountyCommands } from './county.js'
import { registerDataCommands } from './data.js'
import type { CliIo } from './io.js'
import { registerZoneCommands } from './zone.js'

/** Runs one command line (without the node and script arguments) and answers its exit code. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const program = new Command()
  program
    .name('govshare')
    .description(
      'govshare 政务信息资源共享平台 — operator commands (settings from the environment, as npm start)',
    )
    // Set before the commands are added, so they inherit it: commander never exits the process.
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
  registerAuditCommands(program, io)
  registerBackupCommands(program, io)
  registerCalendarCommands(program, io)
  registerCatalogCommands(program, io)
  registerCountyCommands(program, io)
  registerDataCommands(program, io)
  registerZoneCommands(program, io)
  try {
    await program.parseAsync(args, { from: 'user' })
    return io.exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode
    }
    io.stderr.write(`govshare: ${error instanceof Error ? error.message : String(error)}\n`)
    return 2
  }
}
