/**
 * Audit verify and checkpoint benchmark (issue 12), SQLite, one process:
 *  (a) writes N chained entries (default 300 000) straight into a fresh store;
 *  (b) the first checkpoint over all N (a full build), then checkpoints over 1 000 and 10 000
 *      new entries (extending the right edge: O(k + log n)), in ms and µs per entry;
 *  (c) reads every row (arrays, one connection, batches of 5 000) without checking anything (the
 *      baseline), then `verifyChain` (chain + SM2 signature + Merkle root over 1..size), both
 *      in entries/s, in the same run.
 *
 *   npx tsx bench/audit-verify.ts [--entries 300000]
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import SqliteDatabase from 'better-sqlite3'
import { openDatabase } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import {
  createAuditService,
  createSigner,
  GENESIS_HASH,
  sealEntry,
  verifyLog,
  verifyWorkerCount,
  withSqliteSnapshot,
} from '../src/modules/audit/index.js'
import { canonicalJson } from '../src/shared/crypto.js'

const { values } = parseArgs({ options: { entries: { type: 'string', default: '300000' } } })
const total = Number(values.entries)
const KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govshare-bench-audit-'))
const handle = await openDatabase({ dataDir })
try {
  await migrateToLatest(handle.db)
  if (handle.native.dialect !== 'sqlite') {
    throw new Error('SQLite only')
  }
  const { sqlite, file } = handle.native
  const insert = sqlite.prepare(
    `insert into audit_entries (seq, at, actor_type, actor_id, actor_name, department_id, action,
       object_type, object_id, details, prev_hash, hash, alg)
     values (@seq, @at, @actorType, @actorId, @actorName, @departmentId, @action,
       @objectType, @objectId, @details, @prevHash, @hash, @alg)`,
  )
  const moveHead = sqlite.prepare('update audit_head set seq = ?, hash = ? where id = 1')
  let head = { seq: 0, hash: GENESIS_HASH }
  /** Entries shaped like exchange reads: a client, a grant, a purpose and a keyed hash. */
  const append = sqlite.transaction((count: number) => {
    for (let i = 0; i < count; i++) {
      const seq = head.seq + 1
      const entry = sealEntry({
        seq,
        at: new Date(1_795_000_000_000 + seq * 37).toISOString(),
        actorType: 'client',
        actorId: `client-${seq % 50}`,
        actorName: `dept-${seq % 50}-system`,
        departmentId: `dept-${seq % 50}`,
        action: 'exchange.read',
        objectType: 'resource',
        objectId: `res-${seq % 400}`,
        details: canonicalJson({
          grantId: `g-${seq % 900}`,
          purpose: '低保资格复核',
          caseRef: `CASE-${seq}`,
          keyHash: (seq * 2654435761).toString(16).padStart(16, '0'),
          items: 6,
        }),
        prevHash: head.hash,
      })
      insert.run(entry)
      head = { seq, hash: entry.hash }
    }
    moveHead.run(head.seq, head.hash)
  })
  let started = performance.now()
  for (let done = 0; done < total; done += 10_000) {
    append(Math.min(10_000, total - done))
  }
  console.log(`wrote ${total} entries in ${((performance.now() - started) / 1000).toFixed(1)} s`)

  const audit = createAuditService({
    db: handle.db,
    native: handle.native,
    clock: { now: () => new Date() },
    signer: createSigner(KEY),
  })
  started = performance.now()
  await audit.checkpoints.makeCheckpoint({ force: true })
  const full = performance.now() - started
  console.log(
    `checkpoint, full build over ${total}: ${full.toFixed(0)} ms (${((full * 1000) / total).toFixed(2)} µs/entry)`,
  )
  for (const k of [1000, 10_000]) {
    append(k)
    started = performance.now()
    const made = await audit.checkpoints.makeCheckpoint({ force: true })
    const ms = performance.now() - started
    console.log(
      `checkpoint over ${k} new entries (tree ${made?.treeSize}): ${ms.toFixed(1)} ms, ${((ms * 1000) / k).toFixed(2)} µs/entry`,
    )
  }
  const signStart = performance.now()
  const signer = createSigner(KEY)
  for (let i = 0; i < 20; i++) {
    signer.sign(`checkpoint ${i}`)
  }
  console.log(`SM2 signature alone: ${((performance.now() - signStart) / 20).toFixed(2)} ms`)

  const entries = head.seq
  // The baseline: the same rows, the fastest way better-sqlite3 reads them (arrays), nothing checked.
  started = performance.now()
  let read = 0
  const plain = new SqliteDatabase(file, { readonly: true })
  const all = plain
    .prepare(
      `select seq, at, actor_type, actor_id, actor_name, department_id, action, object_type, object_id,
         details, prev_hash, hash, alg from audit_entries where seq > ? and seq <= ? order by seq limit ?`,
    )
    .raw(true)
  for (let after = 0; after < entries; after += 5000) {
    read += all.all(after, entries, 5000).length
  }
  plain.close()
  const readS = (performance.now() - started) / 1000
  const floorS = measureFloor(file, entries)
  started = performance.now()
  const keys = audit.checkpoints.publicKeys()
  const serial = await withSqliteSnapshot(file, (source) => verifyLog(source, keys))
  const serialS = (performance.now() - started) / 1000
  if (!serial.ok) {
    throw new Error(`serial verify failed: ${JSON.stringify(serial)}`)
  }
  started = performance.now()
  const result = await audit.verifyChain()
  const verifyS = (performance.now() - started) / 1000
  if (!result.ok || read !== entries) {
    throw new Error(`verify failed: ${JSON.stringify(result)}`)
  }
  console.log(
    `baseline, reading the rows only: ${read} rows in ${readS.toFixed(2)} s = ${Math.round(read / readS)} entries/s`,
  )
  console.log(
    `floor, reading the rows + the three SM3 hashes each entry needs (chain, leaf, node), one thread: ` +
      `${entries} in ${floorS.toFixed(2)} s = ${Math.round(entries / floorS)} entries/s`,
  )
  console.log(
    `verify, one thread: ${serial.entries} entries in ${serialS.toFixed(2)} s = ${Math.round(serial.entries / serialS)} entries/s`,
  )
  console.log(
    `verifyChain, ${verifyWorkerCount()} worker threads (chain + SM2 signature + Merkle root over ${result.checkpoint?.treeSize}): ` +
      `${result.entries} entries in ${verifyS.toFixed(2)} s = ${Math.round(result.entries / verifyS)} entries/s`,
  )
  await audit.close()
} finally {
  await handle.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
}

/**
 * The least any verifier of this log does: read each row, hash its chain form (the format is
 * fixed: changing it would rewrite history), hash its Merkle leaf and one inner node (a tree of
 * n leaves has n - 1), and compare. Nothing else: no objects, no workers, no signature.
 */
function measureFloor(file: string, entries: number): number {
  const began = performance.now()
  const db = new SqliteDatabase(file, { readonly: true })
  const rows = db
    .prepare(
      `select seq, at, actor_type, actor_id, actor_name, department_id, action, object_type, object_id,
         details, prev_hash, hash from audit_entries where seq > ? and seq <= ? order by seq limit ?`,
    )
    .raw(true)
  const leafPrefix = Buffer.from([0])
  const nodePrefix = Buffer.from([1])
  let previous = Buffer.alloc(32)
  let bad = 0
  for (let after = 0; after < entries; after += 5000) {
    for (const r of rows.all(after, entries, 5000) as unknown[][]) {
      // Same text as rules.ts hashEntry, from the row's columns in their stored order.
      const [
        seq,
        at,
        actorType,
        actorId,
        actorName,
        departmentId,
        action,
        objectType,
        objectId,
        details,
        prevHash,
        stored,
      ] = r
      const text =
        `{"action":${JSON.stringify(action)},"actorId":${JSON.stringify(actorId)}` +
        `,"actorName":${JSON.stringify(actorName)},"actorType":${JSON.stringify(actorType)}` +
        `,"at":${JSON.stringify(at)},"departmentId":${JSON.stringify(departmentId)}` +
        `,"details":${JSON.stringify(details)},"objectId":${JSON.stringify(objectId)}` +
        `,"objectType":${JSON.stringify(objectType)},"prevHash":${JSON.stringify(prevHash)}` +
        `,"seq":${JSON.stringify(seq)}}`
      const chain = crypto.hash('sm3', text, 'buffer')
      if (chain.toString('hex') !== stored) {
        bad += 1
      }
      const leaf = crypto.hash('sm3', Buffer.concat([leafPrefix, chain]), 'buffer')
      previous = crypto.hash('sm3', Buffer.concat([nodePrefix, previous, leaf]), 'buffer')
    }
  }
  db.close()
  if (bad > 0) {
    throw new Error(`floor: ${bad} chain hashes differ`)
  }
  return (performance.now() - began) / 1000
}
