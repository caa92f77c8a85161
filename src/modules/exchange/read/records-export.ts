/**
 * Bulk export (issue 11): every record a bulk grant may read, filtered, as one CSV file, its items
 * masked and scoped like any page. The whole file is read and logged before a byte leaves.
 */
import type { Actor } from '../../../shared/actor.js'
import { csvBody } from '../../../shared/csv.js'
import type { ExportFile } from '../../../shared/export-file.js'
import type { ReadAccess, ReadOptions } from './access.js'

/** Rows in one export; more asks for narrower filters (and a budget large enough for them). */
export const EXPORT_MAX_ROWS = 50_000

export function createRecordsExport(reads: ReadAccess) {
  /**
   * Throws as authorizeRead and logRead, plus EXCHANGE_FILTER_NOT_ALLOWED,
   * EXCHANGE_EXPORT_TOO_LARGE, EXCHANGE_UPSTREAM_UNSUPPORTED.
   */
  async function exportRecords(
    actor: Actor,
    resourceId: string,
    options: ReadOptions & { filters: Record<string, string> },
  ): Promise<ExportFile> {
    const context = await reads.authorizeRead(actor, resourceId, options, 'bulk')
    const filters = await reads.checkFilters(actor, context, options, options.filters)
    const facts = {
      mode: 'bulk' as const,
      asked: ['export', ...reads.filterLabels(filters)],
      returned: 0,
      units: 0,
      misses: 0,
    }
    const { rows, total } = await reads.attempt(actor, context, options, facts, () =>
      context.source.page(filters, { offset: 0, limit: EXPORT_MAX_ROWS + 1 }),
    )
    if (total > EXPORT_MAX_ROWS) {
      await reads.refuseUnder(actor, context, options, 'EXCHANGE_EXPORT_TOO_LARGE', {
        total,
        limit: EXPORT_MAX_ROWS,
      })
    }
    await reads.logRead(actor, context, options, {
      ...facts,
      returned: rows.length,
      units: Math.max(1, rows.length),
    })
    const granted = new Set(context.grant.items.map((item) => item.name))
    const columns = context.resource.items.filter((item) => granted.has(item.name)).map((item) => item.name)
    const views = rows.map((data) => reads.view(context, data))
    const day = new Date().toISOString().slice(0, 10)
    return {
      contentType: 'text/csv; charset=utf-8',
      fileName: `records_${context.resource.code.replaceAll(/[^\w.-]/g, '_')}_${day}.csv`,
      fileNameZh: `${context.resource.name}_${day}.csv`,
      body: csvBody([columns, ...views.map((view) => columns.map((name) => view[name] ?? null))]),
    }
  }

  return { exportRecords }
}
