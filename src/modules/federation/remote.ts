/**
 * Art. 21: a city department finds a provincial resource in the mirror, applies for it through
 * the city platform (the province decides), and reads it through the city platform under the
 * province's grant, masking and log. Both platforms log the read with one correlation id.
 */
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { AppError, isAppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../../shared/policy.js'
import { departmentCards, departmentsInScope, withDisplayNames } from '../org/index.js'
import { asAppError, type Channel } from './channel.js'
import type { FederationDeps } from './deps.js'
import { toRemoteView } from './mirror.js'
import type { Outbox } from './outbox.js'
import * as repo from './repo.js'
import type { RemoteRequestBody, RemoteRequestView, RemoteResourceView } from './schema.js'

export function toRequestView(
  row: repo.FederationRequestRow,
  names: { peerName: string; resourceName: string },
): Omit<RemoteRequestView, 'requesterName'> {
  return {
    id: row.id,
    peerId: row.peer_id,
    peerName: names.peerName,
    resourceName: names.resourceName,
    remoteResourceId: row.remote_resource_id,
    resourceId: row.resource_id,
    departmentId: row.department_id,
    requester: row.requester,
    items: JSON.parse(row.items) as string[],
    purpose: row.purpose,
    peerRequestId: row.peer_request_id,
    status: row.status,
    grantId: row.grant_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export function createRemote(deps: FederationDeps, channel: Channel, outbox: Outbox) {
  const { db, clock, audit } = deps

  async function peerNames(): Promise<Map<string, repo.PeerRow>> {
    return new Map((await repo.listPeers(db)).map((peer) => [peer.id, peer]))
  }

  /** The peers' catalogs as mirrored here (Art. 21): every signed-in user, as the catalog search. */
  async function listRemoteResources(
    _actor: Actor,
    query: { q?: string; peerId?: string; page?: number; pageSize?: number },
  ): Promise<{ items: RemoteResourceView[] }> {
    const pageSize = query.pageSize ?? 50
    const rows = await repo.listRemoteResources(db, {
      peerId: query.peerId,
      text: query.q?.trim() || undefined,
      limit: pageSize,
      offset: ((query.page ?? 1) - 1) * pageSize,
    })
    const peers = await peerNames()
    return { items: rows.map((row) => toRemoteView(row, peers.get(row.peer_id)?.name ?? '')) }
  }

  async function servingRemote(id: string) {
    const row = await repo.findRemoteResource(db, id)
    const peer = row ? await repo.findPeer(db, row.peer_id) : undefined
    if (!row || !peer || row.status !== 'published' || peer.enabled !== 1) {
      throw new AppError('FEDERATION_REMOTE_RESOURCE_NOT_FOUND', { id })
    }
    return { row, peer }
  }

  async function getRemoteResource(_actor: Actor, id: string): Promise<RemoteResourceView> {
    const { row, peer } = await servingRemote(id)
    return toRemoteView(row, peer.name)
  }

  async function ownCode(actor: Actor): Promise<string> {
    const [card] = await departmentCards(db, [actor.departmentId ?? ''])
    if (!card) {
      throw new AppError('FORBIDDEN', { action: 'federation.request' })
    }
    return card.code
  }

  /**
   * A consumer applies for a peer's resource (Art. 21, 25): queued signed to the peer, which
   * decides; delivered at once when the peer is up. Throws FORBIDDEN,
   * FEDERATION_REMOTE_RESOURCE_NOT_FOUND, SHARING_UNKNOWN_ITEM.
   */
  async function applyForRemote(
    actor: Actor,
    id: string,
    body: RemoteRequestBody,
  ): Promise<RemoteRequestView> {
    authorize(actor, 'sharing.request', actor.departmentPath ?? undefined)
    const { row, peer } = await servingRemote(id)
    const items = [...new Set(body.items.map((item) => item.trim()))]
    const known = new Set((JSON.parse(row.items) as Array<{ name: string }>).map((item) => item.name))
    const unknown = items.filter((item) => !known.has(item))
    if (unknown.length > 0) {
      throw new AppError('SHARING_UNKNOWN_ITEM', { field: 'items', items: unknown })
    }
    const code = await ownCode(actor)
    const requestId = newId()
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      await repo.insertRequest(trx, {
        id: requestId,
        peer_id: peer.id,
        direction: 'outbound',
        remote_resource_id: row.id,
        resource_id: row.remote_id,
        department_id: actor.departmentId ?? '',
        requester: actor.name,
        items: JSON.stringify(items),
        purpose: body.purpose.trim(),
        peer_request_id: null,
        local_request_id: null,
        status: 'sending',
        grant_id: null,
        created_at: now,
        updated_at: now,
      })
      await outbox.enqueue(trx, peer, 'request', requestId, {
        requestId,
        departmentCode: code,
        requester: actor.name,
        resourceId: row.remote_id,
        items,
        purpose: body.purpose.trim(),
        ...(body.validTo ? { validTo: body.validTo } : {}),
      })
      await audit.append(trx, actor, {
        action: 'federation.request',
        objectType: 'federation_request',
        objectId: requestId,
        details: { peerId: peer.id, resourceId: row.remote_id, items, purpose: body.purpose.trim() },
      })
    })
    // Best effort now; the sync job retries when the peer is down.
    await outbox.deliverDue(peer).catch(() => undefined)
    return viewOf(requestId)
  }

  async function viewOf(id: string): Promise<RemoteRequestView> {
    const row = await repo.findRequest(db, id)
    if (!row) {
      throw new AppError('SHARING_REQUEST_NOT_FOUND', { id })
    }
    return (await withNames([row]))[0] as RemoteRequestView
  }

  /** Requests as people read them: the peer's and the resource's names beside the ids. */
  async function withNames(rows: repo.FederationRequestRow[]): Promise<RemoteRequestView[]> {
    const peers = await peerNames()
    const ids = [...new Set(rows.map((row) => row.remote_resource_id).filter((id) => id !== null))]
    const resources = new Map((await repo.remoteResourcesByIds(db, ids)).map((r) => [r.id, r.name]))
    const views = rows.map((row) =>
      toRequestView(row, {
        peerName: peers.get(row.peer_id)?.name ?? '',
        resourceName: (row.remote_resource_id && resources.get(row.remote_resource_id)) || '',
      }),
    )
    return withDisplayNames(db, views, ['requester'])
  }

  /** Our departments' applications to peers (their own for a department, all for the bureau). */
  async function listRemoteRequests(actor: Actor): Promise<{ items: RemoteRequestView[] }> {
    const scope = await departmentsInScope(db, actor, 'sharing.read')
    if (scope !== undefined && scope.length === 0) {
      throw new AppError('FORBIDDEN', { action: 'sharing.read' })
    }
    return { items: await withNames(await repo.outboundRequestsOf(db, scope)) }
  }

  /** What the provider answered to a delivered application (outbox reply handler). */
  async function recordOutcome(requestId: string, reply: Record<string, unknown>): Promise<void> {
    const status =
      typeof reply.status === 'string'
        ? reply.status
        : typeof reply.refused === 'string'
          ? 'refused'
          : undefined
    if (!status) {
      return
    }
    await repo.updateRequest(db, requestId, {
      status: status.slice(0, 40),
      ...(typeof reply.requestId === 'string' ? { peer_request_id: reply.requestId } : {}),
      grant_id: typeof reply.grantId === 'string' ? reply.grantId : null,
      updated_at: clock.now().toISOString(),
    })
  }

  /** Asks the peer where our open applications stand (the province decides on its own platform). */
  async function refreshStatuses(peer: repo.PeerRow): Promise<void> {
    const open = await repo.openOutboundRequests(db, peer.id)
    if (open.length === 0) {
      return
    }
    const reply = await channel.call(peer, 'request.status', {
      // Our ids: the provider knows each application by the id we sent it with.
      requestIds: open.map((row) => row.id),
    })
    const answers = Array.isArray(reply.requests) ? reply.requests : []
    for (const row of open) {
      const answer = answers.find(
        (a): a is Record<string, unknown> =>
          typeof a === 'object' && a !== null && (a as Record<string, unknown>).peerRequestId === row.id,
      )
      if (answer && answer.status !== row.status) {
        await recordOutcome(row.id, answer)
      }
    }
  }

  /**
   * One record of a peer's resource by key, read through the peer under its grant to our
   * department: the peer masks and logs it; we log it with the same correlation id before the
   * reply leaves. Throws (logged) FEDERATION_GRANT_REQUIRED, FEDERATION_PEER_UNAVAILABLE,
   * FEDERATION_PEER_REFUSED {code}.
   */
  async function readRemote(actor: Actor, id: string, key: string, options: { caseRef?: string }) {
    authorize(actor, 'exchange.read', actor.departmentPath ?? undefined)
    const { row, peer } = await servingRemote(id)
    const correlationId = newId()
    const granted = await repo.grantedOutbound(db, row.id, actor.departmentId ?? '')
    const log = (grantId: string | null, keys: string[], records: number, error?: string) =>
      audit.recordRead(actor, {
        action: 'federation.read',
        objectType: 'federation_remote_resource',
        objectId: row.id,
        details: {
          correlationId,
          peerId: peer.id,
          resourceId: row.remote_id,
          grantId,
          caseRef: options.caseRef ?? null,
          keys,
          records,
          ...(error ? { error } : {}),
        },
      })
    if (!granted?.grant_id) {
      await log(null, [], 0, 'FEDERATION_GRANT_REQUIRED')
      throw new AppError('FEDERATION_GRANT_REQUIRED', { id })
    }
    let reply: Record<string, unknown>
    try {
      reply = await channel.call(peer, 'read', {
        correlationId,
        departmentCode: await ownCode(actor),
        requester: actor.name,
        resourceId: row.remote_id,
        key,
        grantId: granted.grant_id,
        caseRef: options.caseRef ?? '',
      })
    } catch (error) {
      const failure = asAppError(error)
      const details = failure.details as { code?: unknown } | undefined
      await log(granted.grant_id, [], 0, typeof details?.code === 'string' ? details.code : failure.code)
      throw isAppError(error) ? error : failure
    }
    const record =
      typeof reply.record === 'object' && reply.record !== null
        ? (reply.record as Record<string, unknown>)
        : {}
    await log(granted.grant_id, [typeof reply.key === 'string' ? reply.key : ''], 1)
    return {
      record,
      correlationId,
      grantId: granted.grant_id,
      peerId: peer.id,
      sourceChangedAt: typeof reply.sourceChangedAt === 'string' ? reply.sourceChangedAt : null,
    }
  }

  outbox.onReply('request', (row, reply) => recordOutcome(row.subject_id ?? '', reply))

  return {
    listRemoteResources,
    getRemoteResource,
    applyForRemote,
    listRemoteRequests,
    refreshStatuses,
    readRemote,
  }
}
