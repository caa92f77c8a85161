/**
 * Reads a county export (docs/county-migration.md): a folder with manifest.json and one file per
 * table in JSON, CSV or Excel (.xlsx), or the same tables in one JSON file. Throws
 * COUNTY_EXPORT_INVALID naming the file and why; rows are checked later, one by one, by the plan.
 */
import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '../../shared/errors.js'
import { parseCsv, readXlsxRows } from '../exchange/index.js'
import { type CountyExport, cell, itemList, type RawRow, resourceInput, text } from './format.js'

const TABLE_EXTENSIONS = ['.json', '.csv', '.xlsx'] as const

/** The export at `location` (a folder or one .json file), in its rows' order. */
export async function readCountyExport(location: string): Promise<CountyExport> {
  const stat = statOf(location)
  if (stat.isFile()) {
    return fromSingleJson(readJson(location), location)
  }
  const manifest = readJson(path.join(location, 'manifest.json'))
  const resourceRows = await readTable(location, 'resources', true)
  const itemRows = await readTable(location, 'items', false)
  const single: Record<string, unknown> = {
    ...asObject(manifest, 'manifest.json'),
    departments: await readTable(location, 'departments', false),
    resources: resourceRows.map((row) => ({
      ...row,
      // JSON resources carry their items; tables list them in items.* with the resource's code.
      items: Array.isArray(row.items)
        ? row.items
        : itemRows.filter((item) => text(item, 'resourceCode') === text(row, 'code')),
    })),
    grants: await readTable(location, 'grants', false),
    records: await readRecordFolder(path.join(location, 'records')),
  }
  return fromSingleJson(single, location)
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

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))
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
async function readTable(folder: string, name: string, required: boolean): Promise<RawRow[]> {
  const found = TABLE_EXTENSIONS.map((ext) => path.join(folder, `${name}${ext}`)).filter((file) =>
    fs.existsSync(file),
  )
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
  return readRows(file)
}

async function readRows(file: string): Promise<RawRow[]> {
  if (file.endsWith('.json')) {
    return rowsOf(readJson(file), file)
  }
  const rows: RawRow[] = []
  let header: string[] | undefined
  try {
    const source = file.endsWith('.csv')
      ? parseCsv(fs.createReadStream(file, { encoding: 'utf8' }))
      : readXlsxRows(fs.createReadStream(file))
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
    throw invalid(file, error instanceof Error ? error.message.slice(0, 200) : 'unreadable')
  }
  return rows
}

/** records/<resource code>.(json|csv|xlsx); a JSON file may be `{sourceChangedAt, records}`. */
async function readRecordFolder(folder: string): Promise<Record<string, unknown>> {
  if (!fs.existsSync(folder)) {
    return {}
  }
  const out: Record<string, unknown> = {}
  for (const name of fs.readdirSync(folder).sort()) {
    const ext = TABLE_EXTENSIONS.find((e) => name.endsWith(e))
    if (!ext) {
      continue
    }
    const file = path.join(folder, name)
    const code = name.slice(0, -ext.length)
    if (Object.hasOwn(out, code)) {
      throw invalid(name, 'the same table in two formats')
    }
    out[code] = ext === '.json' ? readJson(file) : { tabular: true, records: await readRows(file) }
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
