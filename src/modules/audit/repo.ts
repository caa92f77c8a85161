import { type Selectable, sql } from 'kysely'
import type { Executor } from '../../db/database.js'
import { isPostgres } from '../../db/dialect.js'
import type { MeterCount } from './meters.js'
import type { ChainCursor, ChainEntry } from './rules.js'
import type { AuditTables } from './tables.js'

/** Reads the chain head; on PostgreSQL the row lock makes every appender wait its turn. */
export async function lockHead(db: Executor): Promise<ChainCursor> {
  let query = db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1)
  if (isPostgres(db)) {
    query = query.forUpdate()
  }
  return query.executeTakeFirstOrThrow()
}

export async function readHead(db: Executor): Promise<ChainCursor> {
  return db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow()
}

/** Inserts a run of entries that continue the chain, and moves the head to the last. */
export async function insertEntries(db: Executor, entries: readonly ChainEntry[]): Promise<void> {
  const last = entries[entries.length - 1]
  if (!last) {
    return
  }
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < entries.length; i += 200) {
    await db
      .insertInto('audit_entries')
      .values(entries.slice(i, i + 200).map(toRow))
      .execute()
  }
  await db.updateTable('audit_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute()
}

/**
 * The head, locked like `lockHead`, and whether any row lies past it (issue 12: forged or stray
 * rows). One round trip; on PostgreSQL the flag may be stale after a lock wait, so it is a hint
 * that `rowsPastHead` confirms.
 */
export async function lockHeadChecked(db: Executor): Promise<ChainCursor & { rowsPastHead: boolean }> {
  let query = db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    // max(seq) walks one index end per partition; an `exists (seq > head)` was planned as a scan.
    .select(sql<boolean>`coalesce((select max(seq) from audit_entries), 0) > audit_head.seq`.as('past'))
    .where('id', '=', 1)
  if (isPostgres(db)) {
    query = query.forUpdate()
  }
  const row = await query.executeTakeFirstOrThrow()
  // PostgreSQL answers a boolean, SQLite 0 or 1.
  return { seq: Number(row.seq), hash: row.hash, rowsPastHead: Number(row.past) === 1 }
}

/** Rows stored past the head, lowest first: never entries of the chain (issue 12). */
export async function rowsPastHead(db: Executor, headSeq: number, limit: number): Promise<ChainEntry[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('seq', '>', headSeq)
    .orderBy('seq')
    .limit(limit)
    .execute()
  return rows.map(toEntry)
}

export interface QuarantineRow {
  id: string
  entry: ChainEntry
  head: ChainCursor
  foundAt: string
}

/**
 * Copies rows past the head into audit_quarantine, then removes them from the log (the delete
 * trigger lets a row past the head go only once its copy is there).
 */
export async function quarantineRows(db: Executor, rows: readonly QuarantineRow[]): Promise<void> {
  if (rows.length === 0) {
    return
  }
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('audit_quarantine')
      .values(
        rows.slice(i, i + 100).map((row) => ({
          id: row.id,
          seq: row.entry.seq,
          hash: row.entry.hash,
          row: JSON.stringify(row.entry),
          head_seq: row.head.seq,
          head_hash: row.head.hash,
          found_at: row.foundAt,
        })),
      )
      .execute()
  }
  for (const row of rows) {
    await db
      .deleteFrom('audit_entries')
      .where('seq', '=', row.entry.seq)
      .where('seq', '>', row.head.seq)
      .where('hash', '=', row.entry.hash)
      .execute()
  }
}

/** A row that is not an entry of the chain: still past the head, or moved to quarantine. */
export interface ForeignRow {
  seq: number
  hash: string
  /** null while it still lies in audit_entries past the head. */
  quarantinedAt: string | null
}

/** Rows past the head and quarantined rows, lowest seq first, `limit` of each (verify). */
export async function foreignRows(db: Executor, headSeq: number, limit: number): Promise<ForeignRow[]> {
  const [past, quarantined] = await Promise.all([
    rowsPastHead(db, headSeq, limit),
    db
      .selectFrom('audit_quarantine')
      .select(['seq', 'hash', 'found_at'])
      .orderBy('seq')
      .orderBy('found_at')
      .limit(limit)
      .execute(),
  ])
  return [
    ...quarantined.map((row) => ({ seq: Number(row.seq), hash: row.hash, quarantinedAt: row.found_at })),
    ...past.map((entry) => ({ seq: entry.seq, hash: entry.hash, quarantinedAt: null })),
  ]
}

/**
 * Runs `work` so that its failure undoes only its own writes, not the caller's transaction
 * (PostgreSQL aborts a whole transaction on a failed statement otherwise). Resolves false on failure.
 */
export async function inSavepoint(db: Executor, name: string, work: () => Promise<void>): Promise<boolean> {
  await sql.raw(`savepoint ${name}`).execute(db)
  try {
    await work()
    await sql.raw(`release savepoint ${name}`).execute(db)
    return true
  } catch {
    await sql.raw(`rollback to savepoint ${name}`).execute(db)
    await sql.raw(`release savepoint ${name}`).execute(db)
    return false
  }
}

function toRow(entry: ChainEntry) {
  return {
    seq: entry.seq,
    at: entry.at,
    actor_type: entry.actorType,
    actor_id: entry.actorId,
    actor_name: entry.actorName,
    department_id: entry.departmentId,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    details: entry.details,
    prev_hash: entry.prevHash,
    hash: entry.hash,
    alg: entry.alg,
  }
}

export interface EntryFilter {
  afterSeq?: number
  action?: string
  departmentId?: string
}

function filtered(db: Executor, filter: EntryFilter) {
  let query = db.selectFrom('audit_entries')
  if (filter.afterSeq !== undefined) {
    query = query.where('seq', '>', filter.afterSeq)
  }
  if (filter.action !== undefined) {
    query = query.where('action', '=', filter.action)
  }
  if (filter.departmentId !== undefined) {
    query = query.where('department_id', '=', filter.departmentId)
  }
  return query
}

export async function listEntries(
  db: Executor,
  filter: EntryFilter,
  page: { offset: number; limit: number },
): Promise<{ entries: ChainEntry[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filter).selectAll().orderBy('seq').offset(page.offset).limit(page.limit).execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { entries: rows.map(toEntry), total: Number(count.n) }
}

/** Entries in (afterSeq, upToSeq] in order, `limit` at a time: verify walks the chain this way. */
export async function entriesBetween(
  db: Executor,
  afterSeq: number,
  upToSeq: number,
  limit: number,
): Promise<ChainEntry[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('seq', '>', afterSeq)
    .where('seq', '<=', upToSeq)
    .orderBy('seq')
    .limit(limit)
    .execute()
  return rows.map(toEntry)
}

function toEntry(row: Selectable<AuditTables['audit_entries']>): ChainEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    departmentId: row.department_id,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
    alg: row.alg,
  }
}

export async function entriesAbout(
  db: Executor,
  objectType: string,
  objectId: string,
  actions: readonly string[],
  limit: number,
): Promise<ChainEntry[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .where('action', 'in', [...actions])
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toEntry)
}

/** A meter's count for a day (under the chain-head lock the read log holds, so no race). */
export async function readMeter(db: Executor, key: string, day: string): Promise<MeterCount | undefined> {
  const row = await db
    .selectFrom('audit_read_meters')
    .select(['units', 'misses', 'suspended_at'])
    .where('meter_key', '=', key)
    .where('day', '=', day)
    .executeTakeFirst()
  return row && { units: Number(row.units), misses: Number(row.misses), suspended: row.suspended_at !== null }
}

export async function writeMeter(
  db: Executor,
  key: string,
  day: string,
  count: MeterCount,
  at: string,
): Promise<void> {
  const suspendedAt = count.suspended ? at : null
  await db
    .insertInto('audit_read_meters')
    .values({ meter_key: key, day, units: count.units, misses: count.misses, suspended_at: suspendedAt })
    .onConflict((oc) =>
      oc.columns(['meter_key', 'day']).doUpdateSet({
        units: count.units,
        misses: count.misses,
        suspended_at: (eb) => eb.fn.coalesce('audit_read_meters.suspended_at', eb.val(suspendedAt)),
      }),
    )
    .execute()
}

/** Keyed hashes are lowercase hex: nothing in them is a LIKE wildcard or needs escaping. */
const HEX = /^[0-9a-f]{16,128}$/

/**
 * Entries about some objects whose details hold `"<hash>"` (a key's keyed hash in `keyHashes`),
 * newest first. `objectIds` undefined: any object of that type. Details are canonical JSON text
 * on both dialects, so one LIKE serves SQLite and PostgreSQL alike.
 */
export async function entriesWithHash(
  db: Executor,
  filter: { objectType: string; objectIds?: readonly string[]; actions: readonly string[] },
  hash: string,
  limit: number,
): Promise<ChainEntry[]> {
  if (!HEX.test(hash)) {
    throw new Error('entriesWithHash: the hash must be lowercase hex')
  }
  if (filter.objectIds?.length === 0) {
    return []
  }
  let query = db
    .selectFrom('audit_entries')
    .selectAll()
    .where('object_type', '=', filter.objectType)
    .where('action', 'in', [...filter.actions])
    .where('details', 'like', `%"${hash}"%`)
  if (filter.objectIds !== undefined) {
    query = query.where('object_id', 'in', [...filter.objectIds])
  }
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute()
  return rows.map(toEntry)
}

/** Lowest and highest seq of the entries whose `at` lies in [from, to) (ISO text sorts by time). */
export async function seqRangeBetween(
  db: Executor,
  from: string,
  to: string,
): Promise<{ first: number; last: number } | undefined> {
  const row = await db
    .selectFrom('audit_entries')
    .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
    .where('at', '>=', from)
    .where('at', '<', to)
    .executeTakeFirst()
  return row?.first == null || row.last == null
    ? undefined
    : { first: Number(row.first), last: Number(row.last) }
}

/**
 * PostgreSQL: makes the log's yearly partitions that do not exist yet (migration 202612080030,
 * decisions §60); SQLite keeps one table. Resolves with how many were made.
 */
export async function makeYearPartitions(db: Executor, years: readonly number[]): Promise<number> {
  if (!isPostgres(db)) {
    return 0
  }
  const made = await sql<{ made: boolean }>`
    select audit_partition_year(y) as made from unnest(${[...years]}::int[]) as y`.execute(db)
  return made.rows.filter((row) => row.made).length
}
