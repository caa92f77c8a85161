/**
 * Art. 21, 39: what a peer platform's signed message asks of this one. The sender is proved by its
 * SM2 signature (channel.ts), never by a user token; what it may ask is what the admin configured:
 * our catalog only when shared with it, requests and reads only for its departments listed and
 * registered here. The providing side decides, masks and logs by its own rules.
 */
import { inTransaction } from '../../db/transaction.js'
import { canonicalJson, sm3Hex } from '../../shared/crypto.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { catalogFeedSince, publishedResource } from '../catalog/index.js'
import { maskedKey } from '../exchange/index.js'
import { departmentActor, departmentByCode } from '../org/index.js'
import { requestOutcome } from '../sharing/index.js'
import type { Channel } from './channel.js'
import type { FederationDeps } from './deps.js'
import type { FederationMessage } from './envelope.js'
import { checkEntries, type createMirror } from './mirror.js'
import * as repo from './repo.js'
import { READ_MAX_AGE_MS } from './rules.js'

type Body = Record<string, unknown>

export function createInbound(
  deps: FederationDeps,
  channel: Channel,
  mirror: ReturnType<typeof createMirror>,
) {
  const { db, clock, audit } = deps

  const str = (body: Body, field: string, required = true): string => {
    const value = body[field]
    if (typeof value === 'string' && value.length <= 1000) {
      return value
    }
    if (!required && (value === undefined || value === null)) {
      return ''
    }
    throw new AppError('FEDERATION_MESSAGE_INVALID', { reason: `body.${field} missing or not a string` })
  }

  /** The peer's department as registered here, when the admin lets the peer speak for it. Throws (logged) FEDERATION_NOT_ALLOWED. */
  async function departmentOf(peer: repo.PeerRow, message: FederationMessage, code: string) {
    const allowed = (JSON.parse(peer.department_codes) as string[]).includes(code.trim().toUpperCase())
    const department = allowed ? await departmentByCode(db, code) : undefined
    if (!department) {
      return channel.refuse(
        new AppError('FEDERATION_NOT_ALLOWED', { reason: 'department not shared', code }),
        {
          peerId: peer.id,
          kind: message.kind,
        },
      )
    }
    return department
  }

  async function pull(peer: repo.PeerRow, message: FederationMessage): Promise<Body> {
    if (peer.shares_catalog !== 1) {
      return channel.refuse(new AppError('FEDERATION_NOT_ALLOWED', { reason: 'catalog not shared' }), {
        peerId: peer.id,
        kind: message.kind,
      })
    }
    const since = str(message.body, 'since', false) || null
    const feed = await catalogFeedSince(db, since)
    if (feed.entries.length > 0) {
      await audit.record(actorFor(peer), {
        action: 'federation.catalog.export',
        objectType: 'federation_peer',
        objectId: peer.id,
        details: { peerId: peer.id, entries: feed.entries.length, since, cursor: feed.cursor },
      })
    }
    return { entries: feed.entries, cursor: feed.cursor, more: feed.more }
  }

  async function push(peer: repo.PeerRow, message: FederationMessage): Promise<Body> {
    const entries = checkEntries(message.body.entries)
    const cursor = str(message.body, 'cursor', false) || null
    return { ...(await mirror.applyCatalog(peer, entries, cursor)) }
  }

  async function request(peer: repo.PeerRow, message: FederationMessage): Promise<Body> {
    const body = message.body
    const peerRequestId = str(body, 'requestId')
    const held = await repo.inboundRequestOf(db, peer.id, peerRequestId)
    if (held?.local_request_id) {
      return outcomeOf(held.local_request_id)
    }
    const department = await departmentOf(peer, message, str(body, 'departmentCode'))
    const requester = str(body, 'requester')
    const items = Array.isArray(body.items)
      ? body.items.filter((i): i is string => typeof i === 'string')
      : []
    const actor = await departmentActor(
      db,
      department.id,
      ['consumer'],
      `${peer.name}:${requester}`.slice(0, 200),
    )
    const created = await deps.sharing.requests.createRequest(actor, {
      resourceId: str(body, 'resourceId'),
      items,
      purpose: str(body, 'purpose'),
      ...(typeof body.validTo === 'string' ? { validTo: body.validTo } : {}),
    })
    const now = clock.now().toISOString()
    await repo.insertRequest(db, {
      id: newId(),
      peer_id: peer.id,
      direction: 'inbound',
      remote_resource_id: null,
      resource_id: created.resourceId,
      department_id: department.id,
      requester,
      items: JSON.stringify(items),
      purpose: str(body, 'purpose'),
      peer_request_id: peerRequestId,
      local_request_id: created.id,
      status: created.status,
      grant_id: null,
      created_at: now,
      updated_at: now,
    })
    return outcomeOf(created.id)
  }

  async function outcomeOf(localRequestId: string): Promise<Body> {
    const outcome = await requestOutcome(db, localRequestId)
    return {
      requestId: localRequestId,
      status: outcome?.status ?? 'unknown',
      grantId: outcome?.grantId ?? null,
    }
  }

  async function status(peer: repo.PeerRow, message: FederationMessage): Promise<Body> {
    const ids = Array.isArray(message.body.requestIds)
      ? message.body.requestIds.filter((id): id is string => typeof id === 'string').slice(0, 500)
      : []
    const requests: Body[] = []
    for (const id of ids) {
      const held = await repo.inboundRequestOf(db, peer.id, id)
      if (held?.local_request_id) {
        requests.push({ peerRequestId: id, ...(await outcomeOf(held.local_request_id)) })
      }
    }
    return { requests }
  }

  async function read(peer: repo.PeerRow, message: FederationMessage): Promise<Body> {
    const age = clock.now().getTime() - Date.parse(message.createdAt)
    if (!(Math.abs(age) <= READ_MAX_AGE_MS)) {
      return channel.refuse(
        new AppError('FEDERATION_MESSAGE_INVALID', { reason: 'read too old or from the future' }),
        {
          peerId: peer.id,
          kind: message.kind,
        },
      )
    }
    const body = message.body
    const department = await departmentOf(peer, message, str(body, 'departmentCode'))
    const actor = await departmentActor(
      db,
      department.id,
      ['consumer'],
      `${peer.name}:${str(body, 'requester')}`.slice(0, 200),
    )
    const resourceId = str(body, 'resourceId')
    const key = str(body, 'key')
    const found = await deps.exchange.query.readByKey(actor, resourceId, key, {
      grantId: str(body, 'grantId', false) || undefined,
      caseRef: str(body, 'caseRef', false) || undefined,
      correlationId: str(body, 'correlationId'),
    })
    const resource = await publishedResource(db, resourceId)
    return {
      record: found.record,
      grantId: found.grantId,
      key: resource ? maskedKey(resource.items, key) : '',
      sourceChangedAt: found.sourceChangedAt ?? null,
    }
  }

  async function report(peer: repo.PeerRow, message: FederationMessage, text: string): Promise<Body> {
    const year = Number(message.body.year)
    const receiptId = newId()
    const digest = sm3Hex(text)
    await audit.record(actorFor(peer), {
      action: 'federation.report.receive',
      objectType: 'federation_peer',
      objectId: peer.id,
      details: { peerId: peer.id, year: Number.isInteger(year) ? year : 0, digest, receiptId },
    })
    return { receiptId, receivedAt: clock.now().toISOString(), digest }
  }

  /**
   * Handles one signed message and returns our signed reply's text. A message already handled gets
   * the reply it got then (the sender retries after a lost reply); a read is never replayed.
   * Throws (logged) FEDERATION_MESSAGE_INVALID, FEDERATION_PEER_UNKNOWN, FEDERATION_NOT_ALLOWED,
   * and what the providing module throws (its own refusals logged there).
   */
  async function receive(text: string): Promise<string> {
    const { message, peer } = await channel.openFrom(text)
    const seen = await repo.findInbox(db, message.id)
    if (seen) {
      if (message.kind === 'read' || seen.peer_id !== peer.id) {
        return channel.refuse(new AppError('FEDERATION_MESSAGE_INVALID', { reason: 'message replayed' }), {
          peerId: peer.id,
          kind: message.kind,
        })
      }
      return seen.reply
    }
    await channel.markUp(peer)
    const row = {
      message_id: message.id,
      peer_id: peer.id,
      kind: message.kind,
      digest: sm3Hex(text),
      content: message.kind === 'report' ? canonicalJson(message.body) : null,
      received_at: clock.now().toISOString(),
    }
    if (message.kind === 'read') {
      // Kept before the read runs, without the reply (it holds data): the same read cannot run twice.
      await repo.insertInbox(db, { ...row, reply: '' })
    }
    const replyText = channel.reply(peer, message, await dispatch(peer, message, text))
    if (message.kind !== 'read' && message.kind !== 'catalog.pull' && message.kind !== 'request.status') {
      await inTransaction(db, (trx) => repo.insertInbox(trx, { ...row, reply: replyText }))
    }
    return replyText
  }

  function dispatch(peer: repo.PeerRow, message: FederationMessage, text: string): Promise<Body> {
    switch (message.kind) {
      case 'catalog':
        return push(peer, message)
      case 'catalog.pull':
        return pull(peer, message)
      case 'request':
        return request(peer, message)
      case 'request.status':
        return status(peer, message)
      case 'read':
        return read(peer, message)
      case 'report':
        return report(peer, message, text)
      default:
        return channel.refuse(
          new AppError('FEDERATION_MESSAGE_INVALID', { reason: 'a reply sent as a request' }),
          {
            peerId: peer.id,
            kind: message.kind,
          },
        )
    }
  }

  return { receive }
}

/** How a peer appears in our log: the system acting for the named peer platform. */
export function actorFor(peer: repo.PeerRow) {
  return {
    kind: 'system' as const,
    id: null,
    name: `peer:${peer.name}`.slice(0, 200),
    departmentId: null,
    departmentPath: null,
    departmentLevel: null,
    roles: [],
  }
}
