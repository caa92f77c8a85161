import fs from 'node:fs'
import type { Command } from 'commander'
import { type ArchiveVerdict, type VerifyReport, verifyArchive } from '../modules/audit/index.js'
import { registerWitnessCommand } from './audit-witness.js'
import { withServices } from './context.js'
import type { CliIo } from './io.js'

export function registerAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('the audit log (Art. 27, 29)')
  audit
    .command('verify')
    .description(
      'check the SM3 hash chain and the latest signed checkpoint; exit 1 and name the first bad entry if broken',
    )
    .option('--json', 'print the result as JSON')
    .option('--archive <file>', 'check a monthly archive bundle on its own, without the database')
    .option('--key-id <id...>', 'with --archive: the signing key ids you trust (from the published keys)')
    .action(async (options: { json?: boolean; archive?: string; keyId?: string[] }) => {
      if (options.archive) {
        const verdict = verifyArchive(fs.readFileSync(options.archive), options.keyId)
        io.stdout.write(options.json ? `${JSON.stringify(verdict)}\n` : `${describeArchive(verdict)}\n`)
        io.exitCode = verdict.ok ? 0 : 1
        return
      }
      const result: VerifyReport = await withServices(io.env, async (services) => {
        const chain = await services.audit.verifyChain()
        // Issue 12: rows outside the chain (past the head, or quarantined) are named beside it.
        const foreignRows = await services.audit.foreignRows()
        return foreignRows.length > 0 ? { ...chain, foreignRows } : chain
      })
      io.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${describeVerify(result)}\n`)
      // Rows still past the head have raised no alarm yet (no writer ran since): that fails too.
      const unhandled = (result.foreignRows ?? []).some((row) => row.quarantinedAt === null)
      io.exitCode = result.ok && !unhandled ? 0 : 1
    })
  audit
    .command('archive')
    .description('write a closed month of the audit log as a bundle that verifies on its own')
    .requiredOption('--month <YYYY-MM>', 'the month (Asia/Shanghai)')
    .option('--out <file>', 'where to write it', '')
    .action(async (options: { month: string; out: string }) => {
      const bundle = await withServices(io.env, (services) => services.audit.archiveMonth(options.month))
      const file = options.out || `audit-${options.month}.jsonl.gz`
      fs.writeFileSync(file, bundle, { flag: 'wx' })
      io.stdout.write(
        `wrote ${file} (${bundle.length} bytes); check it with govshare audit verify --archive ${file}\n`,
      )
    })
  registerWitnessCommand(audit, io)
}

export function describeArchive(verdict: ArchiveVerdict): string {
  if (verdict.ok) {
    return `audit archive OK: ${verdict.month}, ${verdict.entries} entries (seq ${verdict.firstSeq}–${verdict.lastSeq}), in a checkpoint signed by ${verdict.keyId.slice(0, 16)}… (SM2)`
  }
  return `audit archive BROKEN: ${verdict.problem}${verdict.seq === undefined ? '' : ` at entry seq ${verdict.seq}`}`
}

export function describeVerify(result: VerifyReport): string {
  const signed = result.checkpoint
    ? `; checkpoint ${result.checkpoint.treeSize} (${result.checkpoint.at}) root ${result.checkpoint.root}, SM2 key ${result.checkpoint.keyId.slice(0, 16)}…`
    : '; no signed checkpoint yet'
  const chain = result.ok
    ? `audit chain OK: ${result.entries} entries, head ${result.head} (SM3)${signed}`
    : `audit chain BROKEN at entry seq ${result.firstBadSeq} (${result.problem}); ${result.entries} entries before it verify${signed}`
  const foreign = (result.foreignRows ?? []).map((row) =>
    row.quarantinedAt === null
      ? `row past the head (not an entry): seq ${row.seq} hash ${row.hash}`
      : `quarantined row (not an entry): seq ${row.seq} hash ${row.hash}, moved aside ${row.quarantinedAt}`,
  )
  return [chain, ...foreign].join('\n')
}
