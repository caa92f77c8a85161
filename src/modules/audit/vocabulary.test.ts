/**
 * Issue 12: every action the code writes to the audit log has a label and a category; issue 14:
 * and a details shape that types the write.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import {
  ACTION_DETAILS,
  AUDIT_ACTIONS,
  AUDIT_CATEGORIES,
  type AuditEvent,
  actionLabel,
  actionsIn,
  detailsSchemaOf,
  isAuditAction,
} from './vocabulary.js'

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

describe('audit details shapes', () => {
  it('reject, at compile time, a misspelt, missing or stray detail key', () => {
    const events: AuditEvent[] = [
      { action: 'catalog.submit', objectType: 'resource', objectId: 'r1', details: { version: 2 } },
      { action: 'catalog.confirm', objectType: 'resource', objectId: 'r1' },
      // @ts-expect-error misspelt key (statistics would read `version` and find nothing)
      { action: 'catalog.submit', details: { verison: 2 } },
      // @ts-expect-error a required key missing
      { action: 'catalog.publish', details: { version: 2, previous: 1 } },
      // @ts-expect-error an action without details takes none
      { action: 'catalog.confirm', details: { note: 'x' } },
      // @ts-expect-error an action missing from the catalog
      { action: 'catalog.reveiw', details: {} },
    ]
    expect(events).toHaveLength(6)
  })

  it('describe what the writers write, as the log serves it', () => {
    expect(
      Value.Check(ACTION_DETAILS['catalog.publish'], {
        version: 2,
        previous: null,
        shareType: 'conditional',
      }),
    ).toBe(true)
    expect(Value.Check(ACTION_DETAILS['catalog.publish'], { version: '2', shareType: 'conditional' })).toBe(
      false,
    )
    expect(Object.keys(ACTION_DETAILS).sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort())
    expect(detailsSchemaOf('exchange.read')).toBe(ACTION_DETAILS['exchange.read'])
    expect(detailsSchemaOf('some.future_action')).toBeUndefined()
  })
})
