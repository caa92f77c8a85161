/**
 * Issue 12 item 6: every committed entry, and no other, leaves as one JSON line in seq order, from
 * transactional appends and the read log alike; a failing target never stops the platform.
 */
import dgram from 'node:dgram'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { expectChainOfLines, readLines } from '../../../../test/support/audit-kit.js'
import { openTestDb } from '../../../../test/support/db.js'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { inTransaction } from '../../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../../shared/actor.js'
import { fixedClock } from '../../../shared/clock.js'
import { type ChainEntry, hashEntry } from '../rules.js'
import { createAuditService } from '../service.js'
import type { AuditEvent } from '../vocabulary.js'
import type { ForwardSpec } from './target.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const auditor: Actor = { ...SYSTEM_ACTOR, kind: 'user', id: 'a1', name: 'auditor', roles: ['auditor'] }

for (const dialect of DIALECTS) {
  describe(`${dialect}: audit forwarding`, () => {
    const cleanups: Array<() => Promise<void>> = []
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) {
        await cleanup()
      }
    })

    async function setup(forward: ForwardSpec, warnings: string[] = []) {
      const t = await openTestDb(dialect)
      const open = () =>
        createAuditService({
          db: t.handle.db,
          native: t.handle.native,
          clock: fixedClock('2026-12-05T08:00:00Z'),
          forward,
          warn: (message) => warnings.push(message),
        })
      const audit = open()
      cleanups.push(async () => {
        await audit.close()
        await t.cleanup()
      })
      return { db: t.handle.db, audit, open }
    }

    it('sends exactly the committed entries, appends and reads, in seq order', async () => {
      const file = path.join(os.tmpdir(), `govshare-forward-${process.pid}-${dialect}-${Date.now()}.jsonl`)
      cleanups.push(async () => fs.rmSync(file, { force: true }))
      const { db, audit } = await setup({ kind: 'file', path: file })
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => audit.record(SYSTEM_ACTOR, anyEvent('test.event', { i }))),
      )
      await expect(
        inTransaction(db, async (trx) => {
          await audit.append(trx, SYSTEM_ACTOR, anyEvent('test.rolled_back'))
          throw new Error('the change failed')
        }),
      ).rejects.toThrow('the change failed')
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          audit.recordRead(SYSTEM_ACTOR, anyEvent('exchange.read', { i })),
        ),
      )
      await audit.flushForwarding()
      const lines = readLines(file)
      const stored = (await audit.listEntries(auditor, { page: 1, pageSize: 500 })).entries
      expect(lines).toHaveLength(50)
      expect(lines).toEqual(stored)
      expect(lines.some((line) => line.action === 'test.rolled_back')).toBe(false)
      expectChainOfLines(lines)
    })

    it('goes on where it stopped after a restart, without sending a line twice', async () => {
      const file = path.join(os.tmpdir(), `govshare-forward-${process.pid}-${dialect}-r-${Date.now()}.jsonl`)
      cleanups.push(async () => fs.rmSync(file, { force: true }))
      const { db, audit, open } = await setup({ kind: 'file', path: file })
      for (let i = 0; i < 5; i += 1) {
        await audit.record(SYSTEM_ACTOR, anyEvent('test.first'))
      }
      await audit.close()
      // As if the process died after writing the lines and before moving the cursor.
      await sql`update audit_forward_cursors set seq = 2`.execute(db)
      const again = open()
      cleanups.unshift(() => again.close())
      for (let i = 0; i < 5; i += 1) {
        await again.record(SYSTEM_ACTOR, anyEvent('test.second'))
      }
      await again.flushForwarding()
      expectChainOfLines(readLines(file))
      expect(readLines(file)).toHaveLength(10)
    })

    it('warns and keeps the platform working when the target fails', async () => {
      const blocker = path.join(os.tmpdir(), `govshare-forward-blocker-${process.pid}-${dialect}`)
      fs.writeFileSync(blocker, 'a file, so nothing can be created under it')
      cleanups.push(async () => fs.rmSync(blocker, { force: true }))
      const warnings: string[] = []
      const { audit } = await setup({ kind: 'file', path: path.join(blocker, 'audit.jsonl') }, warnings)
      expect(await audit.record(SYSTEM_ACTOR, anyEvent('test.event'))).toBe(1)
      expect((await audit.recordRead(SYSTEM_ACTOR, anyEvent('exchange.read'))) > 1).toBe(true)
      await audit.flushForwarding()
      expect(warnings).toEqual([expect.stringContaining('audit forwarding to file:')])
    })

    it('sends RFC 5424 messages over UDP to syslog://host:port', async () => {
      const server = dgram.createSocket('udp4')
      const received: string[] = []
      server.on('message', (message) => received.push(message.toString('utf8')))
      await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve))
      cleanups.push(() => new Promise((resolve) => server.close(() => resolve())))
      const { audit } = await setup({ kind: 'syslog', host: '127.0.0.1', port: server.address().port })
      await audit.record(SYSTEM_ACTOR, anyEvent('test.event'))
      await audit.recordRead(SYSTEM_ACTOR, anyEvent('exchange.read'))
      await audit.flushForwarding()
      await expect.poll(() => received.length).toBe(2)
      const sorted = received.map(parseSyslog).sort((a, b) => a.entry.seq - b.entry.seq)
      expect(sorted.map((m) => m.entry.action)).toEqual(['test.event', 'exchange.read'])
      for (const message of sorted) {
        expect(message.header).toMatch(/^<110>1 2026-12-05T08:00:00\.000Z \S+ govshare \d+ audit -$/)
        expect(hashEntry(message.entry)).toBe(message.entry.hash)
      }
    })
  })
}

function parseSyslog(message: string): { header: string; entry: ChainEntry } {
  const start = message.indexOf(' {')
  return { header: message.slice(0, start), entry: JSON.parse(message.slice(start + 1)) as ChainEntry } // forwarded ChainEntry
}
