/** The exchange module's words in the API reference (decisions §48; English: the route files). */
import type { ApiDocs } from '../../shared/api-docs.js'

/** The demo city's 社会保险参保信息 and the 民政局's lookup grant on it (synthetic). */
const GRANT_ID = '068f7c96-ec2f-4f8b-9332-cb1a7544387e'
const MASKED = {
  公民身份号码: '530103********2610',
  姓名: '肖**',
  参保险种: '职工基本养老保险',
  参保状态: '暂停',
}
const MASKED_2 = {
  公民身份号码: '530111********2620',
  姓名: '王**',
  参保险种: '城乡居民基本养老保险',
  参保状态: '正常参保',
}
const NO_GRANT = {
  error: {
    code: 'GRANT_REQUIRED',
    message: '没有有效的共享授权',
    details: { resourceId: '9629ce51-9c8f-440a-9613-e88e19b78a00' },
  },
}
const GRANT_ID_PARAM = {
  zh: '授权 ID（可选）：省略时使用本部门对该资源的有效授权',
  en: 'Grant id (optional): by default the department’s live grant for this resource',
}

export const exchangeApiDocs: ApiDocs = {
  params: {
    id: {
      zh: '资源 ID（可由 GET /api/v1/catalog/lookup?code= 按编码得到）',
      en: 'Resource id (from its code: GET /api/v1/catalog/lookup?code=)',
    },
    key: {
      zh: '记录主键值；多个主键项时各值以 | 连接，整体 URL 编码',
      en: 'The record’s key value; several key items: their values joined by |, URL-encoded',
    },
    asOf: {
      zh: '按该日（YYYY-MM-DD，Asia/Shanghai）当日结束时的版本返回',
      en: 'Answer the record as it stood at the end of this day (YYYY-MM-DD, Asia/Shanghai)',
    },
    filters: {
      zh: 'JSON 对象，信息项名称 → 值，对已授权的非个人信息项做等值筛选，如 {"参保状态":"暂停"}',
      en: 'JSON object of item name → value: equality on granted non-personal items, e.g. {"参保状态":"暂停"}',
    },
    limit: { zh: '最多返回条数', en: 'At most this many entries' },
    late: { zh: '仅列出有迟报或逾期的资源', en: 'Only resources with late arrivals or overdue cycles' },
    dryRun: { zh: '只校验不写入', en: 'Check only, store nothing' },
    skip: { zh: '跳过文件前多少条记录（断点续传）', en: 'Records of the file to skip (to resume a load)' },
    batchSize: { zh: '每批记录数（每批一个事务）', en: 'Records per batch (one transaction each)' },
    sourceChangedAt: {
      zh: '数据在源系统中的变更时间（ISO 8601，带时区，第十八条）',
      en: 'When the data changed at the source (ISO 8601 with offset, Art. 18)',
    },
    mode: {
      zh: 'merge（默认）：未给出的信息项保留原值；replace：每条记录须给出全部信息项',
      en: 'merge (default): items left out keep their value; replace: every record gives every item',
    },
  },
  operations: {
    'POST /api/v1/exchange/resources/{id}/records': {
      zh: '上报记录（按主键新增或更新，合并或替换，全部成功或全部不存）：提供部门',
      description: {
        zh: '按主键项新增或更新。mode 为 merge（默认）时，记录中未给出的信息项保留原值，显式 null 清空；为 replace 时每条记录须给出全部信息项。任一记录有误则整批不存，返回 400 EXCHANGE_INVALID_RECORD 及第一条错误的 {index, item}。sourceChangedAt 超前平台时钟 5 分钟以上返回 400 EXCHANGE_SOURCE_TIME_IN_FUTURE；省略时标记为“未申报变更时间”（第十八条），计入更新及时性。',
      },
      request: {
        records: [
          {
            公民身份号码: '530103197101152610',
            姓名: '肖明',
            参保险种: '职工基本养老保险',
            参保状态: '暂停',
          },
          {
            公民身份号码: '530111200001062620',
            姓名: '王芳',
            参保险种: '城乡居民基本养老保险',
            参保状态: '正常参保',
          },
        ],
        sourceChangedAt: '2026-12-05T18:00:00+08:00',
      },
      responses: {
        200: { inserted: 1, updated: 1, unchanged: 0 },
        400: {
          error: {
            code: 'EXCHANGE_INVALID_RECORD',
            message: '记录不符合资源的信息项定义',
            details: { index: 1, item: '公民身份号码' },
          },
        },
      },
    },
    'POST /api/v1/exchange/resources/{id}/records/delete': { zh: '按主键删除记录（保留在历史中）' },
    'GET /api/v1/exchange/resources/{id}/records/{key}': {
      zh: '按主键查询一条记录：需有效授权，只返回授权的信息项，个人信息脱敏',
      description: {
        zh: '只返回授权的信息项；个人信息按授权脱敏（如身份证号保留前 6 位和后 4 位）。每次查询连同 grantId、caseRef 和授权用途写入查询日志。无有效授权：403 GRANT_REQUIRED（先于主键查找）；主键不存在：404 EXCHANGE_RECORD_NOT_FOUND。',
        en: 'Only the granted items; personal items masked unless the grant says plain (an id number keeps its first 6 and last 4 characters). Every read goes to the query log with its grantId, caseRef and the grant’s purpose. No live grant: 403 GRANT_REQUIRED (checked before the key is looked up); unknown key: 404 EXCHANGE_RECORD_NOT_FOUND.',
      },
      params: { grantId: GRANT_ID_PARAM },
      responses: {
        200: {
          record: MASKED,
          grantId: GRANT_ID,
          sourceChangedAt: '2026-12-05T08:27:10.327+08:00',
          arrivedAt: '2026-12-06T08:27:10.330+08:00',
          version: 1,
          source: 'stored',
        },
        403: NO_GRANT,
        404: { error: { code: 'EXCHANGE_RECORD_NOT_FOUND', message: '没有该主键的记录' } },
      },
    },
    'GET /api/v1/exchange/resources/{id}/records': {
      zh: '在有效的批量授权下分页查询记录，可筛选（核查与验证类授权：403）',
      responses: { 200: { items: [MASKED, MASKED_2], total: 2, grantId: GRANT_ID }, 403: NO_GRANT },
    },
    'POST /api/v1/exchange/resources/{id}/records/batch': {
      zh: '一次按多个主键查询：核查授权最多 20 个，批量授权最多 1000 个',
      request: {
        keys: ['530103197101152610', '530111200001062620', '530112197106172699'],
        caseRef: 'MZ-2026-0815',
      },
      responses: {
        200: {
          items: [
            { key: '530103********2610', record: MASKED },
            { key: '530111********2620', record: MASKED_2 },
          ],
          missing: ['530112********2699'],
          grantId: GRANT_ID,
        },
        403: NO_GRANT,
      },
    },
    'POST /api/v1/exchange/resources/{id}/verify': {
      zh: '核验所持数据与记录是否一致：逐项返回一致或不一致，不返回存储值；任何授权均可',
    },
    'GET /api/v1/exchange/resources/{id}/export': {
      zh: '批量授权可读的全部记录（可筛选），CSV（UTF-8 带 BOM），脱敏同分页查询',
    },
    'GET /api/v1/exchange/resources/{id}/settings': {
      zh: '资源的交换设置：默认每日额度、caseRef 规则（提供部门、大数据局）',
    },
    'PUT /api/v1/exchange/resources/{id}/settings': {
      zh: '设置资源的交换设置（提供部门管理员或编目员、大数据局）',
    },
    'GET /api/v1/exchange/resources/{id}/access-log': {
      zh: '谁在何种授权下、为何读取了本资源（提供部门、大数据局）',
    },
    'POST /api/v1/exchange/resources/{id}/key-readers': {
      zh: '谁在何时、依据哪个授权、为何读取了该主键的记录（提供部门、审计、大数据局）',
    },
    'POST /api/v1/exchange/resources/{id}/key-readers/report': {
      zh: '同上，可打印的 HTML 报告，交给当事人（中文，或按 Accept-Language 为英文）',
    },
    'PUT /api/v1/exchange/resources/{id}/upstream': { zh: '登记或替换提供部门提供本资源记录的接口地址' },
    'GET /api/v1/exchange/resources/{id}/upstream': {
      zh: '已登记的接口地址（不含认证头）及其在本实例的熔断状态',
    },
    'DELETE /api/v1/exchange/resources/{id}/upstream': { zh: '停止转发：重新由平台存储提供数据' },
    'POST /api/v1/exchange/resources/{id}/records/file': {
      zh: '从 CSV 文件上报记录（UTF-8，首行为信息项名称），分批写入',
      description: {
        zh: '请求体为 CSV 文件本身（text/csv，最大 50 MB）。每批全部成功或全部不存，首条错误记录即停止导入。无论结果均返回 200：complete、出错前已存入的批次、problems [{row, record, item, reason}] 及下次续传用的 resumeSkip。dryRun=true 时逐行校验而不存储。mode=merge（默认）：无对应列（或留空）的信息项保留原值，空单元格清空；mode=replace：每个信息项都须有列，缺项的记录计为问题行。',
      },
    },
    'GET /api/v1/exchange/freshness': {
      zh: '管辖范围内各资源的第十八条时效：以工作日计的延迟、迟报、逾期周期、未申报变更时间',
    },
    'GET /api/v1/exchange/resources/{id}/freshness': { zh: '一个资源的时效及最近的迟报' },
  },
}
