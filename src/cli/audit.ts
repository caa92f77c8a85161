import type { Command } from 'commander'
import type { VerifyReport } from '../modules/audit/index.js'
import { registerWitnessCommand } from './audit-witness.js'
import { withServices } from './context.js'

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the audit log (Art. 27, 29)')
  audit
    .command('verify')
    .description(
      'check the SM3 hash chain and the latest signed checkpoint; exit 1 and name the first bad entry if broken',
    )
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const result: VerifyReport = await withServices(async (services) => {
        const chain = await services.audit.verifyChain()
        // Issue 12: rows outside the chain (past the head, or quarantined) are named beside it.
        const foreignRows = await services.audit.foreignRows()
        return foreignRows.length > 0 ? { ...chain, foreignRows } : chain
      })
      process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${describeVerify(result)}\n`)
      // Rows still past the head have raised no alarm yet (no writer ran since): that fails too.
      const unhandled = (result.foreignRows ?? []).some((row) => row.quarantinedAt === null)
      process.exitCode = result.ok && !unhandled ? 0 : 1
    })
  registerWitnessCommand(audit)
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
