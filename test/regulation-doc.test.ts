/** docs/regulation.md must name every article of Order No. 151, and every file it names must exist. */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')
const doc = fs.readFileSync(path.join(root, 'docs/regulation.md'), 'utf8')
const rows = doc
  .split('\n')
  .filter((line) => /^\| \d+ \|/.test(line))
  .map((line) => line.split('|').map((cell) => cell.trim()))

describe('docs/regulation.md traceability table', () => {
  it('has exactly one row for each of Art. 1-41', () => {
    const articles = rows.map((cells) => Number(cells[1]))
    expect(articles).toEqual(Array.from({ length: 41 }, (_, i) => i + 1))
  })

  it('gives each row a known status, and a reason or place for it', () => {
    for (const cells of rows) {
      expect(['done', 'partial', 'planned', 'n/a']).toContain(cells[3])
      expect(cells[4]?.length ?? 0).toBeGreaterThan(5)
    }
  })

  it('names only files that exist, and a test for every done row', () => {
    for (const cells of rows) {
      const named = [
        ...(cells[4] ?? '').matchAll(/`((?:src|test|docs)\/[^`\s]+)`/g),
        ...(cells[5] ?? '').matchAll(/`((?:src|test|docs)\/[^`\s]+)`/g),
      ]
      for (const match of named) {
        expect(fs.existsSync(path.join(root, match[1] ?? '')), `Art. ${cells[1]}: ${match[1]}`).toBe(true)
      }
      if (cells[3] === 'done') {
        expect(cells[5], `Art. ${cells[1]} is done but names no test`).toMatch(/\.test\.ts/)
      }
    }
  })
})
