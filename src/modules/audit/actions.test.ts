/** Issue 12: every action the code writes to the audit log has a label and a category. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS, AUDIT_CATEGORIES, actionLabel, actionsIn, isAuditAction } from './actions.js'

const SRC = join(import.meta.dirname, '..', '..')
const DOTTED = String.raw`'([a-z_]+(?:\.[a-z_]+)+)'`
// `action: 'x.y'` and `action: cond ? 'x.y' : 'x.z'` (the upstream register/change entry).
const WRITTEN = new RegExp(String.raw`\baction:\s*(?:[\w.]+\s*\?\s*)?${DOTTED}(?:\s*:\s*${DOTTED})?`, 'g')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      return sourceFiles(path)
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

/** Actions written anywhere in src/; a FORBIDDEN error's `{ action }` names a policy rule, not an entry. */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>()
  for (const file of sourceFiles(SRC)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.includes('FORBIDDEN')) {
        continue
      }
      for (const match of line.matchAll(WRITTEN)) {
        // A type position (`action: 'user.read' | 'client.read'`) writes nothing.
        if (
          line
            .slice((match.index ?? 0) + match[0].length)
            .trimStart()
            .startsWith('|')
        ) {
          continue
        }
        for (const action of [match[1], match[2]]) {
          if (action !== undefined) {
            found.set(action, file.slice(SRC.length + 1))
          }
        }
      }
    }
  }
  return found
}

describe('audit action catalog', () => {
  it('names every action the code writes', () => {
    const written = writtenActions()
    expect(written.size).toBeGreaterThan(50)
    const missing = [...written].filter(([action]) => !isAuditAction(action)).map(([a, f]) => `${a} (${f})`)
    expect(missing).toEqual([])
    // The scan itself finds the ternary and the metered refusal.
    expect(written.has('exchange.upstream_change')).toBe(true)
    expect(written.has('exchange.denied')).toBe(true)
    expect(written.has('evaluation.read')).toBe(false)
  })

  it('gives each action a known category and labels in both languages, distinct per language', () => {
    for (const [code, spec] of Object.entries(AUDIT_ACTIONS)) {
      expect(Object.hasOwn(AUDIT_CATEGORIES, spec.category), code).toBe(true)
      expect(spec.zh, code).toMatch(/[\u4e00-\u9fff]/)
      expect(spec.en, code).toMatch(/^[A-Z]/)
    }
    const zh = Object.values(AUDIT_ACTIONS).map((spec) => spec.zh)
    expect(new Set(zh).size).toBe(zh.length)
    for (const category of Object.keys(AUDIT_CATEGORIES)) {
      expect(actionsIn(category as keyof typeof AUDIT_CATEGORIES).length, category).toBeGreaterThan(0) // keys of the same object
    }
    expect(actionLabel('sharing.decide', 'zh-CN')).toBe('审批共享申请')
    expect(actionLabel('sharing.decide', 'en')).toBe('Sharing request decided')
    expect(actionLabel('some.future_action', 'en')).toBe('some.future_action')
  })
})
