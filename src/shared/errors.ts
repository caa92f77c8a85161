/**
 * The one error type of govshare and the catalog of its stable codes.
 * Codes are a promise to departments' systems (API-CONTRACT.md): never rename one once released.
 */

export interface ErrorSpec {
  status: number
  zh: string
  en: string
}

export const ERROR_CATALOG = {
  // Request shape
  VALIDATION_FAILED: { status: 400, zh: '请求参数不符合要求', en: 'The request is not valid' },
  REQUEST_MALFORMED: { status: 400, zh: '请求体无法解析', en: 'The request body cannot be parsed' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型，请使用 application/json',
    en: 'Unsupported content type; send application/json',
  },
  URI_TOO_LONG: { status: 414, zh: '请求地址或参数过长', en: 'The request URI or a parameter is too long' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  NOT_FOUND: { status: 404, zh: '请求的地址或对象不存在', en: 'No such route or object' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该请求方法', en: 'Method not allowed' },
  INTERNAL_ERROR: {
    status: 500,
    zh: '服务器内部错误，请凭请求编号联系平台运维',
    en: 'Internal error; quote the request id to the platform operators',
  },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },

  // Authentication and permission (Art. 28-29)
  AUTH_REQUIRED: { status: 401, zh: '请先登录或提供有效令牌', en: 'Sign in or present a valid token' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_LOCKED: {
    status: 423,
    zh: '连续登录失败次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many failed sign-ins: the account is locked for a while',
  },
  AUTH_WEAK_PASSWORD: {
    status: 400,
    zh: '密码不符合安全策略：长度不足、字符类别不足三类、属于常见密码、包含用户名或与近期密码相同（详见 details）',
    en: 'The password breaks the policy: too short, fewer than 3 character classes, a common password, contains the username, or reuses a recent one (see details)',
  },
  AUTH_ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
  // issue 13: sign-in defences
  AUTH_SECOND_FACTOR_REQUIRED: {
    status: 401,
    zh: '该账号须输入动态验证码（或恢复码）',
    en: 'This account needs its one-time code (or a recovery code)',
  },
  AUTH_SECOND_FACTOR_INVALID: {
    status: 401,
    zh: '动态验证码错误、已过期或已被使用',
    en: 'The one-time code is wrong, expired or already used',
  },
  AUTH_SECOND_FACTOR_ENROLMENT_REQUIRED: {
    status: 403,
    zh: '请先绑定动态验证码（双因素认证）后再使用平台',
    en: 'Set up your one-time code (second factor) before using the platform',
  },
  AUTH_SECOND_FACTOR_NOT_PENDING: {
    status: 409,
    zh: '没有待确认的动态验证码绑定，请重新开始绑定',
    en: 'No second-factor set-up is waiting for confirmation; start again',
  },
  AUTH_SECOND_FACTOR_ALREADY_ENROLLED: {
    status: 409,
    zh: '已绑定动态验证码；如需更换请联系安全管理员重置',
    en: 'A second factor is already set up; ask a security officer to reset it',
  },
  AUTH_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码或已过期的密码',
    en: 'Change your initial or expired password first',
  },
  AUTH_RATE_LIMITED: {
    status: 429,
    zh: '失败尝试过多，请稍后再试',
    en: 'Too many failed attempts; try again later',
  },
  AUTH_ADDRESS_NOT_ALLOWED: {
    status: 403,
    zh: '该接口客户端不允许从此地址访问',
    en: 'This API client may not be used from this address',
  },
  ORG_CLIENT_NOT_FOUND: { status: 404, zh: '接口客户端不存在', en: 'No such API client' },
  FORBIDDEN: { status: 403, zh: '无权执行该操作', en: 'You are not allowed to do this' },

  // Organisation (Art. 2-4)
  ORG_INVALID_CODE: {
    status: 400,
    zh: '统一社会信用代码无效（GB 32100-2015 校验失败）',
    en: 'Invalid unified social credit code (GB 32100-2015 check failed)',
  },
  ORG_DUPLICATE_CODE: {
    status: 409,
    zh: '该统一社会信用代码已被其他部门使用',
    en: 'Another department already has this code',
  },
  ORG_INVALID_PARENT: {
    status: 400,
    zh: '上级部门不符合层级要求（乡镇须隶属于县区）',
    en: 'The parent department does not fit the level (a township needs a county parent)',
  },
  ORG_DEPARTMENT_NOT_FOUND: { status: 404, zh: '部门不存在', en: 'No such department' },
  ORG_DUPLICATE_USERNAME: { status: 409, zh: '用户名已存在', en: 'The username is taken' },
  ORG_ROLE_NOT_ALLOWED: {
    status: 400,
    zh: '该角色不能授予此部门的用户或接口客户端',
    en: 'This role cannot be given to a user or API client of this department',
  },
  // issue 13: roles and upkeep
  ORG_ROLES_EXCLUSIVE: {
    status: 400,
    zh: '这些角色不能由同一账号兼任（系统管理员、安全管理员、审计管理员三员分立）',
    en: 'These roles cannot be held by one account (system, security and audit administrators are separate)',
  },
  ORG_SELF_CHANGE: {
    status: 403,
    zh: '不能更改自己账号的角色或状态',
    en: 'You cannot change the roles or status of your own account',
  },
  ORG_USER_NOT_FOUND: { status: 404, zh: '用户不存在', en: 'No such user' },
  REQUEST_HEADER_TOO_LARGE: {
    status: 431,
    zh: '请求头过大',
    en: 'The request headers are too large',
  },
  REQUEST_TIMEOUT: { status: 408, zh: '请求超时', en: 'The request took too long to arrive' },
  REPORT_NOT_SUBMITTED: {
    status: 409,
    zh: '只有已报送的年度报告才能退回',
    en: 'Only a submitted annual report can be returned',
  },

  // Catalog (Art. 10-19)
  CATALOG_LEGAL_BASIS_REQUIRED: {
    status: 400,
    zh: '有条件共享或不予共享的资源必须注明法律、行政法规或党中央、国务院政策依据',
    en: 'A conditional or none share type needs its legal basis (law, regulation or central policy)',
  },
  CATALOG_BASE_MUST_BE_UNCONDITIONAL: {
    status: 400,
    zh: '基础信息资源必须无条件共享',
    en: 'Base resources must be shared unconditionally',
  },
  CATALOG_KEY_REQUIRED: {
    status: 400,
    zh: '至少须有一个信息项标记为主键',
    en: 'At least one item must be a key item',
  },
  CATALOG_DUPLICATE_ITEM: {
    status: 400,
    zh: '同一资源中信息项名称重复',
    en: 'Two items of the resource have the same name',
  },
  CATALOG_THEME_MISMATCH: {
    status: 400,
    zh: '主题与资源分类不符（基础类须选基础主题，主题类须选主题领域）',
    en: 'The theme does not fit the category (base themes for base resources, topics for theme resources)',
  },
  CATALOG_CLASS_NOT_FOUND: { status: 400, zh: '资源分类代码不存在', en: 'No such catalog class code' },
  CATALOG_CLASS_EXISTS: { status: 409, zh: '该资源分类代码已存在', en: 'This class code exists already' },
  CATALOG_CLASS_MISMATCH: {
    status: 400,
    zh: '资源分类代码与资源分类不符',
    en: 'The class code does not belong to the resource category',
  },
  CATALOG_NOT_LEAD_DEPARTMENT: {
    status: 403,
    zh: '基础信息资源和主题信息资源只能由大数据管理部门指定的牵头部门编制',
    en: 'Only the lead department assigned by the bureau may catalog this base or theme resource',
  },
  CATALOG_AUTHORITATIVE_ITEM_EXISTS: {
    status: 409,
    zh: '该信息项已有权威来源部门，请引用权威信息项（一数一源）',
    en: 'This item already has an authoritative source: reference it (one data, one source)',
  },
  CATALOG_AUTHORITATIVE_REFERENCE_INVALID: {
    status: 400,
    zh: '引用的权威信息项不存在或不是权威项',
    en: 'The referenced authoritative item does not exist or is not authoritative',
  },
  CATALOG_RESOURCE_NOT_FOUND: { status: 404, zh: '资源不存在', en: 'No such resource' },
  CATALOG_ITEM_NOT_FOUND: { status: 404, zh: '信息项不存在', en: 'No such item' },
  CATALOG_INVALID_STATE: {
    status: 409,
    zh: '资源当前状态不允许该操作',
    en: 'The resource is not in a state that allows this',
  },
  CATALOG_IMPORT_INVALID: {
    status: 400,
    zh: '导入文件有错误行，未保存任何内容',
    en: 'The import has bad rows; nothing was stored',
  },
  // Codes of the cells an Excel import names in CATALOG_IMPORT_INVALID's details.problems.
  CATALOG_IMPORT_FILE_UNREADABLE: {
    status: 400,
    zh: '导入文件不是有效的 Excel 工作簿（.xlsx）',
    en: 'The file is not a valid Excel workbook (.xlsx)',
  },
  CATALOG_IMPORT_TEMPLATE_MISMATCH: {
    status: 400,
    zh: '导入文件不符合目录模板：缺少工作表或必需的列',
    en: 'The file does not follow the catalog template: a sheet or a required column is missing',
  },
  CATALOG_IMPORT_EMPTY: { status: 400, zh: '导入文件中没有任何资源行', en: 'The file has no resource rows' },
  CATALOG_IMPORT_CELL_REQUIRED: { status: 400, zh: '必填单元格为空', en: 'A required cell is empty' },
  CATALOG_IMPORT_CELL_UNKNOWN_VALUE: {
    status: 400,
    zh: '单元格的取值不在可选列表中',
    en: 'The cell holds a value that is not in its list',
  },
  CATALOG_IMPORT_CELL_INVALID: {
    status: 400,
    zh: '单元格内容不符合要求（长度、格式或数值）',
    en: 'The cell does not fit its length, format or range',
  },
  CATALOG_IMPORT_ITEM_ORPHAN: {
    status: 400,
    zh: '信息项行没有对应的资源行',
    en: 'The item row points at no resource row',
  },
  CATALOG_IMPORT_NO_ITEMS: { status: 400, zh: '资源没有任何信息项', en: 'The resource has no items' },
  CATALOG_IMPORT_DUPLICATE_ROW: {
    status: 400,
    zh: '资源序号或资源代码在文件中重复',
    en: 'The row number or resource code appears twice in the file',
  },
  CATALOG_PROJECT_NOT_FOUND: { status: 404, zh: '信息化项目不存在', en: 'No such IT project' },
  CATALOG_PROJECT_NO_CATALOG: {
    status: 409,
    zh: '信息化项目须先编制政务信息资源目录，方可审批',
    en: 'An IT project needs its resource catalog compiled before approval',
  },
  CATALOG_PROJECT_NOT_READY: {
    status: 409,
    zh: '项目的信息资源尚未全部发布到共享平台，不能验收',
    en: 'Not all of the project’s resources are published on the platform: it cannot be accepted',
  },
  CATALOG_COMMENT_REQUIRED: { status: 400, zh: '退回时必须填写审核意见', en: 'A return needs a comment' },

  // Sharing (Art. 12, 24, 25, 32)
  SHARING_NOT_SHAREABLE: { status: 403, zh: '该资源不予共享', en: 'This resource is not shared' },
  SHARING_RESOURCE_NOT_FOUND: {
    status: 404,
    zh: '共享目录中没有该资源',
    en: 'No such resource in the sharing catalog',
  },
  SHARING_OWN_RESOURCE: {
    status: 400,
    zh: '不能申请本部门自己的资源',
    en: 'A department cannot apply for its own resource',
  },
  SHARING_UNKNOWN_ITEM: {
    status: 400,
    zh: '申请的信息项不属于该资源',
    en: 'An item asked for is not in the resource',
  },
  SHARING_DUPLICATE_REQUEST: {
    status: 409,
    zh: '已有相同信息项的待处理申请',
    en: 'A pending request for the same items exists already',
  },
  SHARING_INVALID_PERIOD: {
    status: 400,
    zh: '有效期不能早于今天',
    en: 'The validity cannot end before today',
  },
  SHARING_REQUEST_NOT_FOUND: { status: 404, zh: '共享申请不存在', en: 'No such sharing request' },
  SHARING_ALREADY_DECIDED: { status: 409, zh: '该申请已处理', en: 'The request has been decided already' },
  SHARING_REASON_REQUIRED: { status: 400, zh: '拒绝共享必须说明理由', en: 'A refusal needs its reason' },
  SHARING_ITEMS_NOT_REQUESTED: {
    status: 400,
    zh: '批准的信息项必须是申请的信息项',
    en: 'Approved items must be among the requested items',
  },
  SHARING_NOT_DISPUTABLE: {
    status: 409,
    zh: '只有被拒绝、部分批准或逾期未答复的申请可以提请协调',
    en: 'Only a refusal, a partial approval or an overdue request can be disputed',
  },
  SHARING_DISPUTE_NOT_OPEN: { status: 409, zh: '没有待协调的争议', en: 'There is no open dispute' },
  // issue 11: access modes and row scopes
  SHARING_MODE_NOT_REQUESTED: {
    status: 400,
    zh: '批准的使用方式超出了申请的范围',
    en: 'The access mode approved is wider than the one requested',
  },
  SHARING_BULK_REASON_REQUIRED: {
    status: 400,
    zh: '对含个人信息的资源批准批量使用，必须说明理由',
    en: 'Granting bulk access to a resource with personal items needs a reason',
  },
  SHARING_ROW_SCOPE_INVALID: {
    status: 400,
    zh: '行范围须为资源中非个人信息的信息项及其取值',
    en: 'A row scope names a non-personal item of the resource and its values',
  },
  GRANT_NOT_FOUND: { status: 404, zh: '共享授权不存在', en: 'No such grant' },
  GRANT_NOT_LIVE: { status: 409, zh: '共享授权已失效', en: 'The grant is not live' },
  GRANT_REQUIRED: {
    status: 403,
    zh: '本部门没有该资源的有效共享授权',
    en: 'Your department holds no live grant for this resource',
  },

  // Exchange (Art. 9, 18, 20, 29, 32-33)
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
  AUDIT_UNAVAILABLE: {
    status: 503,
    zh: '访问日志暂时无法写入，为保证可追溯，本次查询未返回数据',
    en: 'The access log cannot be written right now, so no data was returned',
  },

  // Audit (Art. 27, 29)
  AUDIT_IMMUTABLE: { status: 409, zh: '审计日志不可修改或删除', en: 'Audit entries cannot be changed' },
  // issue 12: audit writer
  AUDIT_WRITE_FAILED: {
    status: 503,
    zh: '审计日志暂时无法写入，为保证可追溯，本次操作未执行，请稍后重试',
    en: 'The audit log cannot be written right now, so nothing was done; try again later',
  },
  // issue 12: checkpoints and proofs
  AUDIT_CHECKPOINT_NOT_FOUND: {
    status: 404,
    zh: '没有该树大小的已签名检查点',
    en: 'There is no signed checkpoint of that tree size',
  },
  AUDIT_PROOF_OUT_OF_RANGE: {
    status: 400,
    zh: '证明的范围超出最新已签名检查点，或起止序号无效',
    en: 'The proof reaches past the latest signed checkpoint, or its bounds are invalid',
  },
  AUDIT_CHECKPOINT_REFUSED: {
    status: 409,
    zh: '审计日志与上一检查点不一致，拒绝签发新检查点，请运行 govshare audit verify',
    en: 'The audit log does not extend the last checkpoint, so no new checkpoint is signed; run govshare audit verify',
  },

  // Working-day calendar
  CALENDAR_INVALID_DATE: { status: 400, zh: '日期无效，应为 YYYY-MM-DD', en: 'Invalid date; use YYYY-MM-DD' },
  CALENDAR_OUT_OF_RANGE: {
    status: 400,
    zh: '日期或天数超出日历支持范围',
    en: 'The date or number of days is outside the calendar range',
  },
  CALENDAR_INVALID_FILE: {
    status: 400,
    zh: '节假日安排文件格式错误',
    en: 'The holiday schedule file is not valid',
  },
  CALENDAR_INVALID_SCHEDULE: {
    status: 400,
    zh: '节假日安排无效：日期须为该年内的真实日期且不得重复',
    en: 'The holiday schedule is not valid: each date must be a real date of that year, listed once',
  },
  CALENDAR_OVERRIDE_NOT_FOUND: {
    status: 404,
    zh: '该日期没有自定义安排',
    en: 'No bureau entry for this date',
  },

  // Notifications
  NOTIFICATION_NOT_FOUND: { status: 404, zh: '通知不存在', en: 'No such notification' },

  // Supervision: statistics, evaluation, annual reports (Art. 27, 34-35, 39)
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

  // Data quality: objections (Art. 26) and consistency checks (Art. 16-17)
  QUALITY_RECORD_NOT_FOUND: {
    status: 404,
    zh: '没有该主键的记录，无法提出异议',
    en: 'No record has this key, so there is nothing to object to',
  },
  QUALITY_UNKNOWN_ITEM: {
    status: 400,
    zh: '信息项不属于该资源，或不在本部门的共享授权范围内',
    en: 'The item is not in the resource, or not granted to your department',
  },
  QUALITY_DUPLICATE_OBJECTION: {
    status: 409,
    zh: '本部门对该记录（信息项）已有待核实的异议',
    en: 'Your department already has an open objection on this record (item)',
  },
  QUALITY_OBJECTION_NOT_FOUND: { status: 404, zh: '异议不存在', en: 'No such objection' },
  QUALITY_ALREADY_ANSWERED: {
    status: 409,
    zh: '该异议已答复',
    en: 'The objection has been answered already',
  },
  QUALITY_REASON_REQUIRED: {
    status: 400,
    zh: '确认数据无误时必须说明理由',
    en: 'Confirming the record as correct needs a reason',
  },
  QUALITY_NOT_CORRECTED: {
    status: 409,
    zh: '异议提出后该记录未更新：请先通过数据接入更正记录，再答复已更正',
    en: 'The record has not changed since the objection: load the corrected record, then answer corrected',
  },
  QUALITY_CHECK_NOT_FOUND: { status: 404, zh: '比对规则不存在', en: 'No such consistency check' },
  QUALITY_CHECK_INVALID: {
    status: 400,
    zh: '比对规则无效：须比对两个不同的已发布资源中存在的信息项',
    en: 'A check compares existing items of two different published resources',
  },
  QUALITY_CHECK_KEY_MISMATCH: {
    status: 400,
    zh: '关联项须为各自资源的唯一主键，且两侧为同类数据',
    en: 'Each key item must be its resource’s only key item, and both of the same kind',
  },
  QUALITY_RUN_IN_PROGRESS: {
    status: 409,
    zh: '该比对正在运行，请稍后再试',
    en: 'This check is running right now; try again later',
  },

  // Oversight (Art. 30-31, 40)
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

  // issue 12: audit search
  AUDIT_SEARCH_BAD_RANGE: {
    status: 400,
    zh: '起始日期晚于结束日期',
    en: 'The start date is after the end date',
  },
  AUDIT_EXPORT_TOO_LARGE: {
    status: 400,
    zh: '导出的日志条目过多，请缩小检索范围后再导出',
    en: 'Too many log entries to export; narrow the search first',
  },
} as const satisfies Record<string, ErrorSpec>

export type ErrorCode = keyof typeof ERROR_CATALOG
export type Lang = 'zh-CN' | 'en'

export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly details: unknown

  constructor(code: ErrorCode, details?: unknown) {
    const spec: ErrorSpec = ERROR_CATALOG[code]
    super(`${code}: ${spec.en}`)
    this.name = 'AppError'
    this.code = code
    this.status = spec.status
    this.details = details
  }

  messageIn(lang: Lang): string {
    const spec: ErrorSpec = ERROR_CATALOG[this.code]
    return lang === 'en' ? spec.en : spec.zh
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}

/** zh-CN unless the caller asks for English first (Accept-Language: en…). */
export function languageOf(acceptLanguage: string | undefined): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'zh-CN'
}
