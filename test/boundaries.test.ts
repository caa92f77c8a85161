/**
 * Issue 14 item 3: the lint rules on module boundaries catch a planted violation of each kind (that
 * the real tree passes them is `npm run lint`'s job, in every `npm test`). The planted tree is a copy-sized sketch in a temporary folder, so the
 * repository is never written to while other tests run.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findTableViolations } from '../scripts/check-table-owners.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs')
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs')

/** Runs dependency-cruiser with the repository's rules; its exit code is the number of errors. */
function cruise(cwd: string, paths: string[]): { code: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [DEPCRUISE, ...paths, '-c', CONFIG], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return { code: 0, output }
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string }
    return { code: failed.status, output: `${failed.stdout}${failed.stderr}` }
  }
}

const PLANTED: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  'src/modules/alpha/tables.ts': 'export interface AlphaTables {\n  alpha_things: { id: string }\n}\n',
  'src/modules/alpha/internal.ts': 'export const secret = 1\n',
  'src/modules/alpha/index.ts': "export { secret } from './internal.js'\n",
  'src/modules/beta/tables.ts': 'export interface BetaTables {\n  beta_things: { id: string }\n}\n',
  // Through alpha's index, and its own table: allowed.
  'src/modules/beta/good.ts': [
    "import { secret } from '../alpha/index.js'",
    'declare const db: { selectFrom(table: string): unknown }',
    "export const ok = [secret, db.selectFrom('beta_things as b')]",
    '',
  ].join('\n'),
  // Alpha's internal file, alpha's table through a builder and in raw SQL: three violations.
  'src/modules/beta/bad.ts': [
    "import { secret } from '../alpha/internal.js'",
    'declare const db: { selectFrom(table: string): unknown; innerJoin(table: string): unknown }',
    'declare function sql(parts: TemplateStringsArray, ...values: unknown[]): unknown',
    "const table = 'alpha_things' as const",
    "export const read = [secret, db.selectFrom(table), db.innerJoin('alpha_things as a')]",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the planted file's own template literal
    'export const raw = sql`select count(*) from alpha_things where id = ${secret}`',
    '',
  ].join('\n'),
  // A migration builds every table: exempt.
  'src/db/migrations/202601010000_alpha.ts':
    "export const up = 'create table alpha_things'\nexport const q = 'insert into alpha_things'\n",
}

describe('module boundaries in lint (issue 14 item 3)', () => {
  let planted: string

  beforeAll(() => {
    planted = mkdtempSync(path.join(tmpdir(), 'govshare-boundaries-'))
    for (const [file, text] of Object.entries(PLANTED)) {
      mkdirSync(path.dirname(path.join(planted, file)), { recursive: true })
      writeFileSync(path.join(planted, file), text)
    }
  })

  afterAll(() => {
    rmSync(planted, { recursive: true, force: true })
  })

  it("fails an import of another module's internal file, not one through its index", () => {
    const { code, output } = cruise(planted, ['src'])
    expect(code).toBe(1)
    expect(output).toContain('module-through-index: src/modules/beta/bad.ts → src/modules/alpha/internal.ts')
    expect(output).not.toContain('good.ts')
  })

  it("fails a query of another module's table, by builder and in raw SQL; migrations are exempt", () => {
    const found = findTableViolations(planted).map((v) => `${v.file}:${v.line} ${v.table} ${v.how}`)
    expect(found).toEqual([
      'src/modules/beta/bad.ts:5 alpha_things selectFrom',
      'src/modules/beta/bad.ts:5 alpha_things innerJoin',
      'src/modules/beta/bad.ts:6 alpha_things sql text',
    ])
  })
})
