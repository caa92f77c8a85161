import type { Selectable } from 'kysely'
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
