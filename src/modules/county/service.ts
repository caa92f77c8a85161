/**
 * County platform migration (Art. 21): a dry run returns the plan; a real run applies exactly the
 * plan, batch by batch, each batch and the run's cursor in one transaction, so an interrupted run
 * resumes where it stopped. Natural keys (the county's resource codes, the records' keys) make a
 * second run of the same export plan nothing but "unchanged", and write nothing but its log entry.
 */
import type { Db } from '../../db/database.js'
import { isUniqueViolation } from '../../db/errors.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { sm3Hex } from '../../shared/crypto.js'
import { shanghaiDate } from '../../shared/dates.js'
import { AppError } from '../../shared/errors.js'
import { newId } from '../../shared/ids.js'
import type { AuditService } from '../audit/index.js'
import type { CountyCatalog } from '../catalog/index.js'
import type { CountyRecords } from '../exchange/index.js'
import { departmentActor, departmentByCode } from '../org/index.js'
import type { CountyGrants } from '../sharing/index.js'
import type { CountyExport } from './format.js'
import { addCounts, type Batch, buildPlan, type Counts, type Plan, zeroCounts } from './plan.js'
import * as repo from './repo.js'

export interface CountyDeps {
  db: Db
  clock: Clock
  audit: AuditService
  catalog: CountyCatalog
  records: CountyRecords
  grants: CountyGrants
}

export interface MigrationReport {
  county: { code: string; name: string }
  digest: string
  /** SM3 of the plan's counts, refusals and changes: an upload's apply compares it (decisions §59). */
  planDigest: string
  dryRun: boolean
  /** The real run's id; null for a dry run and for a run with nothing to do. */
  runId: string | null
  resumed: boolean
  /** A dry run: what a run would do. A real run: what the run did (with its earlier part if resumed). */
  counts: Counts
  refused: Plan['refused']
  changes: Plan['changes']
}

export interface RunOptions {
  /** Called after each committed batch (tests interrupt a run here). */
  afterBatch?: (index: number) => void | Promise<void>
  /** The plan digest a person confirmed: a new run whose plan differs is refused (COUNTY_IMPORT_STALE). */
  expectedPlan?: string
}

/** SM3 of the export as read: the id of an upload and of a run's export. */
export function exportDigest(source: CountyExport): string {
  return sm3Hex(JSON.stringify(source))
}

/** SM3 of what a plan tells its reader. */
export function planDigestOf(plan: Pick<Plan, 'counts' | 'refused' | 'changes'>): string {
  return sm3Hex(JSON.stringify({ counts: plan.counts, refused: plan.refused, changes: plan.changes }))
}

export function createCountyMigration(deps: CountyDeps) {
  const { db, clock, audit } = deps

  async function planOf(source: CountyExport) {
    const county = await departmentByCode(db, source.county.code)
    if (!county) {
      throw new AppError('COUNTY_UNKNOWN', { code: source.county.code })
    }
    const plan = await buildPlan(
      db,
      deps,
      { id: county.id, code: source.county.code, name: source.county.name, path: county.path },
      source,
      shanghaiDate(clock.now()),
    )
    return { plan, digest: exportDigest(source) }
  }

  /** Art. 21: what migrating the export would do, row by row; writes nothing but its log entry. Throws COUNTY_UNKNOWN. */
  async function dryRun(actor: Actor, source: CountyExport): Promise<MigrationReport> {
    const { plan, digest } = await planOf(source)
    await audit.record(actor, {
      action: 'county.dry_run',
      objectType: 'county',
      objectId: source.county.code,
      details: { digest, counts: plan.counts },
    })
    return report(source, digest, plan, { dryRun: true, runId: null, resumed: false, counts: plan.counts })
  }

  /**
   * Art. 21: applies the plan, resuming this export's interrupted run if there is one. Throws
   * COUNTY_UNKNOWN, COUNTY_RUN_IN_PROGRESS (another export's run unfinished, or this one's batch
   * taken by another caller), COUNTY_PLAN_STALE, COUNTY_IMPORT_STALE (not the plan confirmed).
   */
  async function migrate(
    actor: Actor,
    source: CountyExport,
    options: RunOptions = {},
  ): Promise<MigrationReport> {
    const { plan, digest } = await planOf(source)
    const running = await repo.runningRun(db, source.county.code)
    if (running && (running.export_digest !== digest || running.batches !== plan.batches.length)) {
      throw new AppError('COUNTY_RUN_IN_PROGRESS', { runId: running.id })
    }
    // A resumed run's plan differs from its dry run's by the batches done: only a new run is compared.
    if (!running && options.expectedPlan !== undefined && planDigestOf(plan) !== options.expectedPlan) {
      throw new AppError('COUNTY_IMPORT_STALE', {
        confirmed: options.expectedPlan,
        now: planDigestOf(plan),
        counts: plan.counts,
      })
    }
    const hasWork = plan.batches.some((batch) => batchWrites(batch))
    if (!running && !hasWork) {
      await audit.record(actor, {
        action: 'county.migrate',
        objectType: 'county',
        objectId: source.county.code,
        details: { runId: null, digest, counts: plan.counts, resumed: false, refused: refusedByCode(plan) },
      })
      return report(source, digest, plan, { dryRun: false, runId: null, resumed: false, counts: plan.counts })
    }
    const run = running ?? (await startRun(actor, source.county.code, digest, plan))
    let counts: Counts = JSON.parse(run.counts)
    for (let index = run.cursor; index < plan.batches.length; index++) {
      const batch = plan.batches[index] as Batch // index is within the list
      counts = await applyBatch(actor, plan, run.id, index, batch, counts)
      await options.afterBatch?.(index)
    }
    await inTransaction(db, async (trx) => {
      const now = clock.now().toISOString()
      await repo.updateRun(trx, run.id, { status: 'done', updated_at: now, finished_at: now })
      await audit.append(trx, actor, {
        action: 'county.migrate',
        objectType: 'county',
        objectId: source.county.code,
        details: {
          runId: run.id,
          digest,
          counts,
          resumed: running !== undefined,
          refused: refusedByCode(plan),
        },
      })
    })
    return report(source, digest, plan, {
      dryRun: false,
      runId: run.id,
      resumed: running !== undefined,
      counts,
    })
  }

  async function startRun(actor: Actor, countyCode: string, digest: string, plan: Plan) {
    const now = clock.now().toISOString()
    // Departments are checked, never written: their counts are the run's from the start.
    const counts = zeroCounts()
    counts.department = { ...plan.counts.department }
    const run: repo.RunRow = {
      id: newId(),
      county_code: countyCode,
      export_digest: digest,
      status: 'running',
      cursor: 0,
      batches: plan.batches.length,
      counts: JSON.stringify(counts),
      planned: JSON.stringify(plan.counts),
      started_by: actor.name,
      started_at: now,
      updated_at: now,
      finished_at: null,
    }
    try {
      await repo.insertRun(db, run)
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('COUNTY_RUN_IN_PROGRESS', { countyCode }) // started meanwhile by someone else
      }
      throw error
    }
    return run
  }

  async function applyBatch(
    actor: Actor,
    plan: Plan,
    runId: string,
    index: number,
    batch: Batch,
    counts: Counts,
  ): Promise<Counts> {
    // A new resource's class may need the department's 项, created outside the batch's transaction.
    const classCodes = new Map<string, string>()
    const catalogers = new Map<string, Actor>()
    if (batch.kind === 'resources') {
      for (const step of batch.steps) {
        const cataloger =
          catalogers.get(step.providerId) ??
          (await departmentActor(db, step.providerId, ['cataloger'], 'county migration'))
        catalogers.set(step.providerId, cataloger)
        if (step.action === 'create') {
          classCodes.set(step.code, await deps.catalog.classCodeFor(cataloger, step.input, step.providerId))
        }
      }
    }
    return inTransaction(db, async (trx) => {
      // First statement: a second caller resuming the same run waits here, then finds the batch taken.
      if (!(await repo.claimBatch(trx, runId, index))) {
        throw new AppError('COUNTY_RUN_IN_PROGRESS', { runId, batch: index })
      }
      if (batch.kind === 'resources') {
        for (const step of batch.steps) {
          const cataloger = catalogers.get(step.providerId) ?? actor
          const target = step.resourceId
            ? { resourceId: step.resourceId }
            : { providerId: step.providerId, classCode: classCodes.get(step.code) ?? '' }
          const applied = await deps.catalog.applyResource(trx, cataloger, step.input, target)
          if (!step.resourceId) {
            await repo.insertKey(trx, {
              county_code: plan.county.code,
              kind: 'resource',
              source_key: step.code,
              target_id: applied.id,
              created_at: clock.now().toISOString(),
            })
          }
        }
      } else if (batch.kind === 'grants') {
        const resources = await repo.keysOf(trx, plan.county.code, 'resource')
        for (const step of batch.steps) {
          const resourceId = resources.get(step.resourceCode)
          if (!resourceId) {
            throw new AppError('COUNTY_PLAN_STALE', { batch: index, resourceCode: step.resourceCode })
          }
          const target = step.grantId
            ? { grantId: step.grantId }
            : { resourceId, consumerId: step.consumerId }
          const grantId = await deps.grants.applyGrant(trx, actor, target, step.wanted)
          if (!step.grantId) {
            await repo.insertKey(trx, {
              county_code: plan.county.code,
              kind: 'grant',
              source_key: step.key,
              target_id: grantId,
              created_at: clock.now().toISOString(),
            })
          }
        }
      } else if (batch.valid.length > 0) {
        const resourceId = (await repo.keysOf(trx, plan.county.code, 'resource')).get(batch.resourceCode)
        if (!resourceId) {
          throw new AppError('COUNTY_PLAN_STALE', { batch: index, resourceCode: batch.resourceCode })
        }
        const done = await deps.records.applyRecords(trx, resourceId, batch.items, batch.valid, {
          sourceChangedAt: batch.sourceChangedAt,
          arrivedAt: clock.now().toISOString(),
        })
        const planned = batch.counts.record
        if (
          done.inserted !== planned.create ||
          done.updated !== planned.change ||
          done.unchanged !== planned.unchanged
        ) {
          throw new AppError('COUNTY_PLAN_STALE', { batch: index, planned, done })
        }
      }
      const next = addCounts(structuredClone(counts), batch.counts)
      await repo.updateRun(trx, runId, {
        counts: JSON.stringify(next),
        updated_at: clock.now().toISOString(),
      })
      await audit.append(trx, actor, {
        action: 'county.batch',
        objectType: 'county_migration',
        objectId: runId,
        details: { batch: index, kind: batch.kind, counts: batch.counts },
      })
      return next
    })
  }

  return { dryRun, migrate }
}

export type CountyMigration = ReturnType<typeof createCountyMigration>

function batchWrites(batch: Batch): boolean {
  return batch.kind === 'records'
    ? batch.counts.record.create + batch.counts.record.change > 0
    : batch.steps.length > 0
}

function refusedByCode(plan: Plan): Record<string, number> {
  const out: Record<string, number> = {}
  for (const refusal of plan.refused) {
    out[refusal.code] = (out[refusal.code] ?? 0) + 1
  }
  return out
}

function report(
  source: CountyExport,
  digest: string,
  plan: Plan,
  facts: Pick<MigrationReport, 'dryRun' | 'runId' | 'resumed' | 'counts'>,
): MigrationReport {
  return {
    county: source.county,
    digest,
    planDigest: planDigestOf(plan),
    ...facts,
    refused: plan.refused,
    changes: plan.changes,
  }
}
