/**
 * Consumers read granted data (Art. 29, 32-33): only under a live grant of their department whose
 * access mode allows the kind of read, only the granted items and rows, personal ones masked
 * unless the grant says plain. Every read, refused ones included, is in the audit chain before the
 * reply leaves, counted against the grant's daily budget (read-access.ts).
 */
import type { Actor } from '../../../shared/actor.js'
import { AppError } from '../../../shared/errors.js'
import { can } from '../../../shared/policy.js'
import { resourceBasics } from '../../catalog/index.js'
import { departmentInfo, withDisplayNames } from '../../org/index.js'
import { keyHashOf, maskedKey } from '../codec.js'
import type { ExchangeDeps } from '../deps.js'
import type { RecordData } from '../rules.js'
import type { ReadAccess, ReadOptions } from './access.js'

export type { ReadOptions } from './access.js'

export function createQuery(deps: ExchangeDeps, reads: ReadAccess) {
  const { db, audit, keys } = deps

  /**
   * One record by its key value, optionally as it was at the end of a date (Asia/Shanghai): a
   * lookup. Throws as authorizeRead and logRead, plus EXCHANGE_RECORD_NOT_FOUND.
   */
  async function readByKey(
    actor: Actor,
    resourceId: string,
    key: string,
    options: ReadOptions & { asOf?: string },
  ) {
    const context = await reads.authorizeRead(actor, resourceId, options, 'lookup')
    const masked = maskedKey(context.resource.items, key)
    const keyHash = keyHashOf(keys, key)
    const facts = {
      mode: 'lookup' as const,
      asked: [masked],
      keyHashes: [keyHash],
      returned: 0,
      units: 1,
      misses: 1,
    }
    const found = await reads.attempt(actor, context, options, facts, () =>
      context.source.one(key, keyHash, options.asOf),
    )
    await reads.logRead(actor, context, options, { ...facts, returned: found ? 1 : 0, misses: found ? 0 : 1 })
    if (!found) {
      throw new AppError('EXCHANGE_RECORD_NOT_FOUND', { key: masked })
    }
    // Art. 26: a record with an open objection is still served, flagged as under verification.
    const objectionIds =
      (await deps.flags?.openObjections(context.resource.id, keyHash, context.snapshot)) ?? []
    return {
      record: reads.view(context, found.data),
      grantId: context.grant.id,
      sourceChangedAt: found.sourceChangedAt,
      arrivedAt: found.arrivedAt,
      version: found.version,
      source: context.source.kind,
      ...(objectionIds.length > 0 ? { underVerification: true, objectionIds: [...objectionIds] } : {}),
    }
  }

  /**
   * A page of records, optionally filtered by granted unmasked items (equality): bulk grants only.
   * Throws as authorizeRead and logRead, plus EXCHANGE_FILTER_NOT_ALLOWED,
   * EXCHANGE_UPSTREAM_UNSUPPORTED.
   */
  async function list(
    actor: Actor,
    resourceId: string,
    options: ReadOptions & { page: number; pageSize: number; filters: Record<string, string> },
  ) {
    const context = await reads.authorizeRead(actor, resourceId, options, 'bulk')
    const filters = await reads.checkFilters(actor, context, options, options.filters)
    const facts = {
      mode: 'bulk' as const,
      asked: reads.filterLabels(filters),
      returned: 0,
      units: 0,
      misses: 0,
    }
    const { rows, total } = await reads.attempt(actor, context, options, facts, () =>
      context.source.page(filters, {
        offset: (options.page - 1) * options.pageSize,
        limit: options.pageSize,
      }),
    )
    await reads.logRead(actor, context, options, {
      ...facts,
      returned: rows.length,
      units: Math.max(1, rows.length),
    })
    return {
      items: rows.map((data) => reads.view(context, data)),
      total,
      grantId: context.grant.id,
    }
  }

  /**
   * Several keys in one call (a few under a lookup grant, up to 1 000 under bulk); the missing ones
   * are named (masked). Throws as authorizeRead and logRead, plus EXCHANGE_BATCH_LIMIT and,
   * through the gateway, EXCHANGE_UPSTREAM_*.
   */
  async function readBatch(
    actor: Actor,
    resourceId: string,
    keyValues: readonly string[],
    options: ReadOptions,
  ) {
    const context = await reads.authorizeRead(actor, resourceId, options, 'lookup')
    const unique = [...new Set(keyValues)]
    await reads.checkBatch(actor, context, options, unique.length)
    const masked = unique.map((key) => maskedKey(context.resource.items, key))
    const facts = {
      mode: 'lookup' as const,
      asked: masked,
      keyHashes: unique.map((key) => keyHashOf(keys, key)),
      returned: 0,
      units: unique.length,
      misses: 0,
    }
    const found = await reads.attempt(actor, context, options, facts, () => context.source.many(unique))
    const items: Array<{ key: string; record: RecordData }> = []
    const missing: string[] = []
    for (const [i, key] of unique.entries()) {
      const data = found.get(key)
      if (data) {
        items.push({ key: masked[i] ?? '', record: reads.view(context, data) })
      } else {
        missing.push(masked[i] ?? '')
      }
    }
    await reads.logRead(actor, context, options, { ...facts, returned: items.length, misses: missing.length })
    return { items, missing, grantId: context.grant.id }
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
    const items = entries.map((entry) => ({
      seq: entry.seq,
      at: entry.at,
      actor: entry.actorName ?? entry.actorType,
      departmentId: entry.departmentId,
      action: entry.action,
      details: JSON.parse(entry.details) as unknown,
    }))
    return withDisplayNames(db, items, ['actor'])
  }

  return { readByKey, list, readBatch, accessLog }
}
