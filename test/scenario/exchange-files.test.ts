/**
 * Bulk files into the exchange (Art. 9, 18): a CSV of 5 000 synthetic people through the CLI
 * (SQLite) or importFile (PostgreSQL), read back masked by a consumer; a bad date stops the import
 * after the batches before it; a dry run stores nothing; an .xlsx imports the same way.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import ExcelJS from 'exceljs'
import Fastify from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../../src/container.js'
import { registerActorResolution } from '../../src/http/auth.js'
import { registerErrorHandling } from '../../src/http/errors.js'
import { registerValidation } from '../../src/http/validation.js'
import type { FileImportResult } from '../../src/modules/exchange/index.js'
import { exchangeFileRoutes } from '../../src/modules/exchange/index.js'
import { departmentActor } from '../../src/modules/org/index.js'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import type { Actor } from '../../src/shared/actor.js'
import { resourceBody } from '../support/catalog-kit.js'
import { type CliRun, govshare } from '../support/cli.js'
import { DIALECTS } from '../support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  startTestPlatform,
  TEST_DATA_KEY,
  type TestPlatform,
} from '../support/platform.js'
import { createDepartment, createUser } from '../support/scenario-kit.js'

const ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '出生日期', dataType: 'date' },
  { name: '性别', dataType: 'string' },
  { name: '家庭人数', dataType: 'integer' },
  { name: '月收入', dataType: 'decimal' },
  { name: '在职', dataType: 'boolean' },
  { name: '住址', dataType: 'string', sensitivity: 'address' },
]
const HEADER = ITEMS.map((item) => item.name)

/** Person i (0-based): generated, never real; 1 000 sequence numbers per birth date. */
function person(i: number): string[] {
  const birth = `1990-01-${String(1 + Math.floor(i / 1000)).padStart(2, '0')}`
  return [
    syntheticIdNumber('530102', birth, i),
    `测试${i}号`,
    birth,
    i % 2 ? '男' : '女',
    String(1 + (i % 5)),
    (3000 + i / 4).toFixed(2),
    i % 3 ? '是' : '否',
    `云南省昆明市五华区测试路${i}号, "${i % 7}"单元`,
  ]
}

function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')
}

/** A CSV (BOM, CRLF, as Excel writes "CSV UTF-8") of people 0..n-1, rows changed by `edit`. */
function writeCsv(file: string, n: number, edit: (i: number, row: string[]) => string[] = (_i, r) => r) {
  const lines = [csvLine(HEADER)]
  for (let i = 0; i < n; i++) {
    lines.push(csvLine(edit(i, person(i))))
  }
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`)
}

function cli(args: string[], dataDir: string): Promise<CliRun> {
  return govshare(args, {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    GOVSHARE_DATA_KEY: TEST_DATA_KEY,
  })
}

/** The file route as app.ts would mount it (it is not wired there yet): auth, validation, errors. */
async function fileRouteApp(services: Services) {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>()
  registerValidation(app)
  registerErrorHandling(app, { recordRefusal: async () => undefined })
  registerActorResolution(app, services.auth.resolveRequest)
  await app.register(exchangeFileRoutes, { exchange: services.exchange, prefix: '/api/v1' })
  return app
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: exchange bulk files`, () => {
    let t: TestPlatform
    let provider: { id: string; code: string }
    let actor: Actor
    let consumer: ApiClient
    let cataloger: ApiClient
    let reviewer: ApiClient
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-files-'))

    async function publish(name: string): Promise<string> {
      const created = await cataloger.post('/api/v1/catalog/resources', resourceBody({ name, items: ITEMS }))
      expect(created.status).toBe(201)
      await cataloger.post(`/api/v1/catalog/resources/${created.body.id}/submit`)
      await reviewer.post(`/api/v1/catalog/resources/${created.body.id}/review`, { decision: 'approve' })
      return created.body.id
    }

    async function count(resourceId: string): Promise<number> {
      const rows = await sql<{
        n: number
      }>`select count(*) as n from records where resource_id = ${resourceId}`.execute(t.platform.handle.db)
      return Number(rows.rows[0]?.n)
    }

    const importFile = (resourceId: string, file: string, options = {}): Promise<FileImportResult> =>
      t.platform.services.exchange.files.importFile(actor, resourceId, file, options)

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      provider = await createDepartment(admin, 'city')
      const consumerDept = await createDepartment(admin, 'city')
      const login = async (departmentId: string, roles: string[]) => {
        const user = await createUser(admin, departmentId, roles)
        return t.login(user.username, user.password)
      }
      reviewer = await login(bureauId, ['bureau_reviewer'])
      cataloger = await login(provider.id, ['cataloger'])
      consumer = await login(consumerDept.id, ['consumer'])
      actor = await departmentActor(t.platform.services.db, provider.id, ['cataloger'], 'test')
    })
    afterAll(async () => {
      await t?.close()
      fs.rmSync(dir, { recursive: true, force: true })
    })

    it('imports 5 000 records from a CSV and serves one masked to a consumer with a grant', async () => {
      const resourceId = await publish('低保对象测试信息')
      const file = path.join(dir, 'people.csv')
      writeCsv(file, 5000)
      let summary: { read: number; seconds: number }
      if (dialect === 'sqlite') {
        const run = await cli(
          ['data', 'import', resourceId, file, '--department', provider.code],
          t.store.dataDir,
        )
        expect(run.stderr).not.toContain('govshare:')
        expect(run.code).toBe(0)
        const line = run.stdout.split('\n')[0] ?? ''
        expect(line).toContain('5000 records read, 5000 inserted, 0 updated, 0 unchanged in 5 batches')
        const match = /, ([\d.]+) s, (\d+) records\/s/.exec(line)
        summary = { read: 5000, seconds: Number(match?.[1]) }
      } else {
        const result = await importFile(resourceId, file)
        expect(result).toMatchObject({ complete: true, read: 5000, inserted: 5000, batches: 5, problems: [] })
        summary = result
      }
      console.log(
        `${dialect}: imported ${summary.read} CSV records in ${summary.seconds.toFixed(2)} s ` +
          `(${Math.round(summary.read / summary.seconds)} records/s${dialect === 'sqlite' ? ', CLI process' : ''})`,
      )
      expect(await count(resourceId)).toBe(5000)

      const request = await consumer.post('/api/v1/sharing/requests', {
        resourceId,
        items: ['公民身份号码', '姓名', '家庭人数', '月收入', '在职', '住址'],
        purpose: '社会救助资格核验',
      })
      expect(request.body.grantId).toBeTruthy()
      const id = person(4321)[0] ?? ''
      const reply = await consumer.get(
        `/api/v1/exchange/resources/${resourceId}/records/${id}?caseRef=JZ-2026-0001`,
      )
      expect(reply.status).toBe(200)
      expect(reply.body.record).toEqual({
        公民身份号码: `${id.slice(0, 6)}********${id.slice(14)}`,
        姓名: expect.stringMatching(/^测\*+$/),
        家庭人数: 2,
        月收入: 4080.25,
        在职: true,
        住址: expect.stringMatching(/^云南省/),
      })
      expect(reply.body.record.住址).not.toContain('4321')
      expect(JSON.stringify(reply.body)).not.toContain(id)

      // The same file again: every record is there already.
      const again = await importFile(resourceId, file)
      expect(again).toMatchObject({ complete: true, inserted: 0, updated: 0, unchanged: 5000 })

      if (dialect === 'sqlite') {
        // By the resource's code this time, as an operator would type it.
        const code = (await cataloger.get(`/api/v1/catalog/resources/${resourceId}`)).body.code
        const keys = path.join(dir, 'keys.txt')
        const unknown = syntheticIdNumber('530102', '1970-01-01', 9)
        fs.writeFileSync(keys, `${person(1)[0]}\r\n${person(2)[0]}\r\n\r\n${unknown}\r\n`)
        const run = await cli(
          ['data', 'delete', code, '--keys', keys, '--department', provider.code],
          t.store.dataDir,
        )
        expect(run.code).toBe(0)
        expect(run.stdout).toContain('2 deleted, 1 not found')
        expect(run.stdout).not.toContain(unknown)
        const gone = await consumer.get(
          `/api/v1/exchange/resources/${resourceId}/records/${person(1)[0]}?caseRef=JZ-2026-0002`,
        )
        expect(gone.status).toBe(404)
      }
    }, 180_000)

    it('stops at a bad date in record 3 001 with the 3 batches before it stored, then resumes', async () => {
      const resourceId = await publish('低保对象测试信息（坏日期）')
      const file = path.join(dir, 'bad-date.csv')
      writeCsv(file, 5000, (i, row) => (i === 3000 ? row.with(2, '1990-02-30') : row))
      const result = await importFile(resourceId, file)
      expect(result).toMatchObject({
        complete: false,
        batches: 3,
        stored: 3000,
        inserted: 3000,
        resumeSkip: 3000,
      })
      // Record 3 001 is on line 3 002: the header is line 1.
      expect(result.problems).toEqual([
        { row: 3002, record: 3001, item: '出生日期', reason: 'not a date (YYYY-MM-DD)' },
      ])
      expect(await count(resourceId)).toBe(3000)

      writeCsv(file, 5000)
      const resumed = await importFile(resourceId, file, { skip: result.resumeSkip })
      expect(resumed).toMatchObject({ complete: true, skipped: 3000, read: 2000, inserted: 2000 })
      expect(await count(resourceId)).toBe(5000)
    }, 120_000)

    it('checks a whole file in a dry run, names every bad row and stores nothing', async () => {
      const resourceId = await publish('低保对象测试信息（试导入）')
      const file = path.join(dir, 'dry.csv')
      const badId = (id: string) => `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`
      writeCsv(file, 2500, (i, row) => {
        if (i === 10) {
          return row.with(0, badId(row[0] ?? ''))
        }
        if (i === 1200) {
          return row.with(4, '两个')
        }
        return i === 2400 ? row.with(6, '也许') : row
      })
      const result = await importFile(resourceId, file, { dryRun: true })
      expect(result).toMatchObject({ dryRun: true, complete: false, read: 2500, stored: 0, badRows: 3 })
      expect(result.problems.map((p) => [p.row, p.item])).toEqual([
        [12, '公民身份号码'],
        [1202, '家庭人数'],
        [2402, '在职'],
      ])
      expect(await count(resourceId)).toBe(0)
      if (dialect === 'sqlite') {
        const run = await cli(
          ['data', 'import', resourceId, file, '--department', provider.code, '--dry-run'],
          t.store.dataDir,
        )
        expect(run.code).toBe(1)
        expect(run.stdout).toContain('(dry run): 2500 records read, 3 bad, nothing stored')
        expect(run.stdout).toContain('第 12 行 (record 11) 公民身份号码: not a valid citizen ID number')
        const usage = await cli(
          ['data', 'import', resourceId, file, '--department', provider.code, '--batch', 'x'],
          t.store.dataDir,
        )
        expect(usage.code).toBe(2)
        expect(await count(resourceId)).toBe(0)
      }
    }, 120_000)

    it('imports the first sheet of an .xlsx, Excel dates and numbers included', async () => {
      const resourceId = await publish('低保对象测试信息（Excel）')
      const file = path.join(dir, 'people.xlsx')
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: file,
        useSharedStrings: true,
        useStyles: true,
      })
      const sheet = writer.addWorksheet('数据')
      sheet.addRow(HEADER).commit()
      for (let i = 0; i < 1500; i++) {
        const [id, name, birth, sex, size, income, working, address] = person(i)
        const [y, m, d] = (birth ?? '').split('-').map(Number)
        sheet
          .addRow([
            id,
            name,
            new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d)),
            sex,
            Number(size),
            Number(income),
            working === '是',
            address,
          ])
          .commit()
      }
      await writer.commit()
      const result = await importFile(resourceId, file, { batchSize: 500 })
      expect(result).toMatchObject({ complete: true, read: 1500, inserted: 1500, batches: 3 })
      console.log(
        `${dialect}: imported 1500 .xlsx records in ${result.seconds.toFixed(2)} s (${Math.round(1500 / result.seconds)} records/s)`,
      )
      expect(await count(resourceId)).toBe(1500)
    }, 120_000)

    it('takes a CSV body over HTTP for departments without the CLI, streamed batch by batch', async () => {
      const resourceId = await publish('低保对象测试信息（HTTP）')
      const app = await fileRouteApp(t.platform.services)
      try {
        const file = path.join(dir, 'http.csv')
        writeCsv(file, 1200, (i, row) => (i === 1100 ? row.with(5, '很多') : row))
        const post = (query: string, body: string, token = cataloger.token, type = 'text/csv') =>
          app.inject({
            method: 'POST',
            url: `/api/v1/exchange/resources/${resourceId}/records/file${query}`,
            headers: { authorization: `Bearer ${token}`, 'content-type': type },
            payload: body,
          })
        const csv = fs.readFileSync(file, 'utf8')
        const dry = await post('?dryRun=true', csv)
        expect(dry.statusCode).toBe(200)
        expect(dry.json()).toMatchObject({ dryRun: true, complete: false, read: 1200, badRows: 1 })
        expect(dry.json().problems).toEqual([
          { row: 1102, record: 1101, item: '月收入', reason: 'not a number' },
        ])
        const partial = await post('?batchSize=500', csv)
        expect(partial.json()).toMatchObject({ complete: false, batches: 2, stored: 1000, resumeSkip: 1000 })
        expect(await count(resourceId)).toBe(1000)
        expect((await post('', '{"records":[]}', cataloger.token, 'application/json')).statusCode).toBe(415)
        expect((await post('', csv, consumer.token)).json().error.code).toBe('FORBIDDEN')
        expect((await post('', '不存在,姓名\r\nx,y\r\n')).json().error).toMatchObject({
          code: 'EXCHANGE_FILE_HEADER_INVALID',
          details: { column: 1 },
        })
        expect(await count(resourceId)).toBe(1000)
      } finally {
        await app.close()
      }
    }, 120_000)
  })
}
