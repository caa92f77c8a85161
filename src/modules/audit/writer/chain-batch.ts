/**
 * Chains a batch of queued read entries after a head, counting their meters in order: pure, so a
 * back-end only reads the head and the meters under its lock, and writes what this returns.
 */
import { canonicalJson } from '../../../shared/crypto.js'
import { type MeterCount, meteredEntry, meterLedger } from '../meters.js'
import { type ChainCursor, type ChainEntry, sealEntry } from '../rules.js'
import type { LoggedRead } from '../service.js'
import type { PendingEntry } from './sqlite.js'

export interface ChainedBatch {
  entries: ChainEntry[]
  reads: LoggedRead[]
  /** The meters the batch moved, to be stored in the same commit. */
  meters: Array<{ key: string; day: string; count: MeterCount; at: string }>
  head: ChainCursor
}

/** `counts(key, day)`: the stored count of a meter as read under the head lock. */
export function chainBatch(
  start: ChainCursor,
  pending: readonly PendingEntry[],
  counts: (key: string, day: string) => MeterCount | undefined,
): ChainedBatch {
  let head = start
  const entries: ChainEntry[] = []
  const reads: LoggedRead[] = []
  const ledger = meterLedger()
  for (const { meter, ...pendingEntry } of pending) {
    let entry = pendingEntry
    let read: LoggedRead = { seq: head.seq + 1 }
    if (meter) {
      if (ledger.needs(meter)) {
        ledger.load(meter, counts(meter.key, meter.day))
      }
      const verdict = ledger.count(meter, entry.at)
      entry = meteredEntry(entry, meter, verdict)
      read = { ...read, meter: { ...verdict, limit: meter.limit } }
    }
    const sealed = sealEntry({
      ...entry,
      seq: read.seq,
      details: canonicalJson(entry.details),
      prevHash: head.hash,
    })
    entries.push(sealed)
    reads.push(read)
    head = { seq: sealed.seq, hash: sealed.hash }
  }
  return { entries, reads, meters: ledger.changes(), head }
}
