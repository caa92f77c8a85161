/**
 * Issue 15 item 6: a department finds a resource id from its catalog code, seeing exactly what it
 * would see by id; a code it may not see answers like an unknown one (every dialect).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/support/dialects.js'
import { publish, resourceInput } from '../../../test/support/service-kit.js'
import { type ServiceTest, setup } from '../../../test/support/services.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: catalog lookup by code`, () => {
    let t: ServiceTest
    afterEach(async () => {
      await t?.cleanup()
    })

    it('answers the published resource by code as by id, and hides drafts and none resources alike', async () => {
      t = await setup(dialect)
      const provider = await t.department()
      const consumerDept = await t.department()
      const cataloger = await t.person(provider, ['cataloger'])
      const reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
      const consumer = await t.person(consumerDept, ['consumer'])
      const { catalog } = t.services.catalog
      const publishedId = await publish(t, cataloger, reviewer)
      const published = await catalog.getResource(consumer, publishedId)
      expect(await catalog.getResourceByCode(consumer, published.code)).toEqual(published)

      const draft = await catalog.createResource(cataloger, resourceInput({ name: '婚姻登记信息' }))
      const hidden = await publish(t, cataloger, reviewer, {
        name: '内部核查信息',
        shareType: 'none',
        legalBasis: '《测试条例》第三条',
      })
      const hiddenCode = (await catalog.getResource(cataloger, hidden)).code
      for (const code of [draft.code, hiddenCode, '9/999999']) {
        const refused = await catalog.getResourceByCode(consumer, code).catch((error: unknown) => error)
        expect(refused).toMatchObject({ code: 'CATALOG_RESOURCE_NOT_FOUND', details: { code } })
        // The refusal names the code asked for, never the id of a resource the caller may not see.
        expect(JSON.stringify(refused)).not.toMatch(new RegExp(`${draft.id}|${hidden}`))
      }
      expect((await catalog.getResourceByCode(cataloger, draft.code)).id).toBe(draft.id)
      expect((await catalog.getResourceByCode(reviewer, hiddenCode)).id).toBe(hidden)
    })
  })
}
