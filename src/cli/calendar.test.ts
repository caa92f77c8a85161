/**
 * `govshare calendar import` as an operator runs it: once as a real process (main.ts wires the
 * program to the process), then in-process (test/support/cli.ts), over a SQLite data folder.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { type CliRun, govshare } from '../../test/support/cli.js'
import { openDatabase } from '../db/connect.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-cli-'))

async function processCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string } // execFile's error on a non-zero exit
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

function cli(...args: string[]): Promise<CliRun> {
  return govshare(args, { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' })
}

function file(name: string, content: string): string {
  const target = path.join(dataDir, name)
  fs.writeFileSync(target, content)
  return target
}

describe('govshare calendar import', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it("loads a JSON year's schedule as the system actor", async () => {
    const schedule = file(
      '2027.json',
      JSON.stringify({
        year: 2027,
        entries: [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-02-20', kind: 'workday', name: '春节' },
        ],
      }),
    )
    const result = await processCli('calendar', 'import', schedule)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toContain('calendar 2027 loaded')
    const handle = await openDatabase({ dataDir })
    try {
      const year = await handle.db.selectFrom('calendar_years').selectAll().executeTakeFirst()
      expect(year).toMatchObject({ year: 2027, source: 'cli:2027.json', loaded_by: 'system' })
      const audit = await handle.db.selectFrom('audit_entries').select(['action', 'actor_type']).execute()
      expect(audit).toEqual([{ action: 'calendar.schedule.import', actor_type: 'system' }])
    } finally {
      await handle.close()
    }
  })

  it('loads CSV too', async () => {
    const result = await cli(
      'calendar',
      'import',
      file('2028.csv', 'date,kind,name\n2028-01-01,holiday,元旦\n'),
    )
    expect(result.code).toBe(0)
  })

  it('refuses a bad file with one line and exit code 2', async () => {
    const bad = await cli(
      'calendar',
      'import',
      file('bad.csv', '2029-01-01,holiday,元旦\n2029-02-30,holiday,春节\n'),
    )
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(
      /^govshare: calendar import .*bad\.csv: line 2: "2029-02-30" is not a date \(YYYY-MM-DD\)\n$/,
    )
    const duplicate = await cli(
      'calendar',
      'import',
      file('dup.csv', '2029-01-01,holiday,元旦\n2029-01-01,workday,元旦\n'),
    )
    expect(duplicate.code).toBe(2)
    expect(duplicate.stderr.trim().split('\n')).toHaveLength(1)
    expect(duplicate.stderr).toContain('CALENDAR_INVALID_SCHEDULE')
    const missing = await cli('calendar', 'import', path.join(dataDir, 'nope.json'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('ENOENT')
  })
  it('answers a usage error with exit code 2 for data commands, as documented, without exiting', async () => {
    const usage = await cli('data', 'import')
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/^error: (missing )?required/)
  })
})
