/** Statistics as files (Art. 27): CSV for any tool, .xlsx for the departments' Excel. */
import ExcelJS from 'exceljs'
import { csvBody } from '../../../shared/csv.js'
import type { Lang } from '../../../shared/errors.js'
import type { ExportFile } from '../../../shared/export-file.js'
import { XLSX_TYPE } from '../../../shared/schema.js'
import type { StatisticsCounts, StatisticsView } from '../schema.js'

export type { ExportFile } from '../../../shared/export-file.js'
export { XLSX_TYPE }

const COUNT_COLUMNS: ReadonlyArray<{ key: keyof StatisticsCounts; zh: string; en: string }> = [
  { key: 'queries', zh: '查询次数', en: 'Queries' },
  { key: 'recordsServed', zh: '提供记录数', en: 'Records served' },
  { key: 'grantsCreated', zh: '新增授权数', en: 'Grants created' },
  { key: 'requests', zh: '共享申请数', en: 'Requests' },
  { key: 'resourcesPublished', zh: '发布资源数', en: 'Resources published' },
  { key: 'itemsPublished', zh: '发布信息项数', en: 'Items published' },
]

const GROUP_LABEL = {
  department: { zh: '部门', en: 'Department' },
  resource: { zh: '资源', en: 'Resource' },
  month: { zh: '月份', en: 'Month' },
} as const

function header(view: StatisticsView, lang: Lang): string[] {
  const group = GROUP_LABEL[view.groupBy]
  const pick = (label: { zh: string; en: string }) => (lang === 'en' ? label.en : label.zh)
  return [lang === 'en' ? 'Key' : '编号', pick(group), ...COUNT_COLUMNS.map(pick)]
}

function cells(view: StatisticsView): Array<Array<string | number>> {
  return view.rows.map((row) => [row.key, row.label, ...COUNT_COLUMNS.map((column) => row[column.key])])
}

function totalRow(view: StatisticsView, lang: Lang): Array<string | number> {
  return ['', lang === 'en' ? 'Total' : '合计', ...COUNT_COLUMNS.map((column) => view.totals[column.key])]
}

function names(view: StatisticsView, extension: string) {
  const suffix = `${view.from}_${view.to}.${extension}`
  return { fileName: `statistics_${view.groupBy}_${suffix}`, fileNameZh: `共享统计_${suffix}` }
}

/** UTF-8 with a byte-order mark, so Excel opens the Chinese labels correctly; CRLF as RFC 4180 says. */
export function statisticsCsv(view: StatisticsView, lang: Lang): ExportFile {
  return {
    contentType: 'text/csv; charset=utf-8',
    ...names(view, 'csv'),
    body: csvBody([header(view, lang), ...cells(view), totalRow(view, lang)]),
  }
}

export async function statisticsWorkbook(view: StatisticsView, lang: Lang): Promise<ExportFile> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(lang === 'en' ? 'Statistics' : '共享统计')
  sheet.addRow(header(view, lang)).font = { bold: true }
  for (const row of cells(view)) {
    sheet.addRow(row)
  }
  sheet.addRow(totalRow(view, lang)).font = { bold: true }
  sheet.addRow([])
  sheet.addRow([lang === 'en' ? 'Period' : '统计期间', `${view.from} – ${view.to}`])
  sheet.columns.forEach((column, index) => {
    column.width = index === 1 ? 36 : 16
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return {
    contentType: XLSX_TYPE,
    ...names(view, 'xlsx'),
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  }
}
