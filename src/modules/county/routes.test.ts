/**
 * Art. 21 over HTTP, every dialect (decisions §59): the bureau uploads a county export (CSV, Excel
 * and JSON files of a folder, as a browser sends them), sees its dry run, and applies it. The dry
 * run's counts are the run's; a second apply changes nothing; another file under the same id, and
 * a plan gone stale, are refused and logged; an interrupted apply resumes; only the system
 * administrator may, and every other role's refusal is logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CountyPlaces, countyExportFiles, exportForm } from '../../../test/support/county-kit.js'
import { DIALECTS } from '../../../test/support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  type ApiReply,
  startTestPlatform,
  type TestPlatform,
} from '../../../test/support/platform.js'
import {
  allAuditEntries,
  auditorFor,
  createDepartment,
  createUser,
  expectError,
} from '../../../test/support/scenario-kit.js'
import type { Actor } from '../../shared/actor.js'

const TABLES = [
  'resources',
  'resource_versions',
  'grants',
  'sharing_requests',
  'records',
  'record_history',
] as const

/** POSTs a form or raw bytes with the client's token (ApiClient sends JSON only). */
async function post(api: ApiClient, path: string, body?: FormData | string): Promise<ApiReply> {
  const response = await fetch(`${api.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${api.token}`,
      ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
    },
    body,
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: county migration routes`, () => {
    let t: TestPlatform
    let admin: ApiClient
    let auditor: ApiClient
    let places: CountyPlaces
    const others: Record<string, ApiClient> = {}

    async function rows(): Promise<Record<(typeof TABLES)[number], number>> {
      const out = {} as Record<(typeof TABLES)[number], number> // every key is set below
      for (const table of TABLES) {
        const row = await t.platform.services.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
        out[table] = Number(row.n)
      }
      return out
    }

    beforeAll(async () => {
      t = await startTestPlatform(dialect)
      admin = await t.login('admin', ADMIN_PASSWORD)
      auditor = await auditorFor(admin)
      const county = await createDepartment(admin, 'county')
      const provider = await createDepartment(admin, 'county', county.id)
      const consumer = await createDepartment(admin, 'county', county.id)
      places = {
        county: { code: county.code, name: county.name },
        departments: [provider.code, consumer.code],
      }
      const bureauId = (await admin.get('/api/v1/auth/me')).body.departmentId
      for (const [role, departmentId] of [
        ['bureau_reviewer', bureauId],
        ['dept_admin', county.id],
        ['cataloger', provider.id],
      ] as const) {
        const user = await createUser(admin, departmentId, [role], role.replace('_', ''))
        others[role] = await t.login(user.username, user.password)
      }
    }, 120_000)
    afterAll(async () => {
      await t?.close()
    })

    it('uploads, plans, applies exactly the plan once; another file under the id is refused', async () => {
      const files = await countyExportFiles(places)
      const before = await rows()
      const dry = await post(admin, '/api/v1/county/imports', exportForm(files))
      expect(dry.status, JSON.stringify(dry.body)).toBe(200)
      const report = dry.body
      expect(report.id).toMatch(/^[0-9a-f]{64}$/)
      expect(report.state).toBe('planned')
      expect(report.files).toBe(6)
      expect(report.planned.resource).toEqual({ create: 2, change: 0, unchanged: 0, refused: 1 })
      expect(report.planned.grant).toEqual({ create: 1, change: 0, unchanged: 0, refused: 1 })
      expect(report.planned.record).toEqual({ create: 7, change: 0, unchanged: 0, refused: 1 })
      expect(
        report.refused.map(
          (r: { entity: string; key: string; code: string }) => `${r.entity} ${r.key} ${r.code}`,
        ),
      ).toEqual([
        'resource XS-0003 CATALOG_KEY_REQUIRED',
        `grant XS-0002|${places.departments[1].toUpperCase()} SHARING_UNKNOWN_ITEM`,
        'record XS-0001#5 EXCHANGE_INVALID_RECORD',
      ])
      for (const refusal of report.refused) {
        expect(refusal.zh).toMatch(/[\u4e00-\u9fff]/)
        expect(refusal.en).toMatch(/[a-z]/)
      }
      expect(await rows()).toEqual(before)

      // The same export as a county edits it, sent as JSON under the first one's id: refused, logged.
      const edited = await countyExportFiles(places, { summary: '改过的摘要' })
      const changed = await post(admin, `/api/v1/county/imports/${report.id}/apply`, exportForm(edited))
      expectError(changed, 409, 'COUNTY_EXPORT_CHANGED')
      expect(changed.body.error.details.digest).not.toBe(report.id)
      expect(await rows()).toEqual(before)

      const applied = await post(
        admin,
        `/api/v1/county/imports/${report.id}/apply?plan=${report.planDigest}`,
        exportForm(files),
      )
      expect(applied.status, JSON.stringify(applied.body)).toBe(200)
      expect(applied.body).toMatchObject({
        state: 'applied',
        resumed: false,
        repeated: false,
        appliedBy: 'admin',
      })
      expect(applied.body.result).toEqual(report.planned)
      expect(applied.body.run.cursor).toBe(applied.body.run.batches)
      const after = await rows()
      expect(after.resources - before.resources).toBe(2)
      expect(after.grants - before.grants).toBe(1)
      expect(after.records - before.records).toBe(7)

      const again = await post(admin, `/api/v1/county/imports/${report.id}/apply`)
      expect(again.status).toBe(200)
      expect(again.body).toMatchObject({ state: 'applied', repeated: true })
      expect(await rows()).toEqual(after)
      const status = await admin.get(`/api/v1/county/imports/${report.id}`)
      expect(status.body).toMatchObject({
        state: 'applied',
        run: { status: 'done', cursor: applied.body.run.batches },
      })

      // Uploaded again: the dry run now says all is there, and applying it writes nothing.
      const second = await post(admin, '/api/v1/county/imports', exportForm(files))
      expect(second.body.id).toBe(report.id)
      expect(second.body.planned.resource).toEqual({ create: 0, change: 0, unchanged: 2, refused: 1 })
      expect(second.body.planned.record).toEqual({ create: 0, change: 0, unchanged: 7, refused: 1 })
      const noop = await post(
        admin,
        `/api/v1/county/imports/${report.id}/apply?plan=${second.body.planDigest}`,
      )
      expect(noop.body.result).toEqual(second.body.planned)
      expect(await rows()).toEqual(after)

      const log = await allAuditEntries(auditor, 'action=county.refused')
      expect(
        log.some((e) => e.object?.includes(report.id) && e.details.code === 'COUNTY_EXPORT_CHANGED'),
      ).toBe(true)
      const applies = (await allAuditEntries(auditor, 'action=county.apply')).filter((e) =>
        e.object?.includes(report.id),
      )
      expect(applies.map((e) => e.details.repeated)).toEqual([false, true, false])
    }, 120_000)

    it('refuses a plan gone stale, and resumes an interrupted apply', async () => {
      const summary = await post(
        admin,
        '/api/v1/county/imports',
        exportForm(await countyExportFiles(places, { summary: '第二版摘要' })),
      )
      const validTo = await post(
        admin,
        '/api/v1/county/imports',
        exportForm(await countyExportFiles(places, { validTo: '2031-06-30' })),
      )
      expect(summary.body.planned.resource.change).toBe(1)
      expect(validTo.body.planned.grant.change).toBe(1)
      expect((await post(admin, `/api/v1/county/imports/${validTo.body.id}/apply`)).status).toBe(200)
      // The grant changed after the first upload's dry run: that plan no longer holds.
      const before = await rows()
      const stale = await post(
        admin,
        `/api/v1/county/imports/${summary.body.id}/apply?plan=${summary.body.planDigest}`,
      )
      expectError(stale, 409, 'COUNTY_IMPORT_STALE')
      expect(await rows()).toEqual(before)
      expect(
        (await allAuditEntries(auditor, 'action=county.refused')).some(
          (e) => e.object?.includes(summary.body.id) && e.details.code === 'COUNTY_IMPORT_STALE',
        ),
      ).toBe(true)

      const planned = await post(
        admin,
        '/api/v1/county/imports',
        exportForm(await countyExportFiles(places, { summary: '第三版摘要', matter: '新事项' })),
      )
      const { id } = planned.body
      const me = (await admin.get('/api/v1/auth/me')).body
      const actor: Actor = {
        kind: 'user',
        id: me.id,
        name: 'admin',
        departmentId: me.departmentId,
        departmentPath: null,
        departmentLevel: 'city',
        roles: ['platform_admin'],
      }
      await expect(
        t.platform.services.county.imports.apply(
          actor,
          id,
          {},
          {
            afterBatch: (index) => {
              if (index === 0) {
                throw new Error('connection lost')
              }
            },
          },
        ),
      ).rejects.toThrow('connection lost')
      const halfway = await admin.get(`/api/v1/county/imports/${id}`)
      expect(halfway.body).toMatchObject({ state: 'running', run: { status: 'running', cursor: 1 } })
      expect(halfway.body.run.batches).toBeGreaterThan(1)
      const resumed = await post(admin, `/api/v1/county/imports/${id}/apply?plan=${planned.body.planDigest}`)
      expect(resumed.body).toMatchObject({ state: 'applied', resumed: true })
      expect(resumed.body.result).toEqual(planned.body.planned)

      // Two callers on one run: the second finishes it while the first waits between batches; the
      // first then finds its next batch taken and stops instead of applying it twice.
      const next = await post(
        admin,
        '/api/v1/county/imports',
        exportForm(await countyExportFiles(places, { summary: '第四版摘要', matter: '再改' })),
      )
      const imports = t.platform.services.county.imports
      let second: Awaited<ReturnType<typeof imports.apply>> | undefined
      await expect(
        imports.apply(
          actor,
          next.body.id,
          {},
          {
            afterBatch: async (index) => {
              if (index === 0) {
                second = await imports.apply(actor, next.body.id, {})
              }
            },
          },
        ),
      ).rejects.toMatchObject({ code: 'COUNTY_RUN_IN_PROGRESS' })
      expect(second).toMatchObject({ state: 'applied', resumed: true, result: next.body.planned })

      // The run finished but its upload was not marked (a crash in between): nothing runs again.
      await t.platform.services.db
        .updateTable('county_uploads')
        .set({ run_id: null, result: null, applied_by: null, applied_at: null })
        .where('id', '=', next.body.id)
        .execute()
      expect((await admin.get(`/api/v1/county/imports/${next.body.id}`)).body.state).toBe('applied')
      const unmarked = await rows()
      const marked = await post(admin, `/api/v1/county/imports/${next.body.id}/apply`)
      expect(marked.body).toMatchObject({ state: 'applied', repeated: true, result: next.body.planned })
      expect(await rows()).toEqual(unmarked)
    }, 120_000)

    it('refuses every role but the system administrator, and logs each refusal', async () => {
      const files = exportForm(await countyExportFiles(places))
      const since = (await allAuditEntries(auditor)).at(-1)?.seq ?? 0
      for (const api of Object.values(others)) {
        expectError(await post(api, '/api/v1/county/imports', files), 403, 'FORBIDDEN')
        expectError(await post(api, `/api/v1/county/imports/${'0'.repeat(64)}/apply`), 403, 'FORBIDDEN')
        expectError(await api.get(`/api/v1/county/imports/${'0'.repeat(64)}`), 403, 'FORBIDDEN')
      }
      const denied = (await allAuditEntries(auditor, `afterSeq=${since}`)).filter(
        (e) => e.action === 'access.denied',
      )
      expect(denied.filter((e) => e.object?.includes('/county/imports'))).toHaveLength(9)
      expectError(await post(admin, '/api/v1/county/imports', '{"county": {}}'), 400, 'COUNTY_EXPORT_INVALID')
      expectError(await admin.get(`/api/v1/county/imports/${'0'.repeat(64)}`), 404, 'COUNTY_IMPORT_NOT_FOUND')
    }, 60_000)
  })
}
