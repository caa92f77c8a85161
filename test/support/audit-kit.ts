/**
 * Issue 12: rows put into the audit log by hand, the way an attacker with database access would;
 * and the forwarded lines read back and checked as a chain.
 */
import fs from 'node:fs'
import { sql } from 'kysely'
import { expect } from 'vitest'
import type { Db } from '../../src/db/database.js'
import { type ChainEntry, GENESIS_HASH, hashEntry } from '../../src/modules/audit/index.js'

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

/** The file's lines as entries; each line must be a whole entry. */
export function readLines(file: string): ChainEntry[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ChainEntry) // the forwarder wrote these from ChainEntry
}

/** Lines in seq order, each hash recomputed from the line and linked to the one before. */
export function expectChainOfLines(lines: readonly ChainEntry[]): void {
  let prev = GENESIS_HASH
  for (const [i, line] of lines.entries()) {
    expect(line.seq).toBe(i + 1)
    expect(line.prevHash).toBe(prev)
    expect(hashEntry(line)).toBe(line.hash)
    expect(line.alg).toBe('SM3')
    prev = line.hash
  }
}
