/**
 * Consistency checks (Art. 16-17): the bureau compares an item of one resource with an item of
 * another for the same key; each run records every disagreement and routes it to the provider that
 * is not the authoritative source. A run holds a per-check lease in the database, so whether it
 * comes from the daily job or the bureau's button, one instance at a time runs a check.
 */
import { inTransaction } from '../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import { maskValue } from '../../shared/masking.js'
import { authorize, can } from '../../shared/policy.js'
import { type PublishedItem, type PublishedResource, publishedResource } from '../catalog/index.js'
import { decodeData, joinedRecords, maskedKey } from '../exchange/index.js'
import { tryAcquireLease } from '../jobs/index.js'
import { departmentsInScope } from '../org/index.js'
import type { QualityDeps } from './deps.js'
import * as repo from './repo.js'
import { nonAuthoritative, type Side, valuesDisagree } from './rules.js'
import type {
  CheckView,
  DisagreementPage,
  DisagreementQuery,
  DisagreementView,
  NewCheck,
  RunView,
} from './schema.js'

/** Records compared per page; the lease is renewed after each. */
const PAGE_SIZE = 500
/** How long a run keeps others off a check without renewing (a stalled instance frees it then). */
const RUN_LEASE_MS = 15 * 60 * 1000
const TREND_RUNS = 100

export type Consistency = ReturnType<typeof createConsistency>

export function createConsistency(deps: QualityDeps) {
  const { db, clock, audit, notifications, keys } = deps

  /** Throws FORBIDDEN unless the actor reads quality across departments (the bureau, auditors). */
  function assertGlobalReader(actor: Actor): void {
    if (!can(actor, 'quality.read')) {
      throw new AppError('FORBIDDEN', { action: 'quality.read' })
    }
  }

  /**
   * Art. 17: the bureau defines a comparison of two published resources' items joined on their
   * key. Throws FORBIDDEN, QUALITY_CHECK_INVALID, QUALITY_CHECK_KEY_MISMATCH.
   */
  async function createCheck(actor: Actor, body: NewCheck): Promise<CheckView> {
    authorize(actor, 'quality.manage')
    if (body.leftResourceId === body.rightResourceId) {
      throw new AppError('QUALITY_CHECK_INVALID', { field: 'rightResourceId', reason: 'the same resource' })
    }
    const left = await publishedResource(db, body.leftResourceId)
    const right = await publishedResource(db, body.rightResourceId)
    if (!left || !right) {
      throw new AppError('QUALITY_CHECK_INVALID', {
        field: left ? 'rightResourceId' : 'leftResourceId',
        reason: 'not a published resource',
      })
    }
    const leftKey = keyItemOf(left, body.leftKeyItem, 'leftKeyItem')
    const rightKey = keyItemOf(right, body.rightKeyItem, 'rightKeyItem')
    // Records are found by a keyed hash of the key value: only keys of one kind hash alike.
    if (leftKey.dataType !== rightKey.dataType || leftKey.sensitivity !== rightKey.sensitivity) {
      throw new AppError('QUALITY_CHECK_KEY_MISMATCH', { field: 'rightKeyItem', reason: 'not the same kind' })
    }
    comparedItemOf(left, body.leftItem, 'leftItem')
    comparedItemOf(right, body.rightItem, 'rightItem')
    const row: repo.CheckRow = {
      id: newId(),
      name: body.name.trim(),
      left_resource_id: left.id,
      left_key_item: leftKey.name,
      left_item: body.leftItem,
      right_resource_id: right.id,
      right_key_item: rightKey.name,
      right_item: body.rightItem,
      authoritative_side: body.authoritativeSide,
      created_by: actor.name,
      created_at: clock.now().toISOString(),
      active: 1,
    }
    await inTransaction(db, async (trx) => {
      await repo.insertCheck(trx, row)
      await audit.append(trx, actor, {
        action: 'quality.check.create',
        objectType: 'consistency_check',
        objectId: row.id,
        details: {
          name: row.name,
          left: { resourceId: left.id, keyItem: leftKey.name, item: body.leftItem },
          right: { resourceId: right.id, keyItem: rightKey.name, item: body.rightItem },
          authoritativeSide: row.authoritative_side,
        },
      })
    })
    return toCheckView(row, null)
  }

  /** Art. 17: the bureau's checks with their latest run. Throws FORBIDDEN. */
  async function listChecks(actor: Actor): Promise<CheckView[]> {
    assertGlobalReader(actor)
    const checks = await repo.listChecks(db)
    const views: CheckView[] = []
    for (const check of checks) {
      const [last] = await repo.runsOf(db, check.id, 1)
      views.push(toCheckView(check, last ?? null))
    }
    return views
  }

  /** Art. 17 trend: compared and disagreeing records per run, oldest first. Throws FORBIDDEN, QUALITY_CHECK_NOT_FOUND. */
  async function listRuns(actor: Actor, checkId: string): Promise<RunView[]> {
    assertGlobalReader(actor)
    if (!(await repo.findCheck(db, checkId))) {
      throw new AppError('QUALITY_CHECK_NOT_FOUND', { id: checkId })
    }
    return (await repo.runsOf(db, checkId, TREND_RUNS)).map(toRunView)
  }

  /**
   * Art. 17: the bureau runs a check now, under the same lease as the daily job. Throws FORBIDDEN,
   * QUALITY_CHECK_NOT_FOUND, QUALITY_CHECK_INVALID (a resource is no longer published),
   * QUALITY_RUN_IN_PROGRESS.
   */
  async function runCheck(actor: Actor, checkId: string): Promise<RunView> {
    authorize(actor, 'quality.manage')
    const check = await repo.findCheck(db, checkId)
    if (!check) {
      throw new AppError('QUALITY_CHECK_NOT_FOUND', { id: checkId })
    }
    const run = await execute(actor, check)
    if (!run) {
      throw new AppError('QUALITY_RUN_IN_PROGRESS', { id: checkId })
    }
    return run
  }

  /** Art. 17, the daily job: every active check once; one another instance is running is skipped. */
  async function runAll(): Promise<number> {
    let runs = 0
    for (const check of await repo.listChecks(db, { activeOnly: true })) {
      const left = await publishedResource(db, check.left_resource_id)
      const right = await publishedResource(db, check.right_resource_id)
      // A withdrawn resource has nothing to compare; the check stays for when it comes back.
      if (left && right && (await execute(SYSTEM_ACTOR, check))) {
        runs += 1
      }
    }
    return runs
  }

  /** One run under the check's lease, or undefined when another holder has it. */
  async function execute(actor: Actor, check: repo.CheckRow): Promise<RunView | undefined> {
    const lease = `quality.consistency:${check.id}`
    const holder = newId()
    if (!(await tryAcquireLease(db, lease, holder, RUN_LEASE_MS, clock.now()))) {
      return undefined
    }
    try {
      const renewLease = async () => {
        if (!(await tryAcquireLease(db, lease, holder, RUN_LEASE_MS, clock.now()))) {
          throw new AppError('QUALITY_RUN_IN_PROGRESS', { id: check.id, reason: 'lease lost' })
        }
      }
      return await compare(actor, check, holder, renewLease)
    } finally {
      // Released by expiring now; only a lease still ours is touched.
      await tryAcquireLease(db, lease, holder, 0, clock.now())
    }
  }

  async function compare(
    actor: Actor,
    check: repo.CheckRow,
    holder: string,
    renewLease: () => Promise<void>,
  ): Promise<RunView> {
    const left = await publishedResource(db, check.left_resource_id)
    const right = await publishedResource(db, check.right_resource_id)
    if (!left || !right) {
      throw new AppError('QUALITY_CHECK_INVALID', { id: check.id, reason: 'a resource is not published' })
    }
    const side = (name: Side) => (name === 'left' ? left : right)
    const routedTo = side(nonAuthoritative(sideOf(check.authoritative_side))).providerId
    const leftItem = itemNamed(left, check.left_item)
    const rightItem = itemNamed(right, check.right_item)
    const run: repo.RunRow = {
      id: newId(),
      check_id: check.id,
      started_at: clock.now().toISOString(),
      finished_at: null,
      compared: 0,
      disagreements: 0,
      holder,
    }
    await repo.insertRun(db, run)
    let after = ''
    for (;;) {
      const page = await joinedRecords(db, left.id, right.id, after, PAGE_SIZE)
      const last = page[page.length - 1]
      if (!last) {
        break
      }
      const found: repo.DisagreementRow[] = []
      for (const pair of page) {
        const l = decodeData(keys, pair.left_data)
        const r = decodeData(keys, pair.right_data)
        if (valuesDisagree(l[check.left_item], r[check.right_item])) {
          found.push({
            id: newId(),
            run_id: run.id,
            check_id: check.id,
            masked_key: maskedKey(left.items, String(l[check.left_key_item] ?? '')),
            key_hash_left: pair.key_hash,
            left_value_masked: masked(l[check.left_item], leftItem),
            right_value_masked: masked(r[check.right_item], rightItem),
            routed_to_department_id: routedTo,
            status: 'open',
          })
        }
      }
      // Stored as found (a huge run never sits in memory); lists show only finished runs.
      await repo.insertDisagreements(db, found)
      run.compared += page.length
      run.disagreements += found.length
      after = last.key_hash
      await renewLease()
    }
    const finishedAt = clock.now().toISOString()
    run.finished_at = finishedAt
    await inTransaction(db, async (trx) => {
      await repo.finishRun(trx, run.id, {
        finished_at: finishedAt,
        compared: run.compared,
        disagreements: run.disagreements,
      })
      await repo.closeEarlierDisagreements(trx, check.id, run.id)
      if (run.disagreements > 0) {
        await notifications.notifyRole(
          trx,
          'approver',
          {
            kind: 'quality.disagreements',
            titleZh: `数据比对不一致：${check.name}（${run.disagreements} 条）`,
            titleEn: `Data disagrees with its authoritative source: ${check.name} (${run.disagreements})`,
            bodyZh: `比对 ${run.compared} 条记录，${run.disagreements} 条与权威来源不一致，请核实并更正（一数一源）。`,
            bodyEn: `${run.disagreements} of ${run.compared} records compared disagree with the authoritative source: verify and correct them.`,
            objectType: 'consistency_run',
            objectId: run.id,
            dedupeKey: `consistency:${run.id}`,
          },
          { departmentId: routedTo },
        )
      }
      await audit.append(trx, actor, {
        action: 'quality.check.run',
        objectType: 'consistency_check',
        objectId: check.id,
        details: {
          runId: run.id,
          compared: run.compared,
          disagreements: run.disagreements,
          routedTo,
        },
      })
    })
    return toRunView(run)
  }

  /**
   * Art. 17: disagreements routed to a department (its own for a department; any, or one named,
   * for the bureau); only finished runs. Throws nothing of its own.
   */
  async function listDisagreements(
    actor: Actor,
    query: DisagreementQuery & { page: number; pageSize: number },
  ): Promise<DisagreementPage> {
    const scope = await departmentsInScope(db, actor, 'quality.read')
    const named = query.departmentId
    const departmentIds =
      scope === undefined ? (named ? [named] : undefined) : named ? scope.filter((id) => id === named) : scope
    const { rows, total } = await repo.listDisagreements(db, {
      departmentIds,
      checkId: query.checkId,
      runId: query.runId,
      status: query.status,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    })
    return { items: rows.map(toDisagreementView), total }
  }

  return { createCheck, listChecks, listRuns, runCheck, runAll, listDisagreements }
}

/** The resource's one key item, named as given. Throws QUALITY_CHECK_KEY_MISMATCH. */
function keyItemOf(resource: PublishedResource, name: string, field: string): PublishedItem {
  const keyItems = resource.items.filter((item) => item.key)
  const [only] = keyItems
  if (keyItems.length !== 1 || !only || only.name !== name) {
    throw new AppError('QUALITY_CHECK_KEY_MISMATCH', {
      field,
      keyItems: keyItems.map((item) => item.name),
    })
  }
  return only
}

/** A non-key item of the resource. Throws QUALITY_CHECK_INVALID. */
function comparedItemOf(resource: PublishedResource, name: string, field: string): PublishedItem {
  const item = resource.items.find((i) => i.name === name)
  if (!item || item.key) {
    throw new AppError('QUALITY_CHECK_INVALID', { field, reason: 'not a non-key item of the resource' })
  }
  return item
}

/** The item as published now; a dropped item compares as missing and masks fully. */
function itemNamed(resource: PublishedResource, name: string): PublishedItem {
  return (
    resource.items.find((item) => item.name === name) ?? {
      code: '',
      name,
      dataType: 'string',
      key: false,
      sensitivity: 'other_personal',
    }
  )
}

function masked(value: unknown, item: PublishedItem): string | null {
  return value === null || value === undefined ? null : maskValue(String(value), item.sensitivity)
}

function sideOf(value: string): Side {
  return value === 'right' ? 'right' : 'left'
}

function toRunView(row: repo.RunRow): RunView {
  return {
    id: row.id,
    checkId: row.check_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    compared: row.compared,
    disagreements: row.disagreements,
  }
}

function toCheckView(row: repo.CheckRow, last: repo.RunRow | null): CheckView {
  return {
    id: row.id,
    name: row.name,
    leftResourceId: row.left_resource_id,
    leftKeyItem: row.left_key_item,
    leftItem: row.left_item,
    rightResourceId: row.right_resource_id,
    rightKeyItem: row.right_key_item,
    rightItem: row.right_item,
    authoritativeSide: row.authoritative_side,
    createdBy: row.created_by,
    createdAt: row.created_at,
    active: row.active === 1,
    lastRun: last ? toRunView(last) : null,
  }
}

function toDisagreementView(row: repo.DisagreementRow): DisagreementView {
  return {
    id: row.id,
    runId: row.run_id,
    checkId: row.check_id,
    maskedKey: row.masked_key,
    leftValue: row.left_value_masked,
    rightValue: row.right_value_masked,
    routedToDepartmentId: row.routed_to_department_id,
    status: row.status,
  }
}
