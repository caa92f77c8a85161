/**
 * Issue 12: the catalog of every action the platform writes to the audit log, with its label in
 * both languages and a category, so auditors read 「共享申请审批」 instead of `sharing.decide`;
 * issue 14: with the shape of its details (action-details.ts), which types every write
 * (`AuditEvent`). vocabulary.test.ts scans src/ and fails when code writes an action missing here.
 * No Node import: the portal imports this file as it is.
 */
import type { Static } from 'typebox'
import { ACTION_DETAILS } from './action-details.js'

export { ACTION_DETAILS } from './action-details.js'

/** The portal's and the server's two languages (as in shared/errors.ts, which is not imported here). */
type Lang = 'zh-CN' | 'en'

export const AUDIT_CATEGORIES = {
  account: { zh: '登录与账号', en: 'Sign-in and accounts' },
  catalog: { zh: '目录', en: 'Catalog' },
  sharing: { zh: '共享', en: 'Sharing' },
  exchange: { zh: '数据交换', en: 'Data exchange' },
  quality: { zh: '质量', en: 'Quality' },
  supervision: { zh: '监督', en: 'Supervision' },
  security: { zh: '安全', en: 'Security' },
  system: { zh: '系统', en: 'System' },
} as const

export type AuditCategory = keyof typeof AUDIT_CATEGORIES

interface ActionSpec {
  category: AuditCategory
  zh: string
  en: string
}

export const AUDIT_ACTIONS = {
  // Sign-in and accounts
  'auth.login': { category: 'account', zh: '登录', en: 'Signed in' },
  'auth.login_failed': { category: 'account', zh: '登录失败', en: 'Sign-in failed' },
  'auth.locked': { category: 'account', zh: '账号锁定', en: 'Account locked' },
  'auth.logout': { category: 'account', zh: '退出登录', en: 'Signed out' },
  'auth.password_change': { category: 'account', zh: '修改密码', en: 'Password changed' },
  'auth.token': { category: 'account', zh: '接口客户端取得令牌', en: 'API client token issued' },
  'auth.token_failed': {
    category: 'account',
    zh: '接口客户端认证失败',
    en: 'API client authentication failed',
  },
  'user.create': { category: 'account', zh: '创建用户', en: 'User created' },
  'user.disable': { category: 'account', zh: '停用用户', en: 'User disabled' },
  'user.enable': { category: 'account', zh: '启用用户', en: 'User enabled' },
  'user.unlock': { category: 'account', zh: '解锁用户', en: 'User unlocked' },
  'user.password_reset': { category: 'account', zh: '重置用户密码', en: 'User password reset' },
  'user.roles_change': { category: 'account', zh: '变更用户角色', en: 'User roles changed' },
  'client.create': { category: 'account', zh: '创建接口客户端', en: 'API client created' },
  'client.rotate_secret': { category: 'account', zh: '更换接口客户端密钥', en: 'API client secret rotated' },
  'client.revoke': { category: 'account', zh: '吊销接口客户端', en: 'API client revoked' },
  'client.allowed_addresses': {
    category: 'account',
    zh: '设置接口客户端允许地址',
    en: 'API client allowed addresses set',
  },
  'auth.mfa_enrol_start': {
    category: 'account',
    zh: '开始绑定双因素认证',
    en: 'Second-factor enrolment started',
  },
  'auth.mfa_enrolled': { category: 'account', zh: '绑定双因素认证', en: 'Second factor enrolled' },
  'auth.mfa_reset': { category: 'security', zh: '重置双因素认证', en: 'Second factor reset' },
  'audit.foreign_rows': {
    category: 'security',
    zh: '日志头之后的外来记录已隔离',
    en: 'Stray rows past the log head quarantined',
  },
  'department.create': { category: 'account', zh: '创建部门', en: 'Department created' },
  // Catalog
  'catalog.create': { category: 'catalog', zh: '编制目录', en: 'Resource drafted' },
  'catalog.update': { category: 'catalog', zh: '修改目录', en: 'Resource edited' },
  'catalog.submit': { category: 'catalog', zh: '提交目录审核', en: 'Resource submitted for review' },
  'catalog.publish': { category: 'catalog', zh: '发布目录', en: 'Resource published' },
  'catalog.return': { category: 'catalog', zh: '退回目录', en: 'Resource returned' },
  'catalog.withdraw': { category: 'catalog', zh: '撤回目录', en: 'Resource withdrawn' },
  'catalog.confirm': { category: 'catalog', zh: '年度确认目录', en: 'Resource confirmed for the year' },
  'catalog.legal_change': { category: 'catalog', zh: '登记法律依据变化', en: 'Legal basis change recorded' },
  'catalog.class_create': { category: 'catalog', zh: '新增目录分类', en: 'Catalog class created' },
  'catalog.class_rename': { category: 'catalog', zh: '修改目录分类名称', en: 'Catalog class renamed' },
  'catalog.lead_set': { category: 'catalog', zh: '指定牵头部门', en: 'Lead department set' },
  'catalog.authoritative_set': {
    category: 'catalog',
    zh: '指定权威数据项',
    en: 'Authoritative item set',
  },
  'catalog.synonym_set': { category: 'catalog', zh: '设置检索同义词', en: 'Search synonym set' },
  'catalog.synonym_delete': { category: 'catalog', zh: '删除检索同义词', en: 'Search synonym deleted' },
  'catalog.element_create': { category: 'catalog', zh: '新增数据元', en: 'Data element created' },
  'catalog.element_update': { category: 'catalog', zh: '修改数据元', en: 'Data element changed' },
  'it_project.create': { category: 'catalog', zh: '登记信息化项目', en: 'IT project registered' },
  'it_project.approve': { category: 'catalog', zh: '批复信息化项目', en: 'IT project approved' },
  'it_project.resources': { category: 'catalog', zh: '登记项目资源', en: 'IT project resources listed' },
  'it_project.accept': { category: 'catalog', zh: '验收信息化项目', en: 'IT project accepted' },
  // Sharing
  'sharing.request': { category: 'sharing', zh: '提交共享申请', en: 'Sharing requested' },
  'sharing.decide': { category: 'sharing', zh: '审批共享申请', en: 'Sharing request decided' },
  'sharing.dispute': { category: 'sharing', zh: '提出共享争议', en: 'Sharing decision disputed' },
  'sharing.arbitrate': { category: 'sharing', zh: '裁决共享争议', en: 'Dispute arbitrated' },
  'sharing.overdue': { category: 'sharing', zh: '共享申请超期', en: 'Sharing request overdue' },
  'grant.create': { category: 'sharing', zh: '授权共享', en: 'Grant created' },
  'grant.revoke': { category: 'sharing', zh: '撤销授权', en: 'Grant revoked' },
  'grant.limit': { category: 'sharing', zh: '调整授权限额', en: 'Grant limit changed' },
  'grant.items_dropped': {
    category: 'sharing',
    zh: '授权数据项随目录变更移除',
    en: 'Grant items dropped with a catalog change',
  },
  // Data exchange
  'exchange.read': { category: 'exchange', zh: '查询数据', en: 'Data read' },
  'exchange.denied': { category: 'exchange', zh: '拒绝数据查询', en: 'Data read refused' },
  'exchange.ingest': { category: 'exchange', zh: '上报数据', en: 'Data ingested' },
  'exchange.delete': { category: 'exchange', zh: '删除数据', en: 'Data deleted' },
  'exchange.settings': { category: 'exchange', zh: '设置查询规则', en: 'Exchange settings changed' },
  'exchange.key_readers': {
    category: 'exchange',
    zh: '查询个人数据被查记录',
    en: 'Who-read-this-record query',
  },
  'exchange.upstream_register': {
    category: 'exchange',
    zh: '登记前置接口',
    en: 'Upstream endpoint registered',
  },
  'exchange.upstream_change': { category: 'exchange', zh: '修改前置接口', en: 'Upstream endpoint changed' },
  'exchange.upstream_remove': { category: 'exchange', zh: '删除前置接口', en: 'Upstream endpoint removed' },
  // Quality
  'quality.objection.raise': { category: 'quality', zh: '提出数据异议', en: 'Data objection raised' },
  'quality.objection.answer': { category: 'quality', zh: '答复数据异议', en: 'Data objection answered' },
  'quality.check.create': { category: 'quality', zh: '新建一致性比对', en: 'Consistency check created' },
  'quality.check.run': { category: 'quality', zh: '运行一致性比对', en: 'Consistency check run' },
  'quality.settings.update': { category: 'quality', zh: '修改质量设置', en: 'Quality settings changed' },
  // Supervision
  'evaluation.weights_set': { category: 'supervision', zh: '设置考核权重', en: 'Evaluation weights set' },
  'report.annual.generate': { category: 'supervision', zh: '生成年度报告', en: 'Annual report generated' },
  'report.annual.update': { category: 'supervision', zh: '修改年度报告', en: 'Annual report edited' },
  'report.annual.submit': { category: 'supervision', zh: '报送年度报告', en: 'Annual report submitted' },
  'report.annual.return': { category: 'supervision', zh: '退回年度报告', en: 'Annual report returned' },
  'oversight.notice.draft': {
    category: 'supervision',
    zh: '起草整改通知',
    en: 'Rectification notice drafted',
  },
  'oversight.notice.issue': {
    category: 'supervision',
    zh: '下发整改通知',
    en: 'Rectification notice issued',
  },
  'oversight.notice.respond': {
    category: 'supervision',
    zh: '答复整改通知',
    en: 'Rectification notice answered',
  },
  'oversight.notice.escalate': {
    category: 'supervision',
    zh: '整改通知升级',
    en: 'Rectification notice escalated',
  },
  'oversight.notice.close': {
    category: 'supervision',
    zh: '关闭整改通知',
    en: 'Rectification notice closed',
  },
  // Security
  'access.denied': { category: 'security', zh: '拒绝访问', en: 'Access refused' },
  'zone.refused': {
    category: 'security',
    zh: '拒绝跨网区数据（内网内容不进入外网实例）',
    en: 'Cross-zone content refused (nothing internal enters an external instance)',
  },
  'zone.export': { category: 'system', zh: '导出跨网交换包', en: 'Zone bundle exported' },
  'zone.import': { category: 'system', zh: '导入跨网交换包', en: 'Zone bundle imported' },
  'county.dry_run': {
    category: 'system',
    zh: '预演县级平台迁移',
    en: 'County platform migration planned (dry run)',
  },
  'county.batch': {
    category: 'system',
    zh: '迁移县级平台数据（批次）',
    en: 'County platform migration batch applied',
  },
  'grant.migrate': {
    category: 'sharing',
    zh: '县级平台迁移更新授权',
    en: 'Grant updated by a county platform migration',
  },
  'county.migrate': {
    category: 'system',
    zh: '完成县级平台迁移',
    en: 'County platform migration run finished',
  },
  'county.upload': {
    category: 'system',
    zh: '上传县级平台导出并预演',
    en: 'County platform export uploaded and planned',
  },
  'county.apply': {
    category: 'system',
    zh: '确认执行县级平台迁移',
    en: 'County platform migration confirmed and applied',
  },
  'county.refused': {
    category: 'system',
    zh: '拒绝县级平台迁移请求',
    en: 'County platform migration request refused',
  },
  'oversight.anomaly': { category: 'security', zh: '发现异常访问', en: 'Access anomaly detected' },
  'oversight.incident.report': { category: 'security', zh: '报告安全事件', en: 'Security incident reported' },
  'oversight.incident.close': { category: 'security', zh: '关闭安全事件', en: 'Security incident closed' },
  'audit.search_by_key': {
    category: 'security',
    zh: '按个人数据检索审计日志',
    en: 'Audit log searched by a record key',
  },
  'audit.export': { category: 'security', zh: '导出审计日志', en: 'Audit log exported' },
  // System
  'platform.bootstrap': { category: 'system', zh: '平台初始化', en: 'Platform bootstrapped' },
  'calendar.schedule.import': { category: 'system', zh: '导入节假日安排', en: 'Holiday schedule imported' },
  'calendar.override.set': { category: 'system', zh: '调整工作日', en: 'Working day override set' },
  'calendar.override.delete': {
    category: 'system',
    zh: '删除工作日调整',
    en: 'Working day override removed',
  },
  'notification.send': { category: 'system', zh: '发送通知', en: 'Notification sent' },
  'notification.read': { category: 'system', zh: '阅读通知', en: 'Notification read' },
  // Federation between platforms (Art. 21, 39; decisions §52)
  'federation.peer.create': { category: 'system', zh: '配置对接平台', en: 'Peer platform configured' },
  'federation.peer.update': { category: 'system', zh: '修改对接平台', en: 'Peer platform changed' },
  'federation.peer.state': {
    category: 'system',
    zh: '对接平台连通状态变化',
    en: 'Peer platform reachability changed',
  },
  'federation.refused': {
    category: 'security',
    zh: '拒绝对接平台消息（签名不符或未获允许）',
    en: 'Peer platform message refused (bad signature or not allowed)',
  },
  'federation.outbox.dead': {
    category: 'system',
    zh: '发往对接平台的消息停止重试',
    en: 'Message to a peer platform no longer retried',
  },
  'federation.outbox.requeue': {
    category: 'system',
    zh: '重新投递对接平台消息',
    en: 'Message to a peer platform requeued',
  },
  'federation.outbox.discard': {
    category: 'system',
    zh: '丢弃对接平台消息',
    en: 'Message to a peer platform discarded',
  },
  'federation.catalog.export': {
    category: 'catalog',
    zh: '向对接平台提供目录',
    en: 'Catalog sent to a peer platform',
  },
  'federation.catalog.import': {
    category: 'catalog',
    zh: '导入对接平台目录',
    en: 'Peer platform catalog imported',
  },
  'federation.request': { category: 'sharing', zh: '向上级平台申请共享', en: 'Applied to a peer platform' },
  'federation.read': {
    category: 'exchange',
    zh: '经对接平台查询数据',
    en: 'Data read through a peer platform',
  },
  'federation.report.send': {
    category: 'supervision',
    zh: '向上级平台报送年度报告',
    en: 'Annual report sent to the provincial platform',
  },
  'federation.report.receive': {
    category: 'supervision',
    zh: '收到下级平台年度报告',
    en: 'Annual report received from a city platform',
  },
  'federation.report.receipt': {
    category: 'supervision',
    zh: '收到年度报告回执',
    en: 'Annual report receipt received',
  },
} as const satisfies Record<string, ActionSpec>

export type AuditAction = keyof typeof AUDIT_ACTIONS

// Every action has a details shape and every shape an action: a missing or extra key fails here.
ACTION_DETAILS satisfies Record<AuditAction, unknown>
AUDIT_ACTIONS satisfies Record<keyof typeof ACTION_DETAILS, ActionSpec>

/**
 * What an entry of action A says in its details, as written and as served. An action without
 * details takes none (TypeBox's empty object is `object`, which would take any key).
 */
export type DetailsOf<A extends AuditAction> =
  Static<(typeof ACTION_DETAILS)[A]> extends infer D
    ? [keyof D] extends [never]
      ? Record<string, never>
      : D
    : never

interface EventBase {
  objectType?: string
  objectId?: string
  /** The acting department when it is not the actor's own (e.g. a failed login for a known user). */
  departmentId?: string | null
}

/** One entry to write: details may be left out only when the action has none required. */
export type AuditEventOf<A extends AuditAction> = EventBase & { action: A } & (Record<
    string,
    never
  > extends DetailsOf<A>
    ? { details?: DetailsOf<A> }
    : { details: DetailsOf<A> })

/** An entry to write, typed by its action: a misspelt or missing detail key is a compile error. */
export type AuditEvent = { [A in AuditAction]: AuditEventOf<A> }[AuditAction]

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action)
}

export function isAuditCategory(category: string): category is AuditCategory {
  return Object.hasOwn(AUDIT_CATEGORIES, category)
}

/** The action's label; an action this build does not know (an older or newer one) shows its code. */
export function actionLabel(action: string, lang: Lang): string {
  if (!isAuditAction(action)) {
    return action
  }
  const spec: ActionSpec = AUDIT_ACTIONS[action]
  return lang === 'en' ? spec.en : spec.zh
}

export function categoryOf(action: string): AuditCategory | null {
  return isAuditAction(action) ? AUDIT_ACTIONS[action].category : null
}

export function categoryLabel(category: AuditCategory, lang: Lang): string {
  return lang === 'en' ? AUDIT_CATEGORIES[category].en : AUDIT_CATEGORIES[category].zh
}

/** Every action of a category, for a filter by category (served by the (action, seq) index). */
export function actionsIn(category: AuditCategory): AuditAction[] {
  return actionCodes().filter((action) => AUDIT_ACTIONS[action].category === category)
}

export function actionCodes(): AuditAction[] {
  // Object.keys loses the key type; every key of AUDIT_ACTIONS is an AuditAction by construction.
  return Object.keys(AUDIT_ACTIONS) as AuditAction[]
}

/** The details shape of an action this build knows (the audit page lists the keys it declares). */
export function detailsSchemaOf(action: string): (typeof ACTION_DETAILS)[AuditAction] | undefined {
  return isAuditAction(action) ? ACTION_DETAILS[action] : undefined
}

/** The catalog as served at GET /audit/actions, both labels, in catalog order. */
export function actionCatalog() {
  return {
    categories: Object.entries(AUDIT_CATEGORIES).map(([code, label]) => ({
      code,
      zh: label.zh,
      en: label.en,
    })),
    actions: actionCodes().map((code) => ({ code, ...AUDIT_ACTIONS[code] })),
  }
}
