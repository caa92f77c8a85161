/** The catalog module's words in the API reference (decisions §48; English: the route files). */
import type { ApiDocs } from '../../shared/api-docs.js'

/** The demo city's 社会保险参保信息 (synthetic), as the sharing catalog and the lookup show it. */
const RESOURCE_ID = '9629ce51-9c8f-440a-9613-e88e19b78a00'
const PROVIDER_ID = '52e5d470-cbfa-4757-8b70-b02055b069d9'
/** Its provider's unified social credit code (the demo city's 人社局, synthetic). */
const PROVIDER_CODE = '11530100MB0001030E'
const PUBLISHED_AT = '2026-12-06T08:27:09.955+08:00'
const item = (n: number, name: string, more: Record<string, unknown>) => ({
  id: `8c6e6b70-9ddb-429d-bd19-dabb5385${String(8000 + n)}`,
  code: `202/000001-00${n}`,
  name,
  dataType: 'string',
  key: false,
  sensitivity: 'none',
  length: null,
  description: null,
  authoritativeItemCode: null,
  elementCode: null,
  ...more,
})
const RESOURCE_VIEW = {
  id: RESOURCE_ID,
  code: '202/000001',
  providerId: PROVIDER_ID,
  providerCode: PROVIDER_CODE,
  status: 'published',
  version: 1,
  publishedVersion: 1,
  name: '社会保险参保信息',
  summary: '职工基本养老保险、基本医疗保险、失业保险、工伤保险参保登记和缴费状态，社保参保证明',
  category: 'theme',
  theme: 'social_security',
  classCode: '202',
  format: 'database',
  shareType: 'unconditional',
  shareCondition: null,
  legalBasis: null,
  shareMethod: 'api',
  openType: 'not_open',
  openCondition: null,
  updateCycle: 'daily',
  relatedCodes: [],
  zone: 'external',
  contact: {},
  publishedAt: PUBLISHED_AT,
  confirmedAt: PUBLISHED_AT,
  withdrawnReason: null,
  reviewComment: null,
  createdAt: PUBLISHED_AT,
  updatedAt: PUBLISHED_AT,
  items: [
    item(1, '公民身份号码', {
      key: true,
      sensitivity: 'id_number',
      length: 18,
      authoritativeItemCode: '101/000001-001',
      elementCode: 'DE0001',
    }),
    item(2, '姓名', { sensitivity: 'name', length: 50, elementCode: 'DE0003' }),
    item(3, '参保险种', {}),
    item(4, '参保状态', {}),
  ],
}
const NOT_FOUND = { error: { code: 'CATALOG_RESOURCE_NOT_FOUND', message: '资源不存在' } }
const one = (value: string) => [{ value, count: 1 }]

export const catalogApiDocs: ApiDocs = {
  params: {
    id: {
      zh: '资源 ID（编目、检索或按编码查询的返回中的 id）',
      en: 'Resource id (the `id` of a catalog, search or lookup reply)',
    },
    code: {
      zh: '资源编码，如 202/000001（项代码 / 六位顺序号），见目录或共享目录检索结果的 code',
      en: 'Resource code, e.g. 202/000001 (项 class code / 6-digit sequence), as the catalog and the search show it',
    },
    q: {
      zh: '名称、摘要或信息项名称中的任意片段（2 个字及以上；1 个字只匹配名称），支持检索词典同义词',
      en: 'Any part of the name, summary or an item name (2+ characters; 1: the name only); dictionary synonyms count',
    },
    sort: {
      zh: 'relevance：按相关度（有检索词时默认）；date：按发布时间',
      en: 'relevance (default with a query) or date (newest publication first)',
    },
    providerId: { zh: '提供部门 ID', en: 'Providing department id' },
    category: {
      zh: '资源分类：base 基础、theme 主题、department 部门',
      en: 'Category: base, theme or department',
    },
    theme: { zh: '主题（基础或主题资源）', en: 'Theme (base and theme resources)' },
    shareType: {
      zh: '共享类型：unconditional 无条件、conditional 有条件',
      en: 'Share type: unconditional or conditional',
    },
    format: { zh: '资源格式', en: 'Resource format' },
    updateCycle: { zh: '更新周期', en: 'Update cycle' },
    zone: { zh: '网络区域：external 政务外网、internal 内网', en: 'Network zone: external or internal' },
    status: { zh: '按资源或期限状态筛选', en: 'Filter by resource or deadline status' },
    term: { zh: '检索词典中的词（规范化后）', en: 'A word of the search dictionary (normalised)' },
  },
  operations: {
    'POST /api/v1/catalog/resources': {
      zh: '创建本部门的资源草稿（编目员）',
      request: {
        name: '社会保险参保信息',
        summary: '职工基本养老保险、基本医疗保险、失业保险、工伤保险参保登记和缴费状态',
        category: 'department',
        format: 'database',
        shareType: 'unconditional',
        shareMethod: 'api',
        updateCycle: 'daily',
        items: [
          { name: '公民身份号码', dataType: 'string', key: true, sensitivity: 'id_number' },
          { name: '姓名', dataType: 'string', sensitivity: 'name' },
          { name: '参保状态', dataType: 'string' },
        ],
      },
    },
    'GET /api/v1/catalog/resources': { zh: '本部门的目录（县级含下辖乡镇，大数据局为全部）' },
    'GET /api/v1/catalog/resources/{id}': {
      zh: '查看一个资源及其信息项、状态和版本',
      responses: { 200: RESOURCE_VIEW, 404: NOT_FOUND },
    },
    'GET /api/v1/catalog/lookup': {
      zh: '按资源编码查资源（与按 ID 查看相同），用于由编码得到资源 ID',
      description: {
        zh: '部门通常按目录编码认识资源；交换接口使用资源 ID。草稿和不予共享的资源仅提供部门和大数据局可见，其余调用者得到与编码不存在相同的 404。',
        en: 'Departments know resources by their catalog code; the exchange API takes the resource id. Drafts and resources not shared are visible only to the providing department and the bureau; anyone else gets the same 404 as for an unknown code.',
      },
      responses: { 200: RESOURCE_VIEW, 404: NOT_FOUND },
    },
    'PUT /api/v1/catalog/resources/{id}': { zh: '修改资源：草稿直接修改，已发布资源生成新草稿版本' },
    'GET /api/v1/catalog/resources/{id}/versions': { zh: '全部版本及逐字段差异' },
    'POST /api/v1/catalog/resources/{id}/submit': { zh: '将草稿提交大数据局审核' },
    'POST /api/v1/catalog/resources/{id}/review': { zh: '审核：通过（发布）或附意见退回（目录审核员）' },
    'POST /api/v1/catalog/resources/{id}/withdraw': { zh: '附理由撤销（停用）资源' },
    'POST /api/v1/catalog/resources/{id}/confirm': { zh: '年度确认已发布资源（第十九条）' },
    'POST /api/v1/catalog/resources/{id}/legal-changes': {
      zh: '登记法律依据或职责变化：15 个工作日内重新提交（第十五条）',
    },
    'GET /api/v1/catalog/review-queue': { zh: '待审核的已提交版本（目录审核员）' },
    'GET /api/v1/catalog/deadlines': { zh: '目录期限：到期与逾期（第十四、十五、十九条）' },
    'GET /api/v1/catalog/classes': { zh: '类/项/目/细目分类树' },
    'POST /api/v1/catalog/classes': { zh: '新增分类代码（大数据局）' },
    'GET /api/v1/catalog/elements': {
      zh: '按名称或同义词检索数据元，附各数据元的权威信息项',
      params: {
        q: {
          zh: '数据元名称或同义词中的片段（忽略全角半角、大小写、繁简）',
          en: 'Part of an element name or synonym (width, case and traditional characters ignored)',
        },
      },
    },
    'POST /api/v1/catalog/elements': { zh: '新增数据元（大数据局）' },
    'GET /api/v1/catalog/elements/{code}': {
      zh: '一个数据元',
      params: { code: { zh: '数据元代码，如 DE0001', en: 'Data element code, e.g. DE0001' } },
    },
    'PUT /api/v1/catalog/elements/{code}': {
      zh: '修改数据元的名称、定义、数据类型和同义词（大数据局）',
      params: { code: { zh: '数据元代码，如 DE0001', en: 'Data element code, e.g. DE0001' } },
    },
    'PUT /api/v1/catalog/classes/{code}': {
      zh: '重命名分类，代码不变（大数据局）',
      params: { code: { zh: '分类代码，如 202 或 202001', en: 'Class code, e.g. 202 or 202001' } },
    },
    'GET /api/v1/catalog/leads': { zh: '基础和主题资源的牵头部门（第十一条）' },
    'PUT /api/v1/catalog/leads': { zh: '指定牵头部门（大数据局）' },
    'GET /api/v1/catalog/authoritative-items': { zh: '权威信息项：一数一源（第十六条）' },
    'POST /api/v1/catalog/authoritative-items': { zh: '将已发布的信息项标为权威（大数据局）' },
    'GET /api/v1/catalog/shared': {
      zh: '共享目录检索：共享类型不为“不予共享”的已发布资源（任何登录者）',
      responses: {
        200: {
          items: [
            {
              id: RESOURCE_ID,
              code: '202/000001',
              name: '社会保险参保信息',
              summary: '职工基本养老保险、基本医疗保险、失业保险、工伤保险参保登记和缴费状态，社保参保证明',
              providerId: PROVIDER_ID,
              providerCode: PROVIDER_CODE,
              shareType: 'unconditional',
              category: 'theme',
              theme: 'social_security',
              format: 'database',
              updateCycle: 'daily',
              zone: 'external',
              publishedAt: PUBLISHED_AT,
              score: 2,
              matchedVia: [{ term: '社保', synonym: '社会保险' }],
            },
          ],
          total: 1,
          totalExact: true,
          facets: {
            providerId: one(PROVIDER_ID),
            category: one('theme'),
            theme: one('social_security'),
            shareType: one('unconditional'),
            format: one('database'),
            updateCycle: one('daily'),
            zone: one('external'),
          },
          page: 1,
          pageSize: 20,
        },
      },
    },
    'GET /api/v1/catalog/search/synonyms': { zh: '检索词典：工作人员常用词及其同时匹配的规范名称' },
    'PUT /api/v1/catalog/search/synonyms/{term}': { zh: '设置一个词同时匹配的名称（大数据局）' },
    'DELETE /api/v1/catalog/search/synonyms/{term}': { zh: '从检索词典删除一个词（大数据局）' },
    'POST /api/v1/catalog/it-projects': { zh: '登记信息化项目及其将提供的资源（本部门编目员）' },
    'GET /api/v1/catalog/it-projects': { zh: '管辖范围内的信息化项目' },
    'GET /api/v1/catalog/it-projects/{id}': {
      zh: '查看一个信息化项目',
      params: { id: { zh: '信息化项目 ID', en: 'IT project id' } },
    },
    'PUT /api/v1/catalog/it-projects/{id}/resources': {
      zh: '替换规划中项目的资源',
      params: { id: { zh: '信息化项目 ID', en: 'IT project id' } },
    },
    'POST /api/v1/catalog/it-projects/{id}/approve': {
      zh: '立项审批：须已预编目录（大数据局）',
      params: { id: { zh: '信息化项目 ID', en: 'IT project id' } },
    },
    'POST /api/v1/catalog/it-projects/{id}/accept': {
      zh: '验收：其资源须全部发布（大数据局）',
      params: { id: { zh: '信息化项目 ID', en: 'IT project id' } },
    },
    'POST /api/v1/catalog/import': {
      zh: '导入 Excel 目录（信息资源 + 信息项两张表）：全部成功或全部不导入（编目员）',
      description: {
        zh: '请求体为 .xlsx 文件本身。任一行有误：400 CATALOG_IMPORT_INVALID，details.problems 列出 [{sheet,row,column,reason,code}]，不导入任何内容。',
      },
    },
    'GET /api/v1/catalog/export': { zh: '本部门目录的 Excel 文件，可原样导入' },
  },
}
