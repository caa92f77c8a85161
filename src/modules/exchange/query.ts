/**
 * Consumers read granted data (Art. 29, 32-33): only under a live grant of their department, only
 * the granted items, personal ones masked unless the grant says plain. Every read, refused ones
 * included, is in the audit chain before the reply leaves: if the log cannot be written, the read
 * fails closed with AUDIT_UNAVAILABLE.
 */
import type { AccessSnapshot } from '../../db/access-cache.js'
import type { Actor } from '../../shared/actor.js'
import { AppError, isAppError } from '../../shared/errors.js'
import { authorize, can } from '../../shared/policy.js'
import type { AuditEvent } from '../audit/index.js'
import { cachedPublishedResource, type PublishedResource, resourceBasics } from '../catalog/index.js'
import { departmentInfo } from '../org/index.js'
import type { LiveGrant } from '../sharing/index.js'
import { decodeData, keyHashOf, maskedKey } from './codec.js'
import type { ExchangeDeps } from './deps.js'
import { recordLookup, type StoredVersion } from './record-lookup.js'
import * as repo from './repo.js'
import { projectRecord, type RecordData } from './rules.js'
import type { UpstreamGateway } from './upstream.js'
import type { EndpointRow } from './upstream-repo.js'

export interface ReadOptions {
  grantId?: string
  /** The case the query serves (e.g. the citizen's application number), kept in the log. */
  caseRef?: string
  /** The access snapshot the caller was authenticated from in this request, if any. */
  access?: AccessSnapshot
}

export const MAX_BATCH_KEYS = 1000
/** Upstream calls one batch read keeps in flight at once. */
const UPSTREAM_CONCURRENCY = 8

interface SourcedRecord {
  data: RecordData
  sourceChangedAt: string
  arrivedAt: string
  version: number
}

/**
 * Where a resource's records come from: the platform's store, or the provider's own system through
 * the gateway (upstream.ts). Reads authorize, project, mask and log the same way for both.
 */
interface RecordSource {
  kind: 'stored' | 'upstream'
  /** The live record for a key (as of a date's end, when given), or undefined. */
  one(key: string, keyHash: string, asOf: string | undefined): Promise<SourcedRecord | undefined>
  /** The live records among some keys, by key. */
  many(keys: readonly string[]): Promise<Map<string, RecordData>>
  page(
    filters: ReadonlyArray<{ item: string; value: string }>,
    page: { offset: number; limit: number },
  ): Promise<{ rows: RecordData[]; total: number }>
}

export function createQuery(deps: ExchangeDeps, gateway: UpstreamGateway) {
  const { db, clock, audit, keys, zone, grants } = deps
  const findRecord = recordLookup(deps.native)

  /** Commits the log entry, or fails the read closed. */
  async function log(actor: Actor, event: AuditEvent): Promise<void> {
    try {
      await audit.recordRead(actor, event)
    } catch {
      throw new AppError('AUDIT_UNAVAILABLE')
    }
  }

  /**
   * The resource, the live grant a read runs under and where its records come from, all from one
   * access snapshot (returned for the read's other questions); a refusal is logged with the
   * resource it concerned. Throws FORBIDDEN, ZONE_FORBIDDEN, GRANT_REQUIRED (before any key is
   * looked up).
   */
  async function authorizeRead(actor: Actor, resourceId: string, options: ReadOptions) {
    authorize(actor, 'exchange.read', actor.departmentPath ?? undefined)
    const refuse = async (code: 'GRANT_REQUIRED' | 'ZONE_FORBIDDEN'): Promise<never> => {
      await log(actor, {
        action: 'exchange.denied',
        objectType: 'resource',
        objectId: resourceId,
        details: { code, grantId: options.grantId ?? null, caseRef: options.caseRef ?? null },
      })
      throw new AppError(code, { resourceId })
    }
    const snapshot = options.access ?? (await deps.access.snapshot())
    const resource = await cachedPublishedResource(snapshot, db, resourceId)
    if (!resource) {
      return refuse('GRANT_REQUIRED')
    }
    if (resource.zone === 'internal' && zone !== 'internal') {
      return refuse('ZONE_FORBIDDEN')
    }
    const grant = await grants.liveGrantFor(actor.departmentId ?? '', resourceId, options.grantId, snapshot)
    if (!grant) {
      return refuse('GRANT_REQUIRED')
    }
    const endpoint = await gateway.endpointFor(resource.id, snapshot)
    const source = endpoint
      ? upstreamSource(endpoint, resource, grant, actor, options)
      : storedSource(resource.id)
    return { resource, grant, source, snapshot }
  }

  function readEvent(
    resource: PublishedResource,
    grant: LiveGrant,
    options: ReadOptions,
    asked: string[],
    returned: number,
    source: RecordSource,
    keyHashes?: string[],
  ): AuditEvent {
    return {
      action: 'exchange.read',
      objectType: 'resource',
      objectId: resource.id,
      details: {
        grantId: grant.id,
        purpose: grant.purpose,
        caseRef: options.caseRef ?? null,
        keys: asked,
        // Keyed hashes of the keys asked: "who read this person's record" without keeping the key.
        ...(keyHashes ? { keyHashes } : {}),
        records: returned,
        items: grant.items.map((item) => item.name),
        ...(source.kind === 'upstream' ? { source: source.kind } : {}),
      },
    }
  }

  /** Runs a source call; when the provider's system fails, that read is logged (records 0, its code) first. */
  async function attempt<T>(actor: Actor, source: RecordSource, event: AuditEvent, call: () => Promise<T>) {
    try {
      return await call()
    } catch (error) {
      if (source.kind === 'upstream') {
        const code = isAppError(error) ? error.code : 'INTERNAL_ERROR'
        await log(actor, { ...event, details: { ...event.details, error: code } })
      }
      throw error
    }
  }

  function storedSource(resourceId: string): RecordSource {
    return {
      kind: 'stored',
      one: async (_key, keyHash, asOf) => {
        let row: StoredVersion | undefined = await findRecord(resourceId, keyHash)
        if (row && asOf !== undefined) {
          // End of that day in Kunming (UTC+8, no daylight saving).
          const until = new Date(`${asOf}T23:59:59.999+08:00`).toISOString()
          if (row.source_changed_at > until) {
            row = await repo.historyAsOf(db, resourceId, keyHash, until)
          }
        }
        if (row?.deleted !== 0) {
          return undefined
        }
        return {
          data: decodeData(keys, row.data),
          sourceChangedAt: row.source_changed_at,
          arrivedAt: row.arrived_at,
          version: row.version,
        }
      },
      many: async (keyValues) => {
        const hashes = new Map(keyValues.map((key) => [keyHashOf(keys, key), key]))
        const found = new Map<string, RecordData>()
        for (const row of await repo.recordsByKeys(db, resourceId, [...hashes.keys()])) {
          const key = hashes.get(row.key_hash)
          if (row.deleted === 0 && key !== undefined) {
            found.set(key, decodeData(keys, row.data))
          }
        }
        return found
      },
      page: async (filters, page) => {
        const { rows, total } = await repo.listRecords(db, resourceId, filters, page)
        return { rows: rows.map((row) => decodeData(keys, row.data)), total }
      },
    }
  }

  /** The provider's system: by key only, as it is now (it keeps no history the platform could ask). */
  function upstreamSource(
    endpoint: EndpointRow,
    resource: PublishedResource,
    grant: LiveGrant,
    actor: Actor,
    options: ReadOptions,
  ): RecordSource {
    const context = {
      purpose: grant.purpose,
      consumerId: actor.departmentId ?? '',
      grantId: grant.id,
      caseRef: options.caseRef,
    }
    const fetchOne = (key: string) => gateway.fetchRecord(endpoint, resource, key, context)
    return {
      kind: 'upstream',
      one: async (key, _keyHash, asOf) => {
        if (asOf !== undefined) {
          throw new AppError('EXCHANGE_UPSTREAM_UNSUPPORTED', { operation: 'asOf' })
        }
        const data = await fetchOne(key)
        const now = clock.now().toISOString()
        // Fetched live: changed and arrived as far as the platform knows now; no stored version.
        return data && { data, sourceChangedAt: now, arrivedAt: now, version: 0 }
      },
      many: async (keyValues) => {
        const found = new Map<string, RecordData>()
        for (let i = 0; i < keyValues.length; i += UPSTREAM_CONCURRENCY) {
          const chunk = keyValues.slice(i, i + UPSTREAM_CONCURRENCY)
          const replies = await Promise.all(chunk.map(fetchOne))
          chunk.forEach((key, j) => {
            const data = replies[j]
            if (data) {
              found.set(key, data)
            }
          })
        }
        return found
      },
      page: async () => {
        throw new AppError('EXCHANGE_UPSTREAM_UNSUPPORTED', { operation: 'list' })
      },
    }
  }

  function view(resource: PublishedResource, grant: LiveGrant, data: RecordData): RecordData {
    return projectRecord(resource.items, data, new Set(grant.items.map((item) => item.name)), grant.plain)
  }

  /**
   * One record by its key value, optionally as it was at the end of a date (Asia/Shanghai).
   * Throws as authorizeRead, plus EXCHANGE_RECORD_NOT_FOUND and AUDIT_UNAVAILABLE.
   */
  async function readByKey(
    actor: Actor,
    resourceId: string,
    key: string,
    options: ReadOptions & { asOf?: string },
  ) {
    const { resource, grant, source, snapshot } = await authorizeRead(actor, resourceId, options)
    const masked = maskedKey(resource.items, key)
    const keyHash = keyHashOf(keys, key)
    const event = (returned: number) =>
      readEvent(resource, grant, options, [masked], returned, source, [keyHash])
    const found = await attempt(actor, source, event(0), () => source.one(key, keyHash, options.asOf))
    await log(actor, event(found ? 1 : 0))
    if (!found) {
      throw new AppError('EXCHANGE_RECORD_NOT_FOUND', { key: masked })
    }
    // Art. 26: a record with an open objection is still served, flagged as under verification.
    const objectionIds = (await deps.flags?.openObjections(resource.id, keyHash, snapshot)) ?? []
    return {
      record: view(resource, grant, found.data),
      grantId: grant.id,
      sourceChangedAt: found.sourceChangedAt,
      arrivedAt: found.arrivedAt,
      version: found.version,
      source: source.kind,
      ...(objectionIds.length > 0 ? { underVerification: true, objectionIds: [...objectionIds] } : {}),
    }
  }

  /**
   * A page of records, optionally filtered by granted non-personal items (equality).
   * Throws as authorizeRead, plus EXCHANGE_FILTER_NOT_ALLOWED, EXCHANGE_UPSTREAM_UNSUPPORTED.
   */
  async function list(
    actor: Actor,
    resourceId: string,
    options: ReadOptions & { page: number; pageSize: number; filters: Record<string, string> },
  ) {
    const { resource, grant, source } = await authorizeRead(actor, resourceId, options)
    const granted = new Set(grant.items.map((item) => item.name))
    const filters = Object.entries(options.filters).map(([item, value]) => {
      const known = resource.items.find((i) => i.name === item)
      if (!known || !granted.has(item) || known.sensitivity !== 'none') {
        throw new AppError('EXCHANGE_FILTER_NOT_ALLOWED', { field: `filters.${item}` })
      }
      return { item, value: String(value) }
    })
    const event = (returned: number) =>
      readEvent(
        resource,
        grant,
        options,
        filters.map((f) => `${f.item}=${f.value}`),
        returned,
        source,
      )
    const { rows, total } = await attempt(actor, source, event(0), () =>
      source.page(filters, { offset: (options.page - 1) * options.pageSize, limit: options.pageSize }),
    )
    await log(actor, event(rows.length))
    return {
      items: rows.map((data) => view(resource, grant, data)),
      total,
      grantId: grant.id,
    }
  }

  /**
   * Up to 1 000 keys in one call; the missing ones are named (masked). Throws as authorizeRead,
   * plus AUDIT_UNAVAILABLE and, through the gateway, EXCHANGE_UPSTREAM_*.
   */
  async function readBatch(
    actor: Actor,
    resourceId: string,
    keyValues: readonly string[],
    options: ReadOptions,
  ) {
    const { resource, grant, source } = await authorizeRead(actor, resourceId, options)
    const unique = [...new Set(keyValues)]
    const masked = unique.map((key) => maskedKey(resource.items, key))
    const hashes = unique.map((key) => keyHashOf(keys, key))
    const event = (returned: number) =>
      readEvent(resource, grant, options, masked, returned, source, hashes)
    const found = await attempt(actor, source, event(0), () => source.many(unique))
    const items: Array<{ key: string; record: RecordData }> = []
    const missing: string[] = []
    for (const [i, key] of unique.entries()) {
      const data = found.get(key)
      if (data) {
        items.push({ key: masked[i] ?? '', record: view(resource, grant, data) })
      } else {
        missing.push(masked[i] ?? '')
      }
    }
    await log(actor, event(items.length))
    return { items, missing, grantId: grant.id }
  }

  /** Who read the provider's resource and why (Art. 27): its department and the bureau. */
  async function accessLog(actor: Actor, resourceId: string, limit: number) {
    const basics = await resourceBasics(db, resourceId)
    const path = basics ? (await departmentInfo(db, basics.providerId))?.path : undefined
    if (!basics || !can(actor, 'exchange.access_log', path)) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id: resourceId })
    }
    const entries = await audit.entriesAbout(
      'resource',
      resourceId,
      ['exchange.read', 'exchange.denied'],
      limit,
    )
    return entries.map((entry) => ({
      seq: entry.seq,
      at: entry.at,
      actor: entry.actorName ?? entry.actorType,
      departmentId: entry.departmentId,
      action: entry.action,
      details: JSON.parse(entry.details) as unknown,
    }))
  }

  return { readByKey, list, readBatch, accessLog }
}
