/**
 * Art. 20, 33: what an internal instance sends to the external one. A resource crosses when it
 * is published (a published version that is not withdrawn), its zone is external, and its
 * provider department's zone is external; a withdrawn (or re-zoned) one crosses as a withdrawal,
 * by id only. References to what does not cross (related codes, authoritative items) are cut.
 */
import type { Executor } from '../../../db/database.js'
import { AppError } from '../../../shared/errors.js'
import type { AuditSigner } from '../../audit/index.js'
import { allDepartments, departmentInfo } from '../../org/index.js'
import { type BundleEntry, sealBundle } from '../../zones/index.js'
import type { CatalogDeps } from '../deps.js'
import type { ResourceRow } from '../repo.js'
import * as repo from '../repo.js'
import { parseMetadata } from '../views.js'
import { publishedSince } from './repo.js'

export interface ExportResult {
  text: string
  entries: number
  cursor: string | null
  bundleDigest: string
}

/** Entries other modules add for the resources that cross (the exchange's records), and their cursor. */
export type MoreEntries = (
  crossingIds: string[],
) => Promise<{ entries: BundleEntry[]; cursor: string | null }>

export function createZoneExport(deps: CatalogDeps) {
  const { db, clock, audit } = deps

  /** Writes the bundle of what changed after `since` (everything when null). Internal instance only. */
  async function exportBundle(
    actor: Parameters<CatalogDeps['audit']['record']>[0],
    signer: AuditSigner,
    since: string | null,
    more?: MoreEntries,
  ): Promise<ExportResult> {
    if (deps.zones?.instance !== 'internal') {
      throw new AppError('ZONE_BUNDLE_WRONG_INSTANCE', { instance: deps.zones?.instance ?? 'external' })
    }
    const departments = await externalDepartments(db)
    const crossing = (row: ResourceRow) => row.zone === 'external' && departments.has(row.provider_id)
    const crossingNow = (await publishedSince(db, null)).filter(
      (r) => crossing(r) && r.status !== 'withdrawn',
    )
    const shareable = new Set(crossingNow.map((r) => r.code))
    const entries: BundleEntry[] = []
    let cursor = since
    for (const row of await publishedSince(db, since)) {
      const provider = departments.get(row.provider_id)
      if (!provider) {
        continue
      }
      if (row.status !== 'withdrawn' && row.zone === 'external') {
        entries.push(await resourceEntry(db, row, provider, shareable))
        cursor = row.updated_at
      } else if (await wasExternal(db, row)) {
        // Withdrawn, or re-zoned internal: the external copy goes; one never external is never named.
        entries.push({ kind: 'withdrawal', id: row.id, content: { code: row.code } })
        cursor = row.updated_at
      }
    }
    if (more) {
      const extra = await more(crossingNow.map((r) => r.id))
      entries.push(...extra.entries)
      cursor = [cursor ?? '', extra.cursor ?? ''].sort().at(-1) || null
    }
    const { text, bundleDigest, keyId } = sealBundle(
      signer,
      { createdAt: clock.now().toISOString(), since, cursor },
      entries,
    )
    await audit.record(actor, {
      action: 'zone.export',
      objectType: 'zone_bundle',
      objectId: bundleDigest,
      details: { entries: entries.length, bundleDigest, keyId, since, cursor },
    })
    return { text, entries: entries.length, cursor, bundleDigest }
  }

  return { exportBundle }
}

async function externalDepartments(db: Executor) {
  const result = new Map<string, { code: string; name: string; level: string }>()
  for (const department of await allDepartments(db)) {
    const info = await departmentInfo(db, department.id)
    if (info?.zone === 'external') {
      result.set(department.id, { code: department.code, name: department.name, level: department.level })
    }
  }
  return result
}

/** Whether some published version of the resource had the external zone (so it may have crossed). */
async function wasExternal(db: Executor, row: ResourceRow): Promise<boolean> {
  const versions = await repo.listVersions(db, row.id)
  return versions.some(
    (v) =>
      (v.status === 'published' || v.status === 'superseded') &&
      (parseMetadata(v).zone ?? row.zone) === 'external',
  )
}

async function resourceEntry(
  db: Executor,
  row: ResourceRow,
  provider: { code: string; name: string; level: string },
  shareable: ReadonlySet<string>,
): Promise<BundleEntry> {
  // The caller passes only rows with a published version.
  const version = row.published_version ?? 0
  const versionRow = await repo.findVersion(db, row.id, version)
  if (!versionRow) {
    throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id: row.id, version })
  }
  const metadata = parseMetadata(versionRow)
  const relatedCodes = metadata.relatedCodes?.filter((code) => shareable.has(code))
  const items = (await repo.itemsOf(db, row.id, version)).map((item) => ({
    ...item,
    authoritative_item_code:
      item.authoritative_item_code !== null &&
      shareable.has(item.authoritative_item_code.replace(/-\d+$/, ''))
        ? item.authoritative_item_code
        : null,
  }))
  return {
    kind: 'resource',
    id: row.id,
    content: {
      provider,
      resource: { ...row, status: 'published', latest_version: version },
      version: {
        ...versionRow,
        created_by: null,
        reviewed_by: null,
        metadata: JSON.stringify({ ...metadata, relatedCodes }),
      },
      items,
    },
  }
}
