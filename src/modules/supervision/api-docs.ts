/** The supervision module's words in the API reference (decisions §48; English: the route files). */
import type { ApiDocs } from '../../shared/api-docs.js'

const REPORT = { zh: '年度报告 ID', en: 'Annual report id' }
const NOTICE = { zh: '整改通知 ID', en: 'Rectification notice id' }

export const supervisionApiDocs: ApiDocs = {
  params: {
    departmentId: { zh: '部门 ID', en: 'Department id' },
    format: { zh: '文件格式', en: 'File format' },
    download: {
      zh: '1：作为文件下载；0（默认）：在浏览器中打开',
      en: '1: save as a file; 0 (default): open in the browser',
    },
    year: { zh: '年份，如 2025', en: 'Year, e.g. 2025' },
  },
  operations: {
    'GET /api/v1/statistics': {
      zh: '按部门、资源或月份统计的共享频次、数量和条目（任何登录者）',
      params: {
        departmentId: { zh: '只统计该部门提供的资源', en: 'Only the resources this department provides' },
      },
    },
    'GET /api/v1/statistics/summary': { zh: '门户首页的当前汇总' },
    'GET /api/v1/statistics/export': {
      zh: '统计结果导出为 CSV（UTF-8 带 BOM）或 .xlsx',
      params: {
        departmentId: { zh: '只统计该部门提供的资源', en: 'Only the resources this department provides' },
      },
    },
    'GET /api/v1/evaluation': {
      zh: '各部门的考核指标、得分、排名和建议（大数据局、审计；部门管理员：本部门）',
    },
    'GET /api/v1/evaluation/weights': { zh: '现行指标权重' },
    'PUT /api/v1/evaluation/weights': { zh: '设置部分或全部指标权重（目录审核员）' },
    'GET /api/v1/evaluation/report': { zh: '附建议的考核报告：HTML（可打印为 PDF）或 .xlsx' },
    'POST /api/v1/reports/annual/{year}/generate': {
      zh: '由数据生成某年度报告：部门的（部门管理员）或全市的（大数据局）',
    },
    'GET /api/v1/reports/annual': { zh: '某年度的年度报告及逾期标记（大数据局：全部部门及全市）' },
    'GET /api/v1/reports/annual/{id}': { zh: '查看一份年度报告及其数据和正文', params: { id: REPORT } },
    'PUT /api/v1/reports/annual/{id}': { zh: '为报告草稿补充部门自己的文字', params: { id: REPORT } },
    'POST /api/v1/reports/annual/{id}/submit': {
      zh: '提交报告（逾期提交仍接收并标记逾期）',
      params: { id: REPORT },
    },
    'POST /api/v1/reports/annual/{id}/return': {
      zh: '大数据局附意见退回已提交的部门报告',
      params: { id: REPORT },
    },
    'GET /api/v1/oversight/notices': {
      zh: '整改通知：大数据局和审计可见全部，部门可见发给本部门的（第四十条）',
    },
    'POST /api/v1/oversight/notices': { zh: '手工起草通知；审计可报告超出授权用途的使用（滥用）' },
    'POST /api/v1/oversight/detect': { zh: '立即检测违规，为每个新违规起草通知（第四十条）' },
    'POST /api/v1/oversight/notices/{id}/issue': {
      zh: '以工作日期限（默认 15 日）下发草稿并通知部门',
      params: { id: NOTICE },
    },
    'POST /api/v1/oversight/notices/{id}/respond': {
      zh: '部门对下发给本部门的通知的答复',
      params: { id: NOTICE },
    },
    'POST /api/v1/oversight/notices/{id}/close': {
      zh: '关闭通知（已整改，或不予下发的草稿）',
      params: { id: NOTICE },
    },
    'POST /api/v1/oversight/incidents': {
      zh: '登记安全事件并分派（第三十、三十一条）',
      description: {
        zh: '分派：bureau → 目录审核员和平台管理员；cyberspace_office 与 police → 代表这些机关的安全管理员账号。',
      },
    },
    'GET /api/v1/oversight/incidents': { zh: '安全事件：安全管理员、大数据局和审计可见' },
    'POST /api/v1/oversight/incidents/{id}/close': {
      zh: '关闭安全事件',
      params: { id: { zh: '安全事件 ID', en: 'Security incident id' } },
    },
    'GET /api/v1/oversight/anomalies': {
      zh: '读取突增的部门：最近 24 小时 > max(14 日日均 × 3, 日均 + 100)',
    },
  },
}
