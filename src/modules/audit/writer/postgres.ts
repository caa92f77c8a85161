/**
 * The audit writer's PostgreSQL back-end (issue 17 item 2): a batch is one transaction on a
 * connection of its own that pipelines its statements, two round trips in all. The first sends
 * begin, the chain-head row lock and, as a statement of its own so that it reads after the lock
 * wait, whether rows lie past the head and the batch's meters; the chain is then computed here
 * (SM3, rules.ts) and the second sends one statement (meters, entries, head) and the commit.
 * The head row lock orders every instance's batches into one chain, as before. Rows past the head
 * refuse the batch (RowsPastHead): the queue has them moved aside and sends it again.
 */
import pg from 'pg'
import type { Clock } from '../../../shared/clock.js'
import type { MeterCount } from '../meters.js'
import type { ChainEntry } from '../rules.js'
import type { LoggedRead } from '../service.js'
import { chainBatch } from './chain-batch.js'
import { type CommitBackend, RowsPastHead } from './queue.js'
import { type PendingEntry, pendingEntry } from './sqlite.js'

/** The writer connection's application_name. */
export const WRITER_NAME = 'govshare-audit-writer'

/** Most entries in one commit: one statement. */
const MAX_BATCH = 500

const LOCK_HEAD = 'select seq, hash from audit_head where id = 1 for update'

/**
 * Read after the lock is granted: a statement of its own sees what the previous holder committed.
 * `max(seq)`, not `exists (… seq > head)`: the planner cannot see the head's value, guesses a third
 * of the log matches, and scans it all (a second per batch at a million entries).
 */
const READ_STATE = `select
  coalesce((select max(seq) from audit_entries), 0) > (select seq from audit_head where id = 1) as past,
  coalesce((select json_agg(json_build_array(m.meter_key, m.day, m.units, m.misses, m.suspended_at is not null))
    from audit_read_meters m join unnest($1::text[], $2::text[]) as k(meter_key, day) using (meter_key, day)),
    '[]'::json) as meters`

/** Each chained entry column, in insert order: its name and its type for unnest. */
const ENTRY_COLUMNS: ReadonlyArray<[keyof ChainEntry, string, string]> = [
  ['seq', 'seq', 'bigint'],
  ['at', 'at', 'text'],
  ['actorType', 'actor_type', 'text'],
  ['actorId', 'actor_id', 'text'],
  ['actorName', 'actor_name', 'text'],
  ['departmentId', 'department_id', 'text'],
  ['action', 'action', 'text'],
  ['objectType', 'object_type', 'text'],
  ['objectId', 'object_id', 'text'],
  ['details', 'details', 'text'],
  ['prevHash', 'prev_hash', 'text'],
  ['hash', 'hash', 'text'],
  ['alg', 'alg', 'text'],
]

/** An insert of chained entries from one array per column, the first at parameter `$first`. */
export function entriesInsert(first: number): string {
  const names = ENTRY_COLUMNS.map(([, name]) => name).join(', ')
  const arrays = ENTRY_COLUMNS.map(([, , type], i) => `$${first + i}::${type}[]`).join(', ')
  return `insert into audit_entries (${names}) select * from unnest(${arrays})`
}

/** The arrays `entriesInsert` takes, in its order. */
export function entriesArrays(entries: readonly ChainEntry[]): unknown[][] {
  return ENTRY_COLUMNS.map(([key]) => entries.map((entry) => entry[key]))
}

const WRITE_BATCH = `with meters as (
  insert into audit_read_meters (meter_key, day, units, misses, suspended_at)
  select * from unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[])
  on conflict (meter_key, day) do update set units = excluded.units, misses = excluded.misses,
    suspended_at = coalesce(audit_read_meters.suspended_at, excluded.suspended_at)
), entries as (
  ${entriesInsert(6)}
)
update audit_head set seq = $19, hash = $20 where id = 1`

type MeterRow = [key: string, day: string, units: number, misses: number, suspended: boolean]

export function postgresBackend(pool: pg.Pool, clock: Clock): CommitBackend<PendingEntry> {
  let client: Promise<pg.Client> | undefined

  /** The writer's own connection, opened on first use and again after a failure. */
  function connection(): Promise<pg.Client> {
    if (!client) {
      // Named, so an operator sees the log's writer (and what it waits for) in pg_stat_activity.
      const opened = new pg.Client({ ...pool.options, pipeline: true, application_name: WRITER_NAME })
      // A broken connection is dropped; the commit on it has already failed its reads.
      opened.on('error', () => drop(opening))
      const opening = opened.connect().then(() => opened)
      opening.catch(() => drop(opening))
      client = opening
    }
    return client
  }

  function drop(which: Promise<pg.Client>): void {
    if (client === which) {
      client = undefined
      which.then((c) => c.end()).catch(() => {})
    }
  }

  async function commit(batch: readonly PendingEntry[]): Promise<LoggedRead[]> {
    const current = connection()
    const c = await current
    try {
      return await commitOn(c, batch)
    } catch (error) {
      if (!(error instanceof RowsPastHead)) {
        // The transaction's state is not known: a fresh connection is the sure way back.
        drop(current)
      }
      throw error
    }
  }

  return {
    maxBatch: MAX_BATCH,
    // The next batch waits for this commit: it would only wait for the head lock anyway.
    pipelined: false,
    prepare: pendingEntry(clock),
    commit,
    close: async () => {
      const closing = client
      client = undefined
      await closing?.then((c) => c.end()).catch(() => {})
    },
  }
}

async function commitOn(c: pg.Client, batch: readonly PendingEntry[]): Promise<LoggedRead[]> {
  const keys = new Map<string, { key: string; day: string }>()
  for (const { meter } of batch) {
    if (meter) {
      keys.set(`${meter.key}\u0000${meter.day}`, { key: meter.key, day: meter.day })
    }
  }
  const wanted = [...keys.values()]
  const [, locked, state] = await settleAll([
    c.query('begin'),
    c.query<{ seq: number; hash: string }>({ name: 'govshare_audit_lock', text: LOCK_HEAD }),
    c.query<{ past: boolean; meters: MeterRow[] }>({
      name: 'govshare_audit_state',
      text: READ_STATE,
      values: [wanted.map((m) => m.key), wanted.map((m) => m.day)],
    }),
  ])
  const head = locked.rows[0]
  const found = state.rows[0]
  if (!head || !found || found.past) {
    await c.query('rollback')
    if (!head || !found) {
      throw new Error('audit_head is missing')
    }
    throw new RowsPastHead()
  }
  const stored = new Map<string, MeterCount>()
  for (const [key, day, units, misses, suspended] of found.meters) {
    stored.set(`${key}\u0000${day}`, { units, misses, suspended })
  }
  const chained = chainBatch({ seq: Number(head.seq), hash: head.hash }, batch, (key, day) =>
    stored.get(`${key}\u0000${day}`),
  )
  await settleAll([
    c.query({ name: 'govshare_audit_write', text: WRITE_BATCH, values: writeValues(chained) }),
    c.query('commit'),
  ])
  return chained.reads
}

function writeValues({ entries, meters, head }: ReturnType<typeof chainBatch>): unknown[] {
  return [
    meters.map((m) => m.key),
    meters.map((m) => m.day),
    meters.map((m) => m.count.units),
    meters.map((m) => m.count.misses),
    meters.map((m) => (m.count.suspended ? m.at : null)),
    ...entriesArrays(entries),
    head.seq,
    head.hash,
  ]
}

/**
 * Waits for every pipelined statement, then throws the first failure: a commit after a failed
 * statement answers ROLLBACK without an error, so each statement's own outcome is what counts.
 */
async function settleAll<T extends readonly Promise<unknown>[]>(
  queries: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const outcomes = await Promise.allSettled(queries)
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') {
      throw outcome.reason
    }
  }
  // Every outcome is fulfilled here; the tuple's types follow the queries'.
  return outcomes.map((o) => (o as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>
  }
}
