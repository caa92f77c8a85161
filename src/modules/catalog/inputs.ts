/** Resource inputs: the row mirror of a version, new version rows, and the view ⇄ input round trip. */
import type { Actor } from '../../shared/actor.js'
import { diffVersions } from './rules.js'
import type { ResourceInput, ResourceView } from './schema.js'
import { storeMetadata } from './views.js'
import type { Zone } from './vocabulary.js'

/** The resource row's copy of a version's searchable fields. */
export function mirrorOf(input: ResourceInput, defaultZone: Zone) {
  return {
    name: input.name.trim(),
    summary: input.summary.trim(),
    category: input.category,
    theme: input.theme ?? null,
    share_type: input.shareType,
    format: input.format,
    update_cycle: input.updateCycle,
    zone: input.zone ?? defaultZone,
    open_type: input.openType ?? 'not_open',
  }
}

export function newVersionRow(
  resourceId: string,
  version: number,
  input: ResourceInput,
  actor: Actor,
  now: string,
) {
  return {
    resource_id: resourceId,
    version,
    status: 'draft',
    metadata: storeMetadata(input),
    created_by: actor.id,
    created_at: now,
    submitted_at: null,
    reviewed_at: null,
    reviewed_by: null,
    review_comment: null,
  }
}

/** Does the input describe exactly what the view shows (so an import changes nothing)? */
export function sameContent(current: ResourceView, input: ResourceInput): boolean {
  const normalized = toSnapshotOfInput(input)
  const existing = toSnapshotOfInput(viewToInput(current))
  return diffVersions(existing, normalized).length === 0
}

/** The fields (and `items.<name>`) where the input differs from the view: what an import would change. */
export function changedFields(current: ResourceView, input: ResourceInput): string[] {
  return diffVersions(toSnapshotOfInput(viewToInput(current)), toSnapshotOfInput(input)).map(
    (change) => change.field,
  )
}

/** The input that would produce this view: what export writes and import reads back. */
export function viewToInput(view: ResourceView): ResourceInput {
  const optional = <T>(value: T | null | undefined) =>
    value === null || value === undefined ? undefined : value
  return {
    name: view.name,
    summary: view.summary,
    category: view.category,
    theme: optional(view.theme),
    classCode: view.classCode,
    format: view.format,
    shareType: view.shareType,
    shareCondition: optional(view.shareCondition),
    legalBasis: optional(view.legalBasis),
    shareMethod: view.shareMethod,
    openType: view.openType,
    openCondition: optional(view.openCondition),
    updateCycle: view.updateCycle,
    relatedCodes: view.relatedCodes,
    zone: view.zone,
    contact: view.contact,
    items: view.items.map((item) => ({
      name: item.name,
      dataType: item.dataType,
      key: item.key,
      sensitivity: item.sensitivity,
      length: optional(item.length),
      description: optional(item.description),
      authoritativeItemCode: optional(item.authoritativeItemCode),
      elementCode: optional(item.elementCode),
    })),
  }
}

function toSnapshotOfInput(input: ResourceInput) {
  const { items, ...metadata } = input
  const clean = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''))
  return {
    metadata: clean({
      ...metadata,
      openType: metadata.openType ?? 'not_open',
      relatedCodes: metadata.relatedCodes?.length ? metadata.relatedCodes : undefined,
      contact:
        metadata.contact && Object.keys(clean(metadata.contact)).length > 0
          ? clean(metadata.contact)
          : undefined,
    }),
    items: items.map((item) => ({
      ...clean(item),
      name: item.name.trim(),
      key: item.key === true,
      sensitivity: item.sensitivity ?? 'none',
    })),
  }
}
