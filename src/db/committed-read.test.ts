import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb } from '../../test/support/db.js'
import { DIALECTS } from '../../test/support/dialects.js'
import { committedRowReader } from './committed-read.js'
import type { DbHandle } from './connect.js'

describe.each(DIALECTS)('committed reads (%s)', (dialect) => {
  let t: Awaited<ReturnType<typeof openTestDb>>
  let handle: DbHandle
  let readEpoch: () => Promise<{ epoch: number } | undefined>
  const epoch = async () => Number((await readEpoch())?.epoch)
  const bump = (db: DbHandle['db']) => sql`update access_epoch set epoch = epoch + 1 where id = 1`.execute(db)

  beforeAll(async () => {
    t = await openTestDb(dialect)
    handle = t.handle
    readEpoch = committedRowReader(
      handle.native,
      'test_committed_epoch',
      'select epoch from access_epoch where id = ?',
    ).bind(null, 1) as () => Promise<{ epoch: number } | undefined>
  })
  afterAll(() => t.cleanup())

  it('sees a commit made just before, on the platform connection', async () => {
    const before = await epoch()
    await bump(handle.db)
    expect(await epoch()).toBe(before + 1)
  })

  it('never sees what an open transaction wrote, and sees it once committed', async () => {
    const before = await epoch()
    await handle.db.transaction().execute(async (trx) => {
      await bump(trx)
      // The transaction spans awaits: a read in the middle of it is what every request could do.
      expect(await epoch()).toBe(before)
    })
    expect(await epoch()).toBe(before + 1)
  })

  it('sees nothing of a transaction that rolled back', async () => {
    const before = await epoch()
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await bump(trx)
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(await epoch()).toBe(before)
  })
})
