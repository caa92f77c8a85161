/**
 * `govshare county import <export>` (Art. 21): a county platform's catalog, grants and records
 * move into the city platform. `--dry-run` prints what would be created, changed or refused and
 * why, writing nothing; without it the same plan is applied, resumably (docs/county-migration.md).
 */
import type { Command } from 'commander'
import { type Counts, ENTITIES, type MigrationReport, readCountyExport } from '../modules/county/index.js'
import { type Actor, SYSTEM_ACTOR } from '../shared/actor.js'
import { isAppError } from '../shared/errors.js'
import { withServices } from './context.js'
import type { CliIo } from './io.js'

const CLI_ACTOR: Actor = { ...SYSTEM_ACTOR, name: 'cli' }
const LISTED = 50

export function registerCountyCommands(program: Command, io: CliIo): void {
  const county = program.command('county').description('county platform migration (Art. 21)')
  county
    .command('import')
    .description('import a county export (a folder of JSON, CSV or .xlsx tables, or one .json file)')
    .argument('<export>', 'the export folder or .json file')
    .option('--dry-run', 'print the plan (create, change, unchanged, refused and why); write nothing')
    .option('--json', 'print the whole report as JSON')
    .option('--lang <lang>', 'zh or en, for the reasons', 'zh')
    .action(async (location: string, options: { dryRun?: boolean; json?: boolean; lang: string }) => {
      try {
        const source = await readCountyExport(location)
        const report = await withServices(io.env, (services) =>
          options.dryRun
            ? services.county.dryRun(CLI_ACTOR, source)
            : services.county.migrate(CLI_ACTOR, source),
        )
        io.stdout.write(
          options.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report, options.lang),
        )
      } catch (error) {
        const reason = isAppError(error)
          ? `${error.messageIn(options.lang === 'en' ? 'en' : 'zh-CN')} (${error.code}) ${JSON.stringify(error.details ?? {})}`
          : error instanceof Error
            ? error.message
            : String(error)
        io.stderr.write(`govshare: county import: ${reason}\n`)
        io.exitCode = 2
      }
    })
}

/** The report as lines: the counts per entity, the changes, then the refusals with their reasons. */
export function describe(report: MigrationReport, lang: string): string {
  const head = report.dryRun
    ? `county import ${report.county.code} (dry run, nothing written)`
    : `county import ${report.county.code}: run ${report.runId ?? '- (nothing to do)'}${report.resumed ? ' (resumed)' : ''}`
  const lines = [`${head}, sm3 ${report.digest}`]
  for (const entity of ENTITIES) {
    lines.push(`  ${entity}: ${countLine(report.counts, entity)}`)
  }
  for (const change of report.changes.slice(0, LISTED)) {
    lines.push(`  change ${change.entity} ${change.key}: ${change.fields.join(', ')}`)
  }
  for (const refusal of report.refused.slice(0, LISTED)) {
    const row = refusal.entity === 'record' ? '' : ` (row ${refusal.row})`
    lines.push(
      `  refused ${refusal.entity} ${refusal.key}${row}: ${refusal.code} ${lang === 'en' ? refusal.en : refusal.zh}${detail(refusal.details)}`,
    )
  }
  const more =
    report.refused.length +
    report.changes.length -
    Math.min(LISTED, report.refused.length) -
    Math.min(LISTED, report.changes.length)
  if (more > 0) {
    lines.push(`  … ${more} more (--json lists them all)`)
  }
  return `${lines.join('\n')}\n`
}

function countLine(counts: Counts, entity: (typeof ENTITIES)[number]): string {
  const c = counts[entity]
  return `${c.create} create, ${c.change} change, ${c.unchanged} unchanged, ${c.refused} refused`
}

function detail(details: unknown): string {
  // Set by the checks that refused the row: the record check's item and reason, the schema's field.
  const facts = (details ?? {}) as { item?: unknown; field?: unknown; reason?: unknown }
  const where = [facts.item, facts.field].find((v) => typeof v === 'string' && v !== '')
  const parts = [where, facts.reason].filter((v): v is string => typeof v === 'string' && v !== '')
  return parts.length > 0 ? ` — ${parts.join(': ')}` : ''
}
