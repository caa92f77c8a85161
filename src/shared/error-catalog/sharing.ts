import type { ErrorSpec } from '../errors.js'

/** Sharing (Art. 12, 24, 25, 32): requests, decisions, disputes, grants. */
export const SHARING_ERRORS = {
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
} as const satisfies Record<string, ErrorSpec>
