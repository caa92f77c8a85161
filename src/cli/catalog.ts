import fs from 'node:fs'
import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import type { Services } from '../container.js'
import {
  exportCatalogWorkbook,
  type ImportProgress,
  type ImportSummary,
  importCatalogWorkbook,
  type Problem,
} from '../modules/catalog/index.js'
import { departmentActor, departmentByCode } from '../modules/org/index.js'
import type { Actor } from '../shared/actor.js'
import { isAppError } from '../shared/errors.js'
import { withServices } from './context.js'
import type { CliIo } from './io.js'

/** `govshare catalog import|export FILE.xlsx --department CODE`: a department's catalog as Excel. */
export function registerCatalogCommands(program: Command, io: CliIo): void {
  const catalog = program.command('catalog').description('the resource catalog (Art. 10-19)')
  catalog
    .command('import')
    .description(
      'import an Excel catalog for a department: every row is checked, nothing is stored if one is bad',
    )
    .argument('<file>', '.xlsx with the sheets 信息资源 and 信息项 (as `catalog export` writes them)')
    .requiredOption('--department <code>', "the department's unified social credit code")
    .action(async (file: string, options: { department: string }) => {
      let buffer: Buffer
      try {
        buffer = fs.readFileSync(file)
      } catch (error) {
        return fail(io, 'import', file, error)
      }
      const bar = new cliProgress.SingleBar(
        {
          format: '{phase} [{bar}] {percentage}% | {value}/{total}',
          noTTYOutput: true,
          hideCursor: true,
          stream: io.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
      bar.start(1, 0, { phase: '读取' })
      const onProgress: ImportProgress = ({ phase, done, total }) => {
        bar.setTotal(Math.max(total, 1))
        bar.update(done, { phase: phase === 'read' ? '读取' : '校验并保存' })
      }
      try {
        const summary = await withServices(io.env, async (services) =>
          importCatalogWorkbook(
            services.catalog.catalog,
            await actorFor(services, options.department),
            buffer,
            onProgress,
          ),
        )
        bar.stop()
        io.stdout.write(`${describeSummary(file, summary)}\n`)
      } catch (error) {
        bar.stop()
        const problems = problemsOf(error)
        if (!problems) {
          return fail(io, 'import', file, error)
        }
        io.stdout.write(`catalog import ${file}: ${problems.length} problem(s), nothing stored\n`)
        for (const problem of problems) {
          io.stdout.write(`${describeProblem(problem)}\n`)
        }
        io.exitCode = 1
      }
    })
  catalog
    .command('export')
    .description("write a department's catalog (latest versions) to an .xlsx that imports back unchanged")
    .argument('<file>', 'the .xlsx to write')
    .requiredOption('--department <code>', "the department's unified social credit code")
    .action(async (file: string, options: { department: string }) => {
      try {
        const { workbook, resources } = await withServices(io.env, async (services) =>
          exportCatalogWorkbook(services.catalog.catalog, await actorFor(services, options.department)),
        )
        fs.writeFileSync(file, workbook)
        io.stdout.write(`catalog export ${file}: ${resources} resources\n`)
      } catch (error) {
        fail(io, 'export', file, error)
      }
    })
}

/** The summary line: what a script greps for. */
export function describeSummary(file: string, summary: ImportSummary): string {
  return `catalog import ${file}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged`
}

/** One problem per line: sheet, row, column, reason (code). */
export function describeProblem(problem: Problem): string {
  const column = problem.column === '' ? '' : ` ${problem.column}`
  return `${problem.sheet} 第 ${problem.row} 行${column}: ${problem.reason} (${problem.code})`
}

/** The CLI acts for the department as its cataloger; audit entries name it 'cli'. */
async function actorFor(services: Services, code: string): Promise<Actor> {
  const department = await departmentByCode(services.db, code)
  if (!department) {
    throw new Error(`no department with code ${code}`)
  }
  return departmentActor(services.db, department.id, ['cataloger'], 'cli')
}

function problemsOf(error: unknown): Problem[] | undefined {
  if (!isAppError(error) || error.code !== 'CATALOG_IMPORT_INVALID') {
    return undefined
  }
  const details: unknown = error.details
  if (typeof details !== 'object' || details === null || !('problems' in details)) {
    return undefined
  }
  return Array.isArray(details.problems) ? details.problems.filter(isProblem) : undefined
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    'sheet' in value &&
    'row' in value &&
    'column' in value &&
    'reason' in value &&
    'code' in value
  )
}

/** One line an operator can act on, and exit code 2 (bad input or setup), as for a bad argument. */
function fail(io: CliIo, command: string, file: string, error: unknown): void {
  const reason = isAppError(error)
    ? `${error.messageIn('zh-CN')} (${error.code})`
    : error instanceof Error
      ? error.message
      : String(error)
  io.stderr.write(`govshare: catalog ${command} ${file}: ${reason}\n`)
  io.exitCode = 2
}
