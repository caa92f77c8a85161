/**
 * Art. 21: one sync with every enabled peer, run by the leased job (one instance at a time) or by
 * the admin. Towards a province: queue our catalog's changes since the last push, deliver what is
 * due, pull its catalog since our cursor, and ask where our open applications stand.
 */
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { SYSTEM_ACTOR } from '../../shared/actor.js'
import { authorize } from '../../shared/policy.js'
import { catalogFeedSince } from '../catalog/index.js'
import { asAppError, type Channel, reasonOf } from './channel.js'
import type { FederationDeps } from './deps.js'
import { checkEntries, type createMirror } from './mirror.js'
import type { Outbox } from './outbox.js'
import type { createRemote } from './remote.js'
import * as repo from './repo.js'
import type { SyncReply } from './schema.js'

type PeerResult = SyncReply['peers'][number]

/** Pages of a catalog one sync moves at most (500 entries each); the next sync goes on. */
const MAX_PAGES = 20

export function createSync(
  deps: FederationDeps,
  channel: Channel,
  outbox: Outbox,
  mirror: ReturnType<typeof createMirror>,
  remote: ReturnType<typeof createRemote>,
) {
  const { db, audit } = deps

  /** Queues our catalog's changes since the last push to this province peer, a message per page. */
  async function queueCatalog(peer: repo.PeerRow): Promise<number> {
    let since = peer.catalog_sent_cursor
    let queued = 0
    for (let page = 0; page < MAX_PAGES; page++) {
      const feed = await catalogFeedSince(db, since)
      if (feed.entries.length === 0) {
        break
      }
      const taken = await inTransaction(db, async (trx) => {
        if (!(await repo.advanceSentCursor(trx, peer.id, since, feed.cursor))) {
          return false
        }
        await outbox.enqueue(trx, peer, 'catalog', null, {
          entries: feed.entries,
          since,
          cursor: feed.cursor,
        })
        await audit.append(trx, SYSTEM_ACTOR, {
          action: 'federation.catalog.export',
          objectType: 'federation_peer',
          objectId: peer.id,
          details: { peerId: peer.id, entries: feed.entries.length, since, cursor: feed.cursor },
        })
        return true
      })
      if (!taken) {
        // Another sync queued this page meanwhile.
        break
      }
      queued += feed.entries.length
      since = feed.cursor
      if (!feed.more) {
        break
      }
    }
    return queued
  }

  /** Pulls the province's catalog since our cursor into the mirror, page by page. */
  async function pullCatalog(peer: repo.PeerRow): Promise<number> {
    let since = peer.catalog_pulled_cursor
    let pulled = 0
    for (let page = 0; page < MAX_PAGES; page++) {
      const reply = await channel.call(peer, 'catalog.pull', { since })
      const entries = checkEntries(reply.entries)
      const cursor = typeof reply.cursor === 'string' ? reply.cursor : since
      await mirror.applyCatalog(peer, entries, cursor)
      if (cursor !== since) {
        await repo.updatePeer(db, peer.id, { catalog_pulled_cursor: cursor })
      }
      pulled += entries.length
      if (reply.more !== true || cursor === since) {
        break
      }
      since = cursor
    }
    return pulled
  }

  async function syncPeer(peer: repo.PeerRow): Promise<PeerResult> {
    const result: PeerResult = {
      peerId: peer.id,
      state: 'unknown',
      queued: 0,
      delivered: 0,
      pulled: 0,
      error: null,
    }
    try {
      if (peer.role === 'province' && peer.shares_catalog === 1) {
        result.queued = await queueCatalog(peer)
      }
      const delivery = await outbox.deliverDue(peer)
      result.delivered = delivery.delivered
      // Just found unreachable: asking again now would only wait for another timeout.
      if (peer.role === 'province' && !delivery.unreachable) {
        result.pulled = await pullCatalog(peer)
        await remote.refreshStatuses(peer)
      }
    } catch (error) {
      result.error = reasonOf(asAppError(error))
    }
    const after = await repo.findPeer(db, peer.id)
    result.state = after?.state === 'up' || after?.state === 'down' ? after.state : 'unknown'
    return result
  }

  /** The scheduled sync: every enabled peer in turn; one peer down does not stop the others. */
  async function syncAll(): Promise<SyncReply> {
    const peers = (await repo.listPeers(db)).filter((peer) => peer.enabled === 1)
    const results: PeerResult[] = []
    for (const peer of peers) {
      results.push(await syncPeer(peer))
    }
    return { peers: results }
  }

  /** The admin's "sync now" (Art. 21). Throws FORBIDDEN. */
  async function syncNow(actor: Actor): Promise<SyncReply> {
    authorize(actor, 'federation.administer')
    return syncAll()
  }

  return { syncAll, syncNow }
}
