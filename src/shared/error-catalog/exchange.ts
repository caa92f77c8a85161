import type { ErrorSpec } from '../errors.js'

/** Exchange (Art. 9, 18, 20, 29, 32-33): ingest, reads under a grant, upstream systems, zones. */
export const EXCHANGE_ERRORS = {
  EXCHANGE_INVALID_RECORD: {
    status: 400,
    zh: '数据记录不符合资源的信息项定义，本批次均未保存',
    en: 'A record does not fit the resource’s items; nothing of the batch was stored',
  },
  EXCHANGE_RECORD_NOT_FOUND: { status: 404, zh: '没有该主键的记录', en: 'No record has this key' },
  // issue 11: access modes, budgets, enumeration defence, case references
  EXCHANGE_MODE_NOT_GRANTED: {
    status: 403,
    zh: '该授权的使用方式不允许此类查询',
    en: "The grant's access mode does not allow this kind of read",
  },
  EXCHANGE_BATCH_LIMIT: {
    status: 400,
    zh: '一次查询的主键数量超过该授权允许的上限',
    en: 'More keys in one call than the grant allows',
  },
  EXCHANGE_QUOTA_EXCEEDED: {
    status: 429,
    zh: '该授权今日的查询额度已用完',
    en: "The grant's reads for today are used up",
  },
  EXCHANGE_READS_SUSPENDED: {
    status: 429,
    zh: '查询的主键大多不存在，疑似遍历，今日已暂停该授权的查询并通报安全管理员',
    en: 'Most keys asked matched no record (suspected enumeration): reads are suspended for today and security was told',
  },
  EXCHANGE_CASE_REF_REQUIRED: {
    status: 400,
    zh: '查询个人信息须填写所办理事项的编号（caseRef）',
    en: 'Reads of personal data must name the case they serve (caseRef)',
  },
  EXCHANGE_VERIFY_ITEM_NOT_GRANTED: {
    status: 400,
    zh: '核验的信息项不在授权范围内',
    en: 'An item to verify is not granted',
  },
  EXCHANGE_EXPORT_TOO_LARGE: {
    status: 400,
    zh: '导出的记录过多，请加筛选条件',
    en: 'Too many records to export; add filters',
  },
  EXCHANGE_RESOURCE_NOT_PUBLISHED: {
    status: 409,
    zh: '资源尚未发布或已撤销，不能接收数据',
    en: 'The resource is not published (or was withdrawn): it takes no data',
  },
  EXCHANGE_FILTER_NOT_ALLOWED: {
    status: 400,
    zh: '只能按已授权的非敏感信息项筛选',
    en: 'Filters are allowed only on granted items that are not personal data',
  },
  EXCHANGE_FILE_UNREADABLE: {
    status: 400,
    zh: '数据文件无法读取：须为 UTF-8 编码的 CSV 文件或 Excel 工作簿（.xlsx）',
    en: 'The data file cannot be read: send a UTF-8 CSV file or an Excel workbook (.xlsx)',
  },
  EXCHANGE_FILE_HEADER_INVALID: {
    status: 400,
    zh: '数据文件的标题行不符合要求：每列须为资源的一个信息项且不重复，并须包含主键信息项',
    en: 'The header row must name items of the resource, each once, the key item(s) included',
  },
  EXCHANGE_UPSTREAM_NOT_FOUND: {
    status: 404,
    zh: '该资源没有登记提供部门的接口地址',
    en: 'No upstream endpoint is registered for this resource',
  },
  EXCHANGE_UPSTREAM_UNSUPPORTED: {
    status: 409,
    zh: '该资源由提供部门系统实时提供，不支持分页列表或历史查询，请按主键查询',
    en: 'This resource is served live by the provider’s system: no paging or as-of reads, ask by key',
  },
  EXCHANGE_UPSTREAM_TIMEOUT: {
    status: 504,
    zh: '提供部门系统未在规定时间内响应',
    en: 'The provider’s system did not answer in time',
  },
  EXCHANGE_UPSTREAM_FAILED: {
    status: 502,
    zh: '提供部门系统返回错误或无效数据',
    en: 'The provider’s system answered with an error or invalid data',
  },
  EXCHANGE_UPSTREAM_HOST_NOT_ALLOWED: {
    status: 400,
    zh: '该接口地址的主机不在平台允许的提供部门系统主机名单中，请联系大数据管理局登记',
    en: 'This host is not on the platform’s list of providers’ systems; ask the bureau to add it',
  },
  EXCHANGE_UPSTREAM_UNAVAILABLE: {
    status: 503,
    zh: '提供部门系统连续失败，已暂停转发，请稍后再试',
    en: 'The provider’s system failed repeatedly; calls to it are paused, try again later',
  },
  // issue 11: ingest and freshness
  EXCHANGE_SOURCE_TIME_IN_FUTURE: {
    status: 400,
    zh: '数据源变更时间（sourceChangedAt）晚于当前时间（允许 5 分钟时钟误差），请核对提供部门系统时钟',
    en: 'The source change time (sourceChangedAt) lies in the future (5 minutes of clock skew allowed); check the provider system’s clock',
  },
  ZONE_FORBIDDEN: {
    status: 403,
    zh: '该资源属于政务内网，本实例（政务外网）不提供',
    en: 'This resource belongs to the internal network; this instance does not serve it',
  },
} as const satisfies Record<string, ErrorSpec>
