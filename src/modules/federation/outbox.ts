/**
 * Art. 21: messages to a peer wait in the outbox until the peer takes them. A peer that is down
 * keeps them queued; each failed try pushes the next one back (5 s doubling to an hour) and the
 * peer shows down with the reason. They go in order, one peer at a time, the same signed bytes on
 * every try (the receiver answers a repeat with its first reply). A message the peer refuses (4xx),
 * or still undelivered after a week of tries, is dead: no more tries, its last error kept, until the
 * administrator requeues or discards it (§58).
 */
import type { Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../shared/actor.js'
import { AppError, isAppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../../shared/policy.js'
import { asAppError, type Channel, reasonOf } from './channel.js'
import type { FederationDeps } from './deps.js'
import { type MessageKind, parseMessage } from './envelope.js'
import * as repo from './repo.js'
import { exhausted, nextAttemptAt } from './rules.js'
import type { OutboxStatus } from './schema.js'
import { PEER_TIMEOUT_MS } from './transport.js'

export function toOutboxView(row: repo.OutboxRow) {
  const status: OutboxStatus =
    row.status === 'delivered' || row.status === 'dead' || row.status === 'discarded' ? row.status : 'pending'
  return {
    id: row.id,
    peerId: row.peer_id,
    kind: row.kind,
    subjectId: row.subject_id,
    status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    deadAt: row.dead_at,
    reply: row.reply ? (JSON.parse(row.reply) as Record<string, unknown>) : null,
  }
}

/** What a delivered message's reply changes here (its kind's handler). */
export type ReplyHandler = (row: repo.OutboxRow, reply: Record<string, unknown>) => Promise<void>

export function createOutbox(deps: FederationDeps, channel: Channel) {
  const { db, clock, audit } = deps
  const handlers = new Map<string, ReplyHandler>()

  /** Seals a message to the peer and queues it, in the caller's transaction. */
  async function enqueue(
    trx: Executor,
    peer: repo.PeerRow,
    kind: MessageKind,
    subjectId: string | null,
    body: Record<string, unknown>,
  ): Promise<string> {
    const sealed = channel.seal(peer, kind, body)
    const now = clock.now().toISOString()
    await repo.insertOutbox(trx, {
      id: newId(),
      peer_id: peer.id,
      kind,
      subject_id: subjectId,
      message: sealed.text,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      reply: null,
      created_at: now,
      delivered_at: null,
      queued_at: now,
      dead_at: null,
    })
    return sealed.id
  }

  /**
   * Delivers the peer's due messages in order; stops at the first that cannot be delivered or is
   * not yet due. Returns how many were delivered, and whether the peer could not be reached.
   */
  async function deliverDue(peer: repo.PeerRow): Promise<{ delivered: number; unreachable: boolean }> {
    let delivered = 0
    for (const row of await repo.pendingOutbox(db, peer.id)) {
      const now = clock.now()
      if (row.next_attempt_at > now.toISOString()) {
        return { delivered, unreachable: false }
      }
      const held = new Date(now.getTime() + 2 * (deps.timeoutMs ?? PEER_TIMEOUT_MS)).toISOString()
      if (!(await repo.claimOutbox(db, row.id, row.attempts, held))) {
        // Another delivery has it; order is kept by waiting for it, not by overtaking.
        return { delivered, unreachable: false }
      }
      const id = (JSON.parse(row.message) as { id: string }).id
      try {
        const reply = await channel.deliver(peer, { id, text: row.message })
        await repo.updateOutbox(db, row.id, {
          status: 'delivered',
          delivered_at: clock.now().toISOString(),
          last_error: null,
          reply: JSON.stringify(reply),
        })
        await handlers.get(row.kind)?.(row, reply)
        delivered += 1
      } catch (error) {
        const failure = asAppError(error)
        if (isAppError(error) && failure.code !== 'FEDERATION_PEER_UNAVAILABLE') {
          // The peer answered and said no (or its reply did not verify): the same bytes would get
          // the same answer. Dead at once; the admin requeues it once the cause is fixed.
          await bury(row, reasonOf(failure))
          continue
        }
        if (exhausted(row.queued_at ?? row.created_at, row.attempts + 1, now)) {
          await bury(row, reasonOf(failure))
        } else {
          await repo.updateOutbox(db, row.id, {
            next_attempt_at: nextAttemptAt(now, row.attempts + 1).toISOString(),
            last_error: reasonOf(failure),
          })
        }
        return { delivered, unreachable: true }
      }
    }
    return { delivered, unreachable: false }
  }

  /** No more tries: dead with why (logged, for the admin to see), and its kind told it failed. */
  async function bury(row: repo.OutboxRow, reason: string): Promise<void> {
    await repo.updateOutbox(db, row.id, {
      status: 'dead',
      dead_at: clock.now().toISOString(),
      last_error: reason.slice(0, 1000),
    })
    await audit.record(SYSTEM_ACTOR, {
      action: 'federation.outbox.dead',
      objectType: 'federation_outbox',
      objectId: row.id,
      details: {
        peerId: row.peer_id,
        kind: row.kind,
        attempts: row.attempts + 1,
        reason: reason.slice(0, 300),
      },
    })
    await handlers.get(row.kind)?.(row, { refused: reason })
  }

  function onReply(kind: MessageKind, handler: ReplyHandler): void {
    handlers.set(kind, handler)
  }

  /** The queue of messages to peers, newest first, with attempts and errors (Art. 21). Throws FORBIDDEN. */
  async function listOutbox(actor: Actor, query: { peerId?: string; status?: string }) {
    authorize(actor, 'federation.administer')
    return { items: (await repo.outboxOf(db, query, 200)).map(toOutboxView) }
  }

  async function deadMessage(id: string): Promise<repo.OutboxRow> {
    const row = await repo.findOutbox(db, id)
    if (!row) {
      throw new AppError('FEDERATION_OUTBOX_NOT_FOUND', { id })
    }
    if (row.status !== 'dead') {
      throw new AppError('FEDERATION_OUTBOX_NOT_DEAD', { id, status: row.status })
    }
    return row
  }

  /**
   * Puts a dead message back in the queue, tried at the next sync with a fresh week (audited). The
   * same signed bytes go again (the peer answers a repeat with its first reply), unless the peer's
   * key or ours changed since: then the body is signed again to the key configured now.
   * Throws FORBIDDEN, FEDERATION_OUTBOX_NOT_FOUND, FEDERATION_OUTBOX_NOT_DEAD.
   */
  async function requeue(actor: Actor, id: string) {
    authorize(actor, 'federation.administer')
    const row = await deadMessage(id)
    const peer = await repo.findPeer(db, row.peer_id)
    if (!peer) {
      throw new AppError('FEDERATION_PEER_NOT_FOUND', { id: row.peer_id })
    }
    const sent = parseMessage(row.message)
    const resealed = sent.to !== peer.key_id || sent.from !== channel.signer().keyId
    const text = resealed ? channel.seal(peer, sent.kind, sent.body).text : row.message
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      const moved = await repo.moveOutbox(trx, id, 'dead', {
        status: 'pending',
        message: text,
        attempts: 0,
        next_attempt_at: now,
        queued_at: now,
        dead_at: null,
      })
      if (!moved) {
        throw new AppError('FEDERATION_OUTBOX_NOT_DEAD', { id })
      }
      if (row.kind === 'request' && row.subject_id) {
        await repo.reopenRequest(trx, row.subject_id, now)
      }
      await audit.append(trx, actor, {
        action: 'federation.outbox.requeue',
        objectType: 'federation_outbox',
        objectId: id,
        details: {
          peerId: row.peer_id,
          kind: row.kind,
          attempts: row.attempts,
          lastError: row.last_error,
          resealed,
        },
      })
    })
    return toOutboxView((await repo.findOutbox(db, id)) as repo.OutboxRow)
  }

  /** Drops a dead message for good; it stays listed, discarded (audited). Throws as `requeue`. */
  async function discard(actor: Actor, id: string) {
    authorize(actor, 'federation.administer')
    const row = await deadMessage(id)
    await inTransaction(db, async (trx) => {
      if (!(await repo.moveOutbox(trx, id, 'dead', { status: 'discarded' }))) {
        throw new AppError('FEDERATION_OUTBOX_NOT_DEAD', { id })
      }
      await audit.append(trx, actor, {
        action: 'federation.outbox.discard',
        objectType: 'federation_outbox',
        objectId: id,
        details: { peerId: row.peer_id, kind: row.kind, attempts: row.attempts, lastError: row.last_error },
      })
    })
    return toOutboxView((await repo.findOutbox(db, id)) as repo.OutboxRow)
  }

  return { enqueue, deliverDue, onReply, listOutbox, requeue, discard }
}

export type Outbox = ReturnType<typeof createOutbox>
