/** The provider's answer (Art. 25) and the bureau's arbitration of disputes. */
import { isUniqueViolation } from '../../db/errors.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { shanghaiDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { authorize } from '../../shared/policy.js'
import { publishedResource } from '../catalog/index.js'
import { departmentInfo } from '../org/index.js'
import { approvedMode, checkRowScope, defaultMode, isAccessMode } from './access.js'
import type { SharingDeps } from './deps.js'
import type { Grants } from './grants.js'
import * as repo from './repo.js'
import type { Requests } from './requests.js'
import { decide, isLate } from './rules.js'
import type { ArbitrationBody, DecisionBody } from './schema.js'
import { parseNames } from './views.js'

export function createDecisions(deps: SharingDeps, requests: Requests, grants: Grants) {
  const { db, clock, audit, notifications } = deps

  /**
   * An approver of the providing department approves (all or fewer items) or refuses with a
   * reason. Exactly one decision per request: the request row is locked and the decision's key
   * refuses a second. Late answers are accepted and recorded as late. Throws
   * SHARING_REQUEST_NOT_FOUND, FORBIDDEN, SHARING_ALREADY_DECIDED, SHARING_REASON_REQUIRED,
   * SHARING_ITEMS_NOT_REQUESTED.
   */
  async function decideRequest(actor: Actor, id: string, body: DecisionBody) {
    const { resource } = await requests.requestInScope(actor, id)
    authorize(actor, 'sharing.decide', (await departmentInfo(db, resource.providerId))?.path)
    const now = clock.now()
    const today = shanghaiDate(now)
    try {
      return await inTransaction(db, async (trx) => {
        const request = await repo.findRequest(trx, id, { lock: true })
        if (!request) {
          throw new AppError('SHARING_REQUEST_NOT_FOUND', { id })
        }
        const requested = parseNames(request.items)
        const items = decide(request.status, requested, body)
        const late = isLate(request.due_date, today)
        const published = await publishedResource(trx, request.resource_id)
        const granted = (published?.items ?? []).filter((item) => items.includes(item.name))
        const limits =
          body.decision === 'approve' ? approvedLimits(request, published?.items ?? [], body) : null
        await repo.insertDecision(trx, {
          request_id: id,
          decision: body.decision,
          items: body.decision === 'approve' ? JSON.stringify(items) : null,
          reason: body.reason?.trim() || null,
          plain: body.plain ? 1 : 0,
          decided_by: actor.id,
          decided_by_name: actor.name,
          decided_at: now.toISOString(),
          late: late ? 1 : 0,
        })
        let grantId: string | null = null
        if (limits) {
          grantId = await grants.insertGrant(
            trx,
            actor,
            {
              resourceId: request.resource_id,
              consumerId: request.consumer_id,
              requestId: id,
              purpose: request.purpose,
              validTo: request.valid_to,
              plain: body.plain === true,
              ...limits,
            },
            granted,
          )
        }
        const status = body.decision === 'approve' ? 'granted' : 'rejected'
        await repo.updateRequest(trx, id, { status, grant_id: grantId, updated_at: now.toISOString() })
        await notifications.notifyRole(
          trx,
          'consumer',
          {
            kind: 'sharing.decision',
            titleZh:
              status === 'granted' ? `共享申请已批准：${resource.name}` : `共享申请被拒绝：${resource.name}`,
            titleEn:
              status === 'granted'
                ? `Request approved: ${resource.name}`
                : `Request refused: ${resource.name}`,
            bodyZh: body.reason?.trim() || (status === 'granted' ? `批准信息项：${items.join('、')}` : ''),
            bodyEn: body.reason?.trim() || (status === 'granted' ? `Items: ${items.join(', ')}` : ''),
            objectType: 'sharing_request',
            objectId: id,
          },
          { departmentId: request.consumer_id },
        )
        await audit.append(trx, actor, {
          action: 'sharing.decide',
          objectType: 'sharing_request',
          objectId: id,
          details: {
            decision: body.decision,
            items,
            reason: body.reason?.trim() || null,
            late,
            grantId,
            plain: body.plain === true,
            ...(limits ? { accessMode: limits.mode, modeReason: limits.modeReason } : {}),
          },
        })
        return { id, status, grantId, items, late }
      })
    } catch (error) {
      // The row lock makes this rare; the decision's primary key makes it impossible.
      throw isUniqueViolation(error) ? new AppError('SHARING_ALREADY_DECIDED', { id }) : error
    }
  }

  /**
   * Art. 25: the bureau settles a dispute: grant all requested items, grant some, or uphold the
   * provider's answer. Throws FORBIDDEN, SHARING_REQUEST_NOT_FOUND, SHARING_DISPUTE_NOT_OPEN,
   * SHARING_ITEMS_NOT_REQUESTED.
   */
  async function arbitrate(actor: Actor, id: string, body: ArbitrationBody) {
    authorize(actor, 'sharing.arbitrate')
    const now = clock.now().toISOString()
    await inTransaction(db, async (trx) => {
      const request = await repo.findRequest(trx, id, { lock: true })
      const dispute = request ? await repo.findDisputeOf(trx, id) : undefined
      if (!request) {
        throw new AppError('SHARING_REQUEST_NOT_FOUND', { id })
      }
      if (dispute?.status !== 'open') {
        throw new AppError('SHARING_DISPUTE_NOT_OPEN', { id })
      }
      const requested = parseNames(request.items)
      const items =
        body.decision === 'grant'
          ? requested
          : body.decision === 'partial'
            ? [...new Set(body.items ?? [])]
            : []
      if (
        body.decision === 'partial' &&
        (items.length === 0 || items.some((item) => !requested.includes(item)))
      ) {
        throw new AppError('SHARING_ITEMS_NOT_REQUESTED', { field: 'items' })
      }
      let grantId = request.grant_id
      if (body.decision !== 'uphold') {
        const published = await publishedResource(trx, request.resource_id)
        const granted = (published?.items ?? []).filter((item) => items.includes(item.name))
        const existing = await repo.findGrantOfRequest(trx, id)
        if (existing) {
          await repo.replaceGrantItems(trx, existing.id, granted)
          await repo.updateGrant(trx, existing.id, {
            status: 'live',
            revoked_at: null,
            revoked_by: null,
            revoke_reason: null,
            updated_at: now,
          })
          grantId = existing.id
        } else {
          const grant = {
            resourceId: request.resource_id,
            consumerId: request.consumer_id,
            requestId: id,
            purpose: request.purpose,
            validTo: request.valid_to,
            plain: false,
            // The bureau settles what may be read, not how: bulk of personal data stays the provider's call.
            mode: approvedMode(requestedMode(request, published?.items ?? []), published?.items ?? [], {})
              .mode,
          }
          grantId = await grants.insertGrant(trx, actor, grant, granted)
        }
      }
      const status = grantId ? 'granted' : 'rejected'
      await repo.updateRequest(trx, id, { status, grant_id: grantId, updated_at: now })
      await repo.updateDispute(trx, dispute.id, {
        status: 'resolved',
        resolution: body.decision,
        resolution_items: body.decision === 'uphold' ? null : JSON.stringify(items),
        resolution_reason: body.reason.trim(),
        resolved_by: actor.name,
        resolved_at: now,
      })
      await notifications.notifyRole(
        trx,
        'consumer',
        {
          kind: 'sharing.arbitration',
          titleZh: '共享争议已协调',
          titleEn: 'The sharing dispute was settled',
          bodyZh: body.reason.trim(),
          bodyEn: body.reason.trim(),
          objectType: 'sharing_request',
          objectId: id,
        },
        { departmentId: request.consumer_id },
      )
      await audit.append(trx, actor, {
        action: 'sharing.arbitrate',
        objectType: 'sharing_request',
        objectId: id,
        details: { decision: body.decision, items, reason: body.reason.trim(), grantId },
      })
    })
    return requests.view(db, id)
  }

  return { decideRequest, arbitrate }
}

/** The mode a request asked for; requests made before modes asked for the default. */
function requestedMode(
  request: repo.RequestRow,
  items: ReadonlyArray<{ name: string; sensitivity: string }>,
) {
  return request.access_mode !== null && isAccessMode(request.access_mode)
    ? request.access_mode
    : defaultMode(items)
}

/** How an approved grant may be used: mode, budget and row scope (issue 11). */
function approvedLimits(
  request: repo.RequestRow,
  items: ReadonlyArray<{ name: string; sensitivity: string }>,
  body: DecisionBody,
) {
  const { mode, reason } = approvedMode(requestedMode(request, items), items, body)
  return {
    mode,
    modeReason: reason,
    dailyBudget: body.dailyBudget ?? null,
    rowScope: body.rowScope ? checkRowScope(body.rowScope, items) : null,
  }
}
