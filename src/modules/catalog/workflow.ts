/** The catalog's review workflow (Art. 14-15, 19): submit, review, withdraw, confirm, legal changes. */
import type { Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { shanghaiDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize, can } from '../../shared/policy.js'
import { departmentInfo } from '../org/index.js'
import type { CatalogDeps } from './deps.js'
import { publishVersion } from './publish.js'
import * as repo from './repo.js'
import type { LegalChangeBody, ResourceView, ReviewBody } from './schema.js'
import { unindexResource } from './search/index-writer.js'
import type { CatalogService } from './service.js'

/** Working days to resubmit after a law is changed or duties change (Art. 15). */
export const LEGAL_CHANGE_DAYS = 15

export type CatalogWorkflow = ReturnType<typeof createCatalogWorkflow>

export function createCatalogWorkflow(deps: CatalogDeps, catalog: CatalogService) {
  const { db, clock, audit, workingDays } = deps

  async function providerPath(resource: repo.ResourceRow): Promise<string | undefined> {
    return (await departmentInfo(db, resource.provider_id))?.path
  }

  /** Meets the open filing deadlines a submission answers; late when after the due date. */
  async function meetDeadlines(trx: Executor, resourceId: string, nowIso: string): Promise<void> {
    const today = shanghaiDate(new Date(nowIso))
    for (const deadline of await repo.openDeadlines(trx, resourceId, ['county_filing', 'legal_change'])) {
      await repo.meetDeadline(trx, deadline.id, nowIso, today > deadline.due_date)
    }
  }

  /**
   * Files the latest draft with the bureau for review (Art. 14-15). Throws
   * CATALOG_RESOURCE_NOT_FOUND, FORBIDDEN, CATALOG_INVALID_STATE.
   */
  async function submit(actor: Actor, id: string): Promise<ResourceView> {
    const resource = await catalog.resourceOrThrow(db, id)
    authorize(actor, 'catalog.edit', await providerPath(resource))
    const now = clock.now().toISOString()
    return inTransaction(db, async (trx) => {
      const current = await catalog.resourceOrThrow(trx, id, true)
      if (current.status !== 'draft' && current.status !== 'returned') {
        throw new AppError('CATALOG_INVALID_STATE', {
          status: current.status,
          expected: ['draft', 'returned'],
        })
      }
      await repo.updateVersion(trx, id, current.latest_version, { status: 'submitted', submitted_at: now })
      await repo.updateResource(trx, id, { status: 'submitted', updated_at: now })
      await meetDeadlines(trx, id, now)
      await audit.append(trx, actor, {
        action: 'catalog.submit',
        objectType: 'resource',
        objectId: id,
        details: { version: current.latest_version },
      })
      return catalog.view(trx, { ...current, status: 'submitted', updated_at: now }, current.latest_version)
    })
  }

  /**
   * The bureau approves (publishes a new catalog version) or returns with a comment (Art. 14-15).
   * Throws FORBIDDEN, CATALOG_COMMENT_REQUIRED, CATALOG_RESOURCE_NOT_FOUND, CATALOG_INVALID_STATE.
   */
  async function review(actor: Actor, id: string, body: ReviewBody): Promise<ResourceView> {
    authorize(actor, 'catalog.review')
    const comment = body.comment?.trim() || null
    if (body.decision === 'return' && comment === null) {
      throw new AppError('CATALOG_COMMENT_REQUIRED', { field: 'comment' })
    }
    const now = clock.now().toISOString()
    return inTransaction(db, async (trx) => {
      const current = await catalog.resourceOrThrow(trx, id, true)
      if (current.status !== 'submitted') {
        throw new AppError('CATALOG_INVALID_STATE', { status: current.status, expected: ['submitted'] })
      }
      const version = current.latest_version
      const reviewed = { reviewed_at: now, reviewed_by: actor.id, review_comment: comment }
      if (body.decision === 'return') {
        await repo.updateVersion(trx, id, version, { status: 'returned', ...reviewed })
        await repo.updateResource(trx, id, { status: 'returned', updated_at: now })
        await audit.append(trx, actor, {
          action: 'catalog.return',
          objectType: 'resource',
          objectId: id,
          details: { version, comment },
        })
        return catalog.view(trx, { ...current, status: 'returned', updated_at: now }, version)
      }
      const published = await publishVersion(deps, trx, actor, current, version, reviewed)
      return catalog.view(trx, published, version)
    })
  }

  /** Withdraws (deprecates) a resource with a reason; it leaves the sharing catalog. */
  async function withdraw(actor: Actor, id: string, reason: string): Promise<ResourceView> {
    const resource = await catalog.resourceOrThrow(db, id)
    authorize(actor, 'catalog.withdraw', await providerPath(resource))
    const now = clock.now().toISOString()
    return inTransaction(db, async (trx) => {
      const current = await catalog.resourceOrThrow(trx, id, true)
      if (current.status === 'withdrawn') {
        throw new AppError('CATALOG_INVALID_STATE', { status: current.status })
      }
      const changes = { status: 'withdrawn', withdrawn_reason: reason.trim(), updated_at: now }
      await repo.updateResource(trx, id, changes)
      await unindexResource(trx, id)
      await deps.listeners?.onWithdrawn?.(trx, { resourceId: id, reason: reason.trim() })
      await audit.append(trx, actor, {
        action: 'catalog.withdraw',
        objectType: 'resource',
        objectId: id,
        details: { reason },
      })
      return catalog.view(trx, { ...current, ...changes }, current.latest_version)
    })
  }

  /** Art. 19: the provider re-confirms a published resource for this year. */
  async function confirm(actor: Actor, id: string): Promise<ResourceView> {
    const resource = await catalog.resourceOrThrow(db, id)
    authorize(actor, 'catalog.edit', await providerPath(resource))
    if (resource.published_version === null || resource.status === 'withdrawn') {
      throw new AppError('CATALOG_INVALID_STATE', { status: resource.status, reason: 'not published' })
    }
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      await repo.updateResource(trx, id, { confirmed_at: now })
      await audit.append(trx, actor, { action: 'catalog.confirm', objectType: 'resource', objectId: id })
    })
    return catalog.getResource(actor, id)
  }

  /**
   * Art. 15: a law repealed or amended, or duties changed: the provider must resubmit within 15
   * working days of the event. Recorded by the provider or the bureau.
   */
  async function recordLegalChange(actor: Actor, id: string, body: LegalChangeBody) {
    const resource = await catalog.resourceOrThrow(db, id)
    const path = await providerPath(resource)
    if (!can(actor, 'catalog.review') && !can(actor, 'catalog.edit', path)) {
      throw new AppError('FORBIDDEN', { action: 'catalog.legal_change' })
    }
    const due = await workingDays.addWorkingDays(body.eventDate, LEGAL_CHANGE_DAYS)
    const deadline = {
      id: newId(),
      resource_id: id,
      department_id: resource.provider_id,
      kind: 'legal_change',
      opened_on: body.eventDate,
      due_date: due.date,
      provisional: due.provisional ? 1 : 0,
      met_at: null,
      note: body.description,
      created_at: clock.now().toISOString(),
    }
    await inTransaction(db, async (trx) => {
      await repo.insertDeadline(trx, deadline)
      await audit.append(trx, actor, {
        action: 'catalog.legal_change',
        objectType: 'resource',
        objectId: id,
        details: { eventDate: body.eventDate, dueDate: due.date, description: body.description },
      })
    })
    return { id: deadline.id, dueDate: due.date, provisional: due.provisional }
  }

  /** Submitted versions waiting for the bureau, oldest first. */
  async function reviewQueue(actor: Actor) {
    authorize(actor, 'catalog.review')
    return (await repo.reviewQueue(db)).map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      providerId: row.provider_id,
      version: row.version,
      submittedAt: row.submitted_at,
    }))
  }

  return { submit, review, withdraw, confirm, recordLegalChange, reviewQueue }
}
