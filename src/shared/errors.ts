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
    zh: '密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'The password needs at least 8 characters and 3 of: upper case, lower case, digit, symbol',
  },
  AUTH_ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'The account is disabled' },
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

  // Audit (Art. 27, 29)
  AUDIT_IMMUTABLE: { status: 409, zh: '审计日志不可修改或删除', en: 'Audit entries cannot be changed' },

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
