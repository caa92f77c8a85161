/**
 * Reads a county export (docs/county-migration.md): a folder with manifest.json and one file per
 * table in JSON, CSV or Excel (.xlsx), or the same tables in one JSON file. The folder may be on
 * disk (the CLI) or uploaded (the HTTP route: a name → bytes map). Throws COUNTY_EXPORT_INVALID
 * naming the file and why; rows are checked later, one by one, by the plan.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { AppError, isAppError } from '../../shared/errors.js'
import { parseCsv, readXlsxRows } from '../exchange/index.js'
import { type CountyExport, cell, itemList, type RawRow, resourceInput, text } from './format.js'
import { xlsxBufferRows } from './xlsx-buffer.js'

const TABLE_EXTENSIONS = ['.json', '.csv', '.xlsx'] as const
export const TABLES = ['departments', 'resources', 'items', 'grants'] as const

/** The files of an export folder, wherever they are; names are relative, with `/`. */
interface ExportFiles {
  exists(name: string): boolean
  text(name: string): string
  bytes(name: string): Readable
  /** The first sheet's rows of a workbook. */
  sheet(name: string): AsyncIterable<{ cells: unknown[] }>
  /** Names of the files directly in `folder`. */
  list(folder: string): string[]
}

/** The export at `location` (a folder or one .json file), in its rows' order. */
export async function readCountyExport(location: string): Promise<CountyExport> {
  const stat = statOf(location)
  if (stat.isFile()) {
    return fromSingleJson(readJson(folderFiles(path.dirname(location)), path.basename(location)), location)
  }
  return readFolder(folderFiles(location), location)
}

/** An uploaded export: `manifest.json` and the tables, or one JSON file holding it all. */
export async function readCountyUpload(files: ReadonlyMap<string, Buffer>): Promise<CountyExport> {
  const names = [...files.keys()]
  const [only] = names
  const memory: ExportFiles = {
    exists: (name) => files.has(name),
    text: (name) => (files.get(name) ?? Buffer.alloc(0)).toString('utf8'),
    bytes: (name) => Readable.from([files.get(name) ?? Buffer.alloc(0)], { objectMode: false }),
    sheet: (name) => xlsxBufferRows(files.get(name) ?? Buffer.alloc(0)),
    list: (folder) =>
      names
        .filter((name) => name.startsWith(`${folder}/`) && !name.slice(folder.length + 1).includes('/'))
        .map((name) => name.slice(folder.length + 1)),
  }
  if (names.length === 1 && only?.endsWith('.json') && only !== 'manifest.json') {
    return fromSingleJson(readJson(memory, only), only)
  }
  if (!files.has('manifest.json')) {
    throw invalid('manifest.json', 'missing')
  }
  return readFolder(memory, 'upload')
}

function folderFiles(root: string): ExportFiles {
  const at = (name: string) => path.join(root, ...name.split('/'))
  return {
    exists: (name) => fs.existsSync(at(name)),
    text: (name) => fs.readFileSync(at(name), 'utf8'),
    bytes: (name) => fs.createReadStream(at(name)),
    sheet: (name) => readXlsxRows(fs.createReadStream(at(name))),
    list: (folder) => (fs.existsSync(at(folder)) ? fs.readdirSync(at(folder)) : []),
  }
}

async function readFolder(files: ExportFiles, label: string): Promise<CountyExport> {
  const manifest = readJson(files, 'manifest.json')
  const resourceRows = await readTable(files, 'resources', true)
  const itemRows = await readTable(files, 'items', false)
  const single: Record<string, unknown> = {
    ...asObject(manifest, 'manifest.json'),
    departments: await readTable(files, 'departments', false),
    resources: resourceRows.map((row) => ({
      ...row,
      // JSON resources carry their items; tables list them in items.* with the resource's code.
      items: Array.isArray(row.items)
        ? row.items
        : itemRows.filter((item) => text(item, 'resourceCode') === text(row, 'code')),
    })),
    grants: await readTable(files, 'grants', false),
    records: await readRecordFolder(files),
  }
  return fromSingleJson(single, label)
}

function statOf(location: string): fs.Stats {
  try {
    return fs.statSync(location)
  } catch {
    throw invalid(location, 'no such file or folder')
  }
}

function invalid(file: string, reason: string): AppError {
  return new AppError('COUNTY_EXPORT_INVALID', { file: path.basename(file), reason })
}

function readJson(files: ExportFiles, file: string): unknown {
  try {
    return JSON.parse(files.text(file).replace(/^\uFEFF/, ''))
  } catch (error) {
    throw invalid(file, error instanceof Error ? error.message.slice(0, 200) : 'unreadable')
  }
}

function asObject(value: unknown, file: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(file, 'not a JSON object')
  }
  return value as Record<string, unknown> // checked just above: a plain object
}

function rowsOf(value: unknown, file: string): RawRow[] {
  if (value === undefined) {
    return []
  }
  if (!Array.isArray(value) || value.some((row) => typeof row !== 'object' || row === null)) {
    throw invalid(file, 'not a list of rows')
  }
  return value as RawRow[] // checked just above: objects
}

/** `name`.json, .csv or .xlsx in the folder (one of them), as rows keyed by their header. */
async function readTable(files: ExportFiles, name: string, required: boolean): Promise<RawRow[]> {
  const found = TABLE_EXTENSIONS.map((ext) => `${name}${ext}`).filter((file) => files.exists(file))
  if (found.length > 1) {
    throw invalid(name, 'the same table in two formats')
  }
  const [file] = found
  if (!file) {
    if (required) {
      throw invalid(`${name}.json`, 'missing')
    }
    return []
  }
  return readRows(files, file)
}

async function readRows(files: ExportFiles, file: string): Promise<RawRow[]> {
  if (file.endsWith('.json')) {
    return rowsOf(readJson(files, file), file)
  }
  const rows: RawRow[] = []
  let header: string[] | undefined
  try {
    const source = file.endsWith('.csv') ? parseCsv(files.bytes(file).setEncoding('utf8')) : files.sheet(file)
    for await (const { cells } of source) {
      if (!header) {
        header = cells.map((c) => String(c ?? '').trim())
        continue
      }
      if (cells.every((c) => c === null || c === '')) {
        continue
      }
      rows.push(Object.fromEntries(header.map((name, i) => [name, cells[i] ?? null])))
    }
  } catch (error) {
    throw invalid(file, reasonOf(error))
  }
  return rows
}

/** The reader's own reason (an unreadable file says why), else the error's message. */
function reasonOf(error: unknown): string {
  const inner = isAppError(error) ? (error.details as { reason?: unknown } | undefined)?.reason : undefined
  const text = typeof inner === 'string' ? inner : error instanceof Error ? error.message : 'unreadable'
  return text.slice(0, 200)
}

/** records/<resource code>.(json|csv|xlsx); a JSON file may be `{sourceChangedAt, records}`. */
async function readRecordFolder(files: ExportFiles): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  for (const name of files.list('records').sort()) {
    const ext = TABLE_EXTENSIONS.find((e) => name.endsWith(e))
    if (!ext) {
      continue
    }
    const file = `records/${name}`
    const code = name.slice(0, -ext.length)
    if (Object.hasOwn(out, code)) {
      throw invalid(name, 'the same table in two formats')
    }
    out[code] =
      ext === '.json' ? readJson(files, file) : { tabular: true, records: await readRows(files, file) }
  }
  return out
}

function fromSingleJson(value: unknown, file: string): CountyExport {
  const root = asObject(value, file)
  const county = asObject(root.county, 'manifest.county')
  const code = text(county, 'code')
  if (!code) {
    throw invalid(file, 'the manifest names no county code')
  }
  const records = asObject(root.records ?? {}, 'records')
  return {
    county: { code, name: text(county, 'name') ?? code },
    platform: typeof root.platform === 'string' ? root.platform : null,
    departments: rowsOf(root.departments, 'departments').map((row, i) => ({
      row: i + 1,
      code: text(row, 'departmentCode') ?? text(row, 'code') ?? '',
      name: text(row, 'name') ?? '',
    })),
    resources: rowsOf(root.resources, 'resources').map((row, i) => ({
      row: i + 1,
      code: text(row, 'code') ?? '',
      departmentCode: text(row, 'departmentCode') ?? '',
      input: resourceInput(row, rowsOf(row.items ?? cell(row, 'items'), 'items')),
    })),
    grants: rowsOf(root.grants, 'grants').map((row, i) => ({
      row: i + 1,
      resourceCode: text(row, 'resourceCode') ?? '',
      consumerCode: text(row, 'consumerCode') ?? '',
      items: itemList(cell(row, 'items')),
      validTo: text(row, 'validTo') ?? null,
      purpose: text(row, 'purpose') ?? '',
    })),
    records: Object.entries(records).map(([resourceCode, entry]) => {
      const object = Array.isArray(entry) ? { records: entry } : asObject(entry, `records/${resourceCode}`)
      return {
        resourceCode,
        sourceChangedAt: typeof object.sourceChangedAt === 'string' ? object.sourceChangedAt : null,
        tabular: object.tabular === true,
        rows: rowsOf(object.records, `records/${resourceCode}`),
      }
    }),
  }
}
