/**
 * The one policy function (Art. 28-29): may this actor do this action on something that belongs to
 * this department? Role × action comes from RULES; department scope is the actor's own department,
 * or for a county's dept_admin its whole subtree (Art. 4); global roles reach every department.
 * Pure: callers pass the target department's materialised path.
 */
import { type Actor, ROLES, type Role } from './actor.js'
import { AppError } from './errors.js'

interface Rule {
  /** Roles that may act inside their own scope. */
  scoped: readonly Role[]
  /** Roles that may act on any department. */
  global: readonly Role[]
}

const EVERY_ROLE: readonly Role[] = ROLES

export const RULES = {
  'department.read': { scoped: [], global: EVERY_ROLE },
  'department.create': { scoped: ['dept_admin'], global: ['platform_admin'] },
  'user.read': { scoped: ['dept_admin'], global: ['platform_admin'] },
  'user.create': { scoped: ['dept_admin'], global: ['platform_admin'] },
  // Issue 13: disable, enable, unlock, reset a password, change roles (org/roles.ts limits which roles).
  'user.manage': { scoped: ['dept_admin'], global: ['platform_admin'] },
  'client.create': { scoped: ['dept_admin'], global: ['platform_admin'] },
  'client.read': { scoped: ['dept_admin'], global: ['platform_admin'] },
  // Issue 13: a lost second factor is reset by the system or the security administrator, logged.
  'user.mfa_reset': { scoped: [], global: ['platform_admin', 'security_officer'] },
  'catalog.read_private': { scoped: EVERY_ROLE, global: ['bureau_reviewer', 'platform_admin', 'auditor'] },
  'catalog.edit': { scoped: ['cataloger'], global: [] },
  'catalog.withdraw': { scoped: ['cataloger', 'dept_admin'], global: ['bureau_reviewer'] },
  'catalog.review': { scoped: [], global: ['bureau_reviewer'] },
  'catalog.administer': { scoped: [], global: ['bureau_reviewer', 'platform_admin'] },
  'catalog.deadlines': {
    scoped: ['dept_admin', 'cataloger'],
    global: ['bureau_reviewer', 'platform_admin', 'auditor'],
  },
  'sharing.request': { scoped: ['consumer'], global: [] },
  'sharing.read': { scoped: EVERY_ROLE, global: ['bureau_reviewer', 'platform_admin', 'auditor'] },
  'sharing.decide': { scoped: ['approver'], global: [] },
  'sharing.arbitrate': { scoped: [], global: ['bureau_reviewer'] },
  // Art. 21 (§52): the system administrator configures peer platforms and watches their queue.
  'federation.administer': { scoped: [], global: ['platform_admin'] },
  // Art. 21 (§59): the system administrator migrates a county platform's export, as the CLI's operator does.
  'county.migrate': { scoped: [], global: ['platform_admin'] },
  'grant.revoke': { scoped: ['approver', 'dept_admin'], global: ['bureau_reviewer', 'platform_admin'] },
  'exchange.ingest': { scoped: ['cataloger'], global: [] },
  'exchange.read': { scoped: ['consumer'], global: [] },
  'exchange.access_log': {
    scoped: ['dept_admin', 'approver', 'cataloger'],
    global: ['bureau_reviewer', 'platform_admin', 'auditor'],
  },
  // Issue 11: the provider sets its resources' read budgets and case-reference rule.
  'exchange.settings': { scoped: ['dept_admin', 'cataloger'], global: ['bureau_reviewer'] },
  // Art. 18: the provider watches its own data's freshness; the bureau and auditors every department's.
  'exchange.freshness': {
    scoped: ['dept_admin', 'cataloger', 'approver'],
    global: ['bureau_reviewer', 'platform_admin', 'auditor'],
  },
  // Issue 13, 等保 2.0 三员分立: the audit administrator alone reads and verifies the log; the system
  // administrator whose acts it records may not (docs/decisions.md §34).
  'audit.read': { scoped: [], global: ['auditor'] },
  'audit.verify': { scoped: [], global: ['auditor'] },
  'calendar.manage': { scoped: [], global: ['platform_admin'] },
  'calendar.read': { scoped: [], global: EVERY_ROLE },
  'notification.read': { scoped: [], global: EVERY_ROLE },
  // Art. 27: service statistics are published to every signed-in user.
  'statistics.read': { scoped: [], global: EVERY_ROLE },
  // Art. 34-35: a department's dept_admin sees its own evaluation; the bureau and auditors all of it.
  'evaluation.read': { scoped: ['dept_admin'], global: ['bureau_reviewer', 'platform_admin', 'auditor'] },
  'evaluation.manage': { scoped: [], global: ['bureau_reviewer'] },
  // Art. 39: a department reports its own year; the bureau reads them all and reports the city's.
  'report.annual': { scoped: ['dept_admin'], global: ['bureau_reviewer'] },
  // Issue 13: only the department writes and submits its report; the bureau comments and returns it.
  'report.annual.write': { scoped: ['dept_admin'], global: [] },
  'report.annual.city': { scoped: [], global: ['bureau_reviewer'] },
  'report.annual.return': { scoped: [], global: ['bureau_reviewer'] },
  // Art. 26: consumers object, providers answer; Art. 17: the bureau defines and runs checks.
  'quality.object': { scoped: ['consumer'], global: [] },
  'quality.answer': { scoped: ['approver', 'cataloger'], global: [] },
  'quality.manage': { scoped: [], global: ['bureau_reviewer'] },
  'quality.read': { scoped: EVERY_ROLE, global: ['bureau_reviewer', 'platform_admin', 'auditor'] },
  // Art. 40: the bureau raises and issues rectification notices; auditors may report misuse as a
  // draft; a department's dept_admin reads and answers the notices issued to it.
  'oversight.read': { scoped: ['dept_admin'], global: ['bureau_reviewer', 'platform_admin', 'auditor'] },
  'oversight.manage': { scoped: [], global: ['bureau_reviewer'] },
  'oversight.report_misuse': { scoped: [], global: ['auditor', 'bureau_reviewer'] },
  'oversight.respond': { scoped: ['dept_admin'], global: [] },
  // Art. 30-31: security officers record incidents, and (issue 13) every department's security
  // contact its own; the cyberspace office and police act through security_officer accounts, so
  // they read incidents and anomalies alongside the bureau and auditors.
  'incident.report': { scoped: ['security_contact'], global: ['security_officer'] },
  'incident.read': {
    scoped: [],
    global: ['security_officer', 'bureau_reviewer', 'platform_admin', 'auditor'],
  },
  'incident.close': { scoped: [], global: ['security_officer', 'bureau_reviewer'] },
} as const satisfies Record<string, Rule>

export type Action = keyof typeof RULES

/** City-wide roles: only the platform's operators hand them out (issue 13: security_officer too). */
export const BUREAU_ONLY_ROLES: readonly Role[] = [
  'platform_admin',
  'bureau_reviewer',
  'auditor',
  'security_officer',
]

/**
 * `targetPath` is the materialised path of the department the object belongs to; omit it for
 * actions with no department (then only global roles pass).
 */
export function can(actor: Actor, action: Action, targetPath?: string): boolean {
  const rule: Rule = RULES[action]
  if (actor.roles.some((role) => rule.global.includes(role))) {
    return true
  }
  if (targetPath === undefined || !actor.roles.some((role) => rule.scoped.includes(role))) {
    return false
  }
  return isWithinScope(actor, targetPath)
}

/** Throws FORBIDDEN unless `can` says yes. */
export function authorize(actor: Actor, action: Action, targetPath?: string): void {
  if (!can(actor, action, targetPath)) {
    throw new AppError('FORBIDDEN', { action })
  }
}

/** Own department; a county department also reaches the townships and units below it. */
export function isWithinScope(actor: Actor, targetPath: string): boolean {
  if (actor.departmentPath === null) {
    return false
  }
  if (targetPath === actor.departmentPath) {
    return true
  }
  return actor.departmentLevel === 'county' && targetPath.startsWith(actor.departmentPath)
}
