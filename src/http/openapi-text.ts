/**
 * Words of the API reference shared by every module (decisions §48): parameters that mean the
 * same wherever they appear, replies by status, and the tags. zh-CN first, then English.
 */
import type { Label } from '../shared/schema.js'

/** Parameters named the same across modules. A module's table (or an operation) may say more. */
export const SHARED_PARAMS: Readonly<Record<string, Label>> = {
  id: {
    zh: '对象的 ID（UUID），取自创建或列表接口的返回',
    en: 'The object’s id (UUID), from its create or list reply',
  },
  page: { zh: '页码，从 1 开始', en: 'Page number, from 1' },
  pageSize: { zh: '每页条数', en: 'Items per page' },
  q: { zh: '搜索词', en: 'Search words' },
  grantId: {
    zh: '授权 ID（可选）：省略时使用本部门对该资源的有效授权；有多个授权时用它指定一个',
    en: 'Grant id (optional): by default the department’s live grant for this resource; names one when there are several',
  },
  caseRef: {
    zh: '本次查询所办理的事项或案件编号，记入查询日志；资源设置 caseRefRequired 时必填（否则 400 EXCHANGE_CASE_REF_REQUIRED）',
    en: 'The case the query serves, kept in the query log; required when the resource’s caseRefRequired setting is on (else 400 EXCHANGE_CASE_REF_REQUIRED)',
  },
  departmentId: { zh: '部门 ID', en: 'Department id' },
  resourceId: { zh: '资源 ID', en: 'Resource id' },
  status: { zh: '按状态筛选', en: 'Filter by status' },
  direction: {
    zh: 'outgoing：本部门发出的；incoming：针对本部门资源的',
    en: 'outgoing: made by my department; incoming: on my department’s resources',
  },
  from: {
    zh: '起始日期 YYYY-MM-DD（含，Asia/Shanghai）',
    en: 'First date, YYYY-MM-DD (inclusive, Asia/Shanghai)',
  },
  to: {
    zh: '截止日期 YYYY-MM-DD（含，Asia/Shanghai）',
    en: 'Last date, YYYY-MM-DD (inclusive, Asia/Shanghai)',
  },
  format: { zh: '文件格式', en: 'File format' },
  year: { zh: '年份，如 2026', en: 'Year, e.g. 2026' },
  date: { zh: '日期 YYYY-MM-DD（Asia/Shanghai）', en: 'Date, YYYY-MM-DD (Asia/Shanghai)' },
  limit: { zh: '最多返回条数', en: 'At most this many entries' },
  action: { zh: '审计动作代码，如 exchange.read', en: 'Audit action code, e.g. exchange.read' },
  category: { zh: '分类', en: 'Category' },
  lang: { zh: '报告语言：zh-CN 或 en', en: 'Language of the report: zh-CN or en' },
  groupBy: { zh: '按部门、资源或月份汇总', en: 'Group by department, resource or month' },
}

/** The reply of each status, whatever the route (error replies share one shape). */
export const STATUS_TEXT: Readonly<Record<string, Label>> = {
  '200': { zh: '成功', en: 'OK' },
  '201': { zh: '已创建', en: 'Created' },
  '204': { zh: '成功，无内容', en: 'Done, no content' },
  '400': {
    zh: '请求无效：VALIDATION_FAILED（details 指出字段）或本接口的业务错误码',
    en: 'Bad request: VALIDATION_FAILED (details name the field) or one of the operation’s codes',
  },
  '401': {
    zh: '未携带令牌或令牌无效：AUTH_REQUIRED（登录失败为 AUTH_INVALID_CREDENTIALS）',
    en: 'No or bad token: AUTH_REQUIRED (a failed sign-in: AUTH_INVALID_CREDENTIALS)',
  },
  '403': {
    zh: '已认证但无权限：FORBIDDEN；读数据而无有效授权：GRANT_REQUIRED',
    en: 'Signed in but not allowed: FORBIDDEN; reading data without a live grant: GRANT_REQUIRED',
  },
  '404': { zh: '对象不存在或不可见', en: 'Not found, or not visible to the caller' },
  '409': {
    zh: '与当前状态冲突（如重复、已处理）',
    en: 'Conflicts with the current state (duplicate, already decided)',
  },
  '413': { zh: '请求体过大', en: 'Body too large' },
  '415': { zh: '不支持的内容类型', en: 'Unsupported content type' },
  '423': { zh: '账号已锁定：AUTH_LOCKED', en: 'Account locked: AUTH_LOCKED' },
  '429': { zh: '超出频率或每日额度', en: 'Rate limit or daily budget exceeded' },
  '503': {
    zh: '服务暂不可用（数据库、审计写入或上游系统）',
    en: 'Unavailable (database, audit writer or upstream system)',
  },
}

/** What each tag groups, in the order the reference shows them. */
export const TAGS: ReadonlyArray<{ name: string } & Label> = [
  { name: 'auth', zh: '登录、令牌与本人账号', en: 'Sign-in, tokens and my account' },
  {
    name: 'catalog',
    zh: '目录：资源编目、审核、共享目录检索',
    en: 'Catalog: resources, review, the sharing catalog',
  },
  {
    name: 'sharing',
    zh: '共享申请、审批、异议与授权',
    en: 'Sharing requests, decisions, disputes and grants',
  },
  {
    name: 'exchange',
    zh: '数据交换：上报记录、按授权查询',
    en: 'Exchange: loading records, reading them under a grant',
  },
  { name: 'quality', zh: '数据质量：异议处理与一致性核查', en: 'Quality: objections and consistency checks' },
  {
    name: 'organisation',
    zh: '组织：部门、用户、API 客户端',
    en: 'Organisation: departments, users, API clients',
  },
  { name: 'audit', zh: '审计日志、签名检查点与证明', en: 'Audit log, signed checkpoints and proofs' },
  { name: 'calendar', zh: '工作日历', en: 'Working-day calendar' },
  { name: 'notifications', zh: '通知', en: 'Notifications' },
  { name: 'statistics', zh: '共享统计', en: 'Sharing statistics' },
  { name: 'evaluation', zh: '部门考核评价', en: 'Department evaluation' },
  { name: 'reports', zh: '年度报告', en: 'Annual reports' },
  {
    name: 'oversight',
    zh: '监督：整改通知、安全事件、异常访问',
    en: 'Oversight: rectification, incidents, anomalies',
  },
  { name: 'system', zh: '健康检查', en: 'Health checks' },
]

/** One line in both languages, Chinese first: the reference's convention. */
export function bilingual(label: Label): string {
  return `${label.zh} / ${label.en}`
}
