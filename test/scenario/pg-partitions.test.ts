/**
 * Issue 17 item 2 (decisions §60): on PostgreSQL the audit log is partitioned by year and the
 * records by resource. A fresh store starts partitioned; a populated one is converted with its
 * rows (the migration stepped down to plain tables and up again), and afterwards the chain still
 * verifies, lookups still find their records, entries stay immutable, and a year with no
 * partition lands in the default one without failing a write.
 */
import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_REF, person, setUp } from '../../bench/support/exchange-fixture.js'
import { down, up } from '../../src/db/migrations/202612080030_partitions.js'
import { type AuditEvent, sealEntry } from '../../src/modules/audit/index.js'
import { SYSTEM_ACTOR } from '../../src/shared/actor.js'
import { DIALECTS } from '../support/dialects.js'
import { startTestPlatform, type TestPlatform } from '../support/platform.js'

const RECORDS = 40

describe.runIf(DIALECTS.includes('postgres'))('postgres: partitioned log and records', () => {
  let t: TestPlatform
  let resourceId: string
  let lookup: (i: number) => Promise<number>

  beforeAll(async () => {
    t = await startTestPlatform('postgres')
    const fixture = await setUp(t)
    resourceId = fixture.resourceId
    const cataloger = await t.login('bench.cataloger', 'Bench#2026pass')
    const ingest = await cataloger.post(`/api/v1/exchange/resources/${resourceId}/records`, {
      records: Array.from({ length: RECORDS }, (_, i) => person(i)),
      sourceChangedAt: '2026-11-01T00:00:00.000Z',
    })
    expect(ingest.status).toBe(200)
    lookup = async (i) => {
      const reply = await fetch(
        `${t.baseUrl}/api/v1/exchange/resources/${resourceId}/records/${person(i).公民身份号码}?caseRef=${CASE_REF}`,
        { headers: { authorization: `Bearer ${fixture.token}` } },
      )
      return reply.status
    }
  })
  afterAll(async () => {
    await t?.close()
  })

  const db = () => t.platform.handle.db
  const partitioned = async () =>
    (
      await sql<{ name: string }>`
        select c.relname as name from pg_partitioned_table p join pg_class c on c.oid = p.partrelid
        where c.relnamespace = to_regnamespace(current_schema()) order by 1`.execute(db())
    ).rows.map((row) => row.name)
  const counts = async () => {
    const row = await sql<{ entries: number; records: number }>`
      select (select count(*) from audit_entries)::int as entries, (select count(*) from records)::int as records`.execute(
      db(),
    )
    return row.rows[0]
  }

  it('starts partitioned with this year and a default partition; the job makes three years ahead', async () => {
    expect(await partitioned()).toEqual(['audit_entries', 'records'])
    const names = async () =>
      (
        await sql<{ name: string }>`
          select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'audit_entries'::regclass order by 1`.execute(db())
      ).rows.map((row) => row.name)
    const year = new Date().getUTCFullYear()
    expect(await names()).toEqual(expect.arrayContaining(['audit_entries_default', `audit_entries_y${year}`]))
    expect(await names()).not.toContain(`audit_entries_y${year + 1}`)
    expect(await t.platform.services.audit.ensurePartitions()).toBe(3)
    expect(await t.platform.services.audit.ensurePartitions()).toBe(0)
    for (let y = year; y <= year + 3; y += 1) {
      expect(await names()).toContain(`audit_entries_y${y}`)
    }
  })

  it('converts a populated store and back, keeping every row, the chain and the lookups', async () => {
    expect((await Promise.all([0, 1, 2, 3].map(lookup))).every((status) => status === 200)).toBe(true)
    await t.platform.services.audit.drain()
    const before = await counts()
    // This migration's own down and up, each in one transaction as the migrator runs it: later
    // migrations stay applied, as on a site that upgrades past it.
    const untyped = db() as unknown as Kysely<unknown>
    await untyped.transaction().execute((trx) => down(trx))
    expect(await partitioned()).toEqual([])
    expect(await counts()).toEqual(before)
    expect((await t.platform.services.audit.verifyChain()).ok).toBe(true)

    await untyped.transaction().execute((trx) => up(trx))
    expect(await partitioned()).toEqual(['audit_entries', 'records'])
    expect(await counts()).toEqual(before)
    expect((await t.platform.services.audit.verifyChain()).ok).toBe(true)
    expect(await lookup(5)).toBe(200)
    await t.platform.services.audit.drain()
    expect((await t.platform.services.audit.verifyChain()).ok).toBe(true)
  })

  it('keeps entries immutable in every partition, TRUNCATE of one included', async () => {
    await expect(sql`update audit_entries set actor_name = 'x' where seq = 1`.execute(db())).rejects.toThrow(
      /AUDIT_IMMUTABLE/,
    )
    const year = new Date().getUTCFullYear()
    await expect(sql.raw(`truncate audit_entries_y${year}`).execute(db())).rejects.toThrow(/AUDIT_IMMUTABLE/)
    await expect(sql`truncate audit_entries_default`.execute(db())).rejects.toThrow(/AUDIT_IMMUTABLE/)
  })

  it('writes a year without a partition to the default one; the job then makes the years after it', async () => {
    const { audit } = t.platform.services
    const far = '2101-03-01T00:00:00.000Z'
    const event = { action: 'bench.far', details: {} } as unknown as AuditEvent
    // A clock past every partition: the entry still commits, in the default partition.
    const seq = await sql<{ seq: number }>`select seq from audit_head where id = 1`.execute(db())
    const next = Number(seq.rows[0]?.seq) + 1
    await db()
      .transaction()
      .execute(async (trx) => {
        const head = await sql<{ hash: string }>`select hash from audit_head where id = 1 for update`.execute(
          trx,
        )
        const entry = sealEntry({
          seq: next,
          at: far,
          actorType: SYSTEM_ACTOR.kind,
          actorId: SYSTEM_ACTOR.id,
          actorName: SYSTEM_ACTOR.name,
          departmentId: null,
          action: event.action,
          objectType: null,
          objectId: null,
          details: '{}',
          prevHash: head.rows[0]?.hash ?? '',
        })
        await sql`insert into audit_entries (seq, at, actor_type, actor_id, actor_name, department_id, action,
          object_type, object_id, details, prev_hash, hash, alg) values (${entry.seq}, ${entry.at}, ${entry.actorType},
          ${entry.actorId}, ${entry.actorName}, ${entry.departmentId}, ${entry.action}, ${entry.objectType},
          ${entry.objectId}, ${entry.details}, ${entry.prevHash}, ${entry.hash}, ${entry.alg})`.execute(trx)
        await sql`update audit_head set seq = ${entry.seq}, hash = ${entry.hash} where id = 1`.execute(trx)
      })
    const where = await sql<{ part: string }>`
      select tableoid::regclass::text as part from audit_entries where seq = ${next}`.execute(db())
    expect(where.rows[0]?.part).toBe('audit_entries_default')

    // 1 January 2101 with no partition made: that year stays in the default partition (warned),
    // the three after it are made.
    const made = await sql<{ made: boolean }>`
      select audit_partition_year(y) as made from unnest(array[2101, 2102, 2103, 2104]) as y`.execute(db())
    expect(made.rows.map((row) => row.made)).toEqual([false, true, true, true])
    expect((await audit.verifyChain()).ok).toBe(true)
    expect(await lookup(6)).toBe(200)
    await audit.drain()
    expect((await audit.verifyChain()).ok).toBe(true)
  })

  it('reads the chain and a record by index on the partitioned tables', async () => {
    const plan = async (query: string) =>
      (await sql.raw<{ 'QUERY PLAN': string }>(`explain ${query}`).execute(db())).rows
        .map((row) => row['QUERY PLAN'])
        .join('\n')
    await sql`set enable_seqscan = off`.execute(db())
    try {
      expect(
        await plan('select * from audit_entries where seq > 10 and seq <= 20 order by seq limit 5'),
      ).toMatch(/Index Scan using audit_entries_y\d+_pkey/)
      const record = await plan(
        `select data from records where resource_id = '${resourceId}' and key_hash = 'x'`,
      )
      expect(record).toMatch(/Index (Only )?Scan using records_h\d\d_\w+ on records_h\d\d /)
      // Pruned: one partition of sixteen.
      expect(new Set(record.match(/records_h\d\d/g)).size).toBe(1)
    } finally {
      await sql`reset enable_seqscan`.execute(db())
    }
  })
})
