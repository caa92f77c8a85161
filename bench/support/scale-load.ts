/**
 * bench/scale.ts's loaders: rows go straight into PostgreSQL as unnested arrays, a few thousand
 * per statement on one connection, the next chunk made while the last one is written. Entries are
 * sealed with the project's own SM3 rules (rules.ts) after the head, which moves with each chunk
 * under its row lock, so the loaded log is one chain that verify accepts.
 */
import type pg from 'pg'
import { type ChainEntry, entriesArrays, entriesInsert, sealEntry } from '../../src/modules/audit/index.js'
import { canonicalJson } from '../../src/shared/crypto.js'

interface ChainCursor {
  seq: number
  hash: string
}

const CHUNK = 5000
/** Progress is told about this often. */
const TELL_EVERY = 1_000_000

export interface RecordLoad {
  count: number
  resourceId: string
  row(i: number): { keyHash: string; data: string }
  progress(done: number): void
}

export async function loadRecords(pool: pg.Pool, load: RecordLoad): Promise<void> {
  const client = await pool.connect()
  try {
    const now = new Date().toISOString()
    const changed = new Date(Date.now() - 86_400_000).toISOString()
    let writing: Promise<unknown> = Promise.resolve()
    for (let start = 0; start < load.count; start += CHUNK) {
      const rows = Array.from({ length: Math.min(CHUNK, load.count - start) }, (_, j) => load.row(start + j))
      await writing
      writing = client.query({
        name: 'scale_records',
        text: `insert into records (resource_id, key_hash, data, source_changed_at, arrived_at, version, deleted, lag_days)
          select $1, k, d, $4, $5, 1, 0, 1 from unnest($2::text[], $3::text[]) as r(k, d)`,
        values: [load.resourceId, rows.map((r) => r.keyHash), rows.map((r) => r.data), changed, now],
      })
      tell(start, rows.length, load.progress)
    }
    await writing
  } finally {
    client.release()
  }
}

export interface EntryLoad {
  count: number
  resourceId: string
  grantId: string
  consumerId: string
  /** The keyed hash of the key entry i read. */
  keyHash(i: number): string
  maskedKey(i: number): string
  progress(done: number): void
  /** Entries are dated evenly over this many days before now (default a year). */
  spanDays?: number
}

/** exchange.read entries as a consumer's lookups write them, chained after the current head. */
export async function loadEntries(pool: pg.Pool, load: EntryLoad): Promise<void> {
  const client = await pool.connect()
  try {
    const span = (load.spanDays ?? 365) * 86_400_000
    const first = Date.now() - span - 3_600_000
    const step = load.count > 0 ? span / load.count : 0
    // The years the entries fall in get their partitions first (the migration made this year's on).
    const years = new Set([new Date(first).getUTCFullYear(), new Date(first + span).getUTCFullYear()])
    for (let y = Math.min(...years); y <= Math.max(...years); y += 1) {
      await client.query('select audit_partition_year($1::int)', [y])
    }
    const found = await client.query<{ seq: number; hash: string }>(
      'select seq, hash from audit_head where id = 1',
    )
    let head: ChainCursor = { seq: Number(found.rows[0]?.seq), hash: found.rows[0]?.hash ?? '' }
    let writing: Promise<unknown> = Promise.resolve()
    for (let start = 0; start < load.count; start += CHUNK) {
      const entries: ChainEntry[] = []
      const before = head
      for (let j = 0; j < Math.min(CHUNK, load.count - start); j += 1) {
        const i = start + j
        const entry = sealEntry({
          seq: head.seq + 1,
          at: new Date(first + i * step).toISOString(),
          actorType: 'user',
          actorId: 'scale-consumer',
          actorName: 'bench.consumer',
          departmentId: load.consumerId,
          action: 'exchange.read',
          objectType: 'resource',
          objectId: load.resourceId,
          details: canonicalJson({
            grantId: load.grantId,
            purpose: '基准测试：按身份号码核验',
            caseRef: 'BENCH-0001',
            mode: 'lookup',
            keys: [load.maskedKey(i)],
            keyHashes: [load.keyHash(i)],
            records: 1,
            items: ['公民身份号码', '姓名', '联系电话', '性别'],
          }),
          prevHash: head.hash,
        })
        entries.push(entry)
        head = { seq: entry.seq, hash: entry.hash }
      }
      await writing
      writing = writeEntries(client, before, entries, head)
      tell(start, entries.length, load.progress)
    }
    await writing
  } finally {
    client.release()
  }
}

/** One chunk in one transaction; the head must still be where the chunk starts (nothing else wrote). */
async function writeEntries(
  client: pg.PoolClient,
  after: ChainCursor,
  entries: ChainEntry[],
  head: ChainCursor,
) {
  await client.query('begin')
  try {
    const locked = await client.query<{ seq: number }>({
      name: 'scale_lock',
      text: 'select seq from audit_head where id = 1 for update',
    })
    if (Number(locked.rows[0]?.seq) !== after.seq) {
      throw new Error('the audit head moved while loading: something else is writing to this database')
    }
    await client.query({ name: 'scale_entries', text: entriesInsert(1), values: entriesArrays(entries) })
    await client.query({
      name: 'scale_head',
      text: 'update audit_head set seq = $1, hash = $2 where id = 1',
      values: [head.seq, head.hash],
    })
    await client.query('commit')
  } catch (error) {
    await client.query('rollback')
    throw error
  }
}

function tell(start: number, length: number, progress: (done: number) => void): void {
  const done = start + length
  if (Math.floor(done / TELL_EVERY) > Math.floor(start / TELL_EVERY)) {
    progress(done)
  }
}
