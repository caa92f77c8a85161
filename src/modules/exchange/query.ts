/**
 * Consumers read granted data (Art. 29, 32-33): only under a live grant of their department, only
 * the granted items, personal ones masked unless the grant says plain. Every read, refused ones
 * included, is in the audit chain before the reply leaves: if the log cannot be written, the read
 * fails closed with AUDIT_UNAVAILABLE.
 */
import type { Actor } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import { authorize, can } from '../../shared/policy.js'
import type { AuditEvent } from '../audit/index.js'
import { type PublishedResource, publishedResource, resourceBasics } from '../catalog/index.js'
import { departmentInfo } from '../org/index.js'
import type { LiveGrant } from '../sharing/index.js'
import { decodeData, keyHashOf, maskedKey } from './codec.js'
import type { ExchangeDeps } from './deps.js'
import * as repo from './repo.js'
import { projectRecord, type RecordData } from './rules.js'

export interface ReadOptions {
  grantId?: string
  /** The case the query serves (e.g. the citizen's application number), kept in the log. */
  caseRef?: string
}

export const MAX_BATCH_KEYS = 1000

export function createQuery(deps: ExchangeDeps) {
  const { db, audit, keys, zone, grants } = deps

  /** Commits the log entry, or fails the read closed. */
  async function log(actor: Actor, event: AuditEvent): Promise<void> {
    try {
      await audit.recordRead(actor, event)
    } catch {
      throw new AppError('AUDIT_UNAVAILABLE')
    }
  }

  /**
   * The resource and the live grant a read runs under; a refusal is logged with the resource it
   * concerned. Throws FORBIDDEN, ZONE_FORBIDDEN, GRANT_REQUIRED (before any key is looked up).
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
    const resource = await publishedResource(db, resourceId)
    if (!resource) {
      return refuse('GRANT_REQUIRED')
    }
    if (resource.zone === 'internal' && zone !== 'internal') {
      return refuse('ZONE_FORBIDDEN')
    }
    const grant = await grants.liveGrantFor(actor.departmentId ?? '', resourceId, options.grantId)
    if (!grant) {
      return refuse('GRANT_REQUIRED')
    }
    return { resource, grant }
  }

  function readEvent(
    resource: PublishedResource,
    grant: LiveGrant,
    options: ReadOptions,
    asked: string[],
    returned: number,
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
        records: returned,
        items: grant.items.map((item) => item.name),
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
    const { resource, grant } = await authorizeRead(actor, resourceId, options)
    const keyHash = keyHashOf(keys, key)
    let row:
      | { data: string; source_changed_at: string; arrived_at: string; version: number; deleted: number }
      | undefined = await repo.findRecord(db, resourceId, keyHash)
    if (row && options.asOf !== undefined) {
      // End of that day in Kunming (UTC+8, no daylight saving).
      const until = new Date(`${options.asOf}T23:59:59.999+08:00`).toISOString()
      if (row.source_changed_at > until) {
        row = await repo.historyAsOf(db, resourceId, keyHash, until)
      }
    }
    const found = row !== undefined && row.deleted === 0
    await log(actor, readEvent(resource, grant, options, [maskedKey(resource.items, key)], found ? 1 : 0))
    if (!row || !found) {
      throw new AppError('EXCHANGE_RECORD_NOT_FOUND', { key: maskedKey(resource.items, key) })
    }
    return {
      record: view(resource, grant, decodeData(keys, row.data)),
      grantId: grant.id,
      sourceChangedAt: row.source_changed_at,
      arrivedAt: row.arrived_at,
      version: row.version,
    }
  }

  /**
   * A page of records, optionally filtered by granted non-personal items (equality).
   * Throws as authorizeRead, plus EXCHANGE_FILTER_NOT_ALLOWED.
   */
  async function list(
    actor: Actor,
    resourceId: string,
    options: ReadOptions & { page: number; pageSize: number; filters: Record<string, string> },
  ) {
    const { resource, grant } = await authorizeRead(actor, resourceId, options)
    const granted = new Set(grant.items.map((item) => item.name))
    const filters = Object.entries(options.filters).map(([item, value]) => {
      const known = resource.items.find((i) => i.name === item)
      if (!known || !granted.has(item) || known.sensitivity !== 'none') {
        throw new AppError('EXCHANGE_FILTER_NOT_ALLOWED', { field: `filters.${item}` })
      }
      return { item, value: String(value) }
    })
    const { rows, total } = await repo.listRecords(db, resourceId, filters, {
      offset: (options.page - 1) * options.pageSize,
      limit: options.pageSize,
    })
    await log(
      actor,
      readEvent(
        resource,
        grant,
        options,
        filters.map((f) => `${f.item}=${f.value}`),
        rows.length,
      ),
    )
    return {
      items: rows.map((row) => view(resource, grant, decodeData(keys, row.data))),
      total,
      grantId: grant.id,
    }
  }

  /** Up to 1 000 keys in one call; the missing ones are named (masked). */
  async function readBatch(
    actor: Actor,
    resourceId: string,
    keyValues: readonly string[],
    options: ReadOptions,
  ) {
    const { resource, grant } = await authorizeRead(actor, resourceId, options)
    const unique = [...new Set(keyValues)]
    const hashes = new Map(unique.map((key) => [keyHashOf(keys, key), key]))
    const rows = new Map(
      (await repo.recordsByKeys(db, resourceId, [...hashes.keys()]))
        .filter((r) => r.deleted === 0)
        .map((r) => [r.key_hash, r]),
    )
    const items: Array<{ key: string; record: RecordData }> = []
    const missing: string[] = []
    for (const [hash, key] of hashes) {
      const row = rows.get(hash)
      if (row) {
        items.push({
          key: maskedKey(resource.items, key),
          record: view(resource, grant, decodeData(keys, row.data)),
        })
      } else {
        missing.push(maskedKey(resource.items, key))
      }
    }
    await log(
      actor,
      readEvent(
        resource,
        grant,
        options,
        unique.map((key) => maskedKey(resource.items, key)),
        items.length,
      ),
    )
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
