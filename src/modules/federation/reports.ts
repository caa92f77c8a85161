/**
 * Art. 39: the city's annual report goes to the province's platform by 15 January; the province's
 * signed receipt is kept with the message. A province down at the time gets it when it is back.
 */
import { inTransaction } from '../../db/transaction.js'
import type { Actor } from '../../shared/actor.js'
import { SYSTEM_ACTOR } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import { authorize } from '../../shared/policy.js'
import type { FederationDeps } from './deps.js'
import type { Outbox } from './outbox.js'
import { toOutboxView } from './outbox.js'
import * as repo from './repo.js'

export function createReportSending(deps: FederationDeps, outbox: Outbox) {
  const { db, audit } = deps

  /**
   * Sends the city's submitted annual report to a province peer (Art. 39), by the bureau.
   * Throws FORBIDDEN, REPORT_NOT_FOUND, FEDERATION_REPORT_NOT_READY, FEDERATION_PEER_NOT_FOUND.
   */
  async function sendReport(actor: Actor, reportId: string, peerId: string) {
    authorize(actor, 'report.annual.city')
    const report = await deps.reports.getReport(actor, reportId)
    if (report.kind !== 'city' || report.status !== 'submitted') {
      throw new AppError('FEDERATION_REPORT_NOT_READY', {
        id: reportId,
        kind: report.kind,
        status: report.status,
      })
    }
    const peer = await repo.findPeer(db, peerId)
    if (peer?.role !== 'province' || peer.enabled !== 1) {
      throw new AppError('FEDERATION_PEER_NOT_FOUND', { id: peerId })
    }
    await inTransaction(db, async (trx) => {
      const messageId = await outbox.enqueue(trx, peer, 'report', reportId, {
        reportId,
        year: report.year,
        report,
      })
      await audit.append(trx, actor, {
        action: 'federation.report.send',
        objectType: 'annual_report',
        objectId: reportId,
        details: { peerId: peer.id, year: report.year, messageId },
      })
    })
    await outbox.deliverDue(peer).catch(() => undefined)
    return { items: (await repo.outboxBySubject(db, 'report', reportId)).map(toOutboxView) }
  }

  /** Where a report's sending stands, with the province's receipt once delivered. */
  async function reportDeliveries(actor: Actor, reportId: string) {
    authorize(actor, 'report.annual.city')
    return { items: (await repo.outboxBySubject(db, 'report', reportId)).map(toOutboxView) }
  }

  /** Reports the city platforms sent here (the province's side), newest first. */
  async function receivedReports(actor: Actor) {
    authorize(actor, 'report.annual.city')
    const rows = await repo.inboxOfKind(db, 'report', 200)
    return {
      items: rows.map((row) => {
        const body = JSON.parse(row.content ?? '{}') as { year?: unknown; report?: unknown }
        return {
          messageId: row.message_id,
          peerId: row.peer_id,
          receivedAt: row.received_at,
          digest: row.digest,
          year: Number(body.year) || 0,
          report: (typeof body.report === 'object' && body.report !== null ? body.report : {}) as Record<
            string,
            unknown
          >,
        }
      }),
    }
  }

  outbox.onReply('report', async (row, reply) => {
    if (typeof reply.receiptId !== 'string') {
      return
    }
    await audit.record(SYSTEM_ACTOR, {
      action: 'federation.report.receipt',
      objectType: 'annual_report',
      objectId: row.subject_id ?? undefined,
      details: { peerId: row.peer_id, reportId: row.subject_id ?? '', receiptId: reply.receiptId },
    })
  })

  return { sendReport, reportDeliveries, receivedReports }
}
