/**
 * The evaluation report the bureau publishes (Art. 34) as a self-contained HTML page and as an
 * Excel workbook. PDF is left to the browser's "print to PDF": the platform carries no CJK fonts
 * to embed, and a PDF without them would not show the Chinese text.
 */
import ExcelJS from 'exceljs'
import type { Lang } from '../../../shared/errors.js'
import { escapeHtml, htmlRow } from '../../../shared/html.js'
import { INDICATORS } from '../rules.js'
import type { EvaluationRow, EvaluationView } from '../schema.js'
import { type ExportFile, XLSX_TYPE } from '../statistics/export.js'

type FactKey = keyof EvaluationRow['facts']

const FACTS: ReadonlyArray<{ key: FactKey; zh: string; en: string }> = [
  { key: 'activeMonths', zh: '开展共享工作的月数', en: 'Months with sharing work' },
  { key: 'periodMonths', zh: '评估期月数', en: 'Months in the period' },
  { key: 'resourcesPublished', zh: '共享目录资源数', en: 'Resources in the catalog' },
  { key: 'itemsPublished', zh: '信息项数', en: 'Items' },
  { key: 'unconditionalResources', zh: '无条件共享资源数', en: 'Unconditional resources' },
  { key: 'requestsReceived', zh: '收到有条件共享申请', en: 'Conditional requests received' },
  { key: 'requestsAnswered', zh: '已答复申请', en: 'Requests answered' },
  { key: 'requestsOverdue', zh: '逾期未答复申请', en: 'Overdue, unanswered' },
  { key: 'lateAnswers', zh: '逾期答复', en: 'Late answers' },
  { key: 'medianAnswerDays', zh: '答复用时中位数（工作日）', en: 'Median answer time (working days)' },
  { key: 'versionsArrived', zh: '更新数据记录', en: 'Record versions loaded' },
  { key: 'versionsTimely', zh: '5 个工作日内更新', en: 'Loaded within 5 working days' },
  { key: 'versionsUndeclared', zh: '未申报数据变更时间的更新', en: 'Loaded without a declared change time' },
  { key: 'objectionsDue', zh: '应处理异议', en: 'Objections due' },
  { key: 'objectionsOnTime', zh: '按期处理异议', en: 'Objections answered on time' },
  { key: 'queriesServed', zh: '被查询次数', en: 'Queries served' },
  { key: 'recordsServed', zh: '提供记录数', en: 'Records served' },
  { key: 'queriesMade', zh: '查询其他部门数据次数', en: 'Queries made' },
]

const TEXT = {
  title: { zh: '政务信息资源共享工作评估报告', en: 'Evaluation of government information sharing' },
  period: { zh: '评估期间', en: 'Period' },
  basis: {
    zh: '依据《昆明市政务信息资源共享管理办法》第三十四条、第三十五条，由共享平台日志和数据自动计算。',
    en: 'Art. 34-35 of Kunming Order No. 151; computed from the platform’s logs and data.',
  },
  weights: { zh: '指标与权重', en: 'Indicators and weights' },
  indicator: { zh: '指标', en: 'Indicator' },
  weight: { zh: '权重', en: 'Weight' },
  ranking: { zh: '排名', en: 'Ranking' },
  rank: { zh: '名次', en: 'Rank' },
  department: { zh: '部门', en: 'Department' },
  score: { zh: '总分', en: 'Score' },
  details: { zh: '各部门情况与改进建议', en: 'Departments: figures and advice' },
  advice: { zh: '改进建议', en: 'Advice' },
  noAdvice: { zh: '各项指标均在 60 分以上，请保持。', en: 'Every indicator is at 60 or above: keep it up.' },
  notApplicable: {
    zh: '“—”表示该指标不适用（如评估期内未收到申请），不计入总分；指标公式见平台文档 docs/evaluation.md。',
    en: '“—”: the indicator does not apply and is left out of the score; formulas in docs/evaluation.md.',
  },
  unavailable: { zh: '（暂无数据）', en: '(no data yet)' },
  facts: { zh: '基础数据', en: 'Figures' },
  value: { zh: '得分', en: 'Value' },
} as const

function say(lang: Lang, text: { zh: string; en: string }): string {
  return lang === 'en' ? text.en : text.zh
}

function show(value: number | null): string {
  return value === null ? '—' : String(value)
}

function names(view: EvaluationView, extension: string) {
  const suffix = `${view.from}_${view.to}.${extension}`
  return { fileName: `evaluation_${suffix}`, fileNameZh: `共享工作评估报告_${suffix}` }
}

/** One HTML page, no scripts or outside resources: it can be published or printed as it is. */
export function evaluationHtml(view: EvaluationView, lang: Lang): ExportFile {
  const t = (text: { zh: string; en: string }) => say(lang, text)
  const weights = view.indicators.map((indicator) =>
    htmlRow([
      `${say(lang, indicator)}${indicator.available ? '' : t(TEXT.unavailable)}`,
      String(indicator.weight),
    ]),
  )
  const ranking = view.items.map((item) =>
    htmlRow([
      show(item.rank),
      item.departmentName,
      show(item.score),
      ...INDICATORS.map((spec) => show(item.values[spec.key])),
    ]),
  )
  const sections = view.items.map((item) => {
    const facts = FACTS.map((fact) => htmlRow([t(fact), show(item.facts[fact.key])]))
    const advice =
      item.advice.length === 0
        ? `<p>${escapeHtml(t(TEXT.noAdvice))}</p>`
        : `<ol>${item.advice
            .map((entry) => {
              const spec = INDICATORS.find((s) => s.key === entry.indicator)
              const label = spec ? t(spec) : entry.indicator
              return `<li><strong>${escapeHtml(label)}（${entry.value}）</strong>${escapeHtml(say(lang, entry))}</li>`
            })
            .join('')}</ol>`
    return [
      `<section><h3>${escapeHtml(`${show(item.rank)}. ${item.departmentName}`)} — ${escapeHtml(t(TEXT.score))} ${escapeHtml(show(item.score))}</h3>`,
      `<table><tbody>${facts.join('')}</tbody></table>`,
      `<h4>${escapeHtml(t(TEXT.advice))}</h4>${advice}</section>`,
    ].join('')
  })
  const html = [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(t(TEXT.title))}</title>`,
    '<style>body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:.5em 0}',
    'td,th{border:1px solid #999;padding:.2em .5em;text-align:left}th{background:#eee}',
    '@media print{section{break-inside:avoid}}</style></head><body>',
    `<h1>${escapeHtml(t(TEXT.title))}</h1>`,
    `<p>${escapeHtml(`${t(TEXT.period)}：${view.from} – ${view.to}`)}</p>`,
    `<p>${escapeHtml(t(TEXT.basis))}</p>`,
    `<h2>${escapeHtml(t(TEXT.weights))}</h2><table><thead>${htmlRow([t(TEXT.indicator), t(TEXT.weight)], ['th'])}</thead>`,
    `<tbody>${weights.join('')}</tbody></table>`,
    `<h2>${escapeHtml(t(TEXT.ranking))}</h2><table><thead>`,
    htmlRow([t(TEXT.rank), t(TEXT.department), t(TEXT.score), ...INDICATORS.map((spec) => t(spec))], ['th']),
    `</thead><tbody>${ranking.join('')}</tbody></table>`,
    `<p>${escapeHtml(t(TEXT.notApplicable))}</p>`,
    `<h2>${escapeHtml(t(TEXT.details))}</h2>`,
    ...sections,
    '</body></html>',
  ].join('\n')
  return { contentType: 'text/html; charset=utf-8', ...names(view, 'html'), body: Buffer.from(html, 'utf8') }
}

/** The same report as a workbook: ranking, figures, advice and weights, one sheet each. */
export async function evaluationWorkbook(view: EvaluationView, lang: Lang): Promise<ExportFile> {
  const t = (text: { zh: string; en: string }) => say(lang, text)
  const workbook = new ExcelJS.Workbook()
  const ranking = workbook.addWorksheet(t(TEXT.ranking))
  ranking.addRow([
    t(TEXT.rank),
    t(TEXT.department),
    t(TEXT.score),
    ...INDICATORS.map((spec) => t(spec)),
  ]).font = {
    bold: true,
  }
  for (const item of view.items) {
    ranking.addRow([
      item.rank,
      item.departmentName,
      item.score,
      ...INDICATORS.map((spec) => item.values[spec.key]),
    ])
  }
  ranking.addRow([])
  ranking.addRow([t(TEXT.period), `${view.from} – ${view.to}`])
  ranking.addRow([t(TEXT.notApplicable)])

  const facts = workbook.addWorksheet(t(TEXT.facts))
  facts.addRow([t(TEXT.department), ...FACTS.map((fact) => t(fact))]).font = { bold: true }
  for (const item of view.items) {
    facts.addRow([item.departmentName, ...FACTS.map((fact) => item.facts[fact.key])])
  }

  const advice = workbook.addWorksheet(t(TEXT.advice))
  advice.addRow([t(TEXT.department), t(TEXT.indicator), t(TEXT.value), t(TEXT.advice)]).font = { bold: true }
  for (const item of view.items) {
    for (const entry of item.advice) {
      const spec = INDICATORS.find((s) => s.key === entry.indicator)
      advice.addRow([item.departmentName, spec ? t(spec) : entry.indicator, entry.value, say(lang, entry)])
    }
  }

  const weights = workbook.addWorksheet(t(TEXT.weights))
  weights.addRow([t(TEXT.indicator), t(TEXT.weight)]).font = { bold: true }
  for (const indicator of view.indicators) {
    weights.addRow([say(lang, indicator), indicator.weight])
  }
  for (const sheet of [ranking, facts, advice, weights]) {
    sheet.columns.forEach((column, index) => {
      column.width = index === 1 || (sheet === advice && index === 3) ? 40 : 14
    })
  }
  return {
    contentType: XLSX_TYPE,
    ...names(view, 'xlsx'),
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  }
}
