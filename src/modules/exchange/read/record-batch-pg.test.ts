/**
 * PostgreSQL: lookups arriving together read their records in one statement per resource, each
 * getting its own row (or none), whatever the mix of resources, repeats and missing keys.
 */
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openTestDb } from '../../../../test/support/db.js'
import { DIALECTS } from '../../../../test/support/dialects.js'
import { recordLookup } from './record-lookup.js'

describe.runIf(DIALECTS.includes('postgres'))('postgres: record reads of concurrent lookups', () => {
  let cleanup: (() => Promise<void>) | undefined
  afterEach(async () => {
    await cleanup?.()
    cleanup = undefined
  })

  it('answers each lookup with its own record from one statement per resource', async () => {
    const t = await openTestDb('postgres')
    cleanup = t.cleanup
    const db = t.handle.db
    const now = '2026-12-06T00:00:00.000Z'
    // Records reference resources: two bare keys, foreign keys off for this transaction only.
    await db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx)
      for (const [resource, key, version] of [
        ['r1', 'k1', 1],
        ['r1', 'k2', 2],
        ['r2', 'k1', 3],
      ] as const) {
        await sql`insert into records (resource_id, key_hash, data, source_changed_at, arrived_at, version, deleted)
          values (${resource}, ${key}, ${`${resource}/${key}`}, ${now}, ${now}, ${version}, 0)`.execute(trx)
      }
    })
    if (t.handle.native.dialect !== 'postgres') {
      throw new Error('postgres only')
    }
    const { pool } = t.handle.native
    const statements: string[] = []
    const query = pool.query.bind(pool)
    // Counts what the reader sends; the real pool answers.
    pool.query = ((config: { name?: string }, ...rest: unknown[]) => {
      statements.push(config.name ?? '')
      return (query as (...args: unknown[]) => unknown)(config, ...rest)
    }) as typeof pool.query
    const find = recordLookup(t.handle.native)
    const asked: Array<[string, string]> = [
      ['r1', 'k1'],
      ['r1', 'k2'],
      ['r1', 'missing'],
      ['r2', 'k1'],
      ['r1', 'k1'],
    ]
    const rows = await Promise.all(asked.map(([resource, key]) => find(resource, key)))
    expect(rows.map((row) => row?.data)).toEqual(['r1/k1', 'r1/k2', undefined, 'r2/k1', 'r1/k1'])
    expect(rows[1]).toEqual({
      data: 'r1/k2',
      source_changed_at: now,
      arrived_at: now,
      version: 2,
      deleted: 0,
    })
    expect(statements.sort()).toEqual(['govshare_exchange_record', 'govshare_exchange_records'])
    // Alone, a lookup keeps the one-row statement.
    statements.length = 0
    expect((await find('r2', 'k1'))?.data).toBe('r2/k1')
    expect(statements).toEqual(['govshare_exchange_record'])
  })
})
