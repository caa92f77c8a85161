/** Sharing requests (Art. 12, 25, 32): apply, subscribe, dispute, renew; read one's own. */
import type { Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { shanghaiDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../../shared/policy.js'
import { publishedResource, resourceBasics } from '../catalog/index.js'
import { departmentInfo, departmentsInScope, displayNames } from '../org/index.js'
import { defaultMode, grantableAtOnce } from './access.js'
import type { SharingDeps } from './deps.js'
import type { Grants } from './grants.js'
import * as repo from './repo.js'
import { ANSWER_DAYS, isDisputable } from './rules.js'
import type { NewRequest, RequestView } from './schema.js'
import { accessModeOf, parseNames, toRequestView } from './views.js'

export type Requests = ReturnType<typeof createRequests>

export function createRequests(deps: SharingDeps, grants: Grants) {
  const { db, clock, audit, notifications, workingDays } = deps

  /** A listed row already carries its resource's name and provider: only its answers are read. */
  async function viewOfRow(
    row: repo.RequestRow & { resource_name: string; provider_id: string },
  ): Promise<RequestView> {
    const [decision, dispute] = await Promise.all([
      repo.findDecision(db, row.id),
      repo.findDisputeOf(db, row.id),
    ])
    return toRequestView(row, decision, dispute)
  }

  /** Issue 15: the requester's and the decider's display names beside their logins. */
  async function named(views: RequestView[]): Promise<RequestView[]> {
    const names = await displayNames(
      db,
      views.flatMap((v) => [v.requester, v.decision?.decidedBy ?? null]),
    )
    return views.map((v) => ({
      ...v,
      requesterName: names.get(v.requester) ?? null,
      decision: v.decision && {
        ...v.decision,
        decidedByName: names.get(v.decision.decidedBy ?? '') ?? null,
      },
    }))
  }

  async function view(executor: Executor, id: string): Promise<RequestView> {
    const row = await repo.findRequest(executor, id)
    const resource = row ? await resourceBasics(executor, row.resource_id) : undefined
    if (!row || !resource) {
      throw new AppError('SHARING_REQUEST_NOT_FOUND', { id })
    }
    const [decision, dispute] = await Promise.all([
      repo.findDecision(executor, id),
      repo.findDisputeOf(executor, id),
    ])
    return toRequestView(
      { ...row, resource_name: resource.name, provider_id: resource.providerId },
      decision,
      dispute,
    )
  }

  /**
   * A consumer applies for items of a resource with a purpose (Art. 25, 32). Unconditional
   * resources are granted at once; conditional ones go to the provider's approvers, due in 10
   * working days. Throws SHARING_RESOURCE_NOT_FOUND, SHARING_NOT_SHAREABLE, SHARING_OWN_RESOURCE,
   * SHARING_UNKNOWN_ITEM, SHARING_INVALID_PERIOD, SHARING_DUPLICATE_REQUEST, FORBIDDEN.
   */
  async function createRequest(
    actor: Actor,
    body: NewRequest,
    renewalOf: string | null = null,
  ): Promise<RequestView> {
    authorize(actor, 'sharing.request', actor.departmentPath ?? undefined)
    const consumerId = actor.departmentId ?? ''
    const resource = await publishedResource(db, body.resourceId)
    if (!resource) {
      throw new AppError('SHARING_RESOURCE_NOT_FOUND', { resourceId: body.resourceId })
    }
    if (resource.shareType === 'none') {
      throw new AppError('SHARING_NOT_SHAREABLE', { resourceId: resource.id })
    }
    if (resource.providerId === consumerId) {
      throw new AppError('SHARING_OWN_RESOURCE', { resourceId: resource.id })
    }
    const wanted = [...new Set(body.items.map((item) => item.trim()))]
    const unknown = wanted.filter((name) => !resource.items.some((item) => item.name === name))
    if (unknown.length > 0) {
      throw new AppError('SHARING_UNKNOWN_ITEM', { field: 'items', items: unknown })
    }
    const today = shanghaiDate(clock.now())
    if (body.validTo !== undefined && body.validTo < today) {
      throw new AppError('SHARING_INVALID_PERIOD', { field: 'validTo', today })
    }
    const sameItems = (await repo.openRequestsFor(db, resource.id, consumerId)).find(
      (open) => JSON.stringify([...parseNames(open.items)].sort()) === JSON.stringify([...wanted].sort()),
    )
    if (sameItems) {
      throw new AppError('SHARING_DUPLICATE_REQUEST', { requestId: sameItems.id })
    }
    const now = clock.now().toISOString()
    const id = newId()
    const mode = body.accessMode ?? defaultMode(resource.items)
    // Art. 12 grants unconditional resources at once; bulk of personal data still takes an approver.
    const unconditional = resource.shareType === 'unconditional' && grantableAtOnce(mode, resource.items)
    return inTransaction(db, async (trx) => {
      const due = unconditional ? null : await workingDays.addWorkingDays(today, ANSWER_DAYS, trx)
      await repo.insertRequest(trx, {
        id,
        resource_id: resource.id,
        consumer_id: consumerId,
        requester_type: actor.kind,
        requester_id: actor.id,
        requester_name: actor.name,
        items: JSON.stringify(wanted),
        purpose: body.purpose.trim(),
        basis: body.basis?.trim() || null,
        valid_to: body.validTo ?? null,
        status: unconditional ? 'granted' : 'pending',
        due_date: due?.date ?? null,
        due_provisional: due?.provisional ? 1 : 0,
        renewal_of: renewalOf,
        grant_id: null,
        access_mode: mode,
        created_at: now,
        updated_at: now,
      })
      await audit.append(trx, actor, {
        action: 'sharing.request',
        objectType: 'sharing_request',
        objectId: id,
        details: {
          resourceId: resource.id,
          items: wanted,
          purpose: body.purpose.trim(),
          dueDate: due?.date ?? null,
          renewalOf,
          accessMode: mode,
        },
      })
      if (unconditional) {
        // Art. 12: unconditional resources are granted at once, the purpose still recorded (Art. 32).
        const items = resource.items.filter((item) => wanted.includes(item.name))
        const grantId = await grants.insertGrant(
          trx,
          actor,
          {
            resourceId: resource.id,
            consumerId,
            requestId: id,
            purpose: body.purpose.trim(),
            validTo: body.validTo ?? null,
            plain: false,
            mode,
          },
          items,
        )
        await repo.updateRequest(trx, id, { grant_id: grantId })
      } else {
        await notifications.notifyRole(
          trx,
          'approver',
          {
            kind: 'sharing.request',
            titleZh: `新的共享申请：${resource.name}`,
            titleEn: `New sharing request: ${resource.name}`,
            bodyZh: `请于 ${due?.date} 前答复（10 个工作日）`,
            bodyEn: `Answer by ${due?.date} (10 working days)`,
            objectType: 'sharing_request',
            objectId: id,
          },
          { departmentId: resource.providerId },
        )
      }
      return view(trx, id)
    })
  }

  /** A request the actor's department made, or one for its resources, or any for the bureau. */
  async function requestInScope(actor: Actor, id: string) {
    const row = await repo.findRequest(db, id)
    const resource = row ? await resourceBasics(db, row.resource_id) : undefined
    const scope = await departmentsInScope(db, actor, 'sharing.read')
    const visible =
      row &&
      resource &&
      (scope === undefined || scope.includes(row.consumer_id) || scope.includes(resource.providerId))
    if (!row || !resource || !visible) {
      throw new AppError('SHARING_REQUEST_NOT_FOUND', { id })
    }
    return { row, resource }
  }

  async function getRequest(actor: Actor, id: string): Promise<RequestView> {
    await requestInScope(actor, id)
    const found = await view(db, id)
    return (await named([found]))[0] ?? found
  }

  async function listRequests(
    actor: Actor,
    query: { direction?: 'outgoing' | 'incoming' | 'all'; status?: string; page: number; pageSize: number },
  ) {
    const scope = await departmentsInScope(db, actor, 'sharing.read')
    const direction = query.direction ?? 'all'
    const page = { offset: (query.page - 1) * query.pageSize, limit: query.pageSize, status: query.status }
    const filter =
      direction === 'outgoing'
        ? { ...page, consumerIds: scope ?? undefined }
        : direction === 'incoming'
          ? { ...page, providerIds: scope ?? undefined }
          : page
    if (direction === 'all' && scope !== undefined) {
      // Both directions for a department: what it asked for and what it was asked for.
      const [outgoing, incoming] = await Promise.all([
        repo.listRequests(db, { ...page, offset: 0, limit: page.offset + page.limit, consumerIds: scope }),
        repo.listRequests(db, { ...page, offset: 0, limit: page.offset + page.limit, providerIds: scope }),
      ])
      const merged = [...new Map([...outgoing.rows, ...incoming.rows].map((r) => [r.id, r])).values()]
        .sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id))
        .slice(page.offset, page.offset + page.limit)
      return {
        items: await named(await Promise.all(merged.map(viewOfRow))),
        total: outgoing.total + incoming.total,
      }
    }
    const { rows, total } = await repo.listRequests(db, filter)
    return { items: await named(await Promise.all(rows.map(viewOfRow))), total }
  }

  /**
   * Art. 25: the consumer takes a refusal, a partial approval or an unanswered overdue request to
   * the bureau. Throws SHARING_REQUEST_NOT_FOUND, FORBIDDEN, SHARING_NOT_DISPUTABLE.
   */
  async function disputeRequest(actor: Actor, id: string, reason: string) {
    const { row, resource } = await requestInScope(actor, id)
    authorize(actor, 'sharing.request', (await departmentInfo(db, row.consumer_id))?.path)
    const today = shanghaiDate(clock.now())
    await inTransaction(db, async (trx) => {
      const current = await repo.findRequest(trx, id, { lock: true })
      const grant = current?.grant_id ? await repo.itemsOfGrants(trx, [current.grant_id]) : undefined
      const grantedCount = current?.grant_id ? (grant?.get(current.grant_id)?.length ?? 0) : 0
      const disputable =
        current &&
        !(await repo.findDisputeOf(trx, id)) &&
        isDisputable(
          {
            status: current.status,
            dueDate: current.due_date,
            requestedCount: parseNames(current.items).length,
          },
          grantedCount,
          today,
        )
      if (!disputable) {
        throw new AppError('SHARING_NOT_DISPUTABLE', { status: current?.status })
      }
      const now = clock.now().toISOString()
      await repo.insertDispute(trx, {
        id: newId(),
        request_id: id,
        reason: reason.trim(),
        raised_by: actor.name,
        raised_at: now,
        status: 'open',
        resolution: null,
        resolution_items: null,
        resolution_reason: null,
        resolved_by: null,
        resolved_at: null,
      })
      await repo.updateRequest(trx, id, { status: 'disputed', updated_at: now })
      await notifications.notifyRole(trx, 'bureau_reviewer', {
        kind: 'sharing.dispute',
        titleZh: `共享争议待协调：${resource.name}`,
        titleEn: `Sharing dispute to settle: ${resource.name}`,
        bodyZh: reason.trim(),
        bodyEn: reason.trim(),
        objectType: 'sharing_request',
        objectId: id,
      })
      await audit.append(trx, actor, {
        action: 'sharing.dispute',
        objectType: 'sharing_request',
        objectId: id,
        details: { reason: reason.trim(), previousStatus: current.status },
      })
    })
    return { id, status: 'disputed' }
  }

  /** Renewal before expiry is a new request pre-filled from the grant. Throws GRANT_NOT_FOUND. */
  async function renewGrant(actor: Actor, grantId: string, body: { validTo?: string; purpose?: string }) {
    const grant = await repo.findGrant(db, grantId)
    if (!grant || grant.consumer_id !== actor.departmentId) {
      throw new AppError('GRANT_NOT_FOUND', { id: grantId })
    }
    const items = (await repo.itemsOfGrants(db, [grantId])).get(grantId) ?? []
    return createRequest(
      actor,
      {
        resourceId: grant.resource_id,
        items: items.map((item) => item.name),
        purpose: body.purpose ?? grant.purpose,
        validTo: body.validTo,
        accessMode: accessModeOf(grant),
      },
      grantId,
    )
  }

  return { createRequest, getRequest, listRequests, disputeRequest, renewGrant, view, requestInScope }
}
