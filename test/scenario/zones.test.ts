/**
 * Issue 16 item 3 (Art. 20, 33): an internal and an external instance on two databases. The
 * external one refuses to hold anything internal; the non-classified catalog crosses one way as
 * a signed bundle; afterwards every GET route of the external instance, read by every kind of
 * user, shows no trace of the internal department (names, ids, codes, counts).
 */
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportZone, importZone, zoneCheck } from '../../src/cli/zone.js'
import { createSigner } from '../../src/modules/audit/index.js'
import { departmentActor } from '../../src/modules/org/index.js'
import { sealBundle } from '../../src/modules/zones/index.js'
import { resourceBody } from '../support/catalog-kit.js'
import { DIALECTS } from '../support/dialects.js'
import {
  ADMIN_PASSWORD,
  type ApiClient,
  startTestPlatform,
  TEST_AUDIT_SIGNING_KEY,
  type TestPlatform,
  USER_PASSWORD,
} from '../support/platform.js'
import { allAuditEntries, auditorFor, createUser, expectError, validCode } from '../support/scenario-kit.js'

const SECRET_DEPARTMENT = '涉密测试局'
const SECRET_NAMES = ['涉密测试资源', '涉密部门公开资源', '涉密项目资源']
const PUBLIC_NAME = '公开测试资源'
const PEER_KEY = createSigner(TEST_AUDIT_SIGNING_KEY).publicKey
/** The SM4 key both instances hold for records in transit (synthetic). */
const TRANSFER_KEY = 'ffeeddccbbaa99887766554433221100'

/** GET routes of docs/roles.md's route map (the roles matrix reads the same table). */
function getRoutes(): string[] {
  const doc = fs.readFileSync(new URL('../../docs/roles.md', import.meta.url), 'utf8')
  return [...doc.matchAll(/^\| GET (\/\S+) \|/gm)].map((m) => m[1] ?? '')
}

/** The reply as text: JSON and CSV as they come, a workbook as the text of all its cells. */
async function replyText(client: ApiClient, path: string): Promise<string> {
  const response = await fetch(`${client.baseUrl}${path}`, {
    headers: client.token ? { authorization: `Bearer ${client.token}` } : {},
  })
  const bytes = Buffer.from(await response.arrayBuffer())
  if (!(response.headers.get('content-type') ?? '').includes('spreadsheet')) {
    return bytes.toString('utf8')
  }
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer) // exceljs's types predate Buffer generics
  const cells: string[] = []
  workbook.eachSheet((sheet) => {
    cells.push(sheet.name)
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.text))
      })
    })
  })
  return cells.join('\n')
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: zones on two instances (Art. 20, 33)`, () => {
    let internal: TestPlatform
    let external: TestPlatform
    let inAdmin: ApiClient
    let exAdmin: ApiClient
    const shared = { code: validCode(), name: '公开测试局' }
    const secret = { id: '', code: validCode() }
    const secretIds: string[] = []
    let publicId = ''
    let exSharedId = ''
    let exCataloger: ApiClient
    let inCataloger: ApiClient
    let inReviewer: ApiClient
    let cursor: string | null = null

    async function login(t: TestPlatform, admin: ApiClient, departmentId: string, roles: string[]) {
      const user = await createUser(admin, departmentId, roles)
      return t.login(user.username, user.password)
    }

    async function publish(cataloger: ApiClient, reviewer: ApiClient, body: object) {
      const created = await cataloger.post('/api/v1/catalog/resources', body)
      expect(created.status).toBe(201)
      expect((await cataloger.post(`/api/v1/catalog/resources/${created.body.id}/submit`)).status).toBe(200)
      const reviewed = await reviewer.post(`/api/v1/catalog/resources/${created.body.id}/review`, {
        decision: 'approve',
      })
      expect(reviewed.status).toBe(200)
      return created.body.id as string
    }

    beforeAll(async () => {
      internal = await startTestPlatform(dialect, { config: { zone: 'internal' } })
      external = await startTestPlatform(dialect, { config: { zone: 'external', zonePeerKey: PEER_KEY } })
      inAdmin = await internal.login('admin', ADMIN_PASSWORD)
      exAdmin = await external.login('admin', ADMIN_PASSWORD)
      const inBureau = (await inAdmin.get('/api/v1/departments')).body.items[0].id
      const inShared = await inAdmin.post('/api/v1/departments', { ...shared, level: 'city' })
      const inSecret = await inAdmin.post('/api/v1/departments', {
        code: secret.code,
        name: SECRET_DEPARTMENT,
        level: 'city',
        zone: 'internal',
      })
      expect([inShared.status, inSecret.status]).toEqual([201, 201])
      secret.id = inSecret.body.id
      const reviewer = await login(internal, inAdmin, inBureau, ['bureau_reviewer'])
      const secretCataloger = await login(internal, inAdmin, secret.id, ['cataloger'])
      const sharedCataloger = await login(internal, inAdmin, inShared.body.id, ['cataloger'])
      inCataloger = sharedCataloger
      inReviewer = reviewer
      const item = (name: string) => [{ name, dataType: 'string', key: true, sensitivity: 'none' }]
      secretIds.push(
        await publish(secretCataloger, reviewer, {
          ...resourceBody({ name: SECRET_NAMES[0], summary: '涉密：内网专用', items: item('涉密编号') }),
          zone: 'internal',
        }),
        // An internal department's resource stays inside even when its own zone says external.
        await publish(secretCataloger, reviewer, {
          ...resourceBody({ name: SECRET_NAMES[1], summary: '涉密部门的资源', items: item('涉密登记号') }),
          zone: 'external',
        }),
        await publish(sharedCataloger, reviewer, {
          ...resourceBody({ name: SECRET_NAMES[2], summary: '涉密项目', items: item('涉密项目号') }),
          zone: 'internal',
        }),
      )
      publicId = await publish(sharedCataloger, reviewer, {
        ...resourceBody({ name: PUBLIC_NAME, summary: '可在政务外网共享的资源', items: item('登记编号') }),
        zone: 'external',
      })
      const exShared = await exAdmin.post('/api/v1/departments', { ...shared, level: 'city' })
      expect(exShared.status).toBe(201)
      exSharedId = exShared.body.id
      exCataloger = await login(external, exAdmin, exSharedId, ['cataloger'])
    })
    afterAll(async () => {
      await internal?.close()
      await external?.close()
    })

    it('refuses, and logs, an internal department, user, client and resource on the external instance', async () => {
      const department = await exAdmin.post('/api/v1/departments', {
        code: secret.code,
        name: SECRET_DEPARTMENT,
        level: 'city',
        zone: 'internal',
      })
      expectError(department, 403, 'ZONE_NOT_ALLOWED')
      const resource = await exCataloger.post('/api/v1/catalog/resources', {
        ...resourceBody({ name: SECRET_NAMES[0] }),
        zone: 'internal',
      })
      expectError(resource, 403, 'ZONE_NOT_ALLOWED')
      const draft = await exCataloger.post('/api/v1/catalog/resources', resourceBody({ name: '外网草稿' }))
      expect(draft.status).toBe(201)
      const moved = await exCataloger.request('PUT', `/api/v1/catalog/resources/${draft.body.id}`, {
        ...resourceBody({ name: '外网草稿' }),
        zone: 'internal',
      })
      expectError(moved, 403, 'ZONE_NOT_ALLOWED')
      // The Excel import goes through the same service: one internal row refuses the workbook.
      const services = external.platform.services
      const actor = await departmentActor(services.db, exSharedId, ['cataloger'], 'test')
      await expect(
        services.catalog.catalog.importResources(actor, [
          { input: { ...resourceBody({ name: '外网导入' }), zone: 'external' } as never },
          { input: { ...resourceBody({ name: SECRET_NAMES[0] }), zone: 'internal' } as never },
        ]),
      ).rejects.toMatchObject({ code: 'ZONE_NOT_ALLOWED' })
      const auditor = await auditorFor(exAdmin)
      const refusals = await allAuditEntries(auditor, 'action=zone.refused')
      expect(refusals.length).toBeGreaterThanOrEqual(4)
      expect(
        refusals.every((e) => e.details.code === 'ZONE_NOT_ALLOWED' && e.details.zone === 'internal'),
      ).toBe(true)
      expect(await zoneCheck(services)).toEqual([])
    })

    it('an internal instance accepts the same department and resource', async () => {
      expect(await zoneCheck(internal.platform.services)).toEqual([])
      const listed = await inAdmin.get('/api/v1/departments')
      expect(listed.body.items.map((d: { name: string }) => d.name)).toContain(SECRET_DEPARTMENT)
    })

    it('carries the non-classified catalog one way, idempotently, and refuses a bundle changed by one byte', async () => {
      const exported = await exportZone(internal.platform.services, null)
      expect(exported.entries).toBe(1)
      for (const marker of [
        SECRET_DEPARTMENT,
        ...SECRET_NAMES,
        secret.id,
        secret.code,
        ...secretIds,
        '涉密',
      ]) {
        expect(exported.text).not.toContain(marker)
      }
      const bundle = JSON.parse(exported.text)
      expect(bundle).toMatchObject({ hashAlgorithm: 'SM3', signatureAlgorithm: 'SM2', fromZone: 'internal' })

      // One byte changed in transit (a letter of the public name's summary), then a digest forged too.
      const altered = exported.text.replace('可在政务外网共享', '可在政务内网共享')
      await expect(importZone(external.platform.services, altered, PEER_KEY)).rejects.toMatchObject({
        code: 'ZONE_BUNDLE_INVALID',
      })
      const flipped = `${exported.text.slice(0, 200)}${exported.text[200] === 'a' ? 'b' : 'a'}${exported.text.slice(201)}`
      await expect(importZone(external.platform.services, flipped, PEER_KEY)).rejects.toMatchObject({
        code: 'ZONE_BUNDLE_INVALID',
      })
      expect((await exAdmin.get(`/api/v1/catalog/resources/${publicId}`)).status).toBe(404)

      const first = await importZone(external.platform.services, exported.text, PEER_KEY)
      expect(first).toMatchObject({ entries: 1, created: 1, updated: 0, unchanged: 0 })
      const again = await importZone(external.platform.services, exported.text, PEER_KEY)
      expect(again).toMatchObject({ entries: 1, created: 0, updated: 0, unchanged: 1 })
      const view = await exCataloger.get(`/api/v1/catalog/resources/${publicId}`)
      expect(view.status).toBe(200)
      expect(view.body).toMatchObject({ name: PUBLIC_NAME, providerId: exSharedId, status: 'published' })
      const found = await exCataloger.get(`/api/v1/catalog/shared?q=${encodeURIComponent('公开测试')}`)
      expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([publicId])

      // Nothing changed since the cursor: the next bundle is empty.
      const next = await exportZone(internal.platform.services, exported.cursor)
      expect(next.entries).toBe(0)
      cursor = exported.cursor

      const auditor = await auditorFor(exAdmin)
      const refused = await allAuditEntries(auditor, 'action=zone.refused')
      expect(refused.filter((e) => e.details.code === 'ZONE_BUNDLE_INVALID')).toHaveLength(2)
      expect(await allAuditEntries(auditor, 'action=zone.import')).toHaveLength(2)
    })

    it('refuses internal content in a bundle even when it is properly signed', async () => {
      const forged = sealBundle(
        createSigner(TEST_AUDIT_SIGNING_KEY),
        { createdAt: new Date(0).toISOString(), since: null, cursor: null },
        [
          {
            kind: 'resource',
            id: secretIds[2] ?? '',
            content: {
              provider: { code: shared.code, name: shared.name, level: 'city' },
              resource: { id: secretIds[2], code: 'x', name: '内网资源', zone: 'internal' },
              version: { version: 1, metadata: JSON.stringify({ zone: 'internal' }) },
              items: [],
            },
          },
        ],
      )
      await expect(importZone(external.platform.services, forged.text, PEER_KEY)).rejects.toMatchObject({
        code: 'ZONE_NOT_ALLOWED',
      })
      const stranger = createSigner('1'.repeat(64)).publicKey
      const exported = await exportZone(internal.platform.services, null)
      await expect(importZone(external.platform.services, exported.text, stranger)).rejects.toMatchObject({
        code: 'ZONE_BUNDLE_INVALID',
      })
    })

    it('shows no trace of the internal department on any GET route of the external instance', async () => {
      const bureau = (await exAdmin.get('/api/v1/departments')).body.items[0].id
      const readers = [
        exAdmin,
        exCataloger,
        await auditorFor(exAdmin),
        await login(external, exAdmin, bureau, ['bureau_reviewer']),
        await login(external, exAdmin, exSharedId, ['consumer', 'approver']),
        await login(external, exAdmin, exSharedId, ['dept_admin']),
      ]
      const markers = [SECRET_DEPARTMENT, ...SECRET_NAMES, secret.id, secret.code, ...secretIds, '涉密']
      const paths = getRoutes()
        .filter((route) => !route.includes('{') || route.startsWith('/api/v1/catalog/resources/{id}'))
        .map((route) => route.replace('{id}', publicId))
      paths.push(
        `/api/v1/catalog/shared?q=${encodeURIComponent('涉密')}`,
        '/api/v1/catalog/shared?zone=internal',
        '/api/v1/catalog/shared',
        `/api/v1/catalog/resources/${secretIds[0]}`,
        `/api/v1/departments/${secret.id}`,
        `/api/v1/audit/search?q=${encodeURIComponent('涉密')}`,
      )
      let answered = 0
      let showsPublic = 0
      for (const reader of readers) {
        for (const path of paths) {
          const text = await replyText(reader, path)
          // A 404 echoes the id asked for: what the reader typed is no trace of what the instance holds.
          for (const marker of markers.filter((m) => !decodeURIComponent(path).includes(m))) {
            if (text.includes(marker)) {
              throw new Error(`${path} shows ${marker}: ${text.slice(0, 300)}`)
            }
          }
          answered += 1
          showsPublic += text.includes(PUBLIC_NAME) ? 1 : 0
        }
      }
      expect(answered).toBe(readers.length * paths.length)
      // The scan reads real answers: the resource that crossed shows on many of them.
      expect(showsPublic).toBeGreaterThan(readers.length * 3)
      // Counts too: the external catalog holds the one resource that crossed.
      const search = await exCataloger.get(`/api/v1/catalog/shared?q=${encodeURIComponent('涉密')}`)
      expect(search.body.total).toBe(0)
      const all = await exCataloger.get('/api/v1/catalog/shared')
      expect(all.body.total).toBe(1)
      expect(all.body.facets.zone).toEqual([expect.objectContaining({ value: 'external', count: 1 })])
    })

    it('carries the records of a crossing resource sealed under the transfer key, idempotently', async () => {
      const loaded = await inCataloger.post(`/api/v1/exchange/resources/${publicId}/records`, {
        records: [{ 登记编号: 'REG-0001' }, { 登记编号: 'REG-0002' }],
      })
      expect(loaded.status).toBe(200)
      const withRecords = await exportZone(internal.platform.services, cursor, TRANSFER_KEY)
      expect(JSON.parse(withRecords.text).entries.map((e: { kind: string }) => e.kind)).toEqual(['records'])
      expect(withRecords.text).not.toContain('REG-0001')
      await expect(importZone(external.platform.services, withRecords.text, PEER_KEY)).rejects.toMatchObject({
        code: 'ZONE_TRANSFER_KEY_REQUIRED',
      })
      const wrongKey = importZone(
        external.platform.services,
        withRecords.text,
        PEER_KEY,
        `${'0'.repeat(31)}1`,
      )
      await expect(wrongKey).rejects.toMatchObject({ code: 'ZONE_BUNDLE_INVALID' })
      const first = await importZone(external.platform.services, withRecords.text, PEER_KEY, TRANSFER_KEY)
      expect(first.records).toEqual({ inserted: 2, updated: 0, unchanged: 0, deleted: 0 })
      const again = await importZone(external.platform.services, withRecords.text, PEER_KEY, TRANSFER_KEY)
      expect(again.records).toEqual({ inserted: 0, updated: 0, unchanged: 2, deleted: 0 })
      const stored = await external.platform.services.db
        .selectFrom('records')
        .select('resource_id')
        .where('resource_id', '=', publicId)
        .execute()
      expect(stored).toHaveLength(2)
      cursor = withRecords.cursor
    })

    it('carries a new published version, then the withdrawal, by cursor', async () => {
      const current = (await inCataloger.get(`/api/v1/catalog/resources/${publicId}`)).body
      const edited = await inCataloger.request('PUT', `/api/v1/catalog/resources/${publicId}`, {
        ...resourceBody({
          name: PUBLIC_NAME,
          summary: '第二版：可在政务外网共享的资源',
          items: [{ name: '登记编号', dataType: 'string', key: true, sensitivity: 'none' }],
        }),
        classCode: current.classCode,
        zone: 'external',
      })
      expect(edited.status).toBe(200)
      expect((await inCataloger.post(`/api/v1/catalog/resources/${publicId}/submit`)).status).toBe(200)
      const approved = await inReviewer.post(`/api/v1/catalog/resources/${publicId}/review`, {
        decision: 'approve',
      })
      expect(approved.status).toBe(200)
      const second = await exportZone(internal.platform.services, cursor)
      expect(second.entries).toBe(1)
      expect(await importZone(external.platform.services, second.text, PEER_KEY)).toMatchObject({
        updated: 1,
      })
      const view = (await exCataloger.get(`/api/v1/catalog/resources/${publicId}`)).body
      expect({ summary: view.summary, version: view.version }).toEqual({
        summary: '第二版：可在政务外网共享的资源',
        version: 2,
      })

      const withdrawn = await inCataloger.post(`/api/v1/catalog/resources/${publicId}/withdraw`, {
        reason: '停止共享',
      })
      expect(withdrawn.status).toBe(200)
      const third = await exportZone(internal.platform.services, second.cursor)
      expect(JSON.parse(third.text).entries.map((e: { kind: string }) => e.kind)).toEqual(['withdrawal'])
      expect(await importZone(external.platform.services, third.text, PEER_KEY)).toMatchObject({
        withdrawn: 1,
      })
      expect(await importZone(external.platform.services, third.text, PEER_KEY)).toMatchObject({
        withdrawn: 0,
        unchanged: 1,
      })
      expect((await exCataloger.get('/api/v1/catalog/shared')).body.total).toBe(0)
      expect((await exCataloger.get(`/api/v1/catalog/resources/${publicId}`)).body.status).toBe('withdrawn')
    })

    it('lists rows left from before on an external instance (an upgraded database)', async () => {
      const services = external.platform.services
      const now = new Date().toISOString()
      await services.db
        .insertInto('departments')
        .values({
          id: secret.id,
          code: secret.code,
          name: SECRET_DEPARTMENT,
          level: 'city',
          parent_id: null,
          path: `/${secret.id}/`,
          zone: 'internal',
          created_at: now,
          updated_at: now,
        })
        .execute()
      await services.db
        .insertInto('users')
        .values({
          id: 'legacy-user',
          username: 'legacy.user',
          password_hash: await services.passwords.hash(USER_PASSWORD),
          display_name: '旧用户',
          department_id: secret.id,
          status: 'active',
          locked_until: null,
          created_at: now,
          updated_at: now,
        })
        .execute()
      const lines = await zoneCheck(services)
      expect(lines).toEqual([
        `departments ${secret.id} ${secret.code} ${SECRET_DEPARTMENT}`,
        `users legacy-user legacy.user (department ${secret.id})`,
      ])
      // Its users do not sign in here, and the refusal is logged.
      const signIn = await external.api.post('/api/v1/auth/login', {
        username: 'legacy.user',
        password: USER_PASSWORD,
      })
      expectError(signIn, 403, 'ZONE_NOT_ALLOWED')
      const refusals = await allAuditEntries(await auditorFor(exAdmin), 'action=zone.refused')
      expect(refusals.some((e) => e.object?.includes('legacy-user'))).toBe(true)
      // A resource of that department (here: the crossed one, moved to it behind the platform's back) takes no data.
      await services.db
        .updateTable('resources')
        .set({ provider_id: secret.id, status: 'published', withdrawn_reason: null })
        .where('id', '=', publicId)
        .execute()
      expect(await zoneCheck(services)).toContain(
        `resources ${publicId} ${(await exAdmin.get(`/api/v1/catalog/resources/${publicId}`)).body.code} ${PUBLIC_NAME} (published, zone external)`,
      )
      const legacyActor = await departmentActor(services.db, secret.id, ['cataloger'], 'legacy')
      await expect(
        services.exchange.ingest.ingest(legacyActor, publicId, { records: [{ 登记编号: 'A-1' }] }),
      ).rejects.toMatchObject({ code: 'ZONE_FORBIDDEN' })
      const ingestRefusals = await allAuditEntries(await auditorFor(exAdmin), 'action=zone.refused')
      expect(ingestRefusals.filter((e) => e.details.code === 'ZONE_FORBIDDEN')).toHaveLength(1)
      const user = await exAdmin.post('/api/v1/users', {
        username: 'legacy.other',
        password: USER_PASSWORD,
        departmentId: secret.id,
        roles: ['consumer'],
      })
      expectError(user, 403, 'ZONE_NOT_ALLOWED')
    })
  })
}
