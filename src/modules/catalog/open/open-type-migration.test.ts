/**
 * Migration 202612060050 on a catalog that already has resources, every dialect: the new
 * open_type column is filled from each resource's published version (a draft after it does not
 * count), or from the latest draft before any publication.
 */
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { publish, resourceInput } from '../../../../test/support/service-kit.js'
import { type Person, type ServiceTest, setup } from '../../../../test/support/services.js'
import { down, up } from '../../../db/migrations/202612060050_open_type.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: migration 202612060050_open_type`, () => {
    let t: ServiceTest
    let cataloger: Person
    let reviewer: Person
    beforeAll(async () => {
      t = await setup(dialect)
      cataloger = await t.person(await t.department(), ['cataloger'])
      reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
    })
    afterAll(async () => {
      await t?.cleanup()
    })

    it('fills open_type from the published version, else the latest draft', async () => {
      const { catalog } = t.services
      const open = await publish(t, cataloger, reviewer, { name: '迁移开放名录', openType: 'open' })
      const conditional = await publish(t, cataloger, reviewer, {
        name: '迁移有条件名录',
        openType: 'conditional',
        openCondition: '仅限科研',
      })
      const closing = await publish(t, cataloger, reviewer, { name: '迁移关闭名录', openType: 'open' })
      await catalog.catalog.updateResource(
        cataloger,
        closing,
        resourceInput({ name: '迁移关闭名录', openType: 'not_open' }),
      )
      const draft = (
        await catalog.catalog.createResource(cataloger, resourceInput({ name: '迁移草稿', openType: 'open' }))
      ).id
      const legacy = await publish(t, cataloger, reviewer, { name: '迁移旧名录' })

      // Migrations take the database untyped: they run against the schema before them.
      const untyped = t.db as unknown as Kysely<unknown>
      await down(untyped)
      await up(untyped)

      const rows = await t.db.selectFrom('resources').select(['id', 'open_type']).execute()
      const openType = new Map(rows.map((row) => [row.id, row.open_type]))
      expect([open, conditional, closing, draft, legacy].map((id) => openType.get(id))).toEqual([
        'open',
        'conditional',
        'open',
        'open',
        'not_open',
      ])
    })
  })
}
