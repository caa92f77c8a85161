/**
 * Issue 11: "who read this person's record" (Art. 27, 29). The provider of a resource, auditors
 * and the bureau give a plain key (an ID number); the reads and refused reads whose log entry
 * carries that key's keyed hash come back, newest first. The plain key is never stored or logged:
 * the query is itself logged with the masked key and the hash only.
 */
import type { Actor } from '../../../shared/actor.js'
import { AppError, type Lang } from '../../../shared/errors.js'
import type { ExportFile } from '../../../shared/export-file.js'
import { maskValue } from '../../../shared/masking.js'
import { can } from '../../../shared/policy.js'
import type { DetailsOf } from '../../audit/index.js'
import { publishedResource, resourceBasics } from '../../catalog/index.js'
import { departmentInfo, withDisplayNames } from '../../org/index.js'
import { keyHashOf, maskedKey } from '../codec.js'
import type { ExchangeDeps } from '../deps.js'
import type { KeyReader, KeyReadersReply } from '../schema.js'
import { keyReadersHtml } from './report.js'

/** Newest first, at most this many; the reply says when older ones were left out. */
export const KEY_READERS_CAP = 1000
// Quota refusals (another engineer) are exchange.denied with keyHashes too: both actions count.
const READ_ACTIONS = ['exchange.read', 'exchange.denied'] as const

export function createKeyReaders(deps: ExchangeDeps) {
  const { db, audit, keys, clock } = deps

  /** The resource, if the actor may see its reads; else the access log's 404 (no hint it exists). */
  async function visibleResource(actor: Actor, resourceId: string) {
    const basics = await resourceBasics(db, resourceId)
    const path = basics ? (await departmentInfo(db, basics.providerId))?.path : undefined
    if (!basics || !can(actor, 'exchange.access_log', path)) {
      throw new AppError('CATALOG_RESOURCE_NOT_FOUND', { id: resourceId })
    }
    const published = await publishedResource(db, resourceId)
    // A withdrawn resource has no published items to mask by: mask every character then.
    const masked = (key: string) =>
      published ? maskedKey(published.items, key) : maskValue(key, 'other_personal')
    return { ...basics, code: published?.code ?? null, masked }
  }

  /** The query is itself a look at personal data (Art. 29): no entry, no answer. */
  async function logQuery(actor: Actor, resourceId: string, details: DetailsOf<'exchange.key_readers'>) {
    try {
      return await audit.record(actor, {
        action: 'exchange.key_readers',
        objectType: 'resource',
        objectId: resourceId,
        details,
      })
    } catch {
      throw new AppError('AUDIT_UNAVAILABLE')
    }
  }

  async function find(actor: Actor, resourceId: string, key: string, report: boolean) {
    const resource = await visibleResource(actor, resourceId)
    const hash = keyHashOf(keys, key)
    const entries = await audit.entriesWithHash(
      { objectType: 'resource', objectIds: [resourceId], actions: READ_ACTIONS },
      hash,
      KEY_READERS_CAP + 1,
    )
    const items = (await toReaders(entries, hash)).slice(0, KEY_READERS_CAP)
    const masked = resource.masked(key)
    const querySeq = await logQuery(actor, resourceId, {
      key: masked,
      keyHash: hash,
      found: items.length,
      report,
    })
    const reply: KeyReadersReply = {
      key: masked,
      resourceId,
      resourceName: resource.name,
      items,
      capped: entries.length > KEY_READERS_CAP,
      querySeq,
    }
    return { reply, resourceCode: resource.code }
  }

  /** Entries to readers; an entry whose keyHashes do not hold the hash (a LIKE coincidence) is dropped. */
  async function toReaders(
    entries: Awaited<ReturnType<typeof audit.entriesWithHash>>,
    hash: string,
  ): Promise<KeyReader[]> {
    const names = new Map<string, string | null>()
    for (const id of new Set(entries.map((e) => e.departmentId))) {
      if (id !== null) {
        names.set(id, (await departmentInfo(db, id))?.name ?? null)
      }
    }
    const readers: KeyReader[] = []
    for (const entry of entries) {
      const details = asRecord(JSON.parse(entry.details))
      const hashes = Array.isArray(details.keyHashes) ? details.keyHashes : []
      if (!hashes.includes(hash) || !isReadAction(entry.action)) {
        continue
      }
      readers.push({
        seq: entry.seq,
        at: entry.at,
        departmentId: entry.departmentId,
        departmentName: entry.departmentId === null ? null : (names.get(entry.departmentId) ?? null),
        actor: entry.actorName ?? entry.actorType,
        action: entry.action,
        grantId: text(details.grantId),
        purpose: text(details.purpose),
        caseRef: text(details.caseRef),
        records:
          entry.action === 'exchange.read' && typeof details.records === 'number' ? details.records : null,
        keysAsked: hashes.length,
        code: text(details.code) ?? text(details.error),
      })
    }
    return withDisplayNames(db, readers, ['actor'])
  }

  /** Who read the record of `key` in this resource (issue 11). Throws CATALOG_RESOURCE_NOT_FOUND, AUDIT_UNAVAILABLE. */
  async function keyReaders(actor: Actor, resourceId: string, key: string): Promise<KeyReadersReply> {
    return (await find(actor, resourceId, key, false)).reply
  }

  /**
   * The same as a printable page to hand to the person asking (Art. 27): masked key, resource,
   * reads with their audit seq, who issued it and when. Throws CATALOG_RESOURCE_NOT_FOUND, AUDIT_UNAVAILABLE.
   */
  async function keyReadersReport(
    actor: Actor,
    resourceId: string,
    key: string,
    lang: Lang,
  ): Promise<ExportFile> {
    const { reply, resourceCode } = await find(actor, resourceId, key, true)
    const departmentName = actor.departmentId
      ? (await departmentInfo(db, actor.departmentId))?.name
      : undefined
    return keyReadersHtml(
      {
        ...reply,
        resourceCode,
        issuedBy: actor.name,
        issuedByDepartment: departmentName ?? null,
        issuedAt: clock.now().toISOString(),
      },
      lang,
    )
  }

  return { keyReaders, keyReadersReport }
}

export type KeyReaders = ReturnType<typeof createKeyReaders>

function isReadAction(action: string): action is KeyReader['action'] {
  return action === 'exchange.read' || action === 'exchange.denied'
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {}
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}
