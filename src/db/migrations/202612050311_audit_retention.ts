import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * Art. 27: entries are kept 10 years, and the database itself holds to it. An update is refused
 * always; a delete only while the entry is younger than 10 years (archived months older than
 * that may leave the hot database). The one other row that may go is a row past the chain head
 * whose copy is already in audit_quarantine: it was never an entry (issue 12). So that this
 * exception cannot be used on real entries, the head never moves back, and (PostgreSQL) TRUNCATE,
 * which skips row triggers, is refused. An `at` that does not parse counts as young. The
 * quarantined rows are evidence of an incident: kept the same way (by `found_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // Same function and trigger names as before: tools and tests that drop the trigger still find it.
    await sql`
      create or replace function audit_entries_immutable() returns trigger language plpgsql as $$
      declare
        old_enough boolean := false;
      begin
        if tg_op <> 'DELETE' then
          raise exception 'AUDIT_IMMUTABLE: audit entries cannot be changed';
        end if;
        begin
          old_enough := old.at::timestamptz <= now() - interval '10 years';
        exception when others then
          old_enough := false;
        end;
        if old_enough or (
          old.seq > (select seq from audit_head where id = 1)
          and exists (select 1 from audit_quarantine q where q.seq = old.seq and q.hash = old.hash)
        ) then
          return old;
        end if;
        raise exception 'AUDIT_IMMUTABLE: audit entries younger than 10 years cannot be deleted';
      end $$`.execute(db)
    await sql`
      create or replace function audit_log_refuse() returns trigger language plpgsql as $$
      begin
        raise exception 'AUDIT_IMMUTABLE: % refused on %', tg_op, tg_table_name;
      end $$`.execute(db)
    await sql`
      create trigger audit_entries_no_truncate before truncate on audit_entries
      for each statement execute function audit_log_refuse()`.execute(db)
    await sql`
      create trigger audit_head_forward before update on audit_head
      for each row when (new.seq < old.seq) execute function audit_log_refuse()`.execute(db)
    await sql`
      create or replace function audit_quarantine_keep() returns trigger language plpgsql as $$
      declare
        old_enough boolean := false;
      begin
        if tg_op = 'DELETE' then
          begin
            old_enough := old.found_at::timestamptz <= now() - interval '10 years';
          exception when others then
            old_enough := false;
          end;
          if old_enough then
            return old;
          end if;
        end if;
        raise exception 'AUDIT_IMMUTABLE: quarantined audit rows are evidence and are kept 10 years';
      end $$`.execute(db)
    await sql`
      create trigger audit_quarantine_keep before update or delete on audit_quarantine
      for each row execute function audit_quarantine_keep()`.execute(db)
    await sql`
      create trigger audit_quarantine_no_truncate before truncate on audit_quarantine
      for each statement execute function audit_log_refuse()`.execute(db)
    return
  }
  await sql`drop trigger audit_entries_no_delete`.execute(db)
  await sql`
    create trigger audit_entries_no_delete before delete on audit_entries
    when not coalesce(julianday(old.at) <= julianday('now', '-10 years'), 0)
      and not (
        old.seq > (select seq from audit_head where id = 1)
        and exists (select 1 from audit_quarantine q where q.seq = old.seq and q.hash = old.hash)
      )
    begin select raise(abort, 'AUDIT_IMMUTABLE: audit entries younger than 10 years cannot be deleted'); end`.execute(
    db,
  )
  await sql`
    create trigger audit_head_forward before update on audit_head when new.seq < old.seq
    begin select raise(abort, 'AUDIT_IMMUTABLE: the audit chain head never moves back'); end`.execute(db)
  await sql`
    create trigger audit_quarantine_no_update before update on audit_quarantine
    begin select raise(abort, 'AUDIT_IMMUTABLE: quarantined audit rows are evidence'); end`.execute(db)
  await sql`
    create trigger audit_quarantine_no_delete before delete on audit_quarantine
    when not coalesce(julianday(old.found_at) <= julianday('now', '-10 years'), 0)
    begin select raise(abort, 'AUDIT_IMMUTABLE: quarantined audit rows are evidence and are kept 10 years'); end`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger audit_quarantine_no_truncate on audit_quarantine`.execute(db)
    await sql`drop trigger audit_quarantine_keep on audit_quarantine`.execute(db)
    await sql`drop function audit_quarantine_keep()`.execute(db)
    await sql`drop trigger audit_head_forward on audit_head`.execute(db)
    await sql`drop trigger audit_entries_no_truncate on audit_entries`.execute(db)
    await sql`drop function audit_log_refuse()`.execute(db)
    await sql`
      create or replace function audit_entries_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'AUDIT_IMMUTABLE: audit entries cannot be changed or deleted';
      end $$`.execute(db)
    return
  }
  await sql`drop trigger audit_quarantine_no_delete`.execute(db)
  await sql`drop trigger audit_quarantine_no_update`.execute(db)
  await sql`drop trigger audit_head_forward`.execute(db)
  await sql`drop trigger audit_entries_no_delete`.execute(db)
  await sql`
    create trigger audit_entries_no_delete before delete on audit_entries
    begin select raise(abort, 'AUDIT_IMMUTABLE: audit entries cannot be deleted'); end`.execute(db)
}
