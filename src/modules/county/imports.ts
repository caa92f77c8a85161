/**
 * County migration without a shell (Art. 21, decisions §59): the bureau uploads an export and sees
 * its dry run; the export is kept under its SM3 digest; apply reads the kept files again and runs
 * exactly the plan that was shown, or refuses (another export under that id, a plan gone stale);
 * a second apply of the same upload runs nothing, and an interrupted one resumes.
 */
import type { Db } from '../../db/database.js'
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import type { Clock } from '../../shared/clock.js'
import { AppError, isAppError } from '../../shared/errors.js'
import { authorize } from '../../shared/policy.js'
import type { AuditService } from '../audit/index.js'
import type { Counts } from './plan.js'
import { readCountyUpload } from './read.js'
import * as repo from './repo.js'
import type { ApplyReply, ImportReport, ImportStatus } from './schema.js'
import { type CountyMigration, exportDigest, type RunOptions } from './service.js'
import { uploadedFiles } from './upload-body.js'

export interface ImportsDeps {
  db: Db
  clock: Clock
  audit: AuditService
  migration: CountyMigration
}

/** A request body as the routes receive it: its content type and bytes (empty when none). */
export interface UploadBody {
  contentType: string | undefined
  body: Buffer
}

export function createCountyImports(deps: ImportsDeps) {
  const { db, clock, audit, migration } = deps

  /** Logs a refusal the HTTP layer does not (it logs FORBIDDEN and AUTH_REQUIRED), then rethrows. */
  async function refusing<T>(
    actor: Actor,
    operation: string,
    id: string,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work()
    } catch (error) {
      if (isAppError(error) && error.status < 500 && error.code !== 'FORBIDDEN') {
        const digest = (error.details as { digest?: unknown } | undefined)?.digest
        await audit.record(actor, {
          action: 'county.refused',
          objectType: 'county_import',
          objectId: id,
          details: { code: error.code, operation, ...(typeof digest === 'string' ? { digest } : {}) },
        })
      }
      throw error
    }
  }

  /**
   * Art. 21: reads the uploaded export, plans it (writing nothing but the log), keeps the files
   * under their digest. Throws FORBIDDEN, COUNTY_EXPORT_INVALID, COUNTY_UNKNOWN.
   */
  async function upload(actor: Actor, input: UploadBody): Promise<ImportReport> {
    authorize(actor, 'county.migrate')
    return refusing(actor, 'upload', '-', async () => {
      const files = uploadedFiles(input.contentType, input.body)
      const source = await readCountyUpload(files)
      const report = await migration.dryRun(actor, source)
      const row: repo.UploadRow = {
        id: report.digest,
        county_code: source.county.code,
        county_name: source.county.name,
        plan_digest: report.planDigest,
        planned: JSON.stringify(report.counts),
        files: files.size,
        bytes: [...files.values()].reduce((sum, file) => sum + file.length, 0),
        uploaded_by: actor.name,
        uploaded_at: clock.now().toISOString(),
        run_id: null,
        result: null,
        applied_by: null,
        applied_at: null,
      }
      await inTransaction(db, async (trx) => {
        await repo.saveUpload(trx, row, files)
        await audit.append(trx, actor, {
          action: 'county.upload',
          objectType: 'county_import',
          objectId: row.id,
          details: {
            county: row.county_code,
            files: row.files,
            bytes: row.bytes,
            planDigest: row.plan_digest,
          },
        })
      })
      return { ...(await statusOf(row)), refused: report.refused, changes: report.changes }
    })
  }

  /**
   * Art. 21: runs the upload's plan, or resumes its interrupted run; applied before, runs nothing.
   * `plan` is the digest of the plan the person confirmed; `again` the export sent again (optional).
   * Throws FORBIDDEN, COUNTY_IMPORT_NOT_FOUND, COUNTY_EXPORT_CHANGED, COUNTY_IMPORT_STALE,
   * COUNTY_RUN_IN_PROGRESS, COUNTY_PLAN_STALE.
   */
  async function apply(
    actor: Actor,
    id: string,
    input: { plan?: string; again?: UploadBody },
    options: Pick<RunOptions, 'afterBatch'> = {},
  ): Promise<ApplyReply> {
    authorize(actor, 'county.migrate')
    return refusing(actor, 'apply', id, async () => {
      let row = await found(id)
      if (input.again && input.again.body.length > 0) {
        const digest = exportDigest(
          await readCountyUpload(uploadedFiles(input.again.contentType, input.again.body)),
        )
        if (digest !== id) {
          throw new AppError('COUNTY_EXPORT_CHANGED', { id, digest })
        }
      }
      if (input.plan !== undefined && input.plan !== row.plan_digest) {
        throw new AppError('COUNTY_IMPORT_STALE', { confirmed: input.plan, now: row.plan_digest })
      }
      // A run of this upload that finished before its upload row was marked (a crash in between) counts as applied.
      const finished = row.applied_at === null ? await runOf(row) : undefined
      if (finished?.status === 'done') {
        await repo.markApplied(db, id, {
          run_id: finished.id,
          result: finished.counts,
          applied_by: finished.started_by,
          applied_at: finished.finished_at ?? finished.updated_at,
        })
        row = await found(id)
      }
      if (row.applied_at !== null) {
        await audit.record(actor, {
          action: 'county.apply',
          objectType: 'county_import',
          objectId: id,
          details: { planDigest: row.plan_digest, repeated: true, runId: row.run_id },
        })
        return { ...(await statusOf(row)), resumed: false, repeated: true }
      }
      const source = await readCountyUpload(await repo.uploadFiles(db, id))
      const stored = exportDigest(source)
      if (stored !== id) {
        throw new AppError('COUNTY_EXPORT_CHANGED', { id, digest: stored, stored: true })
      }
      await audit.record(actor, {
        action: 'county.apply',
        objectType: 'county_import',
        objectId: id,
        details: { planDigest: row.plan_digest, repeated: false, runId: null },
      })
      const report = await migration.migrate(actor, source, { ...options, expectedPlan: row.plan_digest })
      const applied = {
        run_id: report.runId,
        result: JSON.stringify(report.counts),
        applied_by: actor.name,
        applied_at: clock.now().toISOString(),
      }
      await repo.markApplied(db, id, applied)
      return { ...(await statusOf({ ...row, ...applied })), resumed: report.resumed, repeated: false }
    })
  }

  /** Art. 21: an upload's state and its run's progress (batches done, cursor). Throws FORBIDDEN, COUNTY_IMPORT_NOT_FOUND. */
  async function status(actor: Actor, id: string): Promise<ImportStatus> {
    authorize(actor, 'county.migrate')
    return statusOf(await found(id))
  }

  async function found(id: string): Promise<repo.UploadRow> {
    const row = await repo.findUpload(db, id)
    if (!row) {
      throw new AppError('COUNTY_IMPORT_NOT_FOUND', { id })
    }
    return row
  }

  /** The upload's run: the one it applied, or one of its export started since it was uploaded. */
  async function runOf(row: repo.UploadRow): Promise<repo.RunRow | undefined> {
    if (row.run_id !== null) {
      return repo.findRun(db, row.run_id)
    }
    return row.applied_at === null ? repo.latestRunOf(db, row.id, row.uploaded_at) : undefined
  }

  async function statusOf(row: repo.UploadRow): Promise<ImportStatus> {
    const run = await runOf(row)
    return {
      id: row.id,
      county: { code: row.county_code, name: row.county_name },
      planDigest: row.plan_digest,
      state: row.applied_at !== null || run?.status === 'done' ? 'applied' : run ? 'running' : 'planned',
      files: row.files,
      bytes: row.bytes,
      uploadedBy: row.uploaded_by,
      uploadedAt: row.uploaded_at,
      planned: JSON.parse(row.planned) as Counts,
      appliedBy: row.applied_by,
      appliedAt: row.applied_at,
      result: row.result === null ? null : (JSON.parse(row.result) as Counts),
      run: run
        ? {
            id: run.id,
            status: run.status === 'done' ? 'done' : 'running',
            batches: run.batches,
            cursor: run.cursor,
            counts: JSON.parse(run.counts) as Counts,
            startedBy: run.started_by,
            startedAt: run.started_at,
            updatedAt: run.updated_at,
            finishedAt: run.finished_at,
          }
        : null,
    }
  }

  return { upload, apply, status }
}

export type CountyImports = ReturnType<typeof createCountyImports>
