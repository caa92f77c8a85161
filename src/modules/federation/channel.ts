/**
 * Art. 21: talking to a peer platform. Every message out is signed with this platform's SM2 key;
 * every message in (and every reply) must verify against the peer's configured key, or it is
 * refused and logged (`federation.refused`) before anything is read from it.
 */
import { SYSTEM_ACTOR } from '../../shared/actor.js'
import { AppError, isAppError } from '../../shared/errors.js'
import type { AuditSigner } from '../audit/index.js'
import type { FederationDeps } from './deps.js'
import {
  type FederationMessage,
  type MessageKind,
  parseMessage,
  sealMessage,
  verifyMessage,
} from './envelope.js'
import * as repo from './repo.js'
import { PEER_TIMEOUT_MS, postMessage } from './transport.js'

export type Channel = ReturnType<typeof createChannel>

export function createChannel(deps: FederationDeps) {
  const { db, clock, audit } = deps

  function signer(): AuditSigner {
    if (!deps.signer) {
      throw new AppError('FEDERATION_SIGNING_KEY_REQUIRED')
    }
    return deps.signer
  }

  /** Logs a refused message (outside any transaction: the refusal must stay), then throws `error`. */
  async function refuse(
    error: AppError,
    about: { keyId?: string; kind?: string; peerId?: string },
  ): Promise<never> {
    const details = error.details as { reason?: unknown } | undefined
    await audit.record(SYSTEM_ACTOR, {
      action: 'federation.refused',
      objectType: 'federation_peer',
      objectId: about.peerId,
      details: {
        code: error.code,
        ...(typeof details?.reason === 'string' ? { reason: details.reason } : {}),
        ...about,
      },
    })
    throw error
  }

  /** A received message: parsed, from an enabled peer, addressed to us, signed by that peer. */
  async function openFrom(
    text: string,
    expectedPeer?: repo.PeerRow,
  ): Promise<{ message: FederationMessage; peer: repo.PeerRow }> {
    let message: FederationMessage
    try {
      message = parseMessage(text)
    } catch (error) {
      return refuse(asAppError(error), { peerId: expectedPeer?.id })
    }
    const peer = expectedPeer ?? (await repo.peerByKeyId(db, message.from))
    const about = { keyId: message.from.slice(0, 64), kind: message.kind, peerId: peer?.id }
    if (peer?.enabled !== 1 || peer.key_id !== message.from) {
      return refuse(new AppError('FEDERATION_PEER_UNKNOWN', { keyId: message.from.slice(0, 64) }), about)
    }
    try {
      verifyMessage(message, peer.public_key, signer().keyId)
    } catch (error) {
      return refuse(asAppError(error), about)
    }
    return { message, peer }
  }

  /** Records the peer's state; a change (reached again, or lost) is logged once, not every call. */
  async function setState(peer: repo.PeerRow, state: 'up' | 'down', reason: string | null): Promise<void> {
    const now = clock.now().toISOString()
    const changes =
      state === 'up'
        ? { last_success_at: now, last_error: null }
        : { last_error: (reason ?? '').slice(0, 300) }
    if (await repo.setPeerState(db, peer.id, state, changes)) {
      await audit.record(SYSTEM_ACTOR, {
        action: 'federation.peer.state',
        objectType: 'federation_peer',
        objectId: peer.id,
        details: { state, ...(reason ? { reason: reason.slice(0, 300) } : {}) },
      })
    }
  }

  const markUp = (peer: repo.PeerRow) => setState(peer, 'up', null)
  const markDown = (peer: repo.PeerRow, reason: string) => setState(peer, 'down', reason)

  /**
   * Sends a sealed text and opens the peer's signed reply. Throws FEDERATION_PEER_UNAVAILABLE
   * (the peer is then shown down), FEDERATION_PEER_REFUSED {code} when it answered with an error,
   * and, logged, FEDERATION_MESSAGE_INVALID when its reply does not verify.
   */
  async function deliver(
    peer: repo.PeerRow,
    sent: { id: string; text: string },
  ): Promise<Record<string, unknown>> {
    let answer: Awaited<ReturnType<typeof postMessage>>
    try {
      answer = await (deps.post ?? postMessage)(peer.base_url, sent.text, deps.timeoutMs ?? PEER_TIMEOUT_MS)
    } catch (error) {
      const failure = asAppError(error)
      await markDown(peer, reasonOf(failure))
      throw failure
    }
    await markUp(peer)
    if (!answer.ok) {
      throw new AppError('FEDERATION_PEER_REFUSED', {
        code: answer.code,
        ...(answer.reason ? { reason: answer.reason } : {}),
      })
    }
    const { message } = await openFrom(answer.text, peer)
    if (message.kind !== 'reply' || message.inReplyTo !== sent.id) {
      return refuse(new AppError('FEDERATION_MESSAGE_INVALID', { reason: 'not the reply to our message' }), {
        peerId: peer.id,
        kind: message.kind,
      })
    }
    return message.body
  }

  /** Signs a message to the peer now. */
  function seal(peer: repo.PeerRow, kind: MessageKind, body: Record<string, unknown>) {
    return sealMessage(signer(), peer.key_id, kind, body, clock.now())
  }

  /** A request answered at once (a catalog pull, a status, a read). */
  function call(peer: repo.PeerRow, kind: MessageKind, body: Record<string, unknown>) {
    return deliver(peer, seal(peer, kind, body))
  }

  /** Our signed reply to a received message. */
  function reply(peer: repo.PeerRow, to: FederationMessage, body: Record<string, unknown>): string {
    return sealMessage(signer(), peer.key_id, 'reply', body, clock.now(), to.id).text
  }

  return { signer, openFrom, refuse, deliver, seal, call, reply, markUp, markDown }
}

export function asAppError(error: unknown): AppError {
  if (isAppError(error)) {
    return error
  }
  return new AppError('FEDERATION_PEER_UNAVAILABLE', {
    reason: error instanceof Error ? error.message : 'failed',
  })
}

export function reasonOf(error: AppError): string {
  const details = error.details as { reason?: unknown; code?: unknown } | undefined
  // A peer's refusal names its code and its reason: the admin needs both to fix the cause.
  const why = [details?.code, details?.reason].filter((part) => typeof part === 'string').join(': ')
  return why ? `${error.code}: ${why}` : error.code
}
