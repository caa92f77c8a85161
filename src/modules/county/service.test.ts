/**
 * Art. 21 on every dialect: a synthetic county export of 200 resources and 10 000 records. The dry
 * run predicts the real run exactly; a second run changes nothing; a run interrupted after a batch
 * resumes to the same end; refused rows come back with their reasons.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { type ServiceTest, setup } from '../../../test/support/services.js'
import { idNumber } from '../../../test/support/synthetic-people.js'
import { SYSTEM_ACTOR } from '../../shared/actor.js'
import { buildUscc } from '../org/index.js'
import { readCountyExport } from './index.js'

const ACTOR = { ...SYSTEM_ACTOR, name: 'cli' }
const RESOURCES = 200
const PER_RESOURCE = 50
const TABLES = [
  'resources',
  'resource_versions',
  'items',
  'grants',
  'grant_items',
  'sharing_requests',
  'records',
  'record_history',
  'county_migration_keys',
] as const

let t: ServiceTest | undefined
let folder: string | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
  if (folder) {
    fs.rmSync(folder, { recursive: true, force: true })
  }
})

const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** The county, three departments under it; an export folder (JSON) naming them, with refusals planted. */
async function countyExport(test: ServiceTest) {
  const { org } = test.services
  const countyCode = buildUscc('11', '530112', 'CT000001')
  const county = await org.createDepartment(test.admin, {
    code: countyCode,
    name: '西山区（测试）',
    level: 'county',
  })
  const departments: string[] = []
  for (let i = 1; i <= 3; i++) {
    const code = buildUscc('11', '530112', `CD${pad(i, 6)}`)
    await org.createDepartment(test.admin, {
      code,
      name: `西山区测试局${i}`,
      level: 'county',
      parentId: county.id,
    })
    departments.push(code)
  }
  const unknownDepartment = buildUscc('11', '530112', 'CX999999')
  const resources = Array.from({ length: RESOURCES }, (_, i) => ({
    资源编码: `XS-${pad(i + 1, 4)}`,
    资源名称: `西山区测试资源${i + 1}`,
    资源摘要: `西山区迁移测试资源${i + 1}的摘要`,
    资源分类: 'department',
    资源格式: 'database',
    共享类型: '无条件共享',
    共享方式: 'api',
    更新周期: 'daily',
    提供部门代码: i === 7 ? unknownDepartment : departments[i % 3],
    网络区域: i === 11 ? '政务内网' : undefined,
    items: [
      {
        信息项名称: '公民身份号码',
        数据类型: 'string',
        是否主键: i === 9 ? '否' : '是',
        敏感类别: 'id_number',
      },
      { 信息项名称: '姓名', 数据类型: 'string', 敏感类别: 'name' },
      { 信息项名称: '办理事项', 数据类型: 'string' },
    ],
  }))
  fs.mkdirSync(path.join(folder ?? '', 'records'), { recursive: true })
  const dir = folder ?? ''
  fs.writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      format: 'govshare-county/1',
      platform: 'synthetic',
      county: { code: countyCode, name: '西山区' },
    }),
  )
  fs.writeFileSync(path.join(dir, 'resources.json'), JSON.stringify(resources))
  const cityDepartment = buildUscc('11', '530100', 'CY000001')
  await org.createDepartment(test.admin, { code: cityDepartment, name: '市测试局', level: 'city' })
  const grant = (resource: number, consumer: string, items = ['公民身份号码', '姓名']) => ({
    资源编码: `XS-${pad(resource + 1, 4)}`,
    使用部门代码: consumer,
    授权信息项: items.join('、'),
    有效期至: '2027-12-31',
    用途: '业务办理核验',
  })
  const grants = [
    ...Array.from({ length: 100 }, (_, i) => grant(i, departments[(i + 1) % 3] ?? '')),
    grant(0, departments[0] ?? ''),
    grant(1, unknownDepartment),
    grant(2, cityDepartment, ['不存在的信息项']),
  ]
  fs.writeFileSync(path.join(dir, 'grants.json'), JSON.stringify(grants))
  fs.writeFileSync(
    path.join(dir, 'departments.json'),
    JSON.stringify(
      [...departments, unknownDepartment].map((code, i) => ({ 部门代码: code, 部门名称: `部门${i}` })),
    ),
  )
  for (let r = 0; r < RESOURCES; r++) {
    const records = Array.from({ length: PER_RESOURCE }, (_, k) => {
      const birth = { digits: `19${pad(50 + (r % 40), 2)}${pad((k % 12) + 1, 2)}${pad((r % 28) + 1, 2)}` }
      const id = idNumber('990101', birth as never, pad(k * 7 + 1, 3))
      return {
        公民身份号码: r === 3 && k === 5 ? '99010119800101123X' : id,
        姓名: `测试${r}-${k}`,
        办理事项: `事项${k}`,
      }
    })
    fs.writeFileSync(path.join(dir, 'records', `XS-${pad(r + 1, 4)}.json`), JSON.stringify(records))
  }
  fs.writeFileSync(path.join(dir, 'records', 'XS-9999.json'), JSON.stringify([{ 公民身份号码: '1' }]))
  return dir
}

type Counted = Record<(typeof TABLES)[number] | 'audit_entries', number>

async function rowCounts(test: ServiceTest): Promise<Counted> {
  const out = {} as Counted // every key is set by the loop below
  for (const table of [...TABLES, 'audit_entries'] as const) {
    const row = await test.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    out[table] = Number(row.n)
  }
  return out
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: county migration`, () => {
    it('dry run predicts the run exactly; a second run changes nothing; refusals carry reasons', async () => {
      t = await setup(dialect)
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'county-'))
      const source = await readCountyExport(await countyExport(t))
      const county = t.services.county

      const before = await rowCounts(t)
      const dry = await county.dryRun(ACTOR, source)
      const afterDry = await rowCounts(t)
      // The dry run's own entry and the refusal of the internal-zone resource (Art. 20, 33), nothing else.
      expect(afterDry).toEqual({ ...before, audit_entries: before.audit_entries + 2 })
      expect(dry.counts.resource).toEqual({ create: 197, change: 0, unchanged: 0, refused: 3 })
      expect(dry.counts.record).toEqual({ create: 9849, change: 0, unchanged: 0, refused: 152 })
      expect(dry.counts.department).toEqual({ create: 0, change: 0, unchanged: 3, refused: 1 })
      expect(dry.counts.grant).toEqual({ create: 97, change: 0, unchanged: 0, refused: 6 })
      const codes = new Set(dry.refused.map((r) => `${r.entity}:${r.key}:${r.code}`))
      expect(codes).toContain('resource:XS-0008:COUNTY_DEPARTMENT_UNKNOWN')
      expect(codes).toContain('resource:XS-0010:CATALOG_KEY_REQUIRED')
      expect(codes).toContain('resource:XS-0012:ZONE_NOT_ALLOWED')
      expect(codes).toContain('record:XS-0004#6:EXCHANGE_INVALID_RECORD')
      expect(codes).toContain('record:XS-9999#1:COUNTY_RESOURCE_UNKNOWN')
      expect([...codes].filter((c) => c.startsWith('grant:')).map((c) => c.split(':')[2])).toEqual([
        'COUNTY_RESOURCE_UNKNOWN',
        'COUNTY_RESOURCE_UNKNOWN',
        'COUNTY_RESOURCE_UNKNOWN',
        'SHARING_OWN_RESOURCE',
        'COUNTY_DEPARTMENT_UNKNOWN',
        'SHARING_UNKNOWN_ITEM',
      ])
      const invalidId = dry.refused.find((r) => r.key === 'XS-0004#6')
      expect(invalidId?.zh).toBeTruthy()
      expect(JSON.stringify(invalidId?.details)).toContain('GB 11643')

      const run = await county.migrate(ACTOR, source)
      expect(run.counts).toEqual(dry.counts)
      const afterRun = await rowCounts(t)
      expect(afterRun.resources - before.resources).toBe(197)
      expect(afterRun.records - before.records).toBe(9849)
      expect(afterRun.grants - before.grants).toBe(97)

      const again = await county.dryRun(ACTOR, source)
      expect(again.counts.resource).toEqual({ create: 0, change: 0, unchanged: 197, refused: 3 })
      expect(again.counts.record).toEqual({ create: 0, change: 0, unchanged: 9849, refused: 152 })
      expect(again.counts.grant).toEqual({ create: 0, change: 0, unchanged: 97, refused: 6 })
      const second = await county.migrate(ACTOR, source)
      expect(second.runId).toBeNull()
      expect(second.counts).toEqual(again.counts)
      // The second run and its dry run wrote their entries and the zone refusal each, nothing else.
      expect(await rowCounts(t)).toEqual({ ...afterRun, audit_entries: afterRun.audit_entries + 4 })

      // The county edits a resource, a grant and a record: exactly those three change.
      const edited = structuredClone(source)
      const [firstResource] = edited.resources
      const [firstGrant] = edited.grants
      const firstRecord = edited.records[0]?.rows[0]
      if (!firstResource || !firstGrant || !firstRecord) {
        throw new Error('the export is empty')
      }
      firstResource.input.summary = '西山区迁移测试资源1的新摘要'
      firstGrant.validTo = '2028-06-30'
      firstRecord.办理事项 = '新事项'
      const planned = await county.dryRun(ACTOR, edited)
      expect(planned.changes).toEqual([
        { entity: 'resource', key: 'XS-0001', fields: ['summary'] },
        { entity: 'grant', key: firstGrant ? `XS-0001|${firstGrant.consumerCode}` : '', fields: ['validTo'] },
      ])
      const applied = await county.migrate(ACTOR, edited)
      expect(applied.counts).toEqual(planned.counts)
      expect([
        applied.counts.resource.change,
        applied.counts.grant.change,
        applied.counts.record.change,
      ]).toEqual([1, 1, 1])
      expect((await county.dryRun(ACTOR, edited)).changes).toEqual([])
    }, 120_000)

    it('a run interrupted after a batch resumes to the state of an uninterrupted run', async () => {
      t = await setup(dialect)
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'county-'))
      const source = await readCountyExport(await countyExport(t))
      const county = t.services.county
      const dry = await county.dryRun(ACTOR, source)
      const before = await rowCounts(t)
      await expect(
        county.migrate(ACTOR, source, {
          afterBatch: (index) => {
            if (index === 5) {
              throw new Error('interrupted')
            }
          },
        }),
      ).rejects.toThrow('interrupted')
      const partial = await rowCounts(t)
      expect(partial.resources - before.resources).toBe(197)
      expect(partial.records - before.records).toBeLessThan(9849)
      const other = structuredClone(source)
      other.grants = []
      await expect(county.migrate(ACTOR, other)).rejects.toMatchObject({ code: 'COUNTY_RUN_IN_PROGRESS' })
      const resumed = await county.migrate(ACTOR, source)
      expect(resumed.resumed).toBe(true)
      expect(resumed.counts).toEqual(dry.counts)
      const after = await rowCounts(t)
      expect(after.resources - before.resources).toBe(197)
      expect(after.records - before.records).toBe(9849)
      expect(after.grants - before.grants).toBe(97)
      expect(after.record_history).toBe(before.record_history)
      const again = await county.dryRun(ACTOR, source)
      expect(again.counts.record.unchanged).toBe(9849)
    }, 120_000)
  })
}
