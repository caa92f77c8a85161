/** Art. 21: the peer platforms the system administrator configures (URL, SM2 key, what is shared). */
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../../shared/policy.js'
import { keyIdOf } from '../audit/index.js'
import type { FederationDeps } from './deps.js'
import * as repo from './repo.js'
import { normalizeCodes } from './rules.js'
import type { PeerBody, PeerPatch, PeerView } from './schema.js'

export type Peers = ReturnType<typeof createPeers>

const EMPTY: repo.QueueCounts = { queued: 0, failing: 0, dead: 0, nextAttemptAt: null }

export function toPeerView(row: repo.PeerRow, queue: repo.QueueCounts = EMPTY): PeerView {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    publicKey: row.public_key,
    keyId: row.key_id,
    role: row.role === 'province' ? 'province' : 'city',
    sharesCatalog: row.shares_catalog === 1,
    departmentCodes: JSON.parse(row.department_codes) as string[],
    enabled: row.enabled === 1,
    state: row.state === 'up' || row.state === 'down' ? row.state : 'unknown',
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    pending: queue.queued + queue.failing,
    queued: queue.queued,
    failing: queue.failing,
    dead: queue.dead,
    nextAttemptAt: queue.nextAttemptAt,
    catalogSentCursor: row.catalog_sent_cursor,
    catalogPulledCursor: row.catalog_pulled_cursor,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export function createPeers(deps: FederationDeps) {
  const { db, clock, audit } = deps

  /** This platform's key: what the admin gives the peer's admin. Throws FEDERATION_SIGNING_KEY_REQUIRED. */
  function identity(actor: Actor) {
    authorize(actor, 'federation.administer')
    if (!deps.signer) {
      throw new AppError('FEDERATION_SIGNING_KEY_REQUIRED')
    }
    return { keyId: deps.signer.keyId, publicKey: deps.signer.publicKey, algorithm: 'SM2' as const }
  }

  async function view(id: string): Promise<PeerView> {
    const row = await repo.findPeer(db, id)
    if (!row) {
      throw new AppError('FEDERATION_PEER_NOT_FOUND', { id })
    }
    return toPeerView(row, (await repo.queueCounts(db)).get(id))
  }

  /** Every peer with its state and queue (Art. 21). Throws FORBIDDEN. */
  async function listPeers(actor: Actor): Promise<PeerView[]> {
    authorize(actor, 'federation.administer')
    const queues = await repo.queueCounts(db)
    return (await repo.listPeers(db)).map((row) => toPeerView(row, queues.get(row.id)))
  }

  async function getPeer(actor: Actor, id: string): Promise<PeerView> {
    authorize(actor, 'federation.administer')
    return view(id)
  }

  async function checkKey(publicKey: string, exceptId?: string): Promise<string> {
    const keyId = keyIdOf(publicKey)
    const holder = await repo.peerByKeyId(db, keyId)
    if ((holder && holder.id !== exceptId) || keyId === deps.signer?.keyId) {
      throw new AppError('FEDERATION_PEER_CONFLICT', { keyId })
    }
    return keyId
  }

  /** Adds a peer (audited). Throws FORBIDDEN, FEDERATION_PEER_CONFLICT. */
  async function createPeer(actor: Actor, body: PeerBody): Promise<PeerView> {
    authorize(actor, 'federation.administer')
    const publicKey = body.publicKey.toLowerCase()
    const keyId = await checkKey(publicKey)
    const now = clock.now().toISOString()
    const id = newId()
    const codes = normalizeCodes(body.departmentCodes ?? [])
    await inTransaction(db, async (trx) => {
      await repo.insertPeer(trx, {
        id,
        name: body.name.trim(),
        base_url: body.baseUrl.trim(),
        public_key: publicKey,
        key_id: keyId,
        role: body.role,
        shares_catalog: body.sharesCatalog === false ? 0 : 1,
        department_codes: JSON.stringify(codes),
        enabled: body.enabled === false ? 0 : 1,
        state: 'unknown',
        last_success_at: null,
        last_error: null,
        catalog_sent_cursor: null,
        catalog_pulled_cursor: null,
        created_at: now,
        updated_at: now,
      })
      await audit.append(trx, actor, {
        action: 'federation.peer.create',
        objectType: 'federation_peer',
        objectId: id,
        details: {
          name: body.name.trim(),
          baseUrl: body.baseUrl.trim(),
          role: body.role,
          keyId,
          sharesCatalog: body.sharesCatalog !== false,
          departmentCodes: codes,
          enabled: body.enabled !== false,
        },
      })
    })
    return view(id)
  }

  /** Changes a peer (audited, the whole new configuration in the entry). Throws FEDERATION_PEER_NOT_FOUND, FEDERATION_PEER_CONFLICT. */
  async function updatePeer(actor: Actor, id: string, patch: PeerPatch): Promise<PeerView> {
    authorize(actor, 'federation.administer')
    const row = await repo.findPeer(db, id)
    if (!row) {
      throw new AppError('FEDERATION_PEER_NOT_FOUND', { id })
    }
    const publicKey = patch.publicKey?.toLowerCase() ?? row.public_key
    const keyId = await checkKey(publicKey, id)
    const next = {
      name: patch.name?.trim() ?? row.name,
      base_url: patch.baseUrl?.trim() ?? row.base_url,
      public_key: publicKey,
      key_id: keyId,
      role: patch.role ?? row.role,
      shares_catalog: patch.sharesCatalog === undefined ? row.shares_catalog : patch.sharesCatalog ? 1 : 0,
      department_codes:
        patch.departmentCodes === undefined
          ? row.department_codes
          : JSON.stringify(normalizeCodes(patch.departmentCodes)),
      enabled: patch.enabled === undefined ? row.enabled : patch.enabled ? 1 : 0,
      updated_at: clock.now().toISOString(),
    }
    await inTransaction(db, async (trx) => {
      await repo.updatePeer(trx, id, next)
      await audit.append(trx, actor, {
        action: 'federation.peer.update',
        objectType: 'federation_peer',
        objectId: id,
        details: {
          name: next.name,
          baseUrl: next.base_url,
          role: next.role,
          keyId,
          sharesCatalog: next.shares_catalog === 1,
          departmentCodes: JSON.parse(next.department_codes) as string[],
          enabled: next.enabled === 1,
        },
      })
    })
    return view(id)
  }

  return { identity, listPeers, getPeer, createPeer, updatePeer }
}
