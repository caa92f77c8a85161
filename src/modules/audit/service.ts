import type SqliteDatabase from 'better-sqlite3'
import type { NativeDb } from '../../db/connect.js'
import type { Db, Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { canonicalJson } from '../../shared/crypto.js'
import { AppError, isAppError } from '../../shared/errors.js'
import { authorize } from '../../shared/policy.js'
import { buildArchive } from './checkpoints/archive.js'
import { createCheckpointService, type LeafReader } from './checkpoints/service.js'
import type { AuditSigner } from './checkpoints/signing.js'
import { logFigures } from './figures.js'
import { type ForeignRowsListener, quarantineRowsPastHead, raiseAlarm } from './foreign-rows.js'
import { createForwarder, type Warn } from './forward/forwarder.js'
import type { ForwardSpec } from './forward/target.js'
import { type MeterReceipt, meteredEntry, meterLedger, type ReadMeter } from './meters.js'
import * as repo from './repo.js'
import { type ChainCursor, type ChainEntry, sealEntry } from './rules.js'
import type { AuditSettings } from './settings.js'
import { verifyLogParallel, verifyWorkerCount } from './verify/parallel.js'
import { executorSource, type VerifyResult, verifyLog, withSqliteSnapshot } from './verify/verify.js'
import type { AuditEvent } from './vocabulary.js'
import { postgresBackend } from './writer/postgres.js'
import { createAuditWriter } from './writer/queue.js'
import { sqliteBackend, sqliteInProcessBackend } from './writer/sqlite.js'

export type { VerifyResult } from './verify/verify.js'

export type { AuditEvent } from './vocabulary.js'

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

/** verify's answer: the chain, and the rows that are not entries of it (issue 12). */
export type VerifyReport = VerifyResult & { foreignRows?: repo.ForeignRow[] }

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
  /** GOVSHARE_AUDIT_FORWARD: where committed entries also go (issue 12 item 6). */
  forward?: ForwardSpec
  warn?: Warn
  /** Issue 12: signs checkpoints; without it checkpoints are not made (verify still checks them). */
  signer?: AuditSigner
  settings?: Pick<
    AuditSettings,
    'checkpointEntries' | 'checkpointMinutes' | 'witnessUrls' | 'oldPublicKeys' | 'readLogThread'
  >
}

const FOREIGN_ROWS_LISTED = 100

export function createAuditService(deps: AuditServiceDeps) {
  const { db, native, clock } = deps
  let warn: Warn = deps.warn ?? warnOnStderr
  const forwarder =
    deps.forward &&
    createForwarder({ db, clock, spec: deps.forward, warn: (message, error) => warn(message, error) })
  let foreignRowsListener: ForeignRowsListener | undefined
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

  /** Appends several entries under one head lock and one multi-row insert (the audit writer's batches). */
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
    try {
      const head = await lockHeadPastForeignRows(trx)
      const { reads } = await appendAfter(trx, head, events)
      forwarder?.poke()
      return reads
    } catch (error) {
      // Issue 12: a log that cannot be written is a clear 503, never a bare 500.
      throw isAppError(error)
        ? error
        : new AppError('AUDIT_WRITE_FAILED', {
            reason: error instanceof Error ? error.message : String(error),
          })
    }
  }

  /**
   * Locks the head. Rows past it (forged or stray, issue 12) are moved to quarantine first, the
   * alarm raised and the event appended as an entry, in this same transaction; see foreign-rows.ts.
   */
  async function lockHeadPastForeignRows(trx: Executor): Promise<ChainCursor> {
    const head = await repo.lockHeadChecked(trx)
    if (!head.rowsPastHead) {
      return head
    }
    const at = clock.now().toISOString()
    const found = await quarantineRowsPastHead(trx, head, at)
    if (!found) {
      return repo.lockHead(trx)
    }
    const outcome = await raiseAlarm(trx, foreignRowsListener, found)
    const event: AuditEvent = {
      action: 'audit.foreign_rows',
      objectType: 'audit_quarantine',
      objectId: found.quarantineIds[0],
      details: { ...found, ...outcome },
    }
    return (await appendAfter(trx, await repo.lockHead(trx), [{ actor: SYSTEM_ACTOR, event }])).head
  }

  /** Chains `events` after `head` (locked by the caller) and inserts them. */
  async function appendAfter(
    trx: Executor,
    start: ChainCursor,
    events: readonly MeteredEvent[],
  ): Promise<{ reads: LoggedRead[]; head: ChainCursor }> {
    let head = start
    const at = clock.now().toISOString()
    const entries: ChainEntry[] = []
    const receipts: Array<MeterReceipt | undefined> = []
    const ledger = meterLedger()
    for (const { actor, event, meter } of events) {
      let action: string = event.action
      let details: Record<string, unknown> = event.details ?? {}
      let receipt: MeterReceipt | undefined
      if (meter) {
        if (ledger.needs(meter)) {
          ledger.load(meter, await repo.readMeter(trx, meter.key, meter.day))
        }
        const verdict = ledger.count(meter, at)
        ;({ action, details } = meteredEntry({ action, details }, meter, verdict))
        receipt = { ...verdict, limit: meter.limit }
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
    for (const change of ledger.changes()) {
      await repo.writeMeter(trx, change.key, change.day, change.count, change.at)
    }
    await repo.insertEntries(trx, entries)
    return { reads: entries.map((entry, i) => ({ seq: entry.seq, meter: receipts[i] })), head }
  }

  /** Records an event that has no transaction of its own (refused access, failed login). */
  async function record(actor: Actor, event: AuditEvent): Promise<number> {
    const seq = await inTransaction(db, (trx) => append(trx, actor, event))
    forwarder?.poke()
    return seq
  }

  /**
   * Issue 12, Art. 31: who raises the alarm when rows past the head are found (oversight, wired in
   * container.ts; audit never touches oversight's tables).
   */
  function onForeignRows(listener: ForeignRowsListener): void {
    foreignRowsListener = listener
  }

  /** Moves rows past the head aside now (the audit writer asks for it when its back-end finds some). */
  async function moveForeignRowsAside(): Promise<void> {
    await inTransaction(db, (trx) => appendReads(trx, []))
  }

  /**
   * Rows that are not entries of the chain: past the head now, or quarantined earlier (issue 12).
   * A check of its own beside verifyChain, which walks only the chain.
   */
  async function foreignRows(on: Executor = db): Promise<repo.ForeignRow[]> {
    return repo.foreignRows(on, (await repo.readHead(on)).seq, FOREIGN_ROWS_LISTED)
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

  /**
   * Issue 17: on PostgreSQL the log is partitioned by year (UTC) of `at`; this makes the partitions
   * of this year and the next three before any entry needs them (the `audit.partitions` job).
   */
  async function ensurePartitions(): Promise<number> {
    const year = clock.now().getUTCFullYear()
    return repo.makeYearPartitions(db, [year, year + 1, year + 2, year + 3])
  }

  /** Verify on behalf of an auditor or operator, rows outside the chain named too. Throws FORBIDDEN. */
  async function verify(actor: Actor): Promise<VerifyReport> {
    authorize(actor, 'audit.verify')
    const result = await verifyChain()
    const foreign = await foreignRows()
    return foreign.length > 0 ? { ...result, foreignRows: foreign } : result
  }

  const hooks = { committed: () => forwarder?.poke(), moveForeignRowsAside }
  // One writer for reads; on SQLite the disk wait of each commit happens in a worker thread,
  // PostgreSQL waits asynchronously on a pipelining connection of the writer's own.
  const reads =
    native.dialect === 'postgres'
      ? createAuditWriter(postgresBackend(native.pool, clock), hooks)
      : deps.settings?.readLogThread === 'worker'
        ? createAuditWriter(sqliteBackend(native.file, clock), hooks)
        : createAuditWriter(sqliteInProcessBackend(db, native.sqlite, clock), hooks)

  /**
   * Logs a read (an exchange query) through the audit writer (group commit); resolves once the entry is
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
    drain: reads.drain,
    /** Sends what is committed to the forwarding target, if one is set (tests, shutdown). */
    flushForwarding: async () => forwarder?.flush(),
    /** Commits what is queued, forwards it, and stops the audit writer (the process is ending). */
    close: async () => {
      await reads.close()
      await forwarder?.close()
    },
    onForeignRows,
    /** Where forwarding warnings go once the app's logger exists (server.ts). */
    setWarn: (next: Warn) => {
      warn = next
    },
    foreignRows,
    listEntries,
    entriesAbout,
    entriesWithHash,
    verify,
    verifyChain,
    ensurePartitions,
    checkpoints,
    /** The log's figures for /metrics: head, forwarding lag, the day's reads per grant. */
    logFigures: (day: string, grantLimit: number) => logFigures(db, day, grantLimit),
    /** A closed month as a bundle that verifies on its own (`govshare audit archive`). */
    archiveMonth: (month: string) =>
      buildArchive(
        db,
        month,
        {
          seqRange: repo.seqRangeBetween,
          entries: (on, afterSeq, upToSeq) => repo.entriesBetween(on, afterSeq, upToSeq, upToSeq - afterSeq),
        },
        checkpoints,
      ),
  }
}

function warnOnStderr(message: string, error?: unknown): void {
  const reason = error instanceof Error ? error.message : error === undefined ? undefined : String(error)
  process.stderr.write(`${JSON.stringify({ level: 'warn', msg: message, ...(reason ? { reason } : {}) })}\n`)
}
