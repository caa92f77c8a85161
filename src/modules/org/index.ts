export { orgApiDocs } from './api-docs.js'
export { type AuthService, createAuthService } from './auth.js'
export { type BootstrapResult, BUREAU_CODE, BUREAU_NAME, ensureBureauAndAdmin } from './bootstrap.js'
export { clientRoutes } from './client-routes.js'
export {
  activeUserIdsWithRole,
  allDepartments,
  countDepartments,
  type DepartmentInfo,
  departmentActor,
  departmentByCode,
  departmentCards,
  departmentCodes,
  departmentInfo,
  departmentNames,
  departmentsInScope,
  displayNames,
  type PrincipalName,
  principalNames,
  principalsMatching,
  withDisplayNames,
} from './lookup.js'
export { mfaRoutes } from './mfa-routes.js'
export {
  createPasswordHasher,
  type PasswordHashCost,
  type PasswordHasher,
  passwordChecksSoFar,
  TEST_HASH_COST,
} from './password-hash.js'
export { strongPassword } from './passwords.js'
export { createRateLimiter, type RateLimit, type RateLimiter, type Taken } from './rate-limits.js'
export { readSetting, writeSetting } from './repo.js'
export { EXCLUSIVE_PAIRS } from './roles.js'
export { orgRoutes } from './routes.js'
export { buildUscc, isStrongPassword, isValidUscc, orgCodeCheckChar, usccCheckChar } from './rules.js'
export { SECURITY_ACCESS_TABLES } from './security-tables.js'
export { createOrgService, type OrgService } from './service.js'
export { ORG_ACCESS_TABLES } from './tables.js'
export { internalOrgRows } from './zone-repo.js'
