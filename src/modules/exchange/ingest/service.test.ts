import { Readable } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { TEST_DATA_KEY } from '../../../../test/support/platform.js'
import { type ServiceTest, setup } from '../../../../test/support/services.js'
import type { Services } from '../../../container.js'
import { inTransaction } from '../../../db/transaction.js'
import { syntheticIdNumber } from '../../../seed/identity.js'
import type { Actor } from '../../../shared/actor.js'
import { encryptField, fieldKeys } from '../../../shared/field-crypto.js'
import { publishedResource } from '../../catalog/index.js'
import { decodeData, keyHashOf } from '../codec.js'
import { createIngestRepo } from './repo.js'
import { writeBatch } from './write.js'

const ITEMS = [
  { name: '公民身份号码', dataType: 'string' as const, key: true, sensitivity: 'id_number' as const },
  { name: '姓名', dataType: 'string' as const, sensitivity: 'name' as const },
  { name: '性别', dataType: 'string' as const },
]
const WITH_ADDRESS = [
  ...ITEMS,
  { name: '住址', dataType: 'string' as const, sensitivity: 'address' as const },
]
const keys = fieldKeys([TEST_DATA_KEY])
const id = (i: number) => syntheticIdNumber('530102', '1988-06-01', i)
const person = (i: number, name = `测试${i}`) => ({
  公民身份号码: id(i),
  姓名: name,
  性别: i % 2 ? '男' : '女',
})
const people = (from: number, to: number) => Array.from({ length: to - from }, (_, j) => person(from + j))

for (const dialect of DIALECTS) {
  describe(`${dialect}: exchange ingest`, () => {
    let t: ServiceTest
    let s: Services
    let cataloger: Actor
    let reviewer: Actor
    let n = 0

    beforeAll(async () => {
      t = await setup(dialect)
      s = t.services
      const department = await t.department('入库测试部门')
      cataloger = await t.person(department, ['cataloger'])
      reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
    })
    afterAll(async () => {
      await t?.cleanup()
    })

    async function publish(items: typeof WITH_ADDRESS = ITEMS): Promise<string> {
      n += 1
      const created = await s.catalog.catalog.createResource(cataloger, {
        name: `入库测试资源${n}`,
        summary: '入库测试（合成数据）',
        category: 'department',
        format: 'database',
        shareType: 'unconditional',
        shareMethod: 'api',
        updateCycle: 'daily',
        items,
      })
      await s.catalog.workflow.submit(cataloger, created.id)
      await s.catalog.workflow.review(reviewer, created.id, { decision: 'approve' })
      return created.id
    }

    const stored = async (resourceId: string, i: number) => {
      const row = await sql<{ data: string; version: number; deleted: number }>`select data, version, deleted
        from records where resource_id = ${resourceId} and key_hash = ${keyHashOf(keys, id(i))}`.execute(s.db)
      const found = row.rows[0]
      return found && { ...found, data: decodeData(keys, found.data) }
    }
    const history = async (resourceId: string, i: number) =>
      (
        await sql<{ data: string; version: number }>`select data, version from record_history
          where resource_id = ${resourceId} and key_hash = ${keyHashOf(keys, id(i))} order by version`.execute(
          s.db,
        )
      ).rows.map((row) => ({ version: row.version, data: decodeData(keys, row.data) }))
    const count = async (resourceId: string) =>
      Number(
        (
          await sql<{
            n: number
          }>`select count(*) as n from records where resource_id = ${resourceId}`.execute(s.db)
        ).rows[0]?.n,
      )

    it('takes a batch of new keys with a few stored after the probe: counts, versions and history', async () => {
      const resourceId = await publish()
      await s.exchange.ingest.ingest(cataloger, resourceId, { records: people(500, 510) })
      await s.exchange.ingest.deleteRecords(cataloger, resourceId, [id(502)])
      const batch = people(0, 800)
      batch[501] = person(501, '改名')
      const result = await s.exchange.ingest.ingest(cataloger, resourceId, { records: batch })
      // 500..509 were stored: 501 changed, 502 deleted (so stored again), the other 8 unchanged.
      expect(result).toEqual({ inserted: 790, updated: 2, unchanged: 8 })
      expect(await count(resourceId)).toBe(800)
      expect(await stored(resourceId, 0)).toMatchObject({ version: 1, data: person(0) })
      expect(await stored(resourceId, 501)).toMatchObject({ version: 2, data: person(501, '改名') })
      expect(await history(resourceId, 501)).toEqual([{ version: 1, data: person(501) }])
      expect(await stored(resourceId, 502)).toMatchObject({ version: 3, deleted: 0, data: person(502) })
      expect((await history(resourceId, 502)).map((h) => h.version)).toEqual([1, 2])
      expect(await stored(resourceId, 503)).toMatchObject({ version: 1 })
    })

    it('reloads a batch: unchanged records untouched, changed ones replaced, new ones added', async () => {
      const resourceId = await publish()
      expect(await s.exchange.ingest.ingest(cataloger, resourceId, { records: people(0, 600) })).toEqual({
        inserted: 600,
        updated: 0,
        unchanged: 0,
      })
      const batch = [...people(0, 600), ...people(600, 650)]
      batch[0] = person(0, '甲')
      batch[599] = person(599, '乙')
      expect(await s.exchange.ingest.ingest(cataloger, resourceId, { records: batch })).toEqual({
        inserted: 50,
        updated: 2,
        unchanged: 598,
      })
      expect(await stored(resourceId, 599)).toMatchObject({ version: 2, data: person(599, '乙') })
      expect(await history(resourceId, 599)).toEqual([{ version: 1, data: person(599) }])
      expect(await stored(resourceId, 1)).toMatchObject({ version: 1 })
      expect(await count(resourceId)).toBe(650)
      const entries = await sql<{ details: string }>`select details from audit_entries
        where action = 'exchange.ingest' and object_id = ${resourceId} order by seq`.execute(s.db)
      expect(entries.rows.map((row) => JSON.parse(row.details))).toMatchObject([
        { inserted: 600, updated: 0, unchanged: 0, records: 600 },
        { inserted: 50, updated: 2, unchanged: 598, records: 650 },
      ])
    })

    it('compares and replaces records stored one ciphertext per value (the earlier format)', async () => {
      const resourceId = await publish()
      await s.exchange.ingest.ingest(cataloger, resourceId, { records: people(0, 2) })
      for (const i of [0, 1]) {
        const old = JSON.stringify({
          公民身份号码: encryptField(keys, id(i)),
          姓名: encryptField(keys, `测试${i}`),
          性别: person(i).性别,
        })
        await sql`update records set data = ${old}
          where resource_id = ${resourceId} and key_hash = ${keyHashOf(keys, id(i))}`.execute(s.db)
      }
      const result = await s.exchange.ingest.ingest(cataloger, resourceId, {
        records: [person(0), person(1, '新名')],
      })
      expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 1 })
      expect(await stored(resourceId, 1)).toMatchObject({ version: 2, data: person(1, '新名') })
      expect(await history(resourceId, 1)).toEqual([{ version: 1, data: person(1) }])
    })

    it('refuses a key twice and a bad record anywhere in the batch, storing nothing', async () => {
      const resourceId = await publish()
      const twice = [...people(0, 700), person(3)]
      await expect(s.exchange.ingest.ingest(cataloger, resourceId, { records: twice })).rejects.toMatchObject(
        {
          code: 'EXCHANGE_INVALID_RECORD',
          details: { index: 700, item: '公民身份号码' },
        },
      )
      const bad: Array<Record<string, unknown>> = people(0, 700)
      bad[650] = { ...person(650), 性别: true } // not text
      await expect(s.exchange.ingest.ingest(cataloger, resourceId, { records: bad })).rejects.toMatchObject({
        code: 'EXCHANGE_INVALID_RECORD',
        details: { index: 650, item: '性别' },
      })
      expect(await count(resourceId)).toBe(0)
    })

    const resident = (i: number, name = `测试${i}`) => ({
      ...person(i, name),
      住址: `云南省昆明市五华区${i}号`,
    })

    it('merges by default: an item left out keeps its stored value, an explicit null clears it', async () => {
      const resourceId = await publish(WITH_ADDRESS)
      await s.exchange.ingest.ingest(cataloger, resourceId, { records: [resident(0), resident(1)] })
      const { 住址: _left, ...withoutAddress } = resident(0, '改名')
      const result = await s.exchange.ingest.ingest(cataloger, resourceId, {
        records: [
          withoutAddress,
          { 公民身份号码: id(1), 姓名: '测试1' },
          { 公民身份号码: id(2), 姓名: '新人' },
        ],
      })
      // 1 names only values it already holds: unchanged; 2 is new, its absent items null.
      expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 1 })
      expect(await stored(resourceId, 0)).toMatchObject({ version: 2, data: resident(0, '改名') })
      expect(await history(resourceId, 0)).toEqual([{ version: 1, data: resident(0) }])
      expect(await stored(resourceId, 1)).toMatchObject({ version: 1, data: resident(1) })
      expect(await stored(resourceId, 2)).toMatchObject({
        data: { 公民身份号码: id(2), 姓名: '新人', 性别: null, 住址: null },
      })
      await s.exchange.ingest.ingest(cataloger, resourceId, {
        records: [{ 公民身份号码: id(1), 住址: null }],
      })
      expect(await stored(resourceId, 1)).toMatchObject({ version: 2, data: { ...resident(1), 住址: null } })
    })

    it('replace: a record without an item is refused with its index and item, nothing stored', async () => {
      const resourceId = await publish(WITH_ADDRESS)
      await s.exchange.ingest.ingest(cataloger, resourceId, { records: [resident(0)] })
      const { 住址: _left, ...withoutAddress } = resident(0, '改名')
      await expect(
        s.exchange.ingest.ingest(cataloger, resourceId, {
          records: [resident(3), withoutAddress],
          mode: 'replace',
        }),
      ).rejects.toMatchObject({
        code: 'EXCHANGE_INVALID_RECORD',
        details: { index: 1, item: '住址', reason: expect.stringContaining('replace') },
      })
      expect(await stored(resourceId, 0)).toMatchObject({ version: 1, data: resident(0) })
      expect(await stored(resourceId, 3)).toBeUndefined()
      const full = await s.exchange.ingest.ingest(cataloger, resourceId, {
        records: [{ ...resident(0, '改名'), 住址: null }],
        mode: 'replace',
      })
      expect(full).toEqual({ inserted: 0, updated: 1, unchanged: 0 })
      expect(await stored(resourceId, 0)).toMatchObject({ data: { ...resident(0, '改名'), 住址: null } })
    })

    it('imports a CSV without the 住址 column: merge keeps it, replace names the missing item', async () => {
      const resourceId = await publish(WITH_ADDRESS)
      await s.exchange.ingest.ingest(cataloger, resourceId, { records: [resident(0)] })
      const csv = () => ({
        stream: Readable.from([`公民身份号码,姓名,性别\n${id(0)},改名,男\n`]),
        size: 0,
        format: 'csv' as const,
      })
      const replaced = await s.exchange.files.importStream(cataloger, resourceId, csv(), { mode: 'replace' })
      expect(replaced).toMatchObject({ complete: false, stored: 0, problems: [{ row: 2, item: '住址' }] })
      expect(await stored(resourceId, 0)).toMatchObject({ version: 1, data: resident(0) })
      const merged = await s.exchange.files.importStream(cataloger, resourceId, csv())
      expect(merged).toMatchObject({ complete: true, updated: 1, missingItems: ['住址'] })
      expect(await stored(resourceId, 0)).toMatchObject({
        version: 2,
        data: { ...resident(0, '改名'), 性别: '男' },
      })
    })

    it('refuses a source change time more than 5 minutes ahead, and marks an undeclared one', async () => {
      const resourceId = await publish()
      // The clock reads 02:00Z: 02:04 is within the allowed skew, 02:06 is not.
      await expect(
        s.exchange.ingest.ingest(cataloger, resourceId, {
          records: people(0, 1),
          sourceChangedAt: '2026-11-25T10:06:00+08:00',
        }),
      ).rejects.toMatchObject({ code: 'EXCHANGE_SOURCE_TIME_IN_FUTURE' })
      expect(await count(resourceId)).toBe(0)
      await s.exchange.ingest.ingest(cataloger, resourceId, {
        records: people(0, 1),
        sourceChangedAt: '2026-11-25T02:04:00Z',
      })
      await s.exchange.ingest.ingest(cataloger, resourceId, { records: people(1, 2) })
      const rows = await sql<{ key_hash: string; change_time_declared: number; lag_days: number | null }>`
        select key_hash, change_time_declared, lag_days from records where resource_id = ${resourceId}`.execute(
        s.db,
      )
      const byKey = new Map(rows.rows.map((row) => [row.key_hash, row]))
      expect(byKey.get(keyHashOf(keys, id(0)))).toMatchObject({ change_time_declared: 1, lag_days: 0 })
      // Undeclared: no lag is made up from the arrival time.
      expect(byKey.get(keyHashOf(keys, id(1)))).toMatchObject({ change_time_declared: 0, lag_days: null })
    })

    it('leaves nothing of a batch whose statement fails in a later chunk', async () => {
      const resourceId = await publish()
      const resource = await publishedResource(s.db, resourceId)
      const records = people(0, 900).map((data) => ({ data }))
      const real = createIngestRepo(t.handle.native)
      let inserts = 0
      const failing = {
        ...real,
        insertNewRecords: async (...args: Parameters<typeof real.insertNewRecords>) => {
          inserts += 1
          if (inserts === 3) {
            throw new Error('disk full')
          }
          return real.insertNewRecords(...args)
        },
      }
      const write = inTransaction(s.db, (trx) =>
        writeBatch(trx, failing, keys, {
          resourceId,
          items: resource?.items ?? [],
          records,
          hashes: records.map(({ data }) => keyHashOf(keys, data.公民身份号码)),
          sourceChangedAt: '2026-11-25T00:00:00.000Z',
          arrivedAt: '2026-11-25T02:00:00.000Z',
          lagDays: 0,
          changeTimeDeclared: true,
        }),
      )
      await expect(write).rejects.toThrow('disk full')
      expect(inserts).toBe(4) // every chunk was sent before the third one's failure came back
      expect(await count(resourceId)).toBe(0)
      // The connection is usable afterwards (nothing left running in the rolled-back transaction).
      await s.exchange.ingest.ingest(cataloger, resourceId, { records: people(0, 3) })
      expect(await count(resourceId)).toBe(3)
    })
  })
}
