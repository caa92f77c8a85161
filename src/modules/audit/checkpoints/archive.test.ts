import { gunzipSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../../test/support/db.js'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { SYSTEM_ACTOR } from '../../../shared/actor.js'
import { createAuditService } from '../service.js'
import type { AuditEvent } from '../vocabulary.js'
import { monthBounds, verifyArchive } from './archive.js'
import { createSigner } from './signing.js'

/** The chain takes any action: these entries stand outside the catalog that types real writes. */
const anyEvent = (action: string, details: Record<string, unknown> = {}) =>
  // A test-only escape from the typed catalog, on purpose.
  ({ action, details }) as unknown as AuditEvent

const KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'

/** Rewrites a bundle's lines (a tamperer with the file). */
function edit(bundle: Buffer, change: (lines: string[]) => string[]): Buffer {
  const lines = gunzipSync(bundle).toString('utf8').split('\n').filter(Boolean)
  return gzipSync(`${change(lines).join('\n')}\n`)
}

describe('monthBounds', () => {
  it('gives the instants of a Shanghai month', () => {
    expect(monthBounds('2026-12')).toEqual({
      from: '2026-11-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    })
    expect(() => monthBounds('2026-13')).toThrow()
  })
})

for (const dialect of DIALECTS) {
  describe(`${dialect}: monthly audit archives`, () => {
    let cleanup: (() => Promise<void>) | undefined
    afterEach(async () => {
      await cleanup?.()
      cleanup = undefined
    })

    it('bundles a closed month that verifies on its own, and names what a tamperer changed', async () => {
      const t = await openTestDb(dialect)
      cleanup = t.cleanup
      let now = Date.parse('2026-11-10T02:00:00Z')
      const audit = createAuditService({
        db: t.handle.db,
        native: t.handle.native,
        clock: { now: () => new Date(now) },
        signer: createSigner(KEY),
      })
      for (let i = 0; i < 3; i++) {
        await audit.record(SYSTEM_ACTOR, anyEvent('test.november', { i }))
      }
      now = Date.parse('2026-12-02T02:00:00Z')
      for (let i = 0; i < 4; i++) {
        await audit.record(SYSTEM_ACTOR, anyEvent('test.december', { i }))
      }
      await expect(audit.archiveMonth('2026-11')).rejects.toMatchObject({ code: 'AUDIT_PROOF_OUT_OF_RANGE' })
      await audit.checkpoints.makeCheckpoint({ force: true })
      const keyId = createSigner(KEY).keyId

      const november = await audit.archiveMonth('2026-11')
      expect(verifyArchive(november, [keyId])).toEqual({
        ok: true,
        month: '2026-11',
        entries: 3,
        firstSeq: 1,
        lastSeq: 3,
        keyId,
      })
      const december = await audit.archiveMonth('2026-12')
      expect(verifyArchive(december)).toMatchObject({ ok: true, entries: 4, firstSeq: 4, lastSeq: 7 })
      await expect(audit.archiveMonth('2026-10')).rejects.toMatchObject({ code: 'NOT_FOUND' })

      const edited = edit(december, (lines) =>
        lines.map((l, i) => (i === 2 ? l.replace('test.december', 'test.forged') : l)),
      )
      expect(verifyArchive(edited)).toEqual({ ok: false, problem: 'hash_mismatch', seq: 5 })
      expect(verifyArchive(edit(december, (lines) => lines.slice(0, -1)))).toMatchObject({
        ok: false,
        seq: 7,
      })
      expect(verifyArchive(edit(december, (lines) => [lines[0] ?? '', ...lines.slice(2)]))).toMatchObject({
        ok: false,
        problem: 'missing_entry',
      })
      expect(verifyArchive(december, ['someone-else'])).toEqual({ ok: false, problem: 'archive_signature' })
      expect(verifyArchive(Buffer.from('not a bundle'))).toEqual({ ok: false, problem: 'archive_format' })
    })
  })
}
