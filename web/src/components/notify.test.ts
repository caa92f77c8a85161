import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/client'
import type { Translate } from '../i18n'
import { en } from '../i18n/en'
import { zh } from '../i18n/zh'
import { errorText } from './notify'

const translator =
  (messages: Record<string, string>): Translate =>
  (key, vars) =>
    (messages[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => String(vars?.[name] ?? whole))

const refusal = (field: string) =>
  new ApiError(400, 'VALIDATION_FAILED', '请求参数不符合要求', { field: `body.${field}` })

describe('errorText: a refusal names its field as people read it', () => {
  it('names a known field by its label, never by the API name', () => {
    expect(errorText(refusal('validTo'), translator(zh))).toBe('请求参数不符合要求（字段：有效期至）')
    expect(errorText(refusal('items/0/name'), translator(zh))).toBe('请求参数不符合要求（字段：名称）')
    expect(errorText(refusal('validTo'), translator(en))).toBe('请求参数不符合要求 (field: valid to)')
  })

  it('leaves out a field it has no label for rather than showing the raw name', () => {
    expect(errorText(refusal('somethingNew'), translator(zh))).toBe('请求参数不符合要求')
  })
})
