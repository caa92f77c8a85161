/**
 * Lint: a module queries only the tables it owns (issue 14 item 3, docs/decisions.md §37).
 * A module is a top folder under src/modules; it owns the tables declared in the `*Tables`
 * interfaces of its `tables.ts` files (sub-folders included). Code elsewhere in src (cli, http, db)
 * owns no module table. Migrations and tests are exempt: they build the schema and arrange data.
 * Run: `tsx scripts/check-table-owners.ts [root]`; exits 1 on a violation.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

export interface TableViolation {
  file: string
  line: number
  table: string
  owner: string
  /** The module the file belongs to, or undefined for code outside src/modules. */
  module: string | undefined
  how: string
}

/** Kysely builder methods whose first argument names a table. `with` names a CTE, so not here. */
const TABLE_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'innerJoinLateral',
  'leftJoinLateral',
  'using',
])

/** A table named after an SQL keyword in raw text: `from x`, `join x`, `into x`, `update x`, `table x`. */
const RAW_TABLE = /\b(?:from|join|into|update|table)\s+"?([a-z_][a-z0-9_]*)"?/gi

export function listTsFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      out.push(...listTsFiles(path))
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      out.push(path)
    }
  }
  return out
}

function posix(root: string, file: string): string {
  return relative(root, file).split(sep).join('/')
}

export function moduleOf(path: string): string | undefined {
  return /^src\/modules\/([^/]+)\//.exec(path)?.[1]
}

function isExempt(path: string): boolean {
  return path.startsWith('src/db/migrations/') || path.endsWith('.test.ts') || path.includes('/test-')
}

/** table name → owning module, from every `export interface …Tables` in a module's `*tables.ts`. */
export function tableOwners(root: string): Map<string, string> {
  const owners = new Map<string, string>()
  for (const file of listTsFiles(join(root, 'src', 'modules'))) {
    const path = posix(root, file)
    const module = moduleOf(path)
    if (!module || !/(^|[/-])tables\.ts$/.test(path)) {
      continue
    }
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement) || !statement.name.text.endsWith('Tables')) {
        continue
      }
      for (const member of statement.members) {
        if (ts.isPropertySignature(member) && ts.isIdentifier(member.name)) {
          owners.set(member.name.text, module)
        }
      }
    }
  }
  return owners
}

/** Every place code in src names a table its module does not own, pending entries included. */
export function findTableViolations(root: string): TableViolation[] {
  const owners = tableOwners(root)
  const files = listTsFiles(join(root, 'src')).filter((file) => !isExempt(posix(root, file)))
  // The checker resolves table names held in variables (`for (const table of ['a', 'b'] as const)`).
  const program = ts.createProgram(files, {
    noResolve: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
  })
  const checker = program.getTypeChecker()
  const violations: TableViolation[] = []
  for (const file of files) {
    const source = program.getSourceFile(file)
    if (!source) {
      continue
    }
    const path = posix(root, file)
    const module = moduleOf(path)
    const report = (node: ts.Node, table: string, how: string) => {
      const owner = owners.get(table)
      if (owner === undefined || owner === module) {
        return
      }
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
      violations.push({ file: path, line, table, owner, module, how })
    }
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        TABLE_METHODS.has(node.expression.name.text) &&
        node.arguments[0]
      ) {
        for (const name of tableNamesOf(node.arguments[0], checker)) {
          report(node.arguments[0], name, node.expression.name.text)
        }
      }
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        scanRaw(node, node.text)
      } else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        scanRaw(node, node.text)
      }
      ts.forEachChild(node, visit)
    }
    const scanRaw = (node: ts.Node, text: string) => {
      for (const match of text.matchAll(RAW_TABLE)) {
        const name = match[1]
        if (name !== undefined && owners.has(name)) {
          report(node, name, 'sql text')
        }
      }
    }
    visit(source)
  }
  return violations
}

/** The table names a builder argument may hold: `'t'`, `'t as x'`, `['t', …]`, or a literal-typed value. */
function tableNamesOf(arg: ts.Expression, checker: ts.TypeChecker): string[] {
  if (ts.isStringLiteralLike(arg)) {
    return [bareName(arg.text)]
  }
  if (ts.isArrayLiteralExpression(arg)) {
    return arg.elements.flatMap((element) =>
      ts.isStringLiteralLike(element) ? [bareName(element.text)] : [],
    )
  }
  const type = checker.getTypeAtLocation(arg)
  const parts = type.isUnion() ? type.types : [type]
  return parts.flatMap((part) => (part.isStringLiteral() ? [bareName(part.value)] : []))
}

function bareName(text: string): string {
  return text.trim().split(/\s+/)[0] ?? ''
}

function main(): void {
  const root = process.argv[2] ?? process.cwd()
  const failures = findTableViolations(root)
  for (const v of failures) {
    const who = v.module ? `module ${v.module}` : 'code outside src/modules'
    console.error(`${v.file}:${v.line}: ${who} names table ${v.table} of module ${v.owner} (${v.how})`)
  }
  if (failures.length > 0) {
    console.error(`check-table-owners: ${failures.length} quer(ies) of another module's table`)
    process.exit(1)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main()
}
