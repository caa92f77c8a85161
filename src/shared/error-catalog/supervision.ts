import type { ErrorSpec } from '../errors.js'

/** Supervision: statistics, evaluation, annual reports (Art. 27, 34-35, 39), rectification and incidents (Art. 30-31, 40). */
export const SUPERVISION_ERRORS = {
  REPORT_NOT_SUBMITTED: {
    status: 409,
    zh: '只有已报送的年度报告才能退回',
    en: 'Only a submitted annual report can be returned',
  },
  SUPERVISION_INVALID_PERIOD: {
    status: 400,
    zh: '统计期间无效：起始日期不能晚于截止日期，且期间不超过 10 年',
    en: 'Invalid period: from must not be after to, and the period is at most 10 years',
  },
  SUPERVISION_INVALID_WEIGHTS: {
    status: 400,
    zh: '评估权重无效：须为已有指标的非负数权重，且不能全部为零',
    en: 'Invalid weights: each must be a known indicator with a non-negative weight, not all zero',
  },
  REPORT_NOT_FOUND: { status: 404, zh: '年度报告不存在', en: 'No such annual report' },
  REPORT_ALREADY_SUBMITTED: {
    status: 409,
    zh: '年度报告已报送，不能再修改或重新生成',
    en: 'The annual report has been submitted: it can no longer be changed or regenerated',
  },
  REPORT_YEAR_NOT_CLOSED: {
    status: 409,
    zh: '只能生成已结束年度的年度报告',
    en: 'An annual report can be generated only for a year that has ended',
  },
  // Rectification and incidents (Art. 30-31, 40); the codes keep their released OVERSIGHT_ prefix
  OVERSIGHT_NOTICE_NOT_FOUND: { status: 404, zh: '整改通知不存在', en: 'No such rectification notice' },
  OVERSIGHT_NOTICE_STATE: {
    status: 409,
    zh: '整改通知当前状态不允许该操作',
    en: 'The rectification notice is not in a state that allows this',
  },
  OVERSIGHT_DUPLICATE_NOTICE: {
    status: 409,
    zh: '该事项已有整改通知',
    en: 'A rectification notice already exists for this breach',
  },
  OVERSIGHT_UNKNOWN_DEPARTMENT: { status: 400, zh: '部门不存在', en: 'No such department' },
  OVERSIGHT_INCIDENT_NOT_FOUND: { status: 404, zh: '安全事件不存在', en: 'No such security incident' },
  OVERSIGHT_INCIDENT_CLOSED: {
    status: 409,
    zh: '安全事件已关闭',
    en: 'The security incident is already closed',
  },
} as const satisfies Record<string, ErrorSpec>
