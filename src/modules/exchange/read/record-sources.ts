/**
 * Where a read's records come from (issue 11: narrowed to the grant's row scope): the platform's
 * store, or the provider's own system through the gateway (upstream.ts). A record outside the
 * scope is answered exactly like a missing one: its existence is not shown.
 */
import type { Actor } from '../../../shared/actor.js'
import { AppError } from '../../../shared/errors.js'
import type { PublishedResource } from '../../catalog/index.js'
import type { LiveGrant, RowScope } from '../../sharing/index.js'
import { decodeData, keyHashOf } from '../codec.js'
import type { ExchangeDeps } from '../deps.js'
import * as repo from '../repo.js'
import type { RecordData } from '../rules.js'
import type { EndpointRow } from '../upstream/repo.js'
import type { UpstreamGateway } from '../upstream/service.js'
import type { ReadOptions } from './access.js'
import { recordLookup, type StoredVersion } from './record-lookup.js'

/** Upstream calls one batch read keeps in flight at once. */
const UPSTREAM_CONCURRENCY = 8

export interface SourcedRecord {
  data: RecordData
  sourceChangedAt: string
  arrivedAt: string
  version: number
}

/**
 * Where a resource's records come from: the platform's store, or the provider's own system through
 * the gateway (upstream.ts). Both serve only rows inside the grant's row scope.
 */
export interface RecordSource {
  kind: 'stored' | 'upstream'
  /** The live record for a key (as of a date's end, when given), or undefined. */
  one(key: string, keyHash: string, asOf: string | undefined): Promise<SourcedRecord | undefined>
  /** The live records among some keys, by key. */
  many(keys: readonly string[]): Promise<Map<string, RecordData>>
  page(
    filters: ReadonlyArray<{ item: string; values: readonly string[] }>,
    page: { offset: number; limit: number },
  ): Promise<{ rows: RecordData[]; total: number }>
}

export function createRecordSources(deps: ExchangeDeps, gateway: UpstreamGateway) {
  const { db, clock, keys } = deps
  const findRecord = recordLookup(deps.native)

  function stored(resourceId: string, scope: RowScope | null): RecordSource {
    const inScope = scopeTest(scope)
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
        const data = decodeData(keys, row.data)
        // Outside the row scope is answered exactly like no record: its existence is not shown.
        return inScope(data)
          ? { data, sourceChangedAt: row.source_changed_at, arrivedAt: row.arrived_at, version: row.version }
          : undefined
      },
      many: async (keyValues) => {
        const hashes = new Map(keyValues.map((key) => [keyHashOf(keys, key), key]))
        const found = new Map<string, RecordData>()
        for (const row of await repo.recordsByKeys(db, resourceId, [...hashes.keys()])) {
          const key = hashes.get(row.key_hash)
          if (row.deleted !== 0 || key === undefined) {
            continue
          }
          const data = decodeData(keys, row.data)
          if (inScope(data)) {
            found.set(key, data)
          }
        }
        return found
      },
      page: async (filters, page) => {
        const scoped = scope ? [...filters, { item: scope.item, values: scope.values }] : filters
        const { rows, total } = await repo.listRecords(db, resourceId, scoped, page)
        return { rows: rows.map((row) => decodeData(keys, row.data)), total }
      },
    }
  }

  /** The provider's system: by key only, as it is now (it keeps no history the platform could ask). */
  function upstream(
    endpoint: EndpointRow,
    resource: PublishedResource,
    grant: LiveGrant,
    actor: Actor,
    options: ReadOptions,
  ): RecordSource {
    const inScope = scopeTest(grant.rowScope)
    const context = {
      purpose: grant.purpose,
      consumerId: actor.departmentId ?? '',
      grantId: grant.id,
      caseRef: options.caseRef,
    }
    const fetchOne = async (key: string) => {
      const data = await gateway.fetchRecord(endpoint, resource, key, context)
      return data && inScope(data) ? data : undefined
    }
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

  return { stored, upstream }
}

function scopeTest(scope: RowScope | null): (data: RecordData) => boolean {
  if (!scope) {
    return () => true
  }
  const allowed = new Set(scope.values)
  return (data) => {
    const value = data[scope.item]
    return value !== null && value !== undefined && allowed.has(String(value))
  }
}
