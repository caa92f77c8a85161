/**
 * Art. 40 rectification notices: breaches are detected (or reported by hand) as drafts, the bureau
 * issues them with a working-day deadline, the department answers, the bureau closes; an issued
 * notice left unanswered past its deadline escalates to the platform admins and the bureau.
 */
import type { Executor } from '../../../db/database.js'
import { inTransaction } from '../../../db/transaction.js'
import { type Actor, SYSTEM_ACTOR } from '../../../shared/actor.js'
import { shanghaiDate } from '../../../shared/dates.js'
import { AppError } from '../../../shared/errors.js'
import { newId } from '../../../shared/ids.js'
import { authorize, can } from '../../../shared/policy.js'
import { departmentInfo, departmentNames, departmentsInScope, withDisplayNames } from '../../org/index.js'
import type { RectificationDeps } from './deps.js'
import { findBreaches } from './detect.js'
import * as repo from './repo.js'
import { DEFAULT_DEADLINE_DAYS, dedupeKey, isEscalationDue, NOTICE_KINDS, nextStatus } from './rules.js'
import type {
  DetectResult,
  IssueBody,
  NewNotice,
  NoticeList,
  NoticeQuery,
  NoticeView,
  RespondBody,
} from './schema.js'
import { NOTICE_KIND_LABELS } from './vocabulary.js'

/** The columns a fresh draft leaves empty. */
const UNISSUED = {
  due_date: null,
  issued_at: null,
  issued_by: null,
  response: null,
  responded_at: null,
  closed_at: null,
  escalated_at: null,
} as const

export function createNotices(deps: RectificationDeps) {
  const { db, clock, audit, notifications, workingDays } = deps

  /** Art. 40: notices the actor may see; a department sees only those issued to it, never drafts. Throws FORBIDDEN. */
  async function listNotices(actor: Actor, query: NoticeQuery): Promise<NoticeList> {
    const scope = await departmentsInScope(db, actor, 'oversight.read')
    if (scope !== undefined && scope.length === 0) {
      throw new AppError('FORBIDDEN', { action: 'oversight.read' })
    }
    const rows = await repo.listNotices(db, {
      status: query.status,
      departmentId: query.departmentId,
      departmentIds: scope,
      excludeStatuses: scope === undefined ? undefined : ['draft'],
    })
    const named = await withDisplayNames(db, rows.map(toView), ['issuedBy'])
    const departments = await departmentNames(db, [...new Set(rows.map((row) => row.department_id))])
    return { items: named.map((n) => ({ ...n, departmentName: departments.get(n.departmentId) ?? null })) }
  }

  /**
   * Art. 40: the bureau raises a draft by hand; an auditor may raise one for use outside the granted
   * purpose (kind 'misuse'). Throws FORBIDDEN, OVERSIGHT_UNKNOWN_DEPARTMENT, OVERSIGHT_DUPLICATE_NOTICE.
   */
  async function createNotice(actor: Actor, body: NewNotice): Promise<NoticeView> {
    if (!can(actor, 'oversight.manage')) {
      authorize(actor, 'oversight.report_misuse')
      if (body.kind !== 'misuse') {
        throw new AppError('FORBIDDEN', { action: 'oversight.manage', kind: body.kind })
      }
    }
    return inTransaction(db, async (trx) => {
      if ((await departmentInfo(trx, body.departmentId)) === undefined) {
        throw new AppError('OVERSIGHT_UNKNOWN_DEPARTMENT', { departmentId: body.departmentId })
      }
      const id = newId()
      const row = {
        id,
        department_id: body.departmentId,
        kind: body.kind,
        source_type: body.sourceType ?? null,
        source_id: body.sourceId ?? null,
        // Without a source a hand-raised notice is its own breach.
        dedupe_key: dedupeKey(body.kind, body.sourceId ?? `manual:${id}`),
        status: 'draft',
        details: JSON.stringify({ description: body.description, reportedBy: actor.name }),
        ...UNISSUED,
        created_at: clock.now().toISOString(),
        created_by: actor.name,
      }
      if (!(await repo.insertNoticeIfNew(trx, row))) {
        throw new AppError('OVERSIGHT_DUPLICATE_NOTICE', { kind: body.kind, sourceId: body.sourceId })
      }
      await audit.append(trx, actor, {
        action: 'oversight.notice.draft',
        objectType: 'rectification_notice',
        objectId: id,
        departmentId: actor.departmentId,
        details: { kind: body.kind, departmentId: body.departmentId },
      })
      return toView(row)
    })
  }

  /**
   * Art. 40: the bureau issues a draft with a deadline in working days and tells the department's
   * dept_admins. Throws FORBIDDEN, OVERSIGHT_NOTICE_NOT_FOUND, OVERSIGHT_NOTICE_STATE.
   */
  async function issueNotice(actor: Actor, id: string, body: IssueBody): Promise<NoticeView> {
    authorize(actor, 'oversight.manage')
    return inTransaction(db, async (trx) => {
      const notice = await mustFind(trx, id)
      const status = nextStatus(notice.status, 'issue')
      const now = clock.now()
      const due = await workingDays.addWorkingDays(
        shanghaiDate(now),
        body.deadlineDays ?? DEFAULT_DEADLINE_DAYS,
        trx,
      )
      const details = { ...parseDetails(notice.details), ...(body.comment ? { comment: body.comment } : {}) }
      const changes = {
        status,
        due_date: due.date,
        issued_at: now.toISOString(),
        issued_by: actor.name,
        details: JSON.stringify(details),
      }
      await changeOrConflict(trx, notice, changes)
      await notifications.notifyRole(
        trx,
        'dept_admin',
        {
          kind: 'oversight.notice_issued',
          titleZh: '收到数据共享整改通知',
          titleEn: 'Rectification notice on data sharing',
          bodyZh: `请于 ${due.date} 前完成整改并答复（${kindLabel(notice.kind).zh}）`,
          bodyEn: `Rectify and answer by ${due.date} (${kindLabel(notice.kind).en})`,
          objectType: 'rectification_notice',
          objectId: id,
          dedupeKey: `oversight.issued:${id}`,
        },
        { departmentId: notice.department_id },
      )
      await audit.append(trx, actor, {
        action: 'oversight.notice.issue',
        objectType: 'rectification_notice',
        objectId: id,
        details: { dueDate: due.date, provisional: due.provisional, departmentId: notice.department_id },
      })
      return toView({ ...notice, ...changes })
    })
  }

  /**
   * Art. 40: the department's dept_admin answers a notice issued to it (late answers are accepted).
   * Throws FORBIDDEN, OVERSIGHT_NOTICE_NOT_FOUND, OVERSIGHT_NOTICE_STATE.
   */
  async function respondToNotice(actor: Actor, id: string, body: RespondBody): Promise<NoticeView> {
    return inTransaction(db, async (trx) => {
      const notice = await mustFind(trx, id)
      const department = await departmentInfo(trx, notice.department_id)
      authorize(actor, 'oversight.respond', department?.path)
      const changes = {
        status: nextStatus(notice.status, 'respond'),
        response: body.response,
        responded_at: clock.now().toISOString(),
      }
      await changeOrConflict(trx, notice, changes)
      // Issue 15: the answer is the bureau's to-do (review and close); its reviewers are told.
      await notifications.notifyRole(trx, 'bureau_reviewer', {
        kind: 'oversight.notice_responded',
        titleZh: '整改通知已答复',
        titleEn: 'Rectification notice answered',
        bodyZh: `${department?.name ?? ''}已答复整改通知，请审核并办结`,
        bodyEn: `${department?.name ?? 'The department'} answered the rectification notice: review and close it`,
        objectType: 'rectification_notice',
        objectId: id,
        dedupeKey: `oversight.responded:${id}`,
      })
      await audit.append(trx, actor, {
        action: 'oversight.notice.respond',
        objectType: 'rectification_notice',
        objectId: id,
        details: { late: notice.status === 'escalated' },
      })
      return toView({ ...notice, ...changes })
    })
  }

  /** Art. 40: the bureau closes a notice (rectified, or a draft it will not issue). Throws FORBIDDEN, OVERSIGHT_NOTICE_NOT_FOUND, OVERSIGHT_NOTICE_STATE. */
  async function closeNotice(actor: Actor, id: string): Promise<NoticeView> {
    authorize(actor, 'oversight.manage')
    return inTransaction(db, async (trx) => {
      const notice = await mustFind(trx, id)
      const changes = { status: nextStatus(notice.status, 'close'), closed_at: clock.now().toISOString() }
      await changeOrConflict(trx, notice, changes)
      await audit.append(trx, actor, {
        action: 'oversight.notice.close',
        objectType: 'rectification_notice',
        objectId: id,
        details: { from: notice.status },
      })
      return toView({ ...notice, ...changes })
    })
  }

  /**
   * Art. 40: drafts a notice for each breach found today (detect.ts) — requests unanswered past
   * due, catalog deadlines and yearly confirmations missed, disagreements open too long, late data
   * and lapsed update cycles, objections answered late — once per breach (dedupe key). Throws nothing of its own.
   */
  async function detectBreaches(actor: Actor = SYSTEM_ACTOR): Promise<DetectResult> {
    if (actor.kind !== 'system') {
      authorize(actor, 'oversight.manage')
    }
    const breaches = await findBreaches(db, shanghaiDate(clock.now()))
    const drafted: Record<string, number> = {}
    await inTransaction(db, async (trx) => {
      const now = clock.now().toISOString()
      for (const breach of breaches) {
        const id = newId()
        const inserted = await repo.insertNoticeIfNew(trx, {
          id,
          department_id: breach.departmentId,
          kind: breach.kind,
          source_type: breach.sourceType,
          source_id: breach.sourceId,
          dedupe_key: dedupeKey(breach.kind, breach.sourceId),
          status: 'draft',
          details: JSON.stringify(breach.details),
          ...UNISSUED,
          created_at: now,
          created_by: actor.name,
        })
        if (inserted) {
          drafted[breach.kind] = (drafted[breach.kind] ?? 0) + 1
          await audit.append(trx, actor, {
            action: 'oversight.notice.draft',
            objectType: 'rectification_notice',
            objectId: id,
            details: { kind: breach.kind, source: `${breach.sourceType}:${breach.sourceId}`, detected: true },
          })
        }
      }
    })
    return { drafted }
  }

  /** Art. 40: issued notices past their deadline become 'escalated'; platform admins and the bureau are told. Throws nothing of its own. */
  async function escalateOverdue(): Promise<number> {
    const today = shanghaiDate(clock.now())
    let escalated = 0
    for (const notice of await repo.issuedPastDue(db, today)) {
      if (!isEscalationDue(notice.status, notice.due_date, today)) {
        continue
      }
      await inTransaction(db, async (trx) => {
        if (
          !(await repo.updateNotice(trx, notice.id, 'issued', {
            status: 'escalated',
            escalated_at: clock.now().toISOString(),
          }))
        ) {
          return
        }
        escalated += 1
        const message = {
          kind: 'oversight.notice_escalated',
          titleZh: '整改通知逾期未答复',
          titleEn: 'Rectification notice unanswered past its deadline',
          bodyZh: `整改期限 ${notice.due_date} 已过，部门尚未答复（${kindLabel(notice.kind).zh}）`,
          bodyEn: `The deadline ${notice.due_date} has passed without an answer (${kindLabel(notice.kind).en})`,
          objectType: 'rectification_notice',
          objectId: notice.id,
          dedupeKey: `oversight.escalated:${notice.id}`,
        }
        await notifications.notifyRole(trx, 'platform_admin', message)
        await notifications.notifyRole(trx, 'bureau_reviewer', message)
        await audit.append(trx, SYSTEM_ACTOR, {
          action: 'oversight.notice.escalate',
          objectType: 'rectification_notice',
          objectId: notice.id,
          departmentId: notice.department_id,
          details: { dueDate: notice.due_date },
        })
      })
    }
    return escalated
  }

  async function mustFind(trx: Executor, id: string): Promise<repo.NoticeRow> {
    const notice = await repo.findNotice(trx, id)
    if (!notice) {
      throw new AppError('OVERSIGHT_NOTICE_NOT_FOUND', { id })
    }
    return notice
  }

  async function changeOrConflict(trx: Executor, notice: repo.NoticeRow, changes: Partial<repo.NoticeRow>) {
    if (!(await repo.updateNotice(trx, notice.id, notice.status, changes))) {
      throw new AppError('OVERSIGHT_NOTICE_STATE', { status: 'changed concurrently' })
    }
  }

  return {
    listNotices,
    createNotice,
    issueNotice,
    respondToNotice,
    closeNotice,
    detectBreaches,
    escalateOverdue,
  }
}

/** A notice kind in words for a notification (issue 15: no raw vocabulary in the portal). */
function kindLabel(kind: string): { zh: string; en: string } {
  const known = NOTICE_KINDS.find((k) => k === kind)
  return known === undefined ? { zh: kind, en: kind } : NOTICE_KIND_LABELS[known]
}

function parseDetails(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text)
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {}
}

function toView(row: repo.NoticeRow): NoticeView {
  return {
    id: row.id,
    departmentId: row.department_id,
    kind: row.kind,
    sourceType: row.source_type,
    sourceId: row.source_id,
    status: row.status,
    details: parseDetails(row.details),
    dueDate: row.due_date,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    response: row.response,
    respondedAt: row.responded_at,
    closedAt: row.closed_at,
    escalatedAt: row.escalated_at,
    createdAt: row.created_at,
  }
}
