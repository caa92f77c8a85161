/** The Art. 35 indicators: keys, labels, default weights (they sum to 100) and advice texts. */

import type { IndicatorKey } from '../vocabulary.js'

// The keys are wire vocabulary (the portal imports them), so they live in vocabulary.ts.
export { INDICATOR_KEYS, type IndicatorKey } from '../vocabulary.js'
export type Weights = Record<IndicatorKey, number>
export type IndicatorValues = Record<IndicatorKey, number | null>

export interface IndicatorSpec {
  key: IndicatorKey
  zh: string
  en: string
  defaultWeight: number
  adviceZh: string
  adviceEn: string
}

/** Labels, default weights (they sum to 100) and the advice given when the indicator is weak. */
export const INDICATORS: readonly IndicatorSpec[] = [
  {
    key: 'participation',
    zh: '参与度',
    en: 'Participation',
    defaultWeight: 10,
    adviceZh: '每月在平台开展目录维护、共享申请或数据交换工作，明确专人负责共享平台。',
    adviceEn:
      'Work on the platform every month (catalog, requests, data) and name a person responsible for it.',
  },
  {
    key: 'catalogEntries',
    zh: '目录条目数',
    en: 'Catalog entries',
    defaultWeight: 10,
    adviceZh: '对照职责全面梳理本部门信息资源，补充编制并发布资源目录。',
    adviceEn:
      'Review the information the department holds against its duties and publish the missing entries.',
  },
  {
    key: 'catalogItems',
    zh: '信息项数',
    en: 'Items provided',
    defaultWeight: 10,
    adviceZh: '细化资源目录到信息项，补全信息项描述。',
    adviceEn: 'Describe each resource down to its items, completely.',
  },
  {
    key: 'unconditionalShare',
    zh: '无条件共享比例',
    en: 'Unconditional share',
    defaultWeight: 10,
    adviceZh: '逐项复核有条件共享和不予共享资源的依据，无明确依据的调整为无条件共享。',
    adviceEn:
      'Re-check the legal basis of each conditional or non-shared resource; share the rest unconditionally.',
  },
  {
    key: 'answerRate',
    zh: '申请答复率',
    en: 'Requests answered',
    defaultWeight: 10,
    adviceZh: '及时处理共享申请，避免申请逾期未答复。',
    adviceEn: 'Answer every sharing request; leave none unanswered past its due date.',
  },
  {
    key: 'answerSpeed',
    zh: '答复速度',
    en: 'Answer speed',
    defaultWeight: 10,
    adviceZh: '缩短共享申请的审核流程，力争在 5 个工作日内答复。',
    adviceEn: 'Shorten the review of sharing requests; aim to answer within 5 working days.',
  },
  {
    key: 'onTimeAnswers',
    zh: '按期答复率',
    en: 'Answers on time',
    defaultWeight: 10,
    adviceZh: '在 10 个工作日期限内答复共享申请，设置到期提醒。',
    adviceEn: 'Answer within the 10 working days; set reminders before the due date.',
  },
  {
    key: 'updateTimeliness',
    zh: '数据更新及时率',
    en: 'Update timeliness',
    defaultWeight: 10,
    adviceZh: '数据产生或变更后 5 个工作日内更新到平台，建立自动同步机制。',
    adviceEn: 'Load data within 5 working days of a change; automate the synchronisation.',
  },
  {
    key: 'objectionsOnTime',
    zh: '异议按期处理率',
    en: 'Objections answered on time',
    defaultWeight: 5,
    adviceZh: '对使用部门提出的数据异议及时核实并答复。',
    adviceEn: 'Verify and answer the consumers’ objections to records in time.',
  },
  {
    key: 'sharingFrequency',
    zh: '共享频度',
    en: 'Sharing frequency',
    defaultWeight: 5,
    adviceZh: '提升数据质量和可用性，主动向使用部门推介本部门共享资源。',
    adviceEn: 'Improve data quality and usability; make the department’s resources known to consumers.',
  },
  {
    key: 'dataUse',
    zh: '共享数据使用',
    en: 'Use of shared data',
    defaultWeight: 10,
    adviceZh: '通过平台获取其他部门数据办理业务，不再要求群众重复提交材料。',
    adviceEn: 'Use other departments’ data through the platform instead of asking citizens for it again.',
  },
]

export const DEFAULT_WEIGHTS: Weights = Object.fromEntries(
  INDICATORS.map((spec) => [spec.key, spec.defaultWeight]),
) as Weights // fromEntries over INDICATORS, which lists every key once
