import { describe, expect, it } from 'vitest'
import { displayWidth, formatStartNotice } from './start-notice.js'

describe('start notice', () => {
  it('boxes the URL, the generated admin password and the accounts file, every row one width', () => {
    const box = formatStartNotice({
      url: 'http://127.0.0.1:8080',
      adminPassword: 'Xy7#generated-pass',
      accountsFile: '/srv/政务/data/demo-accounts.txt',
    })
    const rows = box.split('\n')
    expect(rows[0]?.startsWith('┌')).toBe(true)
    expect(rows.at(-1)?.startsWith('└')).toBe(true)
    expect(new Set(rows.map(displayWidth)).size).toBe(1)
    expect(box).toContain('http://127.0.0.1:8080')
    expect(box).toContain('Xy7#generated-pass')
    expect(box).toContain('/srv/政务/data/demo-accounts.txt')
  })

  it('says nothing of a password it did not generate', () => {
    const box = formatStartNotice({ url: 'http://127.0.0.1:8080' })
    expect(box).not.toContain('password')
    expect(box.split('\n')).toHaveLength(3)
  })
})
