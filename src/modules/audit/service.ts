import type SqliteDatabase from 'better-sqlite3'
import type { AuditSettings } from '../../config.js'
import type { NativeDb } from '../../db/connect.js'
import type { Db, Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { canonicalJson } from '../../shared/crypto.js'
import { authorize } from '../../shared/policy.js'
import { createCheckpointService, type LeafReader } from './checkpoints.js'
import { createGroupWriter } from './group-writer.js'
import { type MeterCount, type MeterReceipt, meteredEntry, meterVerdict, type ReadMeter } from './meters.js'
import { createWorkerReadLog } from './read-log.js'
import * as repo from './repo.js'
import { type ChainEntry, sealEntry } from './rules.js'
import type { AuditSigner } from './signing.js'
import { executorSource, type VerifyResult, verifyLog, withSqliteSnapshot } from './verify.js'
import { verifyLogParallel, verifyWorkerCount } from './verify-parallel.js'

export type { VerifyResult } from './verify.js'

export interface AuditEvent {
  action: string
  objectType?: string
  objectId?: string
  /** The acting department when it is not the actor's own (e.g. a failed login for a known user). */
  departmentId?: string | null
  details?: Record<string, unknown>
}

/** An event and, for a metered read, what it costs. */
export interface MeteredEvent {
  actor: Actor
  event: AuditEvent
  meter?: ReadMeter
}

/** A committed read entry: its seq, and what its meter said. */
export interface LoggedRead {
  seq: number
  meter?: MeterReceipt
}

export interface EntryQuery {
  afterSeq?: number
  action?: string
  departmentId?: string
  page: number
  pageSize: number
}

/**
 * Leaves through a kept statement on Kysely's own SQLite connection: inside a transaction it reads
 * that transaction's state, like Kysely would, at a fraction of the cost per row.
 */
function sqliteLeafReader(sqlite: SqliteDatabase.Database): LeafReader {
  const statement = sqlite.prepare<[number, number, number], { seq: number; hash: string }>(
    'select seq, hash from audit_entries where seq > ? and seq <= ? order by seq limit ?',
  )
  return async (_on, afterSeq, upToSeq, limit) => statement.all(afterSeq, upToSeq, limit)
}

/** Below this many entries starting workers costs more than it saves. */
const PARALLEL_FROM = 50_000

export type AuditService = ReturnType<typeof createAuditService>

export interface AuditServiceDeps {
  db: Db
  native: NativeDb
  clock: Clock
  /** Issue 12: signs checkpoints; without it checkpoints are not made (verify still checks them). */
  signer?: AuditSigner
  settings?: Pick<AuditSettings, 'checkpointEntries' | 'checkpointMinutes' | 'witnessUrls' | 'oldPublicKeys'>
}

export function createAuditService(deps: AuditServiceDeps) {
  const { db, native, clock } = deps
  const checkpoints = createCheckpointService({
    db,
    clock,
    leaves: native.dialect === 'sqlite' ? sqliteLeafReader(native.sqlite) : undefined,
    signer: deps.signer,
    oldPublicKeys: deps.settings?.oldPublicKeys,
    settings: deps.settings,
  })

  /**
   * Appends one entry to the chain inside the caller's transaction (Art. 27, 29), so the change
   * and its entry commit or fail together. Returns the entry's sequence number.
   */
  async function append(trx: Executor, actor: Actor, event: AuditEvent): Promise<number> {
    const [seq] = await appendMany(trx, [{ actor, event }])
    return seq ?? 0
  }

  /** Appends several entries under one head lock and one multi-row insert (the group writer). */
  async function appendMany(
    trx: Executor,
    events: ReadonlyArray<{ actor: Actor; event: AuditEvent }>,
  ): Promise<number[]> {
    return (await appendReads(trx, events)).map((read) => read.seq)
  }

  /**
   * `appendMany` for reads: an entry with a meter is counted against it under the same head lock
   * (so every instance counts in one order), and logged as its refusal when over the limit.
   */
  async function appendReads(trx: Executor, events: readonly MeteredEvent[]): Promise<LoggedRead[]> {
    let head = await repo.lockHead(trx)
    const at = clock.now().toISOString()
    const entries: ChainEntry[] = []
    const receipts: Array<MeterReceipt | undefined> = []
    const counts = new Map<string, MeterCount | undefined>()
    for (const { actor, event, meter } of events) {
      let action = event.action
      let details = event.details ?? {}
      let receipt: MeterReceipt | undefined
      if (meter) {
        const slot = `${meter.key}\u0000${meter.day}`
        const current = counts.has(slot) ? counts.get(slot) : await repo.readMeter(trx, meter.key, meter.day)
        const verdict = meterVerdict(current, meter)
        counts.set(slot, verdict.count)
        ;({ action, details } = meteredEntry({ action, details }, meter, verdict))
        receipt = { ...verdict, limit: meter.limit }
        if (verdict.outcome === 'counted') {
          await repo.writeMeter(trx, meter.key, meter.day, verdict.count, at)
        }
      }
      const entry = sealEntry({
        seq: head.seq + 1,
        at,
        actorType: actor.kind,
        actorId: actor.id,
        actorName: actor.name,
        departmentId: event.departmentId !== undefined ? event.departmentId : actor.departmentId,
        action,
        objectType: event.objectType ?? null,
        objectId: event.objectId ?? null,
        details: canonicalJson(details),
        prevHash: head.hash,
      })
      entries.push(entry)
      receipts.push(receipt)
      head = { seq: entry.seq, hash: entry.hash }
    }
    await repo.insertEntries(trx, entries)
    return entries.map((entry, i) => ({ seq: entry.seq, meter: receipts[i] }))
  }

  /** Records an event that has no transaction of its own (refused access, failed login). */
  function record(actor: Actor, event: AuditEvent): Promise<number> {
    return inTransaction(db, (trx) => append(trx, actor, event))
  }

  /** Lists entries in seq order for auditors (Art. 27, 38). Throws FORBIDDEN. */
  async function listEntries(actor: Actor, query: EntryQuery) {
    authorize(actor, 'audit.read')
    return repo.listEntries(db, query, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize })
  }

  /**
   * Checks the chain from genesis and against the latest signed checkpoint (issue 12), naming
   * the first entry that fails. `on` reads through a transaction (tests of tampering); without
   * it SQLite reads a snapshot on a connection of its own. Entries appended meanwhile wait for
   * the next run: it checks up to the head it read.
   */
  async function verifyChain(on?: Executor): Promise<VerifyResult> {
    const keys = checkpoints.publicKeys()
    if (on === undefined && native.dialect === 'sqlite') {
      const { file } = native
      return withSqliteSnapshot(file, async (source) => {
        const workers = verifyWorkerCount()
        const large = (await source.head()).seq >= PARALLEL_FROM
        return large && workers > 1
          ? verifyLogParallel(file, source, keys, { workers })
          : verifyLog(source, keys)
      })
    }
    return verifyLog(executorSource(on ?? db), keys)
  }

  /** Verify on behalf of an auditor or operator. Throws FORBIDDEN. */
  async function verify(actor: Actor): Promise<VerifyResult> {
    authorize(actor, 'audit.verify')
    return verifyChain()
  }

  // On SQLite the disk wait of each commit happens in a worker thread; PostgreSQL waits asynchronously.
  const reads =
    native.dialect === 'sqlite'
      ? createWorkerReadLog(native.file, clock)
      : { ...createGroupWriter(db, appendReads), close: async () => {} }

  /**
   * Logs a read (an exchange query) through the group writer; resolves once the entry is
   * committed. Callers answer only after it resolves (Art. 29: every access traceable).
   */
  async function recordRead(actor: Actor, event: AuditEvent): Promise<number> {
    return (await reads.append(actor, event)).seq
  }

  /**
   * `recordRead` counted against a meter in the same commit (issue 11: budgets, enumeration).
   * A read the meter refuses is committed as its refusal; the receipt says which.
   */
  function recordMeteredRead(actor: Actor, event: AuditEvent, meter: ReadMeter): Promise<LoggedRead> {
    return reads.append(actor, event, meter)
  }

  /** A meter's count for a day, e.g. what is left of a grant's budget. */
  async function meterCount(key: string, day: string): Promise<MeterCount> {
    return (await repo.readMeter(db, key, day)) ?? { units: 0, misses: 0, suspended: false }
  }

  /** Entries about one object, newest first (e.g. who read a provider's resource). */
  async function entriesAbout(
    objectType: string,
    objectId: string,
    actions: readonly string[],
    limit: number,
  ) {
    return repo.entriesAbout(db, objectType, objectId, actions, limit)
  }

  /**
   * Entries about some objects (all of `objectType` when `objectIds` is undefined) whose details
   * name a keyed hash, newest first: who read one person's record. The caller authorizes.
   */
  async function entriesWithHash(
    filter: { objectType: string; objectIds?: readonly string[]; actions: readonly string[] },
    hash: string,
    limit: number,
  ) {
    return repo.entriesWithHash(db, filter, hash, limit)
  }

  return {
    append,
    appendMany,
    record,
    recordRead,
    recordMeteredRead,
    meterCount,
    drain: reads.drain,
    /** Commits what is queued and stops the read log (the process is ending). */
    close: reads.close,
    listEntries,
    entriesAbout,
    entriesWithHash,
    verify,
    verifyChain,
    checkpoints,
  }
}
