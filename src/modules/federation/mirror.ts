/**
 * Art. 21: the peer's sharing catalog, held here as a read-only mirror that only federation writes
 * (from signed catalog messages) and that departments search and apply from. Applying the same
 * entries twice changes nothing.
 */
import { Value } from 'typebox/value'
import { inTransaction } from '../../db/transaction.js'
import { SYSTEM_ACTOR } from '../../shared/actor.js'
import { canonicalJson } from '../../shared/crypto.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import type { FederationDeps } from './deps.js'
import * as repo from './repo.js'
import { FeedEntry, type FeedEntryWire, type RemoteResourceView } from './schema.js'

export interface MirrorCounts {
  entries: number
  created: number
  updated: number
  withdrawn: number
}

export function toRemoteView(row: repo.RemoteResourceRow, peerName: string): RemoteResourceView {
  return {
    id: row.id,
    peerId: row.peer_id,
    peerName,
    remoteId: row.remote_id,
    code: row.code,
    name: row.name,
    summary: row.summary,
    shareType: row.share_type,
    providerCode: row.provider_code,
    providerName: row.provider_name,
    items: JSON.parse(row.items) as RemoteResourceView['items'],
    updatedAt: row.remote_updated_at,
  }
}

/** Checks the entries' shape (signed by the peer, still checked: a peer's bug must not reach our tables). */
export function checkEntries(entries: unknown): FeedEntryWire[] {
  if (!Array.isArray(entries) || !entries.every((entry) => Value.Check(FeedEntry, entry))) {
    throw new AppError('FEDERATION_MESSAGE_INVALID', { reason: 'catalog entries of an unknown shape' })
  }
  // Value.Check proved each entry's shape.
  return entries as FeedEntryWire[]
}

export function createMirror(deps: FederationDeps) {
  const { db, clock, audit } = deps

  /** Applies a peer's catalog entries in one transaction, logged when anything arrived. */
  async function applyCatalog(
    peer: repo.PeerRow,
    entries: FeedEntryWire[],
    cursor: string | null,
  ): Promise<MirrorCounts> {
    const counts: MirrorCounts = { entries: entries.length, created: 0, updated: 0, withdrawn: 0 }
    if (entries.length === 0) {
      return counts
    }
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      for (const entry of entries) {
        const held = await repo.remoteResourceOf(trx, peer.id, entry.id)
        if (entry.kind === 'withdrawal') {
          if (held && held.status !== 'withdrawn') {
            await repo.updateRemoteResource(trx, held.id, {
              status: 'withdrawn',
              remote_updated_at: entry.updatedAt,
              received_at: now,
            })
            counts.withdrawn += 1
          }
          continue
        }
        const fields = {
          code: entry.code,
          name: entry.name,
          summary: entry.summary,
          share_type: entry.shareType,
          provider_code: entry.providerCode,
          provider_name: entry.providerName,
          items: canonicalJson(entry.items),
          status: 'published',
          remote_updated_at: entry.updatedAt,
        }
        if (!held) {
          await repo.insertRemoteResource(trx, {
            id: newId(),
            peer_id: peer.id,
            remote_id: entry.id,
            ...fields,
            received_at: now,
          })
          counts.created += 1
        } else if (held.remote_updated_at !== entry.updatedAt || held.status !== 'published') {
          await repo.updateRemoteResource(trx, held.id, { ...fields, received_at: now })
          counts.updated += 1
        }
      }
      await audit.append(trx, SYSTEM_ACTOR, {
        action: 'federation.catalog.import',
        objectType: 'federation_peer',
        objectId: peer.id,
        details: { peerId: peer.id, ...counts, cursor },
      })
    })
    return counts
  }

  return { applyCatalog }
}
