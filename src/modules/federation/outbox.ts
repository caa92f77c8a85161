/**
 * Art. 21: messages to a peer wait in the outbox until the peer takes them. A peer that is down
 * keeps them queued; each failed try pushes the next one back (5 s doubling to an hour) and the
 * peer shows down with the reason. They go in order, one peer at a time, the same signed bytes on
 * every try (the receiver answers a repeat with its first reply). A refusal is final.
 */
import type { Executor } from '../../db/database.js'
import type { Actor } from '../../shared/actor.js'
import { isAppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../../shared/policy.js'
import { asAppError, type Channel, reasonOf } from './channel.js'
import type { FederationDeps } from './deps.js'
import type { MessageKind } from './envelope.js'
import * as repo from './repo.js'
import { nextAttemptAt } from './rules.js'
import { PEER_TIMEOUT_MS } from './transport.js'

export function toOutboxView(row: repo.OutboxRow) {
  const status = row.status === 'delivered' || row.status === 'refused' ? row.status : 'pending'
  return {
    id: row.id,
    peerId: row.peer_id,
    kind: row.kind,
    subjectId: row.subject_id,
    status: status as 'pending' | 'delivered' | 'refused',
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    reply: row.reply ? (JSON.parse(row.reply) as Record<string, unknown>) : null,
  }
}

/** What a delivered message's reply changes here (its kind's handler). */
export type ReplyHandler = (row: repo.OutboxRow, reply: Record<string, unknown>) => Promise<void>

export function createOutbox(deps: FederationDeps, channel: Channel) {
  const { db, clock } = deps
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
          // The peer answered and said no (or its reply did not verify): trying again changes nothing.
          await repo.updateOutbox(db, row.id, {
            status: 'refused',
            last_error: reasonOf(failure),
          })
          await handlers.get(row.kind)?.(row, { refused: reasonOf(failure) })
          continue
        }
        await repo.updateOutbox(db, row.id, {
          next_attempt_at: nextAttemptAt(now, row.attempts + 1).toISOString(),
          last_error: reasonOf(failure),
        })
        return { delivered, unreachable: true }
      }
    }
    return { delivered, unreachable: false }
  }

  function onReply(kind: MessageKind, handler: ReplyHandler): void {
    handlers.set(kind, handler)
  }

  /** The queue of messages to peers, newest first, with attempts and errors (Art. 21). Throws FORBIDDEN. */
  async function listOutbox(actor: Actor, peerId: string | undefined) {
    authorize(actor, 'federation.administer')
    return { items: (await repo.outboxOf(db, peerId, 200)).map(toOutboxView) }
  }

  return { enqueue, deliverDue, onReply, listOutbox }
}

export type Outbox = ReturnType<typeof createOutbox>
