/** `govshare backup` / `govshare restore` (issue 17 item 4): the store's copy, and the chain checked after. */
import type { Command } from 'commander'
import { loadConfig } from '../config.js'
import { BackupError, backupStore, restoreStore } from '../db/backup.js'
import { describeVerify } from './audit.js'
import { withServices } from './context.js'
import type { CliIo } from './io.js'

export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description(
      'copy the database to FILE while the platform runs (SQLite online backup; pg_dump on PostgreSQL)',
    )
    .argument('<file>', 'where to write the copy (must not exist)')
    .action(async (file: string) => {
      const config = loadConfig(io.env)
      await reportBackupError(io, async () => {
        const bytes = await backupStore(config, file)
        io.stdout.write(
          `wrote ${file} (${bytes} bytes). The keys are not in it: keep data.key and the audit signing key apart from it.\n`,
        )
      })
    })
  program
    .command('restore')
    .description(
      'load a backup into an empty database, then check the audit chain (exit 1 if it does not verify)',
    )
    .argument('<file>', 'a file written by govshare backup')
    .option('--force', 'replace a database that is not empty (stop every instance first)')
    .action(async (file: string, options: { force?: boolean }) => {
      const config = loadConfig(io.env)
      await reportBackupError(io, async () => {
        await restoreStore(config, file, options.force === true)
        io.stdout.write(`restored ${file}\n`)
        const chain = await withServices(io.env, (services) => services.audit.verifyChain())
        io.stdout.write(`${describeVerify(chain)}\n`)
        io.exitCode = chain.ok ? 0 : 1
      })
    })
}

async function reportBackupError(io: CliIo, work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    if (!(error instanceof BackupError)) {
      throw error
    }
    io.stderr.write(`govshare: ${error.message}\n`)
    io.exitCode = 1
  }
}
