/** The alias table: rows of differently made county platforms read as the same resource input. */
import { describe, expect, it } from 'vitest'
import { cell, itemList, resourceInput } from './format.js'

describe('county export rows', () => {
  it('reads English, Chinese and snake_case names of common platforms alike', () => {
    const english = resourceInput(
      {
        res_code: 'A1',
        Title: '登记信息',
        description: '摘要',
        category: 'department',
        format: 'database',
        sharingType: 'conditional',
        basis: '《条例》第三条',
        shareCondition: '仅限核验',
        sharing_method: 'api',
        updateFrequency: 'monthly',
      },
      [{ name: '编号', type: 'string', is_key: 'Y', fieldLength: '20' }],
    )
    const chinese = resourceInput(
      {
        信息资源代码: 'A1',
        信息资源名称: '登记信息',
        信息资源摘要: '摘要',
        资源分类: '部门信息资源',
        资源格式: '数据库',
        共享属性: '有条件共享',
        共享依据: '《条例》第三条',
        共享条件: '仅限核验',
        共享方式: '接口服务',
        更新频率: '每月',
      },
      [{ 字段名称: '编号', 字段类型: '字符型', 是否主键: '是', 字段长度: 20 }],
    )
    expect(chinese).toEqual(english)
    expect(english).toMatchObject({ shareType: 'conditional', items: [{ key: true, length: 20 }] })
  })

  it('keeps an unknown label for the schema check to refuse, and splits item lists', () => {
    expect(resourceInput({ 共享类型: '部分共享' }, []).shareType).toBe('部分共享')
    expect(itemList('姓名、公民身份号码, 住址;电话')).toEqual(['姓名', '公民身份号码', '住址', '电话'])
    expect(itemList(['姓名', ' '])).toEqual(['姓名'])
    expect(cell({ 'Resource Code': '' }, 'resourceCode')).toBeUndefined()
  })
})
