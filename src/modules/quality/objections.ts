/**
 * Objections (Art. 26): a consumer doubts a record, the provider verifies within the bureau's
 * deadline and answers corrected or confirmed; the bureau is told of every one. While open, the
 * record keeps being served, flagged as under verification.
 */
import type { AccessSnapshot } from '../../db/access-cache.js'
import type { Executor } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { shanghaiDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { authorize } from '../../shared/policy.js'
import { publishedResource, resourceBasics } from '../catalog/index.js'
import { keyHashOf, maskedKey, recordVersion } from '../exchange/index.js'
import {
  departmentInfo,
  departmentsInScope,
  readSetting,
  withDisplayNames,
  writeSetting,
} from '../org/index.js'
import type { QualityDeps } from './deps.js'
import * as repo from './repo.js'
import { answerObjection, isLate, isOverdue, OBJECTION_DAYS_SETTING, objectionDaysOf } from './rules.js'
import type {
  AnswerBody,
  NewObjection,
  ObjectionPage,
  ObjectionQuery,
  ObjectionView,
  QualitySettings,
} from './schema.js'

export type Objections = ReturnType<typeof createObjections>

export function createObjections(deps: QualityDeps) {
  const { db, clock, audit, notifications, keys, grants, workingDays } = deps
  const today = () => shanghaiDate(clock.now())

  async function objectionDays(executor: Executor = db): Promise<number> {
    return objectionDaysOf(await readSetting(executor, OBJECTION_DAYS_SETTING))
  }

  /** Views of some rows, each resource's name looked up once. */
  async function views(executor: Executor, rows: readonly repo.ObjectionRow[]): Promise<ObjectionView[]> {
    const names = new Map<string, string>()
    for (const id of new Set(rows.map((row) => row.resource_id))) {
      names.set(id, (await resourceBasics(executor, id))?.name ?? '')
    }
    const day = today()
    const plain = rows.map((row) => toView(row, names.get(row.resource_id) ?? '', day))
    return withDisplayNames(executor, plain, ['raisedBy', 'answeredBy'])
  }

  async function viewOf(executor: Executor, id: string): Promise<ObjectionView> {
    const row = await repo.findObjection(executor, id)
    const [view] = row ? await views(executor, [row]) : []
    if (!view) {
      throw new AppError('QUALITY_OBJECTION_NOT_FOUND', { id })
    }
    return view
  }

  /** An objection the actor's department raised or must answer, or any for the bureau. */
  async function objectionInScope(actor: Actor, id: string): Promise<repo.ObjectionRow> {
    const row = await repo.findObjection(db, id)
    const scope = await departmentsInScope(db, actor, 'quality.read')
    const visible =
      row && (scope === undefined || scope.includes(row.consumer_id) || scope.includes(row.provider_id))
    if (!row || !visible) {
      throw new AppError('QUALITY_OBJECTION_NOT_FOUND', { id })
    }
    return row
  }

  /**
   * Art. 26: a consumer whose department holds a live grant flags a record (or one granted item)
   * with its evidence; due in the bureau's number of working days; the provider's approvers and the
   * bureau are told. Throws FORBIDDEN, GRANT_REQUIRED, QUALITY_UNKNOWN_ITEM, QUALITY_RECORD_NOT_FOUND,
   * QUALITY_DUPLICATE_OBJECTION.
   */
  /** Whether the department's reads of the resource ever returned this key's record. */
  async function hasBeenServed(departmentId: string, resourceId: string, keyHash: string): Promise<boolean> {
    const reads = await audit.entriesWithHash(
      { objectType: 'resource', objectIds: [resourceId], actions: ['exchange.read'] },
      keyHash,
      1000,
    )
    return reads.some((entry) => {
      const details = JSON.parse(entry.details) as { records?: number; mode?: string }
      return entry.departmentId === departmentId && (details.records ?? 0) > 0 && details.mode !== 'verify'
    })
  }

  async function raiseObjection(actor: Actor, body: NewObjection): Promise<ObjectionView> {
    authorize(actor, 'quality.object', actor.departmentPath ?? undefined)
    const consumerId = actor.departmentId ?? ''
    const resource = await publishedResource(db, body.resourceId)
    const grant = resource ? await grants.liveGrantFor(consumerId, resource.id) : undefined
    if (!resource || !grant) {
      throw new AppError('GRANT_REQUIRED', { resourceId: body.resourceId })
    }
    const itemName = body.item?.trim() || null
    if (itemName !== null && !grant.items.some((item) => item.name === itemName)) {
      throw new AppError('QUALITY_UNKNOWN_ITEM', { field: 'item', item: itemName })
    }
    const keyHash = keyHashOf(keys, body.key)
    const masked = maskedKey(resource.items, body.key)
    // One objects to a record one was served: asking about any other key would tell, uncounted by
    // the read budget and outside the grant's row scope, whether a record exists (issue 11).
    const served = await hasBeenServed(consumerId, resource.id, keyHash)
    const record = served ? await recordVersion(db, resource.id, keyHash) : undefined
    if (record?.deleted !== 0) {
      throw new AppError('QUALITY_RECORD_NOT_FOUND', { key: masked })
    }
    const id = newId()
    const evidence = body.evidence.trim()
    return inTransaction(db, async (trx) => {
      const same = await repo.openObjectionLike(trx, {
        resourceId: resource.id,
        keyHash,
        consumerId,
        itemName,
      })
      if (same) {
        throw new AppError('QUALITY_DUPLICATE_OBJECTION', { objectionId: same.id })
      }
      const days = await objectionDays(trx)
      const due = await workingDays.addWorkingDays(today(), days, trx)
      await repo.insertObjection(trx, {
        id,
        resource_id: resource.id,
        provider_id: resource.providerId,
        key_hash: keyHash,
        masked_key: masked,
        item_name: itemName,
        consumer_id: consumerId,
        raised_by: actor.name,
        evidence,
        status: 'open',
        due_date: due.date,
        due_provisional: due.provisional ? 1 : 0,
        record_version: record.version,
        answered_at: null,
        answered_by: null,
        answer: null,
        late: 0,
        correction_version: null,
        created_at: clock.now().toISOString(),
      })
      const what = itemName === null ? masked : `${masked}（${itemName}）`
      const common = { objectType: 'objection', objectId: id, bodyZh: evidence, bodyEn: evidence }
      // Whoever may answer (approver or cataloger) is told; the dedupe key spares those holding both roles a copy.
      for (const role of ['approver', 'cataloger'] as const) {
        await notifications.notifyRole(
          trx,
          role,
          {
            ...common,
            kind: 'quality.objection',
            titleZh: `数据异议待核实：${resource.name} ${what}，请于 ${due.date} 前答复`,
            titleEn: `Objection to verify: ${resource.name} ${what}, answer by ${due.date}`,
            dedupeKey: `objection:${id}`,
          },
          { departmentId: resource.providerId },
        )
      }
      // Art. 26: every objection is filed with the bureau.
      await notifications.notifyRole(trx, 'bureau_reviewer', {
        ...common,
        kind: 'quality.objection_filed',
        titleZh: `数据异议报备：${resource.name} ${what}`,
        titleEn: `Objection filed: ${resource.name} ${what}`,
      })
      await audit.append(trx, actor, {
        action: 'quality.objection.raise',
        objectType: 'objection',
        objectId: id,
        details: {
          resourceId: resource.id,
          providerId: resource.providerId,
          key: masked,
          item: itemName,
          dueDate: due.date,
          recordVersion: record.version,
        },
      })
      return viewOf(trx, id)
    })
  }

  /**
   * Art. 26: the provider's approver or cataloger answers: corrected (the record was re-loaded
   * since, and that version is linked) or confirmed correct with a reason; after the due date it
   * counts late. Throws QUALITY_OBJECTION_NOT_FOUND, FORBIDDEN, QUALITY_ALREADY_ANSWERED,
   * QUALITY_REASON_REQUIRED, QUALITY_NOT_CORRECTED.
   */
  async function answer(actor: Actor, id: string, body: AnswerBody): Promise<ObjectionView> {
    const row = await objectionInScope(actor, id)
    authorize(actor, 'quality.answer', (await departmentInfo(db, row.provider_id))?.path)
    return inTransaction(db, async (trx) => {
      const current = await repo.findObjection(trx, id, { lock: true })
      if (!current) {
        throw new AppError('QUALITY_OBJECTION_NOT_FOUND', { id })
      }
      const record = await recordVersion(trx, current.resource_id, current.key_hash)
      const result = answerObjection(
        { status: current.status, recordVersion: current.record_version },
        body,
        record?.version,
      )
      const now = clock.now()
      const late = isLate(current.due_date, shanghaiDate(now))
      const reason = body.reason?.trim() || null
      await repo.updateObjection(trx, id, {
        status: result.status,
        answered_at: now.toISOString(),
        answered_by: actor.name,
        answer: reason,
        late: late ? 1 : 0,
        correction_version: result.correctionVersion,
      })
      const corrected = result.status === 'corrected'
      await notifications.notifyRole(
        trx,
        'consumer',
        {
          kind: 'quality.objection_answered',
          titleZh: `数据异议已答复：${current.masked_key}${corrected ? ' 已更正' : ' 经核实无误'}`,
          titleEn: `Objection answered: ${current.masked_key} ${corrected ? 'corrected' : 'confirmed correct'}`,
          bodyZh: reason ?? (corrected ? `已更正（记录版本 ${result.correctionVersion}）` : ''),
          bodyEn: reason ?? (corrected ? `Corrected (record version ${result.correctionVersion})` : ''),
          objectType: 'objection',
          objectId: id,
        },
        { departmentId: current.consumer_id },
      )
      await audit.append(trx, actor, {
        action: 'quality.objection.answer',
        objectType: 'objection',
        objectId: id,
        details: {
          outcome: result.status,
          reason,
          late,
          dueDate: current.due_date,
          correctionVersion: result.correctionVersion,
        },
      })
      return viewOf(trx, id)
    })
  }

  /** Art. 26: one objection the department raised or must answer. Throws QUALITY_OBJECTION_NOT_FOUND. */
  async function getObjection(actor: Actor, id: string): Promise<ObjectionView> {
    await objectionInScope(actor, id)
    return viewOf(db, id)
  }

  /** Art. 26: a department's own objections and those on its resources; the bureau sees all. */
  async function listObjections(
    actor: Actor,
    query: ObjectionQuery & { page: number; pageSize: number },
  ): Promise<ObjectionPage> {
    const scope = await departmentsInScope(db, actor, 'quality.read')
    const direction = query.direction ?? 'all'
    const side = direction === 'outgoing' ? 'consumer' : direction === 'incoming' ? 'provider' : 'either'
    const { rows, total } = await repo.listObjections(db, {
      departments: scope === undefined ? undefined : { ids: scope, side },
      status: query.status,
      resourceId: query.resourceId,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    })
    return { items: await views(db, rows), total }
  }

  /**
   * The exchange's flag hook: ids of the open objections on a record (Art. 26 "under
   * verification"). Asked on every read, so a resource's open objections are loaded once per
   * access epoch (objections are few; records are many).
   */
  async function openObjectionIds(
    resourceId: string,
    keyHash: string,
    snapshot?: AccessSnapshot,
  ): Promise<readonly string[]> {
    const cache = snapshot ?? (await deps.access.snapshot())
    const open = await cache.get(`objections:${resourceId}`, async () => {
      const byKey = new Map<string, string[]>()
      for (const row of await repo.openObjectionsOn(db, resourceId)) {
        byKey.set(row.key_hash, [...(byKey.get(row.key_hash) ?? []), row.id])
      }
      return byKey
    })
    return open.get(keyHash) ?? []
  }

  /** Art. 26: the objection deadline in force, in working days. Throws FORBIDDEN. */
  async function getSettings(actor: Actor): Promise<QualitySettings> {
    authorize(actor, 'quality.read', actor.departmentPath ?? undefined)
    return { objectionDays: await objectionDays() }
  }

  /** Art. 26: the bureau sets the working days providers have to verify. Throws FORBIDDEN. */
  async function updateSettings(actor: Actor, body: QualitySettings): Promise<QualitySettings> {
    authorize(actor, 'quality.manage')
    return inTransaction(db, async (trx) => {
      const previous = await objectionDays(trx)
      await writeSetting(trx, OBJECTION_DAYS_SETTING, String(body.objectionDays), clock.now().toISOString())
      await audit.append(trx, actor, {
        action: 'quality.settings.update',
        objectType: 'platform_setting',
        objectId: OBJECTION_DAYS_SETTING,
        details: { objectionDays: body.objectionDays, previous },
      })
      return { objectionDays: body.objectionDays }
    })
  }

  return {
    raiseObjection,
    answer,
    getObjection,
    listObjections,
    openObjectionIds,
    getSettings,
    updateSettings,
  }
}

function toView(row: repo.ObjectionRow, resourceName: string, today: string): ObjectionView {
  return {
    id: row.id,
    resourceId: row.resource_id,
    resourceName,
    providerId: row.provider_id,
    consumerId: row.consumer_id,
    maskedKey: row.masked_key,
    item: row.item_name,
    evidence: row.evidence,
    status: row.status,
    dueDate: row.due_date,
    dueDateProvisional: row.due_provisional === 1,
    overdue: isOverdue(row.status, row.due_date, today),
    raisedBy: row.raised_by,
    recordVersion: row.record_version,
    answeredAt: row.answered_at,
    answeredBy: row.answered_by,
    answer: row.answer,
    late: row.late === 1,
    correctionVersion: row.correction_version,
    createdAt: row.created_at,
  }
}
