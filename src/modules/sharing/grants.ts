/** Grants (Art. 25, 32): who may read which items of which resource, for what, until when. */
import type { AccessSnapshot } from '../../db/access-cache.js'
import type { Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../shared/actor.js'
import { shanghaiDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../../shared/policy.js'
import { noteResourceUse, publishedResource } from '../catalog/index.js'
import { departmentInfo, departmentsInScope } from '../org/index.js'
import { type AccessMode, approvedMode, checkRowScope, parseRowScope, type RowScope } from './access.js'
import type { SharingDeps } from './deps.js'
import * as repo from './repo.js'
import { grantStatus } from './rules.js'
import type { GrantLimitsBody, GrantView } from './schema.js'
import { accessModeOf, toGrantView } from './views.js'

export interface LiveGrant {
  id: string
  resourceId: string
  consumerId: string
  purpose: string
  plain: boolean
  validTo: string | null
  mode: AccessMode
  /** Records a day; null: the resource's default. */
  dailyBudget: number | null
  rowScope: RowScope | null
  /** Codes and names of the granted items. */
  items: ReadonlyArray<{ code: string; name: string }>
}

export type Grants = ReturnType<typeof createGrants>

export function createGrants(deps: SharingDeps) {
  const { db, clock, audit, notifications } = deps
  const today = () => shanghaiDate(clock.now())

  /** Search ranks a resource by how many departments use it: told on every grant and revocation. */
  function noteUse(trx: Executor, resourceId: string, now: string): Promise<void> {
    return noteResourceUse(trx, resourceId, () => repo.consumerCount(trx, resourceId), now)
  }

  /** Creates a grant inside the caller's transaction (decision, unconditional subscription, arbitration). */
  async function insertGrant(
    trx: Executor,
    actor: Actor,
    fields: {
      resourceId: string
      consumerId: string
      requestId: string
      purpose: string
      validTo: string | null
      plain: boolean
      mode: AccessMode
      modeReason?: string | null
      dailyBudget?: number | null
      rowScope?: RowScope | null
    },
    items: ReadonlyArray<{ code: string; name: string }>,
  ): Promise<string> {
    const now = clock.now().toISOString()
    const id = newId()
    await repo.insertGrant(
      trx,
      {
        id,
        resource_id: fields.resourceId,
        consumer_id: fields.consumerId,
        request_id: fields.requestId,
        purpose: fields.purpose,
        valid_to: fields.validTo,
        plain: fields.plain ? 1 : 0,
        access_mode: fields.mode,
        mode_reason: fields.modeReason ?? null,
        daily_budget: fields.dailyBudget ?? null,
        row_scope: fields.rowScope ? JSON.stringify(fields.rowScope) : null,
        status: 'live',
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
        created_at: now,
        updated_at: now,
      },
      items,
    )
    await noteUse(trx, fields.resourceId, now)
    await audit.append(trx, actor, {
      action: 'grant.create',
      objectType: 'grant',
      objectId: id,
      details: {
        resourceId: fields.resourceId,
        consumerId: fields.consumerId,
        items: items.map((i) => i.name),
        purpose: fields.purpose,
        validTo: fields.validTo,
        plain: fields.plain,
        accessMode: fields.mode,
        modeReason: fields.modeReason ?? null,
        dailyBudget: fields.dailyBudget ?? null,
        rowScope: fields.rowScope ?? null,
      },
    })
    return id
  }

  /** Grants the actor's department holds, those on its resources, or all for the bureau. */
  async function listGrants(
    actor: Actor,
    query: { resourceId?: string; status?: string },
  ): Promise<GrantView[]> {
    const scope = await departmentsInScope(db, actor, 'sharing.read')
    const rows = await repo.listGrants(db, { departmentIds: scope, resourceId: query.resourceId })
    const items = await repo.itemsOfGrants(
      db,
      rows.map((r) => r.id),
    )
    const day = today()
    return rows
      .map((row) => toGrantView(row, items.get(row.id) ?? [], day))
      .filter((grant) => query.status === undefined || grant.status === query.status)
  }

  async function grantInScope(actor: Actor, id: string) {
    const grant = (
      await repo.listGrants(db, { departmentIds: await departmentsInScope(db, actor, 'sharing.read') })
    ).find((g) => g.id === id)
    if (!grant) {
      throw new AppError('GRANT_NOT_FOUND', { id })
    }
    return grant
  }

  async function getGrant(actor: Actor, id: string): Promise<GrantView> {
    const grant = await grantInScope(actor, id)
    const items = await repo.itemsOfGrants(db, [id])
    return toGrantView(grant, items.get(id) ?? [], today())
  }

  /**
   * The provider or the bureau revokes a grant; it stops serving at once. Throws GRANT_NOT_FOUND,
   * FORBIDDEN, GRANT_NOT_LIVE.
   */
  async function revokeGrant(actor: Actor, id: string, reason: string): Promise<GrantView> {
    const grant = await grantInScope(actor, id)
    authorize(actor, 'grant.revoke', (await departmentInfo(db, grant.provider_id))?.path)
    await inTransaction(db, async (trx) => {
      const current = await repo.findGrant(trx, id, { lock: true })
      if (
        !current ||
        grantStatus({ status: current.status, validTo: current.valid_to }, today()) !== 'live'
      ) {
        throw new AppError('GRANT_NOT_LIVE', { id, status: current?.status })
      }
      await endGrant(trx, actor, current, reason.trim())
    })
    return getGrant(actor, id)
  }

  /**
   * The provider or the bureau narrows a live grant (issue 11): a narrower access mode, a daily
   * budget, a row scope. Widening to bulk of personal data needs a reason, as at approval.
   * Throws GRANT_NOT_FOUND, FORBIDDEN, GRANT_NOT_LIVE, SHARING_MODE_NOT_REQUESTED,
   * SHARING_BULK_REASON_REQUIRED, SHARING_ROW_SCOPE_INVALID.
   */
  async function setGrantLimits(actor: Actor, id: string, body: GrantLimitsBody): Promise<GrantView> {
    const grant = await grantInScope(actor, id)
    authorize(actor, 'grant.revoke', (await departmentInfo(db, grant.provider_id))?.path)
    const resource = await publishedResource(db, grant.resource_id)
    const items = resource?.items ?? []
    await inTransaction(db, async (trx) => {
      const current = await repo.findGrant(trx, id, { lock: true })
      if (
        !current ||
        grantStatus({ status: current.status, validTo: current.valid_to }, today()) !== 'live'
      ) {
        throw new AppError('GRANT_NOT_LIVE', { id, status: current?.status })
      }
      const { mode, reason } =
        body.accessMode === undefined
          ? { mode: accessModeOf(current), reason: current.mode_reason }
          : approvedMode(accessModeOf(current), items, body)
      const rowScope = body.rowScope ? checkRowScope(body.rowScope, items) : body.rowScope
      const changes = {
        access_mode: mode,
        mode_reason: reason,
        ...(body.dailyBudget !== undefined ? { daily_budget: body.dailyBudget } : {}),
        ...(rowScope !== undefined ? { row_scope: rowScope ? JSON.stringify(rowScope) : null } : {}),
        updated_at: clock.now().toISOString(),
      }
      await repo.updateGrant(trx, id, changes)
      await audit.append(trx, actor, {
        action: 'grant.limit',
        objectType: 'grant',
        objectId: id,
        details: {
          resourceId: current.resource_id,
          accessMode: mode,
          modeReason: reason,
          dailyBudget: body.dailyBudget,
          rowScope,
          reason: body.reason.trim(),
        },
      })
    })
    return getGrant(actor, id)
  }

  async function endGrant(trx: Executor, actor: Actor, grant: repo.GrantRow, reason: string): Promise<void> {
    const now = clock.now().toISOString()
    await repo.updateGrant(trx, grant.id, {
      status: 'revoked',
      revoked_at: now,
      revoked_by: actor.name,
      revoke_reason: reason,
      updated_at: now,
    })
    await noteUse(trx, grant.resource_id, now)
    await notifications.notifyRole(
      trx,
      'consumer',
      {
        kind: 'grant.revoked',
        titleZh: '共享授权已撤销',
        titleEn: 'A grant was revoked',
        bodyZh: `撤销原因：${reason}`,
        bodyEn: `Reason: ${reason}`,
        objectType: 'grant',
        objectId: grant.id,
      },
      { departmentId: grant.consumer_id },
    )
    await audit.append(trx, actor, {
      action: 'grant.revoke',
      objectType: 'grant',
      objectId: grant.id,
      details: { reason, resourceId: grant.resource_id },
    })
  }

  /**
   * The live grant a query runs under (Art. 29, 32): the one named, or else the department's
   * newest live grant for the resource; undefined when there is none.
   */
  /**
   * Every read asks this. The department's unrevoked grants on the resource are cached until a
   * grant changes anywhere (the access epoch); whether one has run out is decided today, each time.
   * A caller that already holds a snapshot for this request passes it (one epoch read, not two).
   */
  async function liveGrantFor(
    consumerId: string,
    resourceId: string,
    grantId?: string,
    snapshot?: AccessSnapshot,
  ): Promise<LiveGrant | undefined> {
    const day = today()
    const cache = snapshot ?? (await deps.access.snapshot())
    const unrevoked = await cache.get(`grants:${consumerId}:${resourceId}`, () =>
      unrevokedGrants(consumerId, resourceId),
    )
    return unrevoked.find(
      (grant) =>
        (grantId === undefined || grant.id === grantId) &&
        grantStatus({ status: 'live', validTo: grant.validTo }, day) === 'live',
    )
  }

  async function unrevokedGrants(consumerId: string, resourceId: string): Promise<readonly LiveGrant[]> {
    const rows = await repo.unrevokedGrants(db, consumerId, resourceId)
    const items = await repo.itemsOfGrants(
      db,
      rows.map((row) => row.id),
    )
    return rows.map((row) =>
      Object.freeze({
        id: row.id,
        resourceId: row.resource_id,
        consumerId: row.consumer_id,
        purpose: row.purpose,
        plain: row.plain === 1,
        validTo: row.valid_to,
        mode: accessModeOf(row),
        dailyBudget: row.daily_budget === null ? null : Number(row.daily_budget),
        rowScope: parseRowScope(row.row_scope),
        items: Object.freeze(items.get(row.id) ?? []),
      }),
    )
  }

  /** A new catalog version: grants lose the items it dropped; share type none ends them. */
  async function onPublished(
    trx: Executor,
    event: { resourceId: string; shareType: string; itemCodes: string[] },
  ) {
    for (const grant of await repo.unrevokedGrantsOnResource(trx, event.resourceId)) {
      if (event.shareType === 'none') {
        await endGrant(
          trx,
          SYSTEM_ACTOR,
          grant,
          '资源共享类型变更为不予共享 / the resource is no longer shared',
        )
        continue
      }
      const items = (await repo.itemsOfGrants(trx, [grant.id])).get(grant.id) ?? []
      const kept = items.filter((item) => event.itemCodes.includes(item.code))
      if (kept.length === items.length) {
        continue
      }
      if (kept.length === 0) {
        await endGrant(
          trx,
          SYSTEM_ACTOR,
          grant,
          '授权的信息项已全部从资源中删除 / every granted item was dropped',
        )
        continue
      }
      await repo.replaceGrantItems(trx, grant.id, kept)
      await audit.append(trx, SYSTEM_ACTOR, {
        action: 'grant.items_dropped',
        objectType: 'grant',
        objectId: grant.id,
        details: { dropped: items.filter((i) => !kept.includes(i)).map((i) => i.name) },
      })
    }
  }

  async function onWithdrawn(trx: Executor, event: { resourceId: string; reason: string }) {
    for (const grant of await repo.unrevokedGrantsOnResource(trx, event.resourceId)) {
      await endGrant(trx, SYSTEM_ACTOR, grant, `资源已撤销 / the resource was withdrawn: ${event.reason}`)
    }
  }

  /** Art. 24: which of these items the department can already read through a live grant. */
  async function availableThroughPlatform(
    executor: Executor,
    departmentId: string,
    itemNames: readonly string[],
  ) {
    const day = today()
    const rows = await repo.grantedItemsByName(executor, departmentId, itemNames)
    return rows
      .filter((row) => row.valid_to === null || row.valid_to >= day)
      .map((row) => ({ itemName: row.item_name, resourceId: row.resource_id, grantId: row.grant_id }))
  }

  return {
    insertGrant,
    listGrants,
    getGrant,
    revokeGrant,
    setGrantLimits,
    liveGrantFor,
    onPublished,
    onWithdrawn,
    availableThroughPlatform,
  }
}
