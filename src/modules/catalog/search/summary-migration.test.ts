/**
 * Migration 202612080040 on a catalog that already has published resources, every dialect: the
 * index's new summary_lower is filled from each resource's summary, so relevance's summary tier
 * ranks the same as before, when it joined the resources.
 */
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { PERSON_ITEMS, publish } from '../../../../test/support/service-kit.js'
import { type Person, type ServiceTest, setup } from '../../../../test/support/services.js'
import { down, up } from '../../../db/migrations/202612080040_search_summary.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: migration 202612080040_search_summary`, () => {
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

    it('fills summary_lower from the resources, and the summary tier ranks as before', async () => {
      const inSummary = await publish(t, cataloger, reviewer, {
        name: '迁移甲名录',
        summary: '记录ABC工伤认定的结果',
      })
      const inItemsOnly = await publish(t, cataloger, reviewer, {
        name: '迁移乙名录',
        summary: '其他内容',
        items: [...PERSON_ITEMS, { name: '工伤认定编号', dataType: 'string' }],
      })
      const before = await t.services.catalog.search.searchShared(reviewer, { q: '工伤认定' })

      const untyped = t.db as unknown as Kysely<unknown>
      await down(untyped)
      await up(untyped)

      const rows = await t.db
        .selectFrom('catalog_search_docs')
        .select(['resource_id', 'summary_lower'])
        .execute()
      const summaries = new Map(rows.map((row) => [row.resource_id, row.summary_lower]))
      expect(summaries.get(inSummary)).toBe('记录abc工伤认定的结果')
      expect(summaries.get(inItemsOnly)).toBe('其他内容')
      const after = await t.services.catalog.search.searchShared(reviewer, { q: '工伤认定' })
      const order = (result: typeof after) => result.items.map((item) => item.id)
      expect(order(after)).toEqual(order(before))
      expect(order(after).indexOf(inSummary)).toBeLessThan(order(after).indexOf(inItemsOnly))
    })
  })
}
