/** Issue 12: rows put into the audit log by hand, the way an attacker with database access would. */
import { sql } from 'kysely'
import type { Db } from '../../src/db/database.js'

export const FORGED_HASH = 'f'.repeat(64)

/** A row an attacker (or a stray tool) put into the log by hand, `ahead` seqs past the head. */
export async function forgeRowPastHead(db: Db, ahead = 1, at = new Date().toISOString()): Promise<number> {
  const head = await sql<{
    seq: number
    hash: string
  }>`select seq, hash from audit_head where id = 1`.execute(db)
  const seq = Number(head.rows[0]?.seq) + ahead
  await sql`insert into audit_entries (seq, at, actor_type, actor_id, actor_name, department_id, action,
      object_type, object_id, details, prev_hash, hash, alg)
    values (${seq}, ${at}, 'user', null, 'mallory', null, 'exchange.read', null, null, '{}',
      ${head.rows[0]?.hash ?? ''}, ${FORGED_HASH}, 'SM3')`.execute(db)
  return seq
}
