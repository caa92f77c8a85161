/** The organisation module's words in the API reference (decisions §48; English: routes.ts). */
import type { ApiDocs } from '../../shared/api-docs.js'

const DEPARTMENT_ID = '5ca1e192-d2d8-48c5-993c-1f34ac594d05'

export const orgApiDocs: ApiDocs = {
  params: {
    id: { zh: '用户、部门或 API 客户端的 ID', en: 'The user’s, department’s or API client’s id' },
  },
  operations: {
    'POST /api/v1/auth/login': {
      zh: '用户名密码登录',
      description: {
        zh: '返回的 token 用于之后每个请求的 Authorization: Bearer 头。连续 5 次失败后账号锁定至少 15 分钟（423 AUTH_LOCKED）。',
        en: 'Send the token as `Authorization: Bearer <token>` on every later call. After 5 failures in a row the account is locked for at least 15 minutes (423 AUTH_LOCKED).',
      },
      request: { username: 'civil_consumer', password: 'Civil#2026demo' },
      responses: {
        200: {
          token: 'q0WqIzK7hLfunD10HhNWa1WNFdIpbv_uTnS7pgma9Os',
          expiresAt: '2026-12-06T16:28:11.539+08:00',
          user: {
            id: '4ba8a70d-ba40-4f18-8691-c7b75e1aac22',
            username: 'civil_consumer',
            displayName: '叶红刚',
            departmentId: DEPARTMENT_ID,
            roles: ['consumer'],
            mustChangePassword: false,
          },
          secondFactor: 'none',
        },
        401: { error: { code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' } },
      },
    },
    'POST /api/v1/auth/logout': { zh: '退出本次会话' },
    'POST /api/v1/auth/token': {
      zh: '部门业务系统以客户端凭据换取访问令牌',
      description: {
        zh: '客户端由部门管理员在 POST /api/v1/clients 注册，密钥只显示一次。令牌在 expiresIn 秒后失效，届时重新换取。客户端代表其部门，拥有注册时给定的角色（默认 cataloger 与 consumer）。',
        en: 'A department admin registers the client with POST /api/v1/clients (the secret is shown once). The token expires after `expiresIn` seconds: ask for a new one then. The client acts for its department with the roles it was given (default cataloger and consumer).',
      },
      request: { clientId: 'gs-7Hq2kM9xT4vBn3Wp', clientSecret: 'demo-secret-3f9a1c7e5b2d4a6c8e0f' },
      responses: {
        200: {
          accessToken: 'Q3vN8xK2-pL7mR4tY9wE1aZ6cB0dF5gH3jS8uI2oP7k',
          tokenType: 'Bearer',
          expiresIn: 3600,
        },
        401: { error: { code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' } },
      },
    },
    'POST /api/v1/auth/password': { zh: '修改本人密码' },
    'GET /api/v1/auth/me': { zh: '当前登录者是谁' },
    'GET /api/v1/auth/security': { zh: '本人的第二因素、本会话须先完成的事项及密码策略' },
    'POST /api/v1/auth/mfa/enrol': { zh: '开始绑定第二因素：TOTP 密钥及二维码（只显示一次）' },
    'POST /api/v1/auth/mfa/confirm': { zh: '以首个动态码确认绑定，返回恢复码（只显示一次）' },
    'POST /api/v1/departments': { zh: '创建部门（市级、县级或乡镇）' },
    'GET /api/v1/departments': { zh: '部门目录' },
    'GET /api/v1/departments/{id}': { zh: '查看一个部门' },
    'POST /api/v1/users': { zh: '在管辖范围内的部门创建用户' },
    'GET /api/v1/users': { zh: '管辖范围内的用户' },
    'POST /api/v1/users/{id}/disable': { zh: '停用用户：拒绝登录，其会话立即结束' },
    'POST /api/v1/users/{id}/enable': { zh: '重新启用已停用的用户' },
    'POST /api/v1/users/{id}/unlock': { zh: '解除登录锁定' },
    'POST /api/v1/users/{id}/password-reset': { zh: '设置临时密码（只显示一次），下次登录须修改' },
    'PUT /api/v1/users/{id}/roles': { zh: '替换用户角色（互斥组合会被拒绝，见 docs/roles.md）' },
    'GET /api/v1/users/{id}/sign-ins': { zh: '用户的登录及失败记录，最新在前（取自审计日志）' },
    'POST /api/v1/users/{id}/mfa/reset': { zh: '移除用户的第二因素（设备丢失）并结束其会话，记入日志' },
    'POST /api/v1/clients': {
      zh: '为部门业务系统注册 API 客户端（密钥只显示一次）',
      request: { name: '民政局低保核对系统', departmentId: DEPARTMENT_ID, roles: ['consumer'] },
    },
    'GET /api/v1/clients': { zh: '管辖范围内的 API 客户端' },
    'GET /api/v1/clients/{id}': { zh: '查看一个 API 客户端及其地址白名单和最近一次密钥轮换' },
    'POST /api/v1/clients/{id}/rotate-secret': { zh: '生成新密钥（只显示一次），旧密钥及其令牌立即失效' },
    'POST /api/v1/clients/{id}/revoke': { zh: '永久吊销客户端，其令牌立即失效' },
    'PUT /api/v1/clients/{id}/allowed-addresses': { zh: '客户端允许调用的地址（CIDR）；null 表示不限' },
  },
}
