/**
 * The gateway (share method "api", Art. 22): a provider registers its own system's endpoint for a
 * resource and the platform forwards granted reads to it. This file holds the endpoint registry
 * service, the HTTP client (timeout, size cap, no redirects) and the circuit breaker; query.ts
 * decides what a consumer sees of the reply and logs it, exactly as for stored records.
 */
import type { AccessSnapshot } from '../../../db/access-cache.js'
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import type { Clock } from '../../../shared/clock.js'
import { AppError, isAppError } from '../../../shared/errors.js'
import { decryptField, encryptField } from '../../../shared/field-crypto.js'
import type { PublishedItem, PublishedResource } from '../../catalog/index.js'
import type { ExchangeDeps } from '../deps.js'
import { keyOf, type RecordData, validateRecord } from '../rules.js'
import * as repo from './repo.js'

export type BreakerState = 'closed' | 'open' | 'half_open'

export interface BreakerSettings {
  /** Consecutive failures that open the circuit. */
  failuresToOpen: number
  /** How long an open circuit refuses calls before it lets one trial through. */
  openMs: number
}

export const BREAKER_DEFAULTS: BreakerSettings = { failuresToOpen: 5, openMs: 30_000 }
export const DEFAULT_TIMEOUT_MS = 3000
/** Largest upstream reply read; one record never needs more. */
export const MAX_REPLY_BYTES = 1024 * 1024

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

/**
 * Circuit breakers per resource, in this instance's memory: in a cluster each instance learns on
 * its own that an upstream is down (at most a few more failed calls each), which keeps a shared
 * store off the read path. Time comes from the clock so tests can move it.
 */
export function createBreaker(clock: Clock, settings: BreakerSettings = BREAKER_DEFAULTS) {
  const circuits = new Map<string, { failures: number; openedAt: number | null; trial: boolean }>()
  const circuit = (id: string) => {
    let state = circuits.get(id)
    if (!state) {
      state = { failures: 0, openedAt: null, trial: false }
      circuits.set(id, state)
    }
    return state
  }

  function stateOf(id: string): BreakerState {
    const state = circuits.get(id)
    if (!state || state.openedAt === null) {
      return 'closed'
    }
    return clock.now().getTime() - state.openedAt < settings.openMs ? 'open' : 'half_open'
  }

  /** Whether a call may go out now; once the open time is over, exactly one trial at a time. */
  function admit(id: string): boolean {
    const state = stateOf(id)
    if (state === 'closed') {
      return true
    }
    const current = circuit(id)
    if (state === 'open' || current.trial) {
      return false
    }
    current.trial = true
    return true
  }

  function succeeded(id: string): void {
    circuits.delete(id)
  }

  function failed(id: string): void {
    const state = circuit(id)
    state.failures += 1
    if (state.trial || state.failures >= settings.failuresToOpen) {
      state.openedAt = clock.now().getTime()
      state.trial = false
    }
  }

  return { admit, succeeded, failed, stateOf, reset: succeeded }
}

const failed = (reason: string) => new AppError('EXCHANGE_UPSTREAM_FAILED', { reason })

/** Reads the body, refusing more than `limit` bytes whatever the declared length says. */
async function readCapped(response: Response, limit: number): Promise<string> {
  if (!response.body) {
    return ''
  }
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body.cancel()
    throw failed('reply too large')
  }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) {
      return Buffer.concat(chunks).toString('utf8')
    }
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw failed('reply too large')
    }
    chunks.push(value)
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * One `GET {url}/{key}`: the raw record, or undefined on 404. Redirects are never followed (the
 * provider registers the final address). Throws EXCHANGE_UPSTREAM_TIMEOUT, EXCHANGE_UPSTREAM_FAILED.
 */
export async function callUpstream(
  url: string,
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<Record<string, unknown> | undefined> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await fetch(url, { headers, redirect: 'manual', signal: controller.signal })
    if (response.status === 404) {
      await response.body?.cancel()
      return undefined
    }
    if (response.status !== 200) {
      await response.body?.cancel()
      throw failed(`status ${response.status}`)
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(await readCapped(response, MAX_REPLY_BYTES))
    } catch (error) {
      if (isAppError(error) || controller.signal.aborted) {
        throw error
      }
      throw failed('not JSON')
    }
    if (!isPlainObject(parsed) || !isPlainObject(parsed.record)) {
      throw failed('no "record" object')
    }
    return parsed.record
  } catch (error) {
    if (controller.signal.aborted) {
      throw new AppError('EXCHANGE_UPSTREAM_TIMEOUT', { timeoutMs })
    }
    throw isAppError(error) ? error : failed('unreachable')
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The upstream's record checked like an ingested one: unknown fields dropped, types checked, and
 * its key must be the key asked for. Throws EXCHANGE_UPSTREAM_FAILED.
 */
export function recordFromUpstream(
  items: readonly PublishedItem[],
  key: string,
  raw: Record<string, unknown>,
): RecordData {
  const known = new Set(items.map((item) => item.name))
  let data: RecordData
  try {
    data = validateRecord(
      items,
      Object.fromEntries(Object.entries(raw).filter(([name]) => known.has(name))),
      0,
    )
  } catch {
    throw failed('the record does not fit the items')
  }
  if (keyOf(items, data) !== key) {
    throw failed('a record of another key')
  }
  return data
}

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

/** http(s) only, no credentials, query or fragment in the URL (the key is appended as a path segment). */
function checkUrl(raw: string, allowedHosts: readonly string[]): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new AppError('VALIDATION_FAILED', { field: 'body.url', reason: 'not a URL' })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('VALIDATION_FAILED', { field: 'body.url', reason: 'http or https only' })
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'body.url',
      reason: 'no credentials, query or fragment (use authHeader for credentials)',
    })
  }
  if (!isAllowedHost(url.hostname, allowedHosts)) {
    throw new AppError('EXCHANGE_UPSTREAM_HOST_NOT_ALLOWED', { field: 'body.url', host: url.hostname })
  }
  return url.toString()
}

/**
 * Whether the platform may call this host (GOVSHARE_UPSTREAM_HOSTS): without a list a provider
 * could point the gateway at any address the platform reaches (its database, cloud metadata).
 * Entries are exact host names or addresses, or `*.domain` for its subdomains.
 */
export function isAllowedHost(hostname: string, allowed: readonly string[]): boolean {
  const host = hostname.toLowerCase()
  return allowed.some((entry) => (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) : host === entry))
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
