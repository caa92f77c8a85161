import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { logged, publish, resourceInput } from '../../../../test/support/service-kit.js'
import { type Person, type ServiceTest, setup } from '../../../../test/support/services.js'
import { SEED_ELEMENTS } from '../../../db/migrations/202612060010_data_elements.js'
import type { ItemInput } from '../schema.js'
import { nameKey } from './names.js'

const ID: ItemInput = { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' }

describe('data-element names', () => {
  it('match whatever the width, case, spacing or script', () => {
    expect(nameKey(' 身份证 号 ')).toBe('身份证号')
    expect(nameKey('ＩＤ－Ｎｏ．')).toBe('idno')
    expect(nameKey('身份證號')).toBe('身份证号')
  })
  it('are seeded in their matching form, each name meaning one element', () => {
    const names = SEED_ELEMENTS.flatMap(([, name, , , synonyms]) => [name, ...synonyms])
    expect(names.map(nameKey)).toEqual(names)
    expect(new Set(names).size).toBe(names.length)
    expect(SEED_ELEMENTS.length).toBeGreaterThanOrEqual(25)
  })
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: data elements and one data, one source (Art. 16)`, () => {
    let t: ServiceTest
    let psb: string
    let psbCataloger: Person
    let civilCataloger: Person
    let hrssCataloger: Person
    let reviewer: Person
    let sourceId: string
    let sourceItemCode: string
    let rivalItemCode: string

    const itemCodeOf = async (resourceId: string, name: string) => {
      const view = await t.services.catalog.catalog.getResource(reviewer, resourceId)
      return view.items.find((item) => item.name === name)?.code ?? ''
    }

    beforeAll(async () => {
      t = await setup(dialect)
      psb = await t.department('市公安局')
      psbCataloger = await t.person(psb, ['cataloger'])
      civilCataloger = await t.person(await t.department('市民政局'), ['cataloger'])
      hrssCataloger = await t.person(await t.department('市人社局'), ['cataloger'])
      reviewer = await t.person(t.bureauId, ['bureau_reviewer'])
      // A rival published before any source was named: its 身份证号码 is the same element.
      const rival = await publish(t, hrssCataloger, reviewer, {
        name: '参保人员信息',
        items: [
          { ...ID, name: '身份证号码' },
          { name: '参保状态', dataType: 'string' },
        ],
      })
      rivalItemCode = await itemCodeOf(rival, '身份证号码')
      sourceId = await publish(t, psbCataloger, reviewer, { name: '人口基础信息' })
      sourceItemCode = await itemCodeOf(sourceId, '公民身份号码')
      await t.services.catalog.admin.markAuthoritative(reviewer, { itemCode: sourceItemCode })
    })
    afterAll(async () => {
      await t?.cleanup()
    })

    it('finds an element by a synonym typed any way, with its authoritative item', async () => {
      const { items } = await t.services.catalog.elements.searchElements({ q: '身份证 号' })
      expect(items[0]).toMatchObject({ code: 'DE0001', name: '公民身份号码', matchedName: '身份证号' })
      expect(items[0]?.sources).toEqual([
        expect.objectContaining({
          itemCode: sourceItemCode,
          resourceId: sourceId,
          resourceName: '人口基础信息',
          departmentId: psb,
          departmentName: '市公安局',
        }),
      ])
      const byCode = await t.services.catalog.elements.searchElements({ q: 'de0002' })
      expect(byCode.items[0]?.name).toBe('统一社会信用代码')
      const all = await t.services.catalog.elements.searchElements({})
      expect(all.total).toBe(SEED_ELEMENTS.length)
    })

    it('records the element of an authoritative item and of the items written', async () => {
      const marks = await t.services.catalog.admin.listAuthoritative()
      expect(marks).toEqual([
        expect.objectContaining({ standardName: '公民身份号码', elementCode: 'DE0001' }),
      ])
      const entries = await logged(t, 'catalog.authoritative_set')
      expect(entries.at(-1)).toMatchObject({
        objectId: sourceItemCode,
        details: { standardName: '公民身份号码', elementCode: 'DE0001' },
      })
      const rival = await t.services.catalog.catalog.getResource(reviewer, sourceId)
      expect(rival.items.map((item) => item.elementCode)).toEqual(['DE0001', 'DE0003', 'DE0008'])
    })

    it('refuses a synonym of an authoritative element as a new item, naming the source', async () => {
      for (const name of ['身份证号', '身份證號', ' 居民身份证 号码 ']) {
        await expect(
          t.services.catalog.catalog.createResource(
            civilCataloger,
            resourceInput({ name: '低保对象信息', items: [{ ...ID, name }] }),
          ),
        ).rejects.toMatchObject({
          code: 'CATALOG_AUTHORITATIVE_ITEM_EXISTS',
          details: {
            field: 'items.0.name',
            authoritativeItemCode: sourceItemCode,
            resourceId: sourceId,
            resourceName: '人口基础信息',
            resourceCode: expect.any(String),
            providerId: psb,
            providerName: '市公安局',
            elementCode: 'DE0001',
          },
        })
      }
      // Named its own way but declared as the element: still the same data.
      await expect(
        t.services.catalog.catalog.createResource(
          civilCataloger,
          resourceInput({ items: [{ ...ID, name: '申请人证件号', elementCode: 'DE0001' }] }),
        ),
      ).rejects.toMatchObject({ code: 'CATALOG_AUTHORITATIVE_ITEM_EXISTS' })
      await expect(
        t.services.catalog.catalog.createResource(
          civilCataloger,
          resourceInput({ items: [{ ...ID, elementCode: 'DE9999' }] }),
        ),
      ).rejects.toMatchObject({ code: 'CATALOG_ELEMENT_UNKNOWN', details: { field: 'items.0.elementCode' } })
    })

    it('accepts the item when it references the source, and the source department its own names', async () => {
      const created = await t.services.catalog.catalog.createResource(
        civilCataloger,
        resourceInput({
          name: '低保对象信息',
          items: [
            { ...ID, name: '身份证号', authoritativeItemCode: sourceItemCode },
            { name: '姓名', dataType: 'string' },
          ],
        }),
      )
      expect(created.items.map((item) => [item.name, item.authoritativeItemCode, item.elementCode])).toEqual([
        ['身份证号', sourceItemCode, 'DE0001'],
        ['姓名', null, 'DE0003'],
      ])
      // A reference must be to the same data: 姓名 cannot repeat the source of 公民身份号码.
      await expect(
        t.services.catalog.catalog.createResource(
          civilCataloger,
          resourceInput({ items: [{ ...ID, name: '姓名', authoritativeItemCode: sourceItemCode }] }),
        ),
      ).rejects.toMatchObject({
        code: 'CATALOG_AUTHORITATIVE_REFERENCE_INVALID',
        details: { field: 'items.0.authoritativeItemCode', elementCode: 'DE0001', itemElementCode: 'DE0003' },
      })
      const own = await t.services.catalog.catalog.createResource(
        psbCataloger,
        resourceInput({ name: '暂住人口信息', items: [{ ...ID, name: '身份证号码' }] }),
      )
      expect(own.items[0]?.elementCode).toBe('DE0001')
    })

    it('refuses a second department as the source of an element, naming the current one', async () => {
      for (const body of [
        { itemCode: rivalItemCode },
        { itemCode: rivalItemCode, standardName: '公民身份号码' },
      ]) {
        await expect(t.services.catalog.admin.markAuthoritative(reviewer, body)).rejects.toMatchObject({
          code: 'CATALOG_ELEMENT_SOURCE_EXISTS',
          details: {
            elementCode: 'DE0001',
            itemCode: sourceItemCode,
            resourceName: '人口基础信息',
            departmentId: psb,
            departmentName: '市公安局',
          },
        })
      }
      await expect(
        t.services.catalog.admin.markAuthoritative(reviewer, {
          itemCode: rivalItemCode,
          elementCode: 'DE9999',
        }),
      ).rejects.toMatchObject({ code: 'CATALOG_ELEMENT_UNKNOWN' })
      expect(await t.services.catalog.admin.listAuthoritative()).toHaveLength(1)
    })

    it('lets only the bureau edit the dictionary, logs each edit, and applies it at once', async () => {
      const { elements } = t.services.catalog
      const body = { code: 'DE9001', name: '参保状态', dataType: 'string' as const, synonyms: ['参保情况'] }
      await expect(elements.createElement(hrssCataloger, body)).rejects.toMatchObject({ code: 'FORBIDDEN' })
      const created = await elements.createElement(reviewer, {
        ...body,
        definition: '人员参加社会保险的状态',
      })
      expect(created).toMatchObject({ code: 'DE9001', synonyms: ['参保情况'], sources: [] })
      await expect(elements.createElement(reviewer, body)).rejects.toMatchObject({
        code: 'CATALOG_ELEMENT_EXISTS',
      })
      await expect(
        elements.createElement(reviewer, { ...body, code: 'DE9002', name: '证件号', synonyms: ['身份证号'] }),
      ).rejects.toMatchObject({ code: 'CATALOG_ELEMENT_NAME_TAKEN', details: { elementCode: 'DE0001' } })
      await expect(
        elements.updateElement(hrssCataloger, 'DE9001', { name: '参保状态', dataType: 'string' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(
        elements.updateElement(reviewer, 'DE9999', { name: '参保状态', dataType: 'string' }),
      ).rejects.toMatchObject({ code: 'CATALOG_ELEMENT_NOT_FOUND' })
      const updated = await elements.updateElement(reviewer, 'DE9001', {
        name: '参保状态',
        dataType: 'string',
        synonyms: ['参保情况', '缴费状态', '参保情况'],
      })
      expect(updated.synonyms).toEqual(['参保情况', '缴费状态'])
      expect((await elements.searchElements({ q: '缴费' })).items.map((e) => e.code)).toEqual(['DE9001'])
      const edits = [
        ...(await logged(t, 'catalog.element_create')),
        ...(await logged(t, 'catalog.element_update')),
      ]
      expect(edits.map((e) => [e.action, e.objectId, e.actor])).toEqual([
        ['catalog.element_create', 'DE9001', reviewer.name],
        ['catalog.element_update', 'DE9001', reviewer.name],
      ])
      expect(edits[1]?.details).toMatchObject({
        synonyms: ['参保情况', '缴费状态'],
        previous: { synonyms: ['参保情况'] },
      })
      const inferred = await t.services.catalog.catalog.createResource(
        civilCataloger,
        resourceInput({
          name: '救助对象参保信息',
          items: [{ name: '缴费状态', dataType: 'string', key: true }],
        }),
      )
      expect(inferred.items[0]?.elementCode).toBe('DE9001')
    })
  })
}
