import fs from 'node:fs'
import readline from 'node:readline'
import cliProgress from 'cli-progress'
import { type Command, CommanderError } from 'commander'
import type { Services } from '../container.js'
import type { FileImportResult, FileProgress, RowProblem } from '../modules/exchange/index.js'
import { departmentActor, departmentByCode } from '../modules/org/index.js'
import type { Actor } from '../shared/actor.js'
import { isAppError } from '../shared/errors.js'
import { withServices } from './context.js'
import type { CliIo } from './io.js'

/** Exit codes a script can act on. */
const EXIT_DATA = 1
const EXIT_USAGE = 2
/** deleteRecords takes this many keys per call (one transaction each). */
const DELETE_CHUNK = 1000

/**
 * `govshare data import|delete`: a providing department loads its records from a CSV or .xlsx file
 * (Art. 9, 18) or deletes some by key, acting as its cataloger. Exit 0 ok, 1 data problems, 2 usage.
 */
export function registerDataCommands(program: Command, io: CliIo): void {
  const data = program.command('data').description("a resource's records (Art. 9, 18)")
  // Commander's own usage errors exit 1, which here means "bad data": make them 2 like ours.
  data.exitOverride((error) => {
    throw new CommanderError(error.exitCode === 0 ? 0 : EXIT_USAGE, error.code, error.message)
  })
  data
    .command('import')
    .description(
      'load records from a .csv (UTF-8) or .xlsx file (header row = item names), in batches: ' +
        'each batch all or nothing, the first bad record stops the import',
    )
    .argument('<resource>', 'resource id or code')
    .argument('<file>', '.csv or .xlsx')
    .requiredOption('--department <code>', "the providing department's unified social credit code")
    .option('--dry-run', 'check every record, store nothing, list up to 100 bad rows')
    .option('--skip <n>', 'pass over the first N data records (resume a stopped import)', '0')
    .option('--batch <n>', 'records per batch (1 to 5000)', '1000')
    .option('--source-changed-at <iso>', 'when the data changed at the source (ISO 8601 with offset)')
    .option(
      '--mode <mode>',
      'merge (default: items without a column keep their stored values) or replace (every item required)',
      'merge',
    )
    .action(async (resource: string, file: string, options: ImportOptions) => {
      const bar = new cliProgress.SingleBar(
        {
          format: '{bar} {percentage}% | {records} records, {batches} batches',
          noTTYOutput: true,
          stream: io.stderr,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
      let last: FileProgress | undefined
      try {
        const skip = wholeNumber('--skip', options.skip)
        const batchSize = wholeNumber('--batch', options.batch)
        const mode = ingestMode(options.mode)
        const result = await withServices(io.env, async (services) => {
          const actor = await actorFor(services, options.department)
          const resourceId = await resourceIdOf(services, actor, resource)
          bar.start(Math.max(fs.statSync(file).size, 1), 0, { records: 0, batches: 0 })
          return services.exchange.files.importFile(actor, resourceId, file, {
            dryRun: options.dryRun === true,
            skip,
            batchSize,
            sourceChangedAt: options.sourceChangedAt,
            mode,
            onProgress: (progress) => {
              last = progress
              bar.update(progress.bytesRead, { records: progress.records, batches: progress.batches })
            },
          })
        })
        bar.stop()
        io.stdout.write(`${describeImport(file, result).join('\n')}\n`)
        io.exitCode = result.complete ? 0 : EXIT_DATA
      } catch (error) {
        bar.stop()
        if (last && last.stored > 0) {
          io.stderr.write(
            `govshare: ${last.batches} batches (${last.stored} records) were stored before the error\n`,
          )
        }
        fail(io, `data import ${file}`, error)
      }
    })
  data
    .command('delete')
    .description('delete records by key (kept in history); the keys file has one key per line')
    .argument('<resource>', 'resource id or code')
    .requiredOption('--keys <file>', 'UTF-8 text, one key per line (several key items joined by |)')
    .requiredOption('--department <code>', "the providing department's unified social credit code")
    .action(async (resource: string, options: { keys: string; department: string }) => {
      try {
        const { deleted, missing } = await withServices(io.env, async (services) => {
          const actor = await actorFor(services, options.department)
          const resourceId = await resourceIdOf(services, actor, resource)
          return deleteByKeyFile(services, actor, resourceId, options.keys)
        })
        io.stdout.write(`data delete ${options.keys}: ${deleted} deleted, ${missing.length} not found\n`)
        for (const key of missing.slice(0, 20)) {
          io.stdout.write(`  not found: ${key}\n`)
        }
      } catch (error) {
        fail(io, `data delete ${options.keys}`, error)
      }
    })
}

interface ImportOptions {
  department: string
  dryRun?: boolean
  skip: string
  batch: string
  sourceChangedAt?: string
  mode: string
}

/** The --mode option, refused unless it names one of the two modes. */
function ingestMode(value: string): 'merge' | 'replace' {
  if (value !== 'merge' && value !== 'replace') {
    throw new Error(`--mode ${value}: must be merge or replace`)
  }
  return value
}

/** The summary and problem lines: what a script greps for, and what an operator fixes. */
export function describeImport(file: string, result: FileImportResult): string[] {
  const rate = result.seconds > 0 ? Math.round(result.read / result.seconds) : result.read
  const time = `${result.seconds.toFixed(1)} s, ${rate} records/s`
  const skipped = result.skipped > 0 ? `, ${result.skipped} skipped` : ''
  const lines: string[] = []
  if (result.dryRun) {
    lines.push(
      `data import ${file} (dry run): ${result.read} records read${skipped}, ${result.badRows} bad, nothing stored, ${time}`,
    )
  } else if (result.complete) {
    lines.push(
      `data import ${file}: ${result.read} records read${skipped}, ${result.inserted} inserted, ` +
        `${result.updated} updated, ${result.unchanged} unchanged in ${result.batches} batches, ${time}`,
    )
  } else {
    lines.push(
      `data import ${file}: stopped at a bad record; ${result.batches} batches (${result.stored} records: ` +
        `${result.inserted} inserted, ${result.updated} updated, ${result.unchanged} unchanged) were stored ` +
        `before it; fix the row and resume with --skip ${result.resumeSkip}`,
    )
  }
  if (result.missingItems.length > 0) {
    lines.push(`note: no column for ${result.missingItems.join(', ')}: stored as empty`)
  }
  lines.push(...result.problems.map(describeProblem))
  if (result.badRows > result.problems.length) {
    lines.push(`… and ${result.badRows - result.problems.length} more bad rows`)
  }
  return lines
}

export function describeProblem(problem: RowProblem): string {
  const item = problem.item === '' ? '' : ` ${problem.item}`
  return `第 ${problem.row} 行 (record ${problem.record})${item}: ${problem.reason}`
}

async function deleteByKeyFile(services: Services, actor: Actor, resourceId: string, file: string) {
  let deleted = 0
  const missing: string[] = []
  let keys: string[] = []
  const flush = async () => {
    if (keys.length > 0) {
      const done = await services.exchange.ingest.deleteRecords(actor, resourceId, keys)
      deleted += done.deleted
      missing.push(...done.missing)
      keys = []
    }
  }
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })
  for await (const line of lines) {
    const key = line.replace(/^\uFEFF/, '').trim()
    if (key !== '') {
      keys.push(key)
    }
    if (keys.length >= DELETE_CHUNK) {
      await flush()
    }
  }
  await flush()
  return { deleted, missing }
}

/** The CLI acts for the department as its cataloger; audit entries name it 'cli'. */
async function actorFor(services: Services, code: string): Promise<Actor> {
  const department = await departmentByCode(services.db, code)
  if (!department) {
    throw new Error(`no department with code ${code}`)
  }
  return departmentActor(services.db, department.id, ['cataloger'], 'cli')
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A resource id as given, or the id of the department's own resource with that code. */
async function resourceIdOf(services: Services, actor: Actor, idOrCode: string): Promise<string> {
  if (UUID.test(idOrCode)) {
    return idOrCode
  }
  for (let page = 1; ; page++) {
    const { items } = await services.catalog.catalog.listOwnResources(actor, { page, pageSize: 200 })
    const found = items.find((resource) => resource.code === idOrCode.trim())
    if (found) {
      return found.id
    }
    if (items.length < 200) {
      throw new Error(`no resource with id or code ${idOrCode} in the department's catalog`)
    }
  }
}

function wholeNumber(option: string, raw: string): number {
  if (!/^\d+$/.test(raw.trim())) {
    throw new Error(`${option} ${raw}: must be a whole number`)
  }
  return Number(raw)
}

/**
 * One line an operator can act on. File problems (unreadable, bad header) are the data's: exit 1;
 * everything else (arguments, department, permission, setup) exit 2.
 */
function fail(io: CliIo, command: string, error: unknown): void {
  const reason = isAppError(error)
    ? `${error.messageIn('zh-CN')} (${error.code})${detailOf(error.details)}`
    : error instanceof Error
      ? error.message
      : String(error)
  io.stderr.write(`govshare: ${command}: ${reason}\n`)
  const dataProblem = isAppError(error) && error.code.startsWith('EXCHANGE_FILE_')
  io.exitCode = dataProblem ? EXIT_DATA : EXIT_USAGE
}

function detailOf(details: unknown): string {
  if (typeof details !== 'object' || details === null) {
    return ''
  }
  const parts = Object.entries(details).map(([name, value]) => `${name}: ${String(value)}`)
  return parts.length > 0 ? ` — ${parts.join(', ')}` : ''
}
