/** The open catalog's pure parts: CKAN's parameters, names, times and tags; the DCAT vocabularies. */
import { describe, expect, it } from 'vitest'
import { THEMES, UPDATE_CYCLES } from '../vocabulary.js'
import { ckanTime, derivedId, tagNameOf } from './ckan-mapper.js'
import { filterQueryOf, organizationListOf, packageIdOf, searchParamsOf } from './ckan-params.js'
import { codeOfSlug, slugOf } from './dataset.js'
import { DATA_THEME, FREQUENCY } from './dcat-mapper.js'

describe('CKAN parameters', () => {
  it('reads package_search as CKAN does: defaults, text or JSON numbers, *:* for all', () => {
    expect(searchParamsOf({})).toMatchObject({
      q: undefined,
      rows: 10,
      start: 0,
      sort: 'metadata_modified desc',
      order: 'modified_desc',
      organizations: [],
    })
    expect(searchParamsOf({ q: '*:*', rows: '20', start: 40 })).toMatchObject({
      q: undefined,
      rows: 20,
      start: 40,
    })
    expect(searchParamsOf({ sort: 'score desc, metadata_modified desc' }).order).toBe('modified_desc')
    expect(searchParamsOf({ sort: 'name  ASC' }).order).toBe('name_asc')
  })

  it('refuses what CKAN refuses, naming the field', () => {
    const refused = (input: Record<string, unknown>) => {
      try {
        searchParamsOf(input)
        return undefined
      } catch (error) {
        return (error as { code: string; details: { field: string } }).details.field // an AppError
      }
    }
    expect(refused({ rows: 1001 })).toBe('rows')
    expect(refused({ rows: 'ten' })).toBe('rows')
    expect(refused({ start: -1 })).toBe('start')
    expect(refused({ sort: 'views_recent desc' })).toBe('sort')
    expect(refused({ fq: 'res_format:CSV' })).toBe('fq')
    expect(refused({ q: { nested: true } })).toBe('q')
    expect(() => packageIdOf({})).toThrow()
    expect(() => organizationListOf({ all_fields: 'maybe' })).toThrow()
  })

  it('reads the filter clauses harvesters send', () => {
    expect(filterQueryOf('+organization:"11530100mb0001030e" +dataset_type:dataset')).toEqual({
      organizations: ['11530100mb0001030e'],
      modifiedFrom: undefined,
      modifiedTo: undefined,
    })
    expect(filterQueryOf('metadata_modified:[2026-11-25T02:00:00.000000 TO *]')).toEqual({
      organizations: [],
      modifiedFrom: '2026-11-25T02:00:00.000Z',
      modifiedTo: undefined,
    })
    expect(filterQueryOf('organization:a organization:b').organizations).toEqual(['a', 'b'])
    expect(filterQueryOf('')).toEqual({ organizations: [], modifiedFrom: undefined, modifiedTo: undefined })
  })

  it('organization_list: names by default, all_fields as text or boolean', () => {
    expect(organizationListOf({})).toEqual({
      limit: undefined,
      offset: 0,
      allFields: false,
      sort: 'name asc',
    })
    expect(organizationListOf({ all_fields: 'True', limit: '5', offset: '1' })).toMatchObject({
      allFields: true,
      limit: 5,
      offset: 1,
    })
  })
})

describe('CKAN names, times and tags', () => {
  it('names a dataset by its code, URL-safe, and reads the code back', () => {
    expect(slugOf('202/000001')).toBe('202-000001')
    expect(codeOfSlug('202-000001')).toBe('202/000001')
    expect(slugOf('3010010001/0000012')).toMatch(/^[a-z0-9_-]{2,100}$/)
  })

  it('writes times as CKAN does: UTC, no offset, microseconds', () => {
    expect(ckanTime('2026-12-06T08:27:09.955+08:00')).toBe('2026-12-06T00:27:09.955000')
  })

  it('keeps tags within CKAN’s rule and ids stable', () => {
    expect(tagNameOf('公民身份号码（18位）')).toBe('公民身份号码 18位')
    expect(tagNameOf('名')).toBeNull()
    expect(derivedId('tag:姓名')).toBe(derivedId('tag:姓名'))
    expect(derivedId('tag:姓名')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})

describe('DCAT-AP vocabularies', () => {
  it('maps every update cycle to the EU frequency vocabulary and every theme to an EU data theme', () => {
    for (const cycle of UPDATE_CYCLES) {
      expect(FREQUENCY[cycle]).toMatch(
        /^http:\/\/publications\.europa\.eu\/resource\/authority\/frequency\/[A-Z_]+$/,
      )
    }
    for (const theme of [...THEMES, 'none' as const]) {
      expect(DATA_THEME[theme]).toMatch(
        /^http:\/\/publications\.europa\.eu\/resource\/authority\/data-theme\/[A-Z]{4}$/,
      )
    }
  })
})
