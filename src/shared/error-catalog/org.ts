import type { ErrorSpec } from '../errors.js'

/** Authentication, permission (Art. 28-29) and organisation (Art. 2-4). */
export const ORG_ERRORS = {
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
} as const satisfies Record<string, ErrorSpec>
