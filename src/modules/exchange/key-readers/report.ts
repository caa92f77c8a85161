/**
 * The printable access report for one person (issue 11): a self-contained HTML page like the
 * evaluation report (supervision/report-format.ts), printed or saved to PDF by the browser. It
 * carries only the masked key; every read is named with its audit seq so it can be checked.
 */
import { beijingTime } from '../../../shared/dates.js'
import type { Lang } from '../../../shared/errors.js'
import type { ExportFile } from '../../../shared/export-file.js'
import { escapeHtml, htmlRow } from '../../../shared/html.js'
import type { KeyReader, KeyReadersReply } from '../schema.js'

export interface KeyReadersReportView extends KeyReadersReply {
  resourceCode: string | null
  issuedBy: string
  issuedByDepartment: string | null
  issuedAt: string
}

const TEXT = {
  title: { zh: '个人数据查询记录报告', en: 'Who read this record: access report' },
  intro: {
    zh: '依据《昆明市政务信息资源共享管理办法》第二十七条、第二十九条，共享平台对每一次数据查询留存日志。下表列出平台日志中查询（或试图查询）下述个人数据记录的全部记录。',
    en: 'Art. 27 and 29 of Kunming Order No. 151: the sharing platform logs every query. The table lists every logged read (or refused attempt) of the record below.',
  },
  resource: { zh: '数据资源', en: 'Resource' },
  key: { zh: '查询标识（已脱敏）', en: 'Key (masked)' },
  issuedBy: { zh: '出具人', en: 'Issued by' },
  issuedAt: { zh: '出具时间', en: 'Issued at' },
  querySeq: { zh: '本次查询日志序号', en: 'Log entry of this report' },
  reads: { zh: '查询记录', en: 'Reads' },
  count: { zh: '共 {n} 条', en: '{n} in all' },
  none: { zh: '平台日志中没有查询该记录的记录。', en: 'The log holds no read of this record.' },
  capped: {
    zh: '记录过多，仅列出最近的 {n} 条。',
    en: 'Too many reads: only the latest {n} are listed.',
  },
  seq: { zh: '日志序号', en: 'Log #' },
  at: { zh: '时间', en: 'Time' },
  department: { zh: '查询部门', en: 'Department' },
  outcome: { zh: '结果', en: 'Outcome' },
  purpose: { zh: '用途', en: 'Purpose' },
  caseRef: { zh: '业务编号', en: 'Case' },
  grant: { zh: '授权编号', en: 'Grant' },
  read: { zh: '已查询', en: 'Read' },
  batch: { zh: '（批量查询 {n} 项）', en: ' (batch of {n})' },
  denied: { zh: '已拒绝', en: 'Refused' },
  evidence: {
    zh: '日志序号对应平台审计日志条目，日志以 SM3 哈希链防篡改，可由审计人员核验。时间为北京时间。',
    en: 'Log numbers are entries of the platform audit log, an SM3 hash chain that auditors can verify. Times are Beijing time.',
  },
} as const

type Text = { zh: string; en: string }

export function keyReadersHtml(view: KeyReadersReportView, lang: Lang): ExportFile {
  const t = (text: Text, n?: number) =>
    (lang === 'en' ? text.en : text.zh).replace('{n}', n === undefined ? '' : String(n))
  const paren = (inner: string) => (lang === 'en' ? ` (${inner})` : `（${inner}）`)
  const resource = view.resourceCode ? `${view.resourceName}${paren(view.resourceCode)}` : view.resourceName
  const issuer = view.issuedByDepartment ? `${view.issuedByDepartment} ${view.issuedBy}` : view.issuedBy
  const facts = [
    [t(TEXT.resource), resource],
    [t(TEXT.key), view.key],
    [t(TEXT.issuedBy), issuer],
    [t(TEXT.issuedAt), beijingTime(view.issuedAt)],
    [t(TEXT.querySeq), String(view.querySeq)],
  ].map((cells) => htmlRow(cells, ['th', 'td']))
  const head = htmlRow(
    [TEXT.seq, TEXT.at, TEXT.department, TEXT.outcome, TEXT.purpose, TEXT.caseRef, TEXT.grant].map((x) =>
      t(x),
    ),
    ['th'],
  )
  const reads = view.items.map((item) =>
    htmlRow([
      String(item.seq),
      beijingTime(item.at),
      item.departmentName ?? item.departmentId ?? '—',
      outcome(item, t),
      item.purpose ?? '—',
      item.caseRef ?? '—',
      item.grantId ?? '—',
    ]),
  )
  const html = [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(t(TEXT.title))}</title>`,
    '<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;margin:.5em 0}',
    'td,th{border:1px solid #999;padding:.2em .5em;text-align:left}th{background:#eee;white-space:nowrap}',
    '@media print{tr{break-inside:avoid}}</style></head><body>',
    `<h1>${escapeHtml(t(TEXT.title))}</h1>`,
    `<p>${escapeHtml(t(TEXT.intro))}</p>`,
    `<table><tbody>${facts.join('')}</tbody></table>`,
    `<h2>${escapeHtml(`${t(TEXT.reads)}${paren(t(TEXT.count, view.items.length))}`)}</h2>`,
    view.capped ? `<p><strong>${escapeHtml(t(TEXT.capped, view.items.length))}</strong></p>` : '',
    view.items.length === 0
      ? `<p data-reads="0">${escapeHtml(t(TEXT.none))}</p>`
      : `<table data-reads="${view.items.length}"><thead>${head}</thead><tbody>${reads.join('')}</tbody></table>`,
    `<p>${escapeHtml(t(TEXT.evidence))}</p>`,
    '</body></html>',
  ].join('\n')
  const date = beijingTime(view.issuedAt).slice(0, 10)
  return {
    contentType: 'text/html; charset=utf-8',
    fileName: `access_report_${date}.html`,
    fileNameZh: `个人数据查询记录报告_${date}.html`,
    body: Buffer.from(html, 'utf8'),
  }
}

function outcome(item: KeyReader, t: (text: Text, n?: number) => string): string {
  if (item.action === 'exchange.denied') {
    return item.code ? `${t(TEXT.denied)} ${item.code}` : t(TEXT.denied)
  }
  return item.keysAsked > 1 ? `${t(TEXT.read)}${t(TEXT.batch, item.keysAsked)}` : t(TEXT.read)
}
