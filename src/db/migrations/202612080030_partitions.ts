/**
 * Issue 17 item 2 (decisions §60), PostgreSQL only: `audit_entries` becomes range partitions by
 * year of `at` (UTC, ISO text) with a default partition, and `records` hash partitions by
 * resource. A populated database is converted in this migration's transaction: a partitioned copy
 * is made beside the table, filled, and swapped in, with the same indexes, foreign keys and
 * triggers. Primary keys must include the partition key: (seq, at) and (resource_id, key_hash),
 * the latter as before. Partitions are made here for the years of the data up to this one,
 * and the `audit.partitions` job keeps three years ahead (audit_partition_year below).
 */
import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/** Records: hash partitions by resource; a power of two, so each can later be split in two. */
export const RECORD_PARTITIONS = 16
/**
 * Years made ahead of the current one here: none, the `audit.partitions` job makes three at the
 * first tick of a starting instance. Every partition costs each statement that cannot prune by
 * time (all the seq walks), and the test stores are copies of this migration's result.
 */
const YEARS_AHEAD = 0

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    return
  }
  await sql`
    create or replace function audit_partition_year(y integer) returns boolean language plpgsql as $$
    declare
      part text := format('audit_entries_y%s', y);
      lo text := format('%s-01-01', y);
      hi text := format('%s-01-01', y + 1);
    begin
      if to_regclass(part) is not null then
        return false;
      end if;
      -- Rows of that year already in the default partition would make the new one fail: leave
      -- them where they are (still entries, still verified) and tell whoever called.
      if exists (select 1 from audit_entries_default where at >= lo and at < hi) then
        raise warning 'audit_partition_year: % has rows of % in the default partition', part, y;
        return false;
      end if;
      execute format('create table %I partition of audit_entries for values from (%L) to (%L)', part, lo, hi);
      -- Statement triggers are not cloned to partitions: TRUNCATE of one is refused here.
      execute format(
        'create trigger audit_entries_no_truncate before truncate on %I for each statement execute function audit_log_refuse()',
        part);
      return true;
    end $$`.execute(db)

  const years = await sql<{ first: number; last: number }>`
    select coalesce(min(substr(at, 1, 4)) filter (where at ~ '^[0-9]{4}-'), to_char(now() at time zone 'UTC', 'YYYY'))::int as first,
      to_char(now() at time zone 'UTC', 'YYYY')::int as last
    from audit_entries`.execute(db)
  const { first, last } = years.rows[0] ?? { first: 0, last: 0 }

  await swapForPartitioned(db, {
    table: 'audit_entries',
    partitionBy: 'range (at)',
    primaryKey: ['seq', 'at'],
    partitions: [{ name: 'audit_entries_default', bound: 'default' }],
    afterCreate: async () => {
      for (let year = first; year <= last + YEARS_AHEAD; year += 1) {
        await sql`select audit_partition_year(${year}::int)`.execute(db)
      }
      await sql`
        create trigger audit_entries_no_truncate before truncate on audit_entries_default
        for each statement execute function audit_log_refuse()`.execute(db)
    },
  })
  await swapForPartitioned(db, {
    table: 'records',
    partitionBy: 'hash (resource_id)',
    primaryKey: ['resource_id', 'key_hash'],
    partitions: Array.from({ length: RECORD_PARTITIONS }, (_, i) => ({
      name: `records_h${String(i).padStart(2, '0')}`,
      bound: `for values with (modulus ${RECORD_PARTITIONS}, remainder ${i})`,
    })),
  })
}

interface Swap {
  table: string
  partitionBy: string
  primaryKey: string[]
  partitions: Array<{ name: string; bound: string }>
  /** Runs once the partitioned table has its final name, before the rows are copied. */
  afterCreate?: () => Promise<void>
}

/**
 * Replaces `table` by a partitioned table with the same columns, rows, indexes, foreign keys and
 * triggers. The old table's definitions are read from the catalog, so whatever earlier migrations
 * made (an index made twice under one name keeps its first form) carries over as it is.
 */
async function swapForPartitioned(db: Kysely<unknown>, swap: Swap): Promise<void> {
  const { table } = swap
  const old = `${table}_unpartitioned`
  const id = (name: string) => sql.id(name)
  const pk = await sql<{ name: string }>`
    select conname as name from pg_constraint
    where conrelid = to_regclass(${table}) and contype = 'p'`.execute(db)
  const indexes = await sql<{ def: string }>`
    select pg_get_indexdef(i.indexrelid) as def from pg_index i
    where i.indrelid = to_regclass(${table}) and not i.indisprimary order by i.indexrelid`.execute(db)
  const foreignKeys = await sql<{ name: string; def: string }>`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = to_regclass(${table}) and contype = 'f' order by oid`.execute(db)
  const triggers = await sql<{ def: string }>`
    select pg_get_triggerdef(oid) as def from pg_trigger
    where tgrelid = to_regclass(${table}) and not tgisinternal order by oid`.execute(db)

  await sql`lock table ${id(table)} in access exclusive mode`.execute(db)
  await sql`alter table ${id(table)} rename to ${id(old)}`.execute(db)
  for (const { name } of pk.rows) {
    await sql`alter table ${id(old)} rename constraint ${id(name)} to ${id(`${name}_unpartitioned`)}`.execute(
      db,
    )
  }
  await sql`
    create table ${id(table)} (like ${id(old)} including defaults including constraints)
    partition by ${sql.raw(swap.partitionBy)}`.execute(db)
  await sql`
    alter table ${id(table)} add constraint ${id(pk.rows[0]?.name ?? `${table}_pkey`)}
    primary key (${sql.join(swap.primaryKey.map(id))})`.execute(db)
  for (const part of swap.partitions) {
    await sql`create table ${id(part.name)} partition of ${id(table)} ${sql.raw(part.bound)}`.execute(db)
  }
  await swap.afterCreate?.()
  await sql`insert into ${id(table)} select * from ${id(old)}`.execute(db)
  // Dropping the old table drops its indexes and triggers, whose names the new ones take.
  await sql`drop table ${id(old)}`.execute(db)
  for (const { def } of indexes.rows) {
    await sql.raw(def).execute(db)
  }
  for (const { name, def } of foreignKeys.rows) {
    await sql`alter table ${id(table)} add constraint ${id(name)} ${sql.raw(def)}`.execute(db)
  }
  for (const { def } of triggers.rows) {
    await sql.raw(def).execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    return
  }
  // Back to plain tables the same way: a copy with the rows, then the swap.
  for (const table of ['records', 'audit_entries']) {
    await unpartition(db, table)
  }
  await sql`drop function audit_partition_year(integer)`.execute(db)
}

async function unpartition(db: Kysely<unknown>, table: string): Promise<void> {
  const id = (name: string) => sql.id(name)
  const old = `${table}_partitioned`
  const indexes = await sql<{ def: string }>`
    select pg_get_indexdef(i.indexrelid) as def from pg_index i
    where i.indrelid = to_regclass(${table}) and not i.indisprimary order by i.indexrelid`.execute(db)
  const foreignKeys = await sql<{ name: string; def: string }>`
    select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid = to_regclass(${table}) and contype = 'f' and conparentid = 0 order by oid`.execute(db)
  const triggers = await sql<{ def: string }>`
    select pg_get_triggerdef(oid) as def from pg_trigger
    where tgrelid = to_regclass(${table}) and not tgisinternal and tgparentid = 0 order by oid`.execute(db)
  await sql`alter table ${id(table)} rename to ${id(old)}`.execute(db)
  await sql`create table ${id(table)} (like ${id(old)} including defaults including constraints)`.execute(db)
  await sql`insert into ${id(table)} select * from ${id(old)}`.execute(db)
  await sql`drop table ${id(old)} cascade`.execute(db)
  const pk = table === 'records' ? ['resource_id', 'key_hash'] : ['seq']
  await sql`alter table ${id(table)} add constraint ${id(table === 'records' ? 'records_pk' : 'audit_entries_pkey')}
    primary key (${sql.join(pk.map(id))})`.execute(db)
  for (const { def } of indexes.rows) {
    await sql.raw(def.replace(/^CREATE INDEX (\S+) ON ONLY /, 'CREATE INDEX $1 ON ')).execute(db)
  }
  for (const { name, def } of foreignKeys.rows) {
    await sql`alter table ${id(table)} add constraint ${id(name)} ${sql.raw(def)}`.execute(db)
  }
  for (const { def } of triggers.rows) {
    await sql.raw(def).execute(db)
  }
}
