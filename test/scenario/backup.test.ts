/**
 * Issue 17 item 4: "Restore of a backup into an empty database answers the same reads and verifies
 * its chain." A platform with a grant and reads, `govshare backup` while it runs, `govshare restore`
 * into a new empty database, a platform on the copy: the same tokens read the same answers.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/connect.js'
import type { DialectName } from '../../src/db/database.js'
import { newId } from '../../src/shared/ids.js'
import { pgAdmin } from '../support/child-server.js'
import { govshare } from '../support/cli.js'
import type { TestStore } from '../support/db.js'
import { DIALECTS, databaseUrlFor } from '../support/dialects.js'
import { readableRecord } from '../support/ops-kit.js'
import {
  ADMIN_PASSWORD,
  ApiClient,
  startTestPlatform,
  startTestPlatformOn,
  TEST_AUDIT_SIGNING_KEY,
  TEST_DATA_KEY,
} from '../support/platform.js'
import { allAuditEntries, auditorFor, createDepartment } from '../support/scenario-kit.js'

function envFor(store: Pick<TestStore, 'dataDir' | 'databaseUrl'>): Record<string, string | undefined> {
  return {
    ...process.env,
    DATA_DIR: store.dataDir,
    DATABASE_URL: store.databaseUrl ?? '',
    GOVSHARE_DATA_KEY: TEST_DATA_KEY,
    GOVSHARE_AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY,
    GOVSHARE_SEED: 'none',
    GOVSHARE_ADMIN_PASSWORD: ADMIN_PASSWORD,
  }
}

/** A store with nothing in it: a new folder, or a new PostgreSQL database without tables. */
async function emptyStore(dialect: DialectName): Promise<TestStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-restore-'))
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true })
  if (dialect === 'sqlite') {
    return { dialect, dataDir, open: () => openDatabase({ dataDir }), destroy: async () => removeDir() }
  }
  const name = `t_restore_${newId().replaceAll('-', '').slice(0, 12)}`
  await pgAdmin((c) => c.query(`create database ${name}`))
  const databaseUrl = databaseUrlFor(name)
  return {
    dialect,
    dataDir,
    databaseUrl,
    open: () => openDatabase({ databaseUrl, poolSize: 5 }),
    destroy: async () => {
      await pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`))
      removeDir()
    },
  }
}

describe.each(DIALECTS)('%s: govshare backup and restore', (dialect) => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup()
    }
  })

  it('restores into an empty database that answers the same reads and verifies its chain', async () => {
    const source = await startTestPlatform(dialect)
    cleanups.push(() => source.close())
    // The copy of a cloned test database must be a whole database, not a schema of a shared one.
    expect(source.store.schema).toBeUndefined()
    const { admin, consumer, path: recordPath } = await readableRecord(source.api)
    const auditor = await auditorFor(admin)
    const reads = [`${recordPath}?caseRef=BK-1`, '/api/v1/catalog/resources', '/api/v1/sharing/requests']
    const before = []
    for (const read of reads) {
      before.push(await consumer.get(read))
    }
    expect(before.map((reply) => reply.status)).toEqual([200, 200, 200])

    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-backup-'))
    cleanups.push(async () => fs.rmSync(folder, { recursive: true, force: true }))
    const file = path.join(folder, 'govshare.backup')
    const backup = await govshare(['backup', file], envFor(source.store))
    expect(backup.code, backup.stderr).toBe(0)
    expect(backup.stdout).toContain(`wrote ${file}`)
    expect(fs.statSync(file).mode & 0o077).toBe(0)
    expect((await govshare(['backup', file], envFor(source.store))).code).toBe(1)

    const target = await emptyStore(dialect)
    cleanups.push(() => target.destroy())
    const restore = await govshare(['restore', file], envFor(target))
    expect(restore.code, restore.stderr).toBe(0)
    expect(restore.stdout).toMatch(/audit chain OK: \d+ entries/)
    const again = await govshare(['restore', file], envFor(target))
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('not empty')

    const copy = await startTestPlatformOn(target)
    cleanups.push(() => copy.platform.close())
    // Sessions are in the store: the same tokens work on the copy.
    const consumerOnCopy = new ApiClient(copy.baseUrl, consumer.token)
    const auditorOnCopy = new ApiClient(copy.baseUrl, auditor.token)
    const verified = await auditorOnCopy.get('/api/v1/audit/verify')
    expect(verified.body).toMatchObject({ ok: true })
    const entries: number = verified.body.entries
    for (const [index, read] of reads.entries()) {
      const after = await consumerOnCopy.get(read)
      expect(after.status, read).toBe(200)
      expect(after.body, read).toEqual(before[index]?.body)
    }
    // The copy's log is the original's, entry for entry, up to the moment of the backup.
    const original = (await allAuditEntries(auditor)).slice(0, entries)
    expect((await allAuditEntries(auditorOnCopy)).slice(0, entries)).toEqual(original)
    expect(original.some((entry) => entry.action === 'exchange.read')).toBe(true)
    expect((await auditorOnCopy.get('/api/v1/audit/verify')).body).toMatchObject({ ok: true })
  }, 120_000)

  it('with --force replaces a store that holds data, back to the moment of the backup', async () => {
    const t = await startTestPlatform(dialect)
    let closed = false
    cleanups.push(async () => {
      if (!closed) {
        await t.platform.close()
      }
      await t.store.destroy()
    })
    const admin = await t.login('admin', ADMIN_PASSWORD)
    const file = path.join(t.store.dataDir, 'before.backup')
    expect((await govshare(['backup', file], envFor(t.store))).code).toBe(0)
    const later = await createDepartment(admin, 'county')
    await t.platform.close()
    closed = true

    const restore = await govshare(['restore', '--force', file], envFor(t.store))
    expect(restore.code, restore.stderr).toBe(0)
    expect(restore.stdout).toContain('audit chain OK')
    const again = await startTestPlatformOn(t.store)
    cleanups.push(() => again.platform.close())
    const adminAgain = new ApiClient(again.baseUrl, admin.token)
    const departments = await adminAgain.get('/api/v1/departments')
    expect(departments.status).toBe(200)
    expect(departments.body.items.map((d: { id: string }) => d.id)).not.toContain(later.id)
  }, 120_000)

  it('refuses a file that is not a backup, and leaves the target empty', async () => {
    const target = await emptyStore(dialect)
    cleanups.push(() => target.destroy())
    const bogus = path.join(target.dataDir, 'not-a-backup.bin')
    fs.writeFileSync(bogus, 'hello')
    const restore = await govshare(['restore', bogus], envFor(target))
    expect(restore.code).not.toBe(0)
    expect(fs.existsSync(path.join(target.dataDir, 'govshare.db'))).toBe(false)
  })
})
