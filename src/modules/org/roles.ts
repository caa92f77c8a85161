/**
 * Issue 13, 等保 2.0 level 3 "三员分立": which roles one account may hold together, and who may hand
 * out which roles. Pure; docs/roles.md is the human table and test/scenario/roles-matrix checks both.
 */
import { type Actor, hasRole, type Role } from '../../shared/actor.js'
import { AppError } from '../../shared/errors.js'
import { BUREAU_ONLY_ROLES } from '../../shared/policy.js'

/** Roles a department admin may give: they act inside one department and reach nothing city-wide. */
export const DEPARTMENT_ROLES: readonly Role[] = [
  'dept_admin',
  'cataloger',
  'approver',
  'consumer',
  'security_contact',
]

/**
 * Pairs one account never holds: the system (platform_admin), security (security_officer) and
 * audit (auditor) administrators are three people; a reviewer who decides is not the one who audits.
 */
export const EXCLUSIVE_PAIRS: ReadonlyArray<readonly [Role, Role]> = [
  ['platform_admin', 'auditor'],
  ['platform_admin', 'security_officer'],
  ['auditor', 'security_officer'],
  ['bureau_reviewer', 'auditor'],
]

/** The exclusive pairs a set of roles contains (empty when the set may be held by one account). */
export function exclusivePairsIn(roles: readonly Role[]): Array<readonly [Role, Role]> {
  return EXCLUSIVE_PAIRS.filter(([a, b]) => roles.includes(a) && roles.includes(b))
}

/** Whether `a` and `b` may sit on one account (the "combinable with" column of docs/roles.md). */
export function areCombinable(a: Role, b: Role): boolean {
  return a === b || exclusivePairsIn([a, b]).length === 0
}

/**
 * Checks a role set an actor wants to give (new user or role change). Throws ORG_ROLES_EXCLUSIVE
 * for a forbidden combination, FORBIDDEN for a city-wide role given by anyone but platform_admin.
 */
export function assertMayGrant(actor: Actor, roles: readonly Role[]): void {
  const pairs = exclusivePairsIn(roles)
  if (pairs.length > 0) {
    throw new AppError('ORG_ROLES_EXCLUSIVE', { field: 'roles', pairs })
  }
  const cityWide = roles.filter((role) => BUREAU_ONLY_ROLES.includes(role))
  if (cityWide.length > 0 && !hasRole(actor, 'platform_admin')) {
    throw new AppError('FORBIDDEN', { field: 'roles', roles: cityWide })
  }
  const notDepartmental = roles.filter((role) => !DEPARTMENT_ROLES.includes(role))
  if (notDepartmental.length > 0 && !hasRole(actor, 'platform_admin')) {
    throw new AppError('FORBIDDEN', { field: 'roles', roles: notDepartmental })
  }
}

/**
 * Whether the actor may touch an account holding `currentRoles` (disable, reset, unlock, roles):
 * a department admin only accounts whose roles are all departmental, or it could reset the
 * password of a platform_admin who happens to sit in its department and become one.
 */
export function mayManageHolder(actor: Actor, currentRoles: readonly Role[]): boolean {
  return hasRole(actor, 'platform_admin') || currentRoles.every((role) => DEPARTMENT_ROLES.includes(role))
}
