import { readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { AppError, ERROR_CATALOG, type ErrorCode, languageOf } from './errors.js'

describe('error catalog', () => {
  const codes = Object.keys(ERROR_CATALOG) as ErrorCode[]

  it('has stable UPPER_SNAKE codes, an HTTP error status and both languages for each', () => {
    for (const code of codes) {
      const spec = ERROR_CATALOG[code]
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/)
      expect(spec.status).toBeGreaterThanOrEqual(400)
      expect(spec.status).toBeLessThan(600)
      expect(spec.zh).toMatch(/[\u4e00-\u9fff]/)
      expect(spec.en).toMatch(/^[A-Z]/)
      expect(spec.en).not.toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('gathers every area file of error-catalog/ and declares each code in one area only', async () => {
    // A spread keeps the last of two equal keys silently, so count the areas' codes one by one.
    const dir = new URL('./error-catalog/', import.meta.url)
    const files = (await readdir(dir)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    const seen = new Map<string, string>()
    for (const file of files) {
      const area: Record<string, unknown> = await import(new URL(file, dir).href)
      for (const part of Object.values(area)) {
        for (const code of Object.keys(part as object)) {
          expect(seen.get(code), `${code} in ${file} and ${seen.get(code)}`).toBeUndefined()
          seen.set(code, file)
        }
      }
    }
    expect(files.length).toBeGreaterThan(5)
    expect([...seen.keys()].sort()).toEqual([...codes].sort())
  })

  it('keeps the codes the API contract promises', () => {
    const promised: Array<[ErrorCode, number]> = [
      ['VALIDATION_FAILED', 400],
      ['AUTH_INVALID_CREDENTIALS', 401],
      ['AUTH_LOCKED', 423],
      ['AUTH_REQUIRED', 401],
      ['FORBIDDEN', 403],
      ['ORG_INVALID_CODE', 400],
      ['ORG_DUPLICATE_CODE', 409],
      ['AUTH_WEAK_PASSWORD', 400],
    ]
    for (const [code, status] of promised) {
      expect(ERROR_CATALOG[code].status).toBe(status)
    }
  })

  it('answers in English only when asked first', () => {
    expect(languageOf(undefined)).toBe('zh-CN')
    expect(languageOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN')
    expect(languageOf('en-US,en;q=0.9')).toBe('en')
    const error = new AppError('FORBIDDEN', { action: 'x' })
    expect(error.messageIn('en')).toBe(ERROR_CATALOG.FORBIDDEN.en)
    expect(error.messageIn('zh-CN')).toBe(ERROR_CATALOG.FORBIDDEN.zh)
    expect(error.status).toBe(403)
  })
})
