/**
 * Art. 20, 33: the external instance applies a verified bundle. Everything is checked before
 * anything is written: internal-zone content is refused even when signed (logged), a provider
 * must exist here with the same unified code, a code must not belong to another resource here.
 * Then one transaction applies it; an entry already applied changes nothing (idempotent).
 */
import type { Executor } from '../../../db/database.js'
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import { sm3Hex } from '../../../shared/crypto.js'
import { AppError } from '../../../shared/errors.js'
import { departmentByCode } from '../../org/index.js'
import { openBundle, type SealedEntry, type ZoneBundle } from '../../zones/index.js'
import type { CatalogDeps } from '../deps.js'
import * as repo from '../repo.js'
import { indexResource, unindexResource } from '../search/index-writer.js'
import { parseMetadata } from '../views.js'

export interface ImportCounts {
  entries: number
  created: number
  updated: number
  unchanged: number
  withdrawn: number
}

interface ResourceContent {
  provider: { code: string }
  resource: repo.ResourceRow
  version: repo.VersionRow
  items: repo.ItemRow[]
}

interface Planned {
  entry: SealedEntry
  providerId: string
}

export function createZoneImport(deps: CatalogDeps) {
  const { db, audit } = deps

  async function refuseInvalid(actor: Actor, error: unknown): Promise<never> {
    if (error instanceof AppError && deps.zones) {
      const reason = (error.details as { reason?: string } | undefined)?.reason // set by openBundle
      await audit.record(actor, {
        action: 'zone.refused',
        objectType: 'zone_bundle',
        details: { code: error.code, zone: 'unknown', instance: deps.zones.instance, reason },
      })
    }
    throw error
  }

  /**
   * Verifies `text` against the internal instance's SM2 public key and applies it. Throws
   * (logged) ZONE_BUNDLE_INVALID, ZONE_NOT_ALLOWED, ZONE_BUNDLE_CONFLICT; ZONE_BUNDLE_WRONG_INSTANCE
   * on an internal instance.
   */
  async function importBundle(
    actor: Actor,
    text: string,
    peerKey: string,
  ): Promise<ImportCounts & { verified: ZoneBundle }> {
    const zones = deps.zones
    if (zones?.instance !== 'external') {
      throw new AppError('ZONE_BUNDLE_WRONG_INSTANCE', { instance: zones?.instance ?? 'internal' })
    }
    let bundle: ReturnType<typeof openBundle>
    try {
      bundle = openBundle(text, peerKey)
    } catch (error) {
      return refuseInvalid(actor, error)
    }
    const planned: Planned[] = []
    // Records are the exchange's to apply, after this (src/cli/zone.ts).
    for (const entry of bundle.entries.filter((e) => e.kind !== 'records')) {
      if (entry.kind === 'withdrawal') {
        planned.push({ entry, providerId: '' })
        continue
      }
      const content = entry.content as unknown as ResourceContent // digest-checked, written by export.ts
      const zone = [content.resource.zone, parseMetadata(content.version).zone].find((z) => z === 'internal')
      if (zone || content.resource.id !== entry.id) {
        await zones.refuse(
          actor,
          { objectType: 'resource', objectId: null, zone: zone ?? 'unknown' },
          'bundle',
        )
      }
      const provider = await departmentByCode(db, content.provider.code)
      if (provider?.zone === 'internal') {
        await zones.refuse(
          actor,
          { objectType: 'department', objectId: provider.id, zone: 'internal' },
          'bundle',
        )
      }
      const taken = await repo.findResourceByCode(db, content.resource.code)
      if (!provider || (taken && taken.id !== entry.id)) {
        throw new AppError('ZONE_BUNDLE_CONFLICT', {
          resourceCode: content.resource.code,
          reason: provider ? 'code taken' : 'unknown provider',
        })
      }
      planned.push({ entry, providerId: provider.id })
    }
    const counts: ImportCounts = {
      entries: planned.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      withdrawn: 0,
    }
    return inTransaction(db, async (trx) => {
      for (const { entry, providerId } of planned) {
        const outcome =
          entry.kind === 'withdrawal'
            ? await applyWithdrawal(trx, entry.id)
            : await applyResource(trx, entry.content as unknown as ResourceContent, providerId)
        counts[outcome] += 1
      }
      await audit.append(trx, actor, {
        action: 'zone.import',
        objectType: 'zone_bundle',
        objectId: sm3Hex(text),
        details: { ...counts, bundleDigest: sm3Hex(text), keyId: bundle.keyId },
      })
      return { ...counts, verified: bundle }
    })
  }

  async function applyWithdrawal(trx: Executor, id: string): Promise<keyof ImportCounts> {
    const existing = await repo.findResource(trx, id, { lock: true })
    if (!existing || existing.status === 'withdrawn') {
      return 'unchanged'
    }
    const reason = '内网实例已撤回 / withdrawn on the internal instance'
    await repo.updateResource(trx, id, {
      status: 'withdrawn',
      withdrawn_reason: reason,
      updated_at: deps.clock.now().toISOString(),
    })
    await unindexResource(trx, id)
    await deps.listeners?.onWithdrawn?.(trx, { resourceId: id, reason })
    return 'withdrawn'
  }

  async function applyResource(
    trx: Executor,
    content: ResourceContent,
    providerId: string,
  ): Promise<keyof ImportCounts> {
    const row: repo.ResourceRow = { ...content.resource, provider_id: providerId }
    const version = content.version.version
    const existing = await repo.findResource(trx, row.id, { lock: true })
    const stored = existing ? await repo.findVersion(trx, row.id, version) : undefined
    if (existing && stored && sameResource(existing, row) && stored.metadata === content.version.metadata) {
      const items = await repo.itemsOf(trx, row.id, version)
      if (JSON.stringify(items.map(itemFacts)) === JSON.stringify(content.items.map(itemFacts))) {
        return 'unchanged'
      }
    }
    if (!existing) {
      await repo.insertResource(trx, row)
    } else {
      if (existing.published_version !== null && existing.published_version !== version) {
        await repo.updateVersion(trx, row.id, existing.published_version, { status: 'superseded' })
      }
      await repo.updateResource(trx, row.id, row)
    }
    if (stored) {
      await repo.updateVersion(trx, row.id, version, { ...content.version })
    } else {
      await repo.insertVersion(trx, content.version)
    }
    await repo.replaceItems(trx, row.id, version, content.items)
    await indexResource(trx, {
      resourceId: row.id,
      name: row.name,
      summary: row.summary,
      itemNames: content.items.map((item) => item.name),
    })
    await deps.listeners?.onPublished?.(trx, {
      resourceId: row.id,
      shareType: row.share_type,
      itemCodes: content.items.map((item) => item.code),
    })
    return existing ? 'updated' : 'created'
  }

  return { importBundle }
}

const RESOURCE_FIELDS = [
  'code',
  'provider_id',
  'status',
  'latest_version',
  'published_version',
  'name',
  'summary',
  'category',
  'theme',
  'class_code',
  'share_type',
  'format',
  'update_cycle',
  'zone',
  'published_at',
] as const

function sameResource(a: repo.ResourceRow, b: repo.ResourceRow): boolean {
  return RESOURCE_FIELDS.every((field) => a[field] === b[field])
}

/** Items compared by what they say; PostgreSQL and SQLite may give numbers back differently. */
function itemFacts(item: repo.ItemRow) {
  return [
    item.id,
    item.position,
    item.code,
    item.name,
    item.data_type,
    item.length,
    Number(item.is_key),
    item.sensitivity,
    item.description,
    item.authoritative_item_code,
  ]
}
