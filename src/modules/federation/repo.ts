/** SQL for the federation module's own tables (decisions §52). */
import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Executor } from '../../db/database.js'
import type { FederationTables } from './tables.js'

export type PeerRow = Selectable<FederationTables['federation_peers']>
export type OutboxRow = Selectable<FederationTables['federation_outbox']>
export type InboxRow = Selectable<FederationTables['federation_inbox']>
export type RemoteResourceRow = Selectable<FederationTables['federation_remote_resources']>
export type FederationRequestRow = Selectable<FederationTables['federation_requests']>

export function listPeers(db: Executor): Promise<PeerRow[]> {
  return db.selectFrom('federation_peers').selectAll().orderBy('name').orderBy('id').execute()
}

export function findPeer(db: Executor, id: string): Promise<PeerRow | undefined> {
  return db.selectFrom('federation_peers').selectAll().where('id', '=', id).executeTakeFirst()
}

export function peerByKeyId(db: Executor, keyId: string): Promise<PeerRow | undefined> {
  return db.selectFrom('federation_peers').selectAll().where('key_id', '=', keyId).executeTakeFirst()
}

export async function insertPeer(db: Executor, row: Insertable<FederationTables['federation_peers']>) {
  await db.insertInto('federation_peers').values(row).execute()
}

export async function updatePeer(
  db: Executor,
  id: string,
  changes: Updateable<FederationTables['federation_peers']>,
) {
  await db.updateTable('federation_peers').set(changes).where('id', '=', id).execute()
}

/** Moves the catalog push cursor only from where the caller read it: two syncs never queue one change twice. */
export async function advanceSentCursor(
  db: Executor,
  id: string,
  from: string | null,
  to: string | null,
): Promise<boolean> {
  const moved = await db
    .updateTable('federation_peers')
    .set({ catalog_sent_cursor: to })
    .where('id', '=', id)
    .where((eb) =>
      from === null ? eb('catalog_sent_cursor', 'is', null) : eb('catalog_sent_cursor', '=', from),
    )
    .executeTakeFirst()
  return Number(moved.numUpdatedRows) > 0
}

/** Sets the peer's state and its last success or error; true when the state itself changed. */
export async function setPeerState(
  db: Executor,
  id: string,
  state: 'up' | 'down',
  changes: Updateable<FederationTables['federation_peers']>,
): Promise<boolean> {
  const moved = await db
    .updateTable('federation_peers')
    .set({ ...changes, state })
    .where('id', '=', id)
    .where('state', '!=', state)
    .executeTakeFirst()
  if (Number(moved.numUpdatedRows) > 0) {
    return true
  }
  await db.updateTable('federation_peers').set(changes).where('id', '=', id).execute()
  return false
}

export async function insertOutbox(db: Executor, row: Insertable<FederationTables['federation_outbox']>) {
  await db.insertInto('federation_outbox').values(row).execute()
}

/** The peer's undelivered messages, oldest first: they go in order, so a catalog change never overtakes. */
export function pendingOutbox(db: Executor, peerId: string): Promise<OutboxRow[]> {
  return db
    .selectFrom('federation_outbox')
    .selectAll()
    .where('peer_id', '=', peerId)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/**
 * Takes a due message for one delivery: counts the attempt and holds it off until `until`, only if
 * no one else took it since it was read (the job, or a request delivered at once on another instance).
 */
export async function claimOutbox(
  db: Executor,
  id: string,
  attempts: number,
  until: string,
): Promise<boolean> {
  const taken = await db
    .updateTable('federation_outbox')
    .set({ attempts: attempts + 1, next_attempt_at: until })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempts)
    .executeTakeFirst()
  return Number(taken.numUpdatedRows) > 0
}

export function outboxOf(
  db: Executor,
  query: { peerId?: string; status?: string },
  limit: number,
): Promise<OutboxRow[]> {
  let select = db.selectFrom('federation_outbox').selectAll()
  if (query.peerId) {
    select = select.where('peer_id', '=', query.peerId)
  }
  if (query.status) {
    select = select.where('status', '=', query.status)
  }
  return select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

export function findOutbox(db: Executor, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('federation_outbox').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Moves a message from one state to another only if it is still in the first (two admins, one wins). */
export async function moveOutbox(
  db: Executor,
  id: string,
  from: string,
  changes: Updateable<FederationTables['federation_outbox']>,
): Promise<boolean> {
  const moved = await db
    .updateTable('federation_outbox')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst()
  return Number(moved.numUpdatedRows) > 0
}

export function outboxBySubject(db: Executor, kind: string, subjectId: string): Promise<OutboxRow[]> {
  return db
    .selectFrom('federation_outbox')
    .selectAll()
    .where('kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .orderBy('created_at')
    .execute()
}

/** A peer's queue at a glance: never tried, failing (tried, waiting to retry), dead. */
export interface QueueCounts {
  queued: number
  failing: number
  dead: number
  /** The earliest next try of a failing message. */
  nextAttemptAt: string | null
}

export async function queueCounts(db: Executor): Promise<Map<string, QueueCounts>> {
  const rows = await db
    .selectFrom('federation_outbox')
    .select([
      'peer_id',
      'status',
      (eb) => eb.case().when('attempts', '>', 0).then(1).else(0).end().as('tried'),
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.min('next_attempt_at').as('next'),
    ])
    .where('status', 'in', ['pending', 'dead'])
    .groupBy(['peer_id', 'status', 'tried'])
    .execute()
  const counts = new Map<string, QueueCounts>()
  for (const row of rows) {
    const peer = counts.get(row.peer_id) ?? { queued: 0, failing: 0, dead: 0, nextAttemptAt: null }
    const n = Number(row.n)
    if (row.status === 'dead') {
      peer.dead += n
    } else if (Number(row.tried) === 1) {
      peer.failing += n
      peer.nextAttemptAt = row.next === null ? null : String(row.next)
    } else {
      peer.queued += n
    }
    counts.set(row.peer_id, peer)
  }
  return counts
}

export async function updateOutbox(
  db: Executor,
  id: string,
  changes: Updateable<FederationTables['federation_outbox']>,
) {
  await db.updateTable('federation_outbox').set(changes).where('id', '=', id).execute()
}

export function findInbox(db: Executor, messageId: string): Promise<InboxRow | undefined> {
  return db.selectFrom('federation_inbox').selectAll().where('message_id', '=', messageId).executeTakeFirst()
}

export async function insertInbox(db: Executor, row: Insertable<FederationTables['federation_inbox']>) {
  await db.insertInto('federation_inbox').values(row).execute()
}

export function inboxOfKind(db: Executor, kind: string, limit: number): Promise<InboxRow[]> {
  return db
    .selectFrom('federation_inbox')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute()
}

export function findRemoteResource(db: Executor, id: string): Promise<RemoteResourceRow | undefined> {
  return db.selectFrom('federation_remote_resources').selectAll().where('id', '=', id).executeTakeFirst()
}

export function remoteResourcesByIds(db: Executor, ids: readonly string[]): Promise<RemoteResourceRow[]> {
  if (ids.length === 0) {
    return Promise.resolve([])
  }
  return db
    .selectFrom('federation_remote_resources')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute()
}

export function remoteResourceOf(
  db: Executor,
  peerId: string,
  remoteId: string,
): Promise<RemoteResourceRow | undefined> {
  return db
    .selectFrom('federation_remote_resources')
    .selectAll()
    .where('peer_id', '=', peerId)
    .where('remote_id', '=', remoteId)
    .executeTakeFirst()
}

export function listRemoteResources(
  db: Executor,
  query: { peerId?: string; text?: string; limit: number; offset: number },
): Promise<RemoteResourceRow[]> {
  let select = db.selectFrom('federation_remote_resources').selectAll().where('status', '=', 'published')
  if (query.peerId) {
    select = select.where('peer_id', '=', query.peerId)
  }
  if (query.text) {
    // Wildcards typed by the user are dropped rather than escaped: LIKE escapes differ by dialect.
    const like = `%${query.text.replace(/[\\%_]/g, '')}%`
    select = select.where((eb) =>
      eb.or([eb('name', 'like', like), eb('summary', 'like', like), eb('code', 'like', like)]),
    )
  }
  return select.orderBy('code').limit(query.limit).offset(query.offset).execute()
}

export async function insertRemoteResource(
  db: Executor,
  row: Insertable<FederationTables['federation_remote_resources']>,
) {
  await db.insertInto('federation_remote_resources').values(row).execute()
}

export async function updateRemoteResource(
  db: Executor,
  id: string,
  changes: Updateable<FederationTables['federation_remote_resources']>,
) {
  await db.updateTable('federation_remote_resources').set(changes).where('id', '=', id).execute()
}

export async function insertRequest(db: Executor, row: Insertable<FederationTables['federation_requests']>) {
  await db.insertInto('federation_requests').values(row).execute()
}

export function findRequest(db: Executor, id: string): Promise<FederationRequestRow | undefined> {
  return db.selectFrom('federation_requests').selectAll().where('id', '=', id).executeTakeFirst()
}

export function inboundRequestOf(
  db: Executor,
  peerId: string,
  peerRequestId: string,
): Promise<FederationRequestRow | undefined> {
  return db
    .selectFrom('federation_requests')
    .selectAll()
    .where('direction', '=', 'inbound')
    .where('peer_id', '=', peerId)
    .where('peer_request_id', '=', peerRequestId)
    .executeTakeFirst()
}

/** Our departments' requests to peers still waiting for the provider's decision. */
export function openOutboundRequests(db: Executor, peerId: string): Promise<FederationRequestRow[]> {
  return db
    .selectFrom('federation_requests')
    .selectAll()
    .where('direction', '=', 'outbound')
    .where('peer_id', '=', peerId)
    .where('status', '=', 'pending')
    .where('peer_request_id', 'is not', null)
    .execute()
}

export function outboundRequestsOf(
  db: Executor,
  departmentIds: readonly string[] | undefined,
): Promise<FederationRequestRow[]> {
  let query = db.selectFrom('federation_requests').selectAll().where('direction', '=', 'outbound')
  if (departmentIds !== undefined) {
    if (departmentIds.length === 0) {
      return Promise.resolve([])
    }
    query = query.where('department_id', 'in', [...departmentIds])
  }
  return query.orderBy('created_at', 'desc').limit(500).execute()
}

/** The granted request a department holds for a remote resource, latest first. */
export function grantedOutbound(
  db: Executor,
  remoteResourceId: string,
  departmentId: string,
): Promise<FederationRequestRow | undefined> {
  return db
    .selectFrom('federation_requests')
    .selectAll()
    .where('direction', '=', 'outbound')
    .where('remote_resource_id', '=', remoteResourceId)
    .where('department_id', '=', departmentId)
    .where('status', '=', 'granted')
    .orderBy('updated_at', 'desc')
    .executeTakeFirst()
}

/** An application whose message was refused goes back to "sending" when the admin requeues it. */
export async function reopenRequest(db: Executor, id: string, now: string) {
  await db
    .updateTable('federation_requests')
    .set({ status: 'sending', updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'refused')
    .execute()
}

export async function updateRequest(
  db: Executor,
  id: string,
  changes: Updateable<FederationTables['federation_requests']>,
) {
  await db.updateTable('federation_requests').set(changes).where('id', '=', id).execute()
}
