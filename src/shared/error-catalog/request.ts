import type { ErrorSpec } from '../errors.js'

/** Request shape: what the HTTP layer refuses before any module sees the request. */
export const REQUEST_ERRORS = {
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
  REQUEST_HEADER_TOO_LARGE: {
    status: 431,
    zh: '请求头过大',
    en: 'The request headers are too large',
  },
  REQUEST_TIMEOUT: { status: 408, zh: '请求超时', en: 'The request took too long to arrive' },
} as const satisfies Record<string, ErrorSpec>
