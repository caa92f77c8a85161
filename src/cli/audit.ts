import type { Command } from 'commander'
import type { VerifyResult } from '../modules/audit/index.js'
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
      const result = await withServices((services) => services.audit.verifyChain())
      process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${describeVerify(result)}\n`)
      process.exitCode = result.ok ? 0 : 1
    })
  registerWitnessCommand(audit)
}

export function describeVerify(result: VerifyResult): string {
  const signed = result.checkpoint
    ? `; checkpoint ${result.checkpoint.treeSize} (${result.checkpoint.at}) root ${result.checkpoint.root}, SM2 key ${result.checkpoint.keyId.slice(0, 16)}…`
    : '; no signed checkpoint yet'
  if (result.ok) {
    return `audit chain OK: ${result.entries} entries, head ${result.head} (SM3)${signed}`
  }
  return `audit chain BROKEN at entry seq ${result.firstBadSeq} (${result.problem}); ${result.entries} entries before it verify${signed}`
}
