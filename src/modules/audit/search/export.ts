/** Issue 12: a search of the audit log as a file: CSV for any tool, .xlsx for Excel; Beijing time, labels in the caller's language. */
import ExcelJS from 'exceljs'
import { csvBody } from '../../../shared/csv.js'
import { beijingTime } from '../../../shared/dates.js'
import type { Lang } from '../../../shared/errors.js'
import type { ExportFile } from '../../../shared/export-file.js'
import { XLSX_TYPE } from '../../../shared/schema.js'
import type { SearchEntry } from './schema.js'

type Cell = string | number | null

const COLUMNS: ReadonlyArray<{ zh: string; en: string; width: number; value(e: SearchEntry): Cell }> = [
  { zh: '日志序号', en: 'Log #', width: 10, value: (e) => e.seq },
  { zh: '时间（北京时间）', en: 'Time (Beijing)', width: 20, value: (e) => beijingTime(e.at) },
  { zh: '操作人', en: 'Actor', width: 18, value: (e) => e.actor },
  { zh: '姓名或名称', en: 'Actor name', width: 16, value: (e) => e.actorName },
  { zh: '操作人类型', en: 'Actor type', width: 10, value: (e) => e.actorType },
  { zh: '部门', en: 'Department', width: 28, value: (e) => e.departmentName ?? e.departmentId },
  { zh: '类别', en: 'Category', width: 12, value: (e) => e.categoryLabel },
  { zh: '操作', en: 'Action', width: 22, value: (e) => e.actionLabel },
  { zh: '操作代码', en: 'Action code', width: 22, value: (e) => e.action },
  { zh: '对象类型', en: 'Object type', width: 16, value: (e) => e.objectType },
  { zh: '对象', en: 'Object', width: 38, value: (e) => e.objectId },
  { zh: '对象名称', en: 'Object name', width: 28, value: (e) => e.objectName },
  { zh: '详情', en: 'Details', width: 60, value: (e) => JSON.stringify(e.details) },
  { zh: 'SM3 哈希', en: 'SM3 hash', width: 20, value: (e) => e.hash },
]

function header(lang: Lang): string[] {
  return COLUMNS.map((column) => (lang === 'en' ? column.en : column.zh))
}

function rows(entries: readonly SearchEntry[]): Cell[][] {
  return entries.map((entry) => COLUMNS.map((column) => column.value(entry)))
}

const names = (extension: string) => ({
  fileName: `audit_log.${extension}`,
  fileNameZh: `审计日志.${extension}`,
})

export function searchCsv(entries: readonly SearchEntry[], lang: Lang): ExportFile {
  return {
    contentType: 'text/csv; charset=utf-8',
    ...names('csv'),
    body: csvBody([header(lang), ...rows(entries)]),
  }
}

export async function searchWorkbook(entries: readonly SearchEntry[], lang: Lang): Promise<ExportFile> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(lang === 'en' ? 'Audit log' : '审计日志')
  sheet.addRow(header(lang)).font = { bold: true }
  sheet.addRows(rows(entries))
  sheet.columns.forEach((column, index) => {
    column.width = COLUMNS[index]?.width ?? 16
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return { contentType: XLSX_TYPE, ...names('xlsx'), body: Buffer.from(await workbook.xlsx.writeBuffer()) }
}
