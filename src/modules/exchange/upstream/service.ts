/**
 * The gateway (share method "api", Art. 22): a provider registers its own system's endpoint for a
 * resource and the platform forwards granted reads to it. This file holds the gateway and the
 * endpoint registry; client.ts makes the call, breaker.ts spares a failing system, and query.ts
 * decides what a consumer sees of the reply and logs it, exactly as for stored records.
 */
import type { AccessSnapshot } from '../../../db/access-cache.js'
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import { AppError } from '../../../shared/errors.js'
import { decryptField, encryptField } from '../../../shared/field-crypto.js'
import type { PublishedResource } from '../../catalog/index.js'
import type { ExchangeDeps } from '../deps.js'
import type { RecordData } from '../rules.js'
import { BREAKER_DEFAULTS, type BreakerState, createBreaker } from './breaker.js'
import { callUpstream, recordFromUpstream } from './client.js'
import { checkUrl, isAllowedHost } from './hosts.js'
import * as repo from './repo.js'

export const DEFAULT_TIMEOUT_MS = 3000

/** What the provider's system is told about each forwarded read (Art. 32: purpose and grant). */
export interface UpstreamContext {
  purpose: string
  consumerId: string
  grantId: string
  caseRef?: string
}

export interface EndpointView {
  resourceId: string
  url: string
  timeoutMs: number
  hasAuthHeader: boolean
  createdAt: string
  updatedAt: string
}

export type UpstreamGateway = ReturnType<typeof createUpstreamGateway>

/** Forwards reads to registered endpoints, through the per-resource breaker. */
export function createUpstreamGateway(
  deps: Pick<ExchangeDeps, 'db' | 'clock' | 'keys' | 'access' | 'upstreamHosts'>,
  settings = BREAKER_DEFAULTS,
) {
  const breaker = createBreaker(deps.clock, settings)

  /** The endpoint serving a resource, if the provider registered one. */
  /** Asked on every read: kept until an endpoint (or anything else about access) changes. */
  async function endpointFor(
    resourceId: string,
    snapshot?: AccessSnapshot,
  ): Promise<repo.EndpointRow | undefined> {
    const cache = snapshot ?? (await deps.access.snapshot())
    return cache.get(`endpoint:${resourceId}`, () => repo.findEndpoint(deps.db, resourceId))
  }

  /**
   * The record for a key from the provider's system (Art. 22, 29, 32-33), or undefined when it has
   * none. Throws EXCHANGE_UPSTREAM_UNAVAILABLE (circuit open, no call made), _TIMEOUT, _FAILED
   * (also when the endpoint's host was taken off the allowed list).
   */
  async function fetchRecord(
    endpoint: repo.EndpointRow,
    resource: PublishedResource,
    key: string,
    context: UpstreamContext,
  ): Promise<RecordData | undefined> {
    // The list may have shrunk since the endpoint was registered: no call to a host now refused.
    if (!isAllowedHost(new URL(endpoint.url).hostname, deps.upstreamHosts)) {
      throw new AppError('EXCHANGE_UPSTREAM_FAILED', {
        resourceId: endpoint.resource_id,
        reason: 'the endpoint’s host is no longer on GOVSHARE_UPSTREAM_HOSTS',
      })
    }
    if (!breaker.admit(endpoint.resource_id)) {
      throw new AppError('EXCHANGE_UPSTREAM_UNAVAILABLE', { resourceId: endpoint.resource_id })
    }
    // Header values must be ASCII: the purpose and case travel percent-encoded (UTF-8).
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-govshare-purpose': encodeURIComponent(context.purpose),
      'x-govshare-consumer': context.consumerId,
      'x-govshare-grant': context.grantId,
      ...(context.caseRef !== undefined ? { 'x-govshare-case': encodeURIComponent(context.caseRef) } : {}),
      ...(endpoint.auth_header !== null
        ? { authorization: decryptField(deps.keys, endpoint.auth_header) }
        : {}),
    }
    try {
      const raw = await callUpstream(
        `${endpoint.url.replace(/\/+$/, '')}/${encodeURIComponent(key)}`,
        endpoint.timeout_ms,
        headers,
      )
      const data = raw === undefined ? undefined : recordFromUpstream(resource.items, key, raw)
      breaker.succeeded(endpoint.resource_id)
      return data
    } catch (error) {
      breaker.failed(endpoint.resource_id)
      throw error
    }
  }

  return { endpointFor, fetchRecord, reset: breaker.reset, stateOf: breaker.stateOf }
}

function toView(row: repo.EndpointRow): EndpointView {
  return {
    resourceId: row.resource_id,
    url: row.url,
    timeoutMs: row.timeout_ms,
    hasAuthHeader: row.auth_header !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** The providing department's registry of endpoints; `resourceForProvider` is ingest's check. */
export function createUpstreamEndpoints(
  deps: ExchangeDeps,
  gateway: UpstreamGateway,
  resourceForProvider: (actor: Actor, resourceId: string) => Promise<PublishedResource>,
) {
  const { db, clock, audit, keys } = deps

  /**
   * Registers or replaces the endpoint that serves a resource (Art. 22); the auth header is kept
   * encrypted and never shown. Throws FORBIDDEN, CATALOG_RESOURCE_NOT_FOUND,
   * EXCHANGE_RESOURCE_NOT_PUBLISHED, ZONE_FORBIDDEN, VALIDATION_FAILED,
   * EXCHANGE_UPSTREAM_HOST_NOT_ALLOWED.
   */
  async function setEndpoint(
    actor: Actor,
    resourceId: string,
    body: { url: string; timeoutMs?: number; authHeader?: string },
  ): Promise<EndpointView> {
    await resourceForProvider(actor, resourceId)
    const url = checkUrl(body.url, deps.upstreamHosts)
    const now = clock.now().toISOString()
    const view = await inTransaction(db, async (trx) => {
      const previous = await repo.findEndpoint(trx, resourceId)
      const row: repo.EndpointRow = {
        resource_id: resourceId,
        url,
        timeout_ms: body.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        auth_header: body.authHeader !== undefined ? encryptField(keys, body.authHeader) : null,
        created_at: previous?.created_at ?? now,
        updated_at: now,
        updated_by: actor.id,
      }
      await repo.saveEndpoint(trx, row)
      const saved = toView(row)
      await audit.append(trx, actor, {
        action: previous ? 'exchange.upstream_change' : 'exchange.upstream_register',
        objectType: 'resource',
        objectId: resourceId,
        details: { url: saved.url, timeoutMs: saved.timeoutMs, hasAuthHeader: saved.hasAuthHeader },
      })
      return saved
    })
    // A new address deserves a fresh start; other instances' breakers recover by their own trial.
    gateway.reset(resourceId)
    return view
  }

  /**
   * Stops forwarding: reads go back to the platform's store (Art. 22). Throws as setEndpoint,
   * plus EXCHANGE_UPSTREAM_NOT_FOUND.
   */
  async function removeEndpoint(actor: Actor, resourceId: string): Promise<void> {
    await resourceForProvider(actor, resourceId)
    await inTransaction(db, async (trx) => {
      if (!(await repo.deleteEndpoint(trx, resourceId))) {
        throw new AppError('EXCHANGE_UPSTREAM_NOT_FOUND', { resourceId })
      }
      await audit.append(trx, actor, {
        action: 'exchange.upstream_remove',
        objectType: 'resource',
        objectId: resourceId,
      })
    })
    gateway.reset(resourceId)
  }

  /**
   * The registered endpoint, without its auth header (Art. 22, 33). Throws as setEndpoint, plus
   * EXCHANGE_UPSTREAM_NOT_FOUND.
   */
  async function viewEndpoint(
    actor: Actor,
    resourceId: string,
  ): Promise<EndpointView & { circuit: BreakerState }> {
    await resourceForProvider(actor, resourceId)
    const row = await repo.findEndpoint(db, resourceId)
    if (!row) {
      throw new AppError('EXCHANGE_UPSTREAM_NOT_FOUND', { resourceId })
    }
    return { ...toView(row), circuit: gateway.stateOf(resourceId) }
  }

  return { setEndpoint, removeEndpoint, viewEndpoint }
}
