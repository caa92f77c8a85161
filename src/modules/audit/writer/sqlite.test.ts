import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../db/connect.js'
import { migrateToLatest } from '../../../db/migrate.js'
import { SYSTEM_ACTOR } from '../../../shared/actor.js'
import { fixedClock } from '../../../shared/clock.js'
import { createAuditService } from '../service.js'
import type { AuditEvent } from '../vocabulary.js'
import { createAuditWriter } from './queue.js'
import { sqliteBackend } from './sqlite.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const clock = fixedClock('2026-11-25T08:00:00Z')
const read = { ...anyEvent('exchange.read', { records: 1 }), objectType: 'resource', objectId: 'r1' }

describe('sqlite: the audit writer commits in a worker thread', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) {
      await cleanup()
    }
  })

  function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-readlog-'))
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }))
    return dir
  }

  it('fails every waiting read while the log cannot be committed, and works once it can', async () => {
    const dir = tempDir()
    const log = createAuditWriter(sqliteBackend(path.join(dir, 'govshare.db'), clock))
    cleanups.unshift(() => log.close())
    // No tables yet: the worker cannot prepare its statements, so nothing is committed.
    const refused = await Promise.allSettled([1, 2, 3].map(() => log.append(SYSTEM_ACTOR, read)))
    expect(refused.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])

    const handle = await openDatabase({ dataDir: dir })
    cleanups.unshift(() => handle.close())
    await migrateToLatest(handle.db)
    const logged = await Promise.all([1, 2, 3].map(() => log.append(SYSTEM_ACTOR, read)))
    expect(logged.map((entry) => entry.seq)).toEqual([1, 2, 3])
  })

  it('chains reads between the main connection’s own entries, and the chain verifies', async () => {
    const handle = await openDatabase({ dataDir: tempDir() })
    cleanups.unshift(() => handle.close())
    await migrateToLatest(handle.db)
    const audit = createAuditService({ db: handle.db, native: handle.native, clock })
    cleanups.unshift(() => audit.close())
    const seqs = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? audit.record(SYSTEM_ACTOR, anyEvent('test.change', { i }))
          : audit.recordRead(SYSTEM_ACTOR, anyEvent('exchange.read', { i })),
      ),
    )
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    expect(await audit.verifyChain()).toMatchObject({ ok: true, entries: 60 })
  })

  it('keeps a process with nothing else to do alive until its entries are committed', async () => {
    const dir = tempDir()
    const handle = await openDatabase({ dataDir: dir })
    await migrateToLatest(handle.db)
    await handle.close()
    // No server, no timers: only the wait for the worker's answer keeps this process running.
    const script = path.join(dir, 'append.mts')
    const module = (name: string) =>
      JSON.stringify(pathToFileURL(path.resolve(import.meta.dirname, name)).href)
    fs.writeFileSync(
      script,
      `import { createAuditWriter } from ${module('queue.ts')}
      import { sqliteBackend } from ${module('sqlite.ts')}
      import { systemClock } from ${module('../../../shared/clock.ts')}
      const log = createAuditWriter(sqliteBackend(${JSON.stringify(path.join(dir, 'govshare.db'))}, systemClock))
      const { seq } = await log.append({ kind: 'system', id: null, name: 'test', departmentId: null,
        departmentPath: null, departmentLevel: null, roles: [] }, { action: 'exchange.read' })
      process.stdout.write('committed ' + seq)
      await log.close()`,
    )
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('committed 1')
    expect(run.status).toBe(0)
  })
})
