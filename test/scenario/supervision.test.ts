/**
 * Statistics (Art. 27), evaluation (Art. 34-35) and annual reports (Art. 39) over HTTP, on a small
 * city built through the API with a fixed clock. The numbers are the ones computed by hand in
 * src/modules/supervision/rules.test.ts (departments A, B, C there).
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_WEIGHTS as DEFAULT } from '../../src/modules/supervision/index.js'
import { syntheticIdNumber } from '../../src/seed/identity.js'
import { fixedClock } from '../../src/shared/clock.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import { ADMIN_PASSWORD, type ApiClient, startTestPlatform, type TestPlatform } from '../support/platform.js'
import { createDepartment, createUser, expectError } from '../support/scenario-kit.js'

const CONDITIONAL = {
  shareType: 'conditional',
  legalBasis: '《婚姻登记条例》第十七条',
  shareCondition: '仅限核验',
}
const ITEMS = [
  { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
  { name: '姓名', dataType: 'string', sensitivity: 'name' },
  { name: '住址', dataType: 'string', sensitivity: 'address' },
  { name: '性别', dataType: 'string' },
]
const PERIOD = 'from=2025-10-01&to=2025-11-30'

/** Statistics counts in column order: queries, records served, grants, requests, resources, items. */
function counts(...n: number[]) {
  const [queries, recordsServed, grantsCreated, requests, resourcesPublished, itemsPublished] = n
  return { queries, recordsServed, grantsCreated, requests, resourcesPublished, itemsPublished }
}

/** A synthetic person with the first `fields` items of ITEMS. */
function person(i: number, fields = 4) {
  const all = {
    公民身份号码: syntheticIdNumber('530102', '1990-01-01', i),
    姓名: `测试${i}号`,
    住址: `云南省昆明市五华区测试路${i}号`,
    性别: i % 2 ? '男' : '女',
  }
  return Object.fromEntries(Object.entries(all).slice(0, fields))
}

async function download(client: ApiClient, path: string) {
  const reply = await fetch(`${client.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${client.token}` },
  })
  return {
    status: reply.status,
    type: reply.headers.get('content-type'),
    disposition: reply.headers.get('content-disposition'),
    body: Buffer.from(await reply.arrayBuffer()),
  }
}

async function sheetRows(body: Buffer, sheet: number) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as unknown as ArrayBuffer)
  const rows: unknown[][] = []
  workbook.worksheets[sheet]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1))
  })
  return rows
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: supervision`, () => {
    const clock = fixedClock('2025-10-20T02:00:00Z')
    let t: TestPlatform
    const users: Record<string, { username: string; password: string }> = {}
    const as: Record<string, ApiClient> = {}
    const dept: Record<'A' | 'B' | 'C', { id: string; name: string }> = {} as never
    const res: Record<string, string> = {}

    /** Sets the clock (Kunming time 10:00 = 02:00Z) and signs everyone in again. */
    async function at(instant: string) {
      clock.set(instant)
      for (const [key, user] of Object.entries(users)) {
        as[key] = await t.login(user.username, user.password)
      }
    }

    async function draft(client: ApiClient, body: Record<string, unknown>) {
      const created = await client.post('/api/v1/catalog/resources', body)
      expect(created.status).toBe(201)
      await client.post(`/api/v1/catalog/resources/${created.body.id}/submit`)
      return created.body.id as string
    }

    beforeAll(async () => {
      t = await startTestPlatform(dialect, { clock })
      const admin = await t.login('admin', ADMIN_PASSWORD)
      const bureauId = (await admin.get('/api/v1/departments')).body.items[0].id
      for (const key of ['A', 'B', 'C'] as const) {
        dept[key] = await createDepartment(admin, 'city')
      }
      users.reviewer = await createUser(admin, bureauId, ['bureau_reviewer'])
      users.aCataloger = await createUser(admin, dept.A.id, ['cataloger'])
      users.aApprover = await createUser(admin, dept.A.id, ['approver'])
      users.aAdmin = await createUser(admin, dept.A.id, ['dept_admin'])
      users.bCataloger = await createUser(admin, dept.B.id, ['cataloger'])
      users.bConsumer = await createUser(admin, dept.B.id, ['consumer'])
      users.bAdmin = await createUser(admin, dept.B.id, ['dept_admin'])
      users.cConsumer = await createUser(admin, dept.C.id, ['consumer'])

      // October: only A works (it drafts its two resources).
      await at('2025-10-20T02:00:00Z')
      res.R1 = await draft(
        as.aCataloger!,
        resourceBody({ name: '户籍人口测试信息', items: ITEMS.slice(0, 3) }),
      )
      res.R2 = await draft(
        as.aCataloger!,
        resourceBody({ name: '婚姻登记测试信息', items: ITEMS, ...CONDITIONAL }),
      )

      // Monday 3 November: published; B catalogs R3; requests due on 17 November (10 working days).
      await at('2025-11-03T02:00:00Z')
      res.R3 = await draft(
        as.bCataloger!,
        resourceBody({ name: '社保测试信息', items: ITEMS.slice(0, 2), ...CONDITIONAL }),
      )
      for (const id of [res.R1, res.R2, res.R3]) {
        const published = await as.reviewer!.post(`/api/v1/catalog/resources/${id}/review`, {
          decision: 'approve',
        })
        expect(published.body.status).toBe('published')
      }
      const ask = (client: ApiClient, resourceId: string, items: string[]) =>
        client.post('/api/v1/sharing/requests', { resourceId, items, purpose: '业务核验' })
      expect((await ask(as.cConsumer!, res.R1!, ['公民身份号码', '姓名'])).body.status).toBe('granted')
      const cToR2 = (await ask(as.cConsumer!, res.R2!, ['公民身份号码', '姓名'])).body
      const bToR2 = (await ask(as.bConsumer!, res.R2!, ['姓名'])).body
      expect((await ask(as.cConsumer!, res.R3!, ['姓名'])).body.dueDate).toBe('2025-11-17')
      expect(cToR2.dueDate).toBe('2025-11-17')
      const load = async (
        client: ApiClient,
        id: string,
        people: number[],
        fields: number,
        changed: string,
      ) => {
        const records = people.map((i) => person(i, fields))
        const reply = await client.post(`/api/v1/exchange/resources/${id}/records`, {
          records,
          sourceChangedAt: `${changed}T09:00:00+08:00`,
        })
        expect(reply.body.inserted).toBe(people.length)
      }
      // Same day as the change: lag 0.
      await load(as.aCataloger!, res.R1!, [0, 1, 2], 3, '2025-11-03')

      // 5 November: A answers C in 2 working days.
      await at('2025-11-05T02:00:00Z')
      const approved = await as.aApprover!.post(`/api/v1/sharing/requests/${cToR2.id}/decision`, {
        decision: 'approve',
      })
      expect(approved.body).toMatchObject({ status: 'granted', late: false })

      // 10 November: B loads data changed on the 4th: 4 working days, on time.
      await at('2025-11-10T02:00:00Z')
      await load(as.bCataloger!, res.R3!, [5, 6], 2, '2025-11-04')

      // 20 November: A answers B after its due date (13 working days) and loads data 11 working days late.
      await at('2025-11-20T02:00:00Z')
      const refused = await as.aApprover!.post(`/api/v1/sharing/requests/${bToR2.id}/decision`, {
        decision: 'reject',
        reason: '超出业务需要',
      })
      expect(refused.body).toMatchObject({ status: 'rejected', late: true })
      await load(as.aCataloger!, res.R2!, [7, 8], 4, '2025-11-05')

      // 21 November: C reads R1 by key (1 record) and its 3 records in one batch, and R2 by key (1).
      // (A list would take a bulk grant, whose request and answer would change A's figures below.)
      await at('2025-11-21T02:00:00Z')
      const byKey = (id: string, i: number) =>
        as.cConsumer!.get(
          `/api/v1/exchange/resources/${id}/records/${encodeURIComponent(String(person(i).公民身份号码))}?caseRef=HY-2025-${i}`,
        )
      expect((await byKey(res.R1!, 1)).status).toBe(200)
      expect(
        (
          await as.cConsumer!.post(`/api/v1/exchange/resources/${res.R1}/records/batch`, {
            keys: [0, 1, 2].map((i) => String(person(i).公民身份号码)),
            caseRef: 'HY-2025-0',
          })
        ).body.items,
      ).toHaveLength(3)
      expect((await byKey(res.R2!, 7)).status).toBe(200)

      // Evaluated on 10 December: C's request to B (due 17 November) is still unanswered.
      await at('2025-12-10T02:00:00Z')
    }, 120_000)
    afterAll(async () => {
      await t?.close()
    })

    it('publishes statistics by department, resource and month to any signed-in user (Art. 27)', async () => {
      const byDepartment = await as.cConsumer!.get('/api/v1/statistics?from=2025-11-01&to=2025-11-30')
      expect(byDepartment.status).toBe(200)
      const rows = new Map(byDepartment.body.rows.map((row: { key: string }) => [row.key, row]))
      expect(byDepartment.body.rows[0].key).toBe(dept.A.id)
      // A: 3 reads returning 1 + 3 + 1 records; grants: C's subscription to R1 and approved request
      // for R2; requests: C→R1, C→R2, B→R2; R1 and R2 published with 3 + 4 items.
      expect(rows.get(dept.A.id)).toEqual({ key: dept.A.id, label: dept.A.name, ...counts(3, 5, 2, 3, 2, 7) })
      expect(rows.get(dept.B.id)).toMatchObject(counts(0, 0, 0, 1, 1, 2))
      expect(rows.get(dept.C.id)).toMatchObject(counts(0, 0, 0, 0, 0, 0))
      expect(byDepartment.body.totals).toEqual(counts(3, 5, 2, 4, 3, 9))

      const byMonth = await as.cConsumer!.get(`/api/v1/statistics?${PERIOD}&groupBy=month`)
      expect(
        byMonth.body.rows.map((r: { key: string; queries: number; resourcesPublished: number }) => [
          r.key,
          r.queries,
          r.resourcesPublished,
        ]),
      ).toEqual([
        ['2025-10', 0, 0],
        ['2025-11', 3, 3],
      ])
      const byResource = await as.cConsumer!.get(
        `/api/v1/statistics?${PERIOD}&groupBy=resource&departmentId=${dept.A.id}`,
      )
      expect(byResource.body.rows).toEqual([
        { key: res.R1, label: '户籍人口测试信息', ...counts(2, 4, 1, 1, 1, 3) },
        { key: res.R2, label: '婚姻登记测试信息', ...counts(1, 1, 1, 2, 1, 4) },
      ])
      expect((await as.cConsumer!.get('/api/v1/statistics/summary')).body).toEqual({
        asOf: '2025-12-10',
        departments: 4,
        publishedResources: 3,
        items: 9,
        grantsLive: 2,
        queriesLast30Days: 3,
      })
      expectError(
        await as.cConsumer!.get('/api/v1/statistics?from=2025-12-01&to=2025-11-01'),
        400,
        'SUPERVISION_INVALID_PERIOD',
      )
      expectError(await t.api.get('/api/v1/statistics'), 401, 'AUTH_REQUIRED')
    })

    it('exports the statistics as CSV and as an .xlsx that opens', async () => {
      const csv = await download(as.cConsumer!, `/api/v1/statistics/export?${PERIOD}&format=csv`)
      expect(csv.type).toMatch(/^text\/csv/)
      const text = csv.body.toString('utf8')
      expect(text.startsWith('\uFEFF编号,部门,查询次数')).toBe(true)
      expect(text).toContain(`${dept.A.id},${dept.A.name},3,5,2,3,2,7\r\n`)
      const xlsx = await download(
        as.cConsumer!,
        `/api/v1/statistics/export?${PERIOD}&format=xlsx&groupBy=month`,
      )
      expect(xlsx.status).toBe(200)
      expect(await sheetRows(xlsx.body, 0)).toEqual(
        expect.arrayContaining([
          '编号,月份,查询次数,提供记录数,新增授权数,共享申请数,发布资源数,发布信息项数'.split(','),
          ['2025-11', '2025-11', 3, 5, 2, 4, 3, 9],
        ]),
      )
    })

    it('evaluates every department on the Art. 35 indicators, ranks them and advises (Art. 34-35)', async () => {
      const reply = await as.reviewer!.get(`/api/v1/evaluation?${PERIOD}`)
      expect(reply.status).toBe(200)
      const items = reply.body.items
      expect(
        items.map((row: { departmentId: string; rank: number; score: number }) => [
          row.departmentId,
          row.rank,
          row.score,
        ]),
      ).toEqual([
        [dept.A.id, 1, 70.8],
        [dept.C.id, 2, 33.3],
        [dept.B.id, 3, 30.5],
      ])
      expect(items[0].values).toEqual({
        participation: 100,
        catalogEntries: 100,
        catalogItems: 100,
        unconditionalShare: 50,
        answerRate: 100,
        answerSpeed: 62.5, // median of 2 and 13 working days
        onTimeAnswers: 50,
        updateTimeliness: 60, // 3 of 5 versions within 5 working days
        objectionsOnTime: null,
        sharingFrequency: 100,
        dataUse: 0,
      })
      expect(items[0].facts).toMatchObject({
        requestsReceived: 2,
        lateAnswers: 1,
        medianAnswerDays: 7.5,
        versionsArrived: 5,
      })
      expect(items[2].values).toMatchObject({
        participation: 50,
        catalogItems: 28.6,
        answerRate: 0,
        updateTimeliness: 100,
      })
      expect(items[2].facts).toMatchObject({ requestsOverdue: 1 })
      expect(items[2].advice.map((a: { indicator: string }) => a.indicator)).toEqual([
        'unconditionalShare',
        'answerRate',
        'dataUse',
      ])
      expect(items[1].values).toMatchObject({ dataUse: 100, catalogEntries: 0, answerRate: null })

      const own = await as.aAdmin!.get(`/api/v1/evaluation?${PERIOD}`)
      expect(
        own.body.items.map((row: { departmentId: string; rank: number }) => [row.departmentId, row.rank]),
      ).toEqual([[dept.A.id, 1]])
      expectError(await as.cConsumer!.get(`/api/v1/evaluation?${PERIOD}`), 403, 'FORBIDDEN')
    })

    it('lets the bureau set the weights, which change the ranking', async () => {
      expectError(
        await as.aAdmin!.request('PUT', '/api/v1/evaluation/weights', { dataUse: 1 }),
        403,
        'FORBIDDEN',
      )
      const onlyUse = Object.fromEntries(Object.keys(DEFAULT).map((key) => [key, key === 'dataUse' ? 1 : 0]))
      const set = await as.reviewer!.request('PUT', '/api/v1/evaluation/weights', onlyUse)
      expect(set.status).toBe(200)
      const ranked = (await as.reviewer!.get(`/api/v1/evaluation?${PERIOD}`)).body.items
      expect(ranked[0]).toMatchObject({ departmentId: dept.C.id, rank: 1, score: 100 })
      // A and B both use no shared data: a tie, both second.
      expect(ranked.slice(1).map((row: { rank: number; score: number }) => [row.rank, row.score])).toEqual([
        [2, 0],
        [2, 0],
      ])
      expectError(
        await as.reviewer!.request('PUT', '/api/v1/evaluation/weights', { ...onlyUse, dataUse: 0 }),
        400,
        'SUPERVISION_INVALID_WEIGHTS',
      )
      await as.reviewer!.request('PUT', '/api/v1/evaluation/weights', DEFAULT)
      expect((await as.aAdmin!.get('/api/v1/evaluation/weights')).body).toEqual(DEFAULT)
    })

    it('publishes the evaluation report as HTML and as an .xlsx that opens', async () => {
      const html = await download(as.reviewer!, `/api/v1/evaluation/report?${PERIOD}&format=html`)
      expect(html.type).toMatch(/^text\/html/)
      // Issue 15: the page opens in the browser; ?download=1 still saves it, the .xlsx is always a file.
      expect(html.disposition).toMatch(/^inline;/)
      const saved = await download(as.reviewer!, `/api/v1/evaluation/report?${PERIOD}&format=html&download=1`)
      expect(saved.disposition).toMatch(/^attachment;/)
      const page = html.body.toString('utf8')
      expect(page).toContain('政务信息资源共享工作评估报告')
      expect(page).toContain(`<td>1</td><td>${dept.A.name}</td><td>70.8</td>`)
      expect(page).toContain('逐项复核有条件共享') // B's advice
      const xlsx = await download(as.reviewer!, `/api/v1/evaluation/report?${PERIOD}&format=xlsx`)
      expect(xlsx.disposition).toMatch(/^attachment;/)
      const ranking = await sheetRows(xlsx.body, 0)
      expect(ranking[1]?.slice(0, 3)).toEqual([1, dept.A.name, 70.8])
      expect(ranking[3]?.slice(0, 3)).toEqual([3, dept.B.name, 30.5])
      const one = await download(
        as.aAdmin!,
        `/api/v1/evaluation/report?${PERIOD}&format=html&departmentId=${dept.A.id}`,
      )
      expect(one.body.toString('utf8')).not.toContain(dept.B.name)
      expect(
        (await download(as.aAdmin!, `/api/v1/evaluation/report?${PERIOD}&departmentId=${dept.B.id}`)).status,
      ).toBe(403)
    })

    it('generates annual reports, flags late ones and aggregates the city report (Art. 39)', async () => {
      await at('2026-01-03T02:00:00Z')
      expectError(
        await as.aAdmin!.post('/api/v1/reports/annual/2026/generate', {}),
        409,
        'REPORT_YEAR_NOT_CLOSED',
      )
      const a = await as.aAdmin!.post('/api/v1/reports/annual/2025/generate', {})
      expect(a.status).toBe(200)
      expect(a.body).toMatchObject({
        kind: 'department',
        departmentId: dept.A.id,
        status: 'draft',
        dueDate: '2026-01-05',
        late: false,
      })
      expect(a.body.figures).toMatchObject({
        statistics: { queries: 3, recordsServed: 5, resourcesPublished: 2, itemsPublished: 7 },
        facts: { resourcesPublished: 2, requestsReceived: 2, requestsAnswered: 2, lateAnswers: 1 },
      })
      const texted = await as.aAdmin!.request('PUT', `/api/v1/reports/annual/${a.body.id}`, {
        text: '本年度共享工作情况',
      })
      expect(texted.body.text).toBe('本年度共享工作情况')
      expect((await as.aAdmin!.post(`/api/v1/reports/annual/${a.body.id}/submit`)).body).toMatchObject({
        status: 'submitted',
        late: false,
      })

      await at('2026-01-04T02:00:00Z')
      const b = (await as.bAdmin!.post('/api/v1/reports/annual/2025/generate', {})).body
      expectError(
        await as.bAdmin!.post(`/api/v1/reports/annual/${a.body.id}/submit`),
        404,
        'REPORT_NOT_FOUND',
      )

      await at('2026-01-06T02:00:00Z')
      expect((await as.bAdmin!.post(`/api/v1/reports/annual/${b.id}/submit`)).body).toMatchObject({
        status: 'submitted',
        late: true,
      })
      const list = (await as.reviewer!.get('/api/v1/reports/annual?year=2025')).body.items
      const state = (departmentId: string | null) => {
        const item = list.find((r: { departmentId: string | null }) => r.departmentId === departmentId)
        return [item.status, item.dueDate, item.late]
      }
      expect(state(dept.A.id)).toEqual(['submitted', '2026-01-05', false])
      expect(state(dept.B.id)).toEqual(['submitted', '2026-01-05', true])
      expect(state(dept.C.id)).toEqual(['missing', '2026-01-05', true])
      expect(state(null)).toEqual(['missing', '2026-01-15', false])
      expect((await as.aAdmin!.get('/api/v1/reports/annual?year=2025')).body.items).toHaveLength(1)
      expectError(await as.cConsumer!.get('/api/v1/reports/annual?year=2025'), 403, 'FORBIDDEN')

      await at('2026-01-10T02:00:00Z')
      expectError(
        await as.aAdmin!.post('/api/v1/reports/annual/2025/generate', { kind: 'city' }),
        403,
        'FORBIDDEN',
      )
      const city = (await as.reviewer!.post('/api/v1/reports/annual/2025/generate', { kind: 'city' })).body
      expect(city).toMatchObject({ kind: 'city', departmentId: null, dueDate: '2026-01-15', late: false })
      expect(city.figures.statistics).toMatchObject({ queries: 3, requests: 4, resourcesPublished: 3 })
      expect(city.figures.requests).toEqual({ received: 3, answered: 2, late: 1, overdue: 1 })
      expect(city.figures.departments).toHaveLength(3)
      expect(city.figures.departments).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ departmentId: dept.A.id, report: 'submitted', reportLate: false }),
          expect.objectContaining({ departmentId: dept.B.id, report: 'submitted', reportLate: true }),
          expect.objectContaining({ departmentId: dept.C.id, report: 'missing', reportLate: true }),
        ]),
      )
      await at('2026-01-16T02:00:00Z')
      expect((await as.reviewer!.post(`/api/v1/reports/annual/${city.id}/submit`)).body).toMatchObject({
        status: 'submitted',
        late: true,
      })
    })
  })
}
