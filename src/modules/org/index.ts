export { type AuthService, createAuthService } from './auth.js'
export { type BootstrapResult, BUREAU_CODE, BUREAU_NAME, ensureBureauAndAdmin } from './bootstrap.js'
export {
  type DepartmentInfo,
  departmentActor,
  departmentByCode,
  departmentInfo,
  departmentNames,
  departmentsInScope,
  type PrincipalName,
  principalNames,
  principalsMatching,
} from './lookup.js'
export { strongPassword } from './passwords.js'
export { readSetting, writeSetting } from './repo.js'
export { orgRoutes } from './routes.js'
export { buildUscc, isStrongPassword, isValidUscc, orgCodeCheckChar, usccCheckChar } from './rules.js'
export { createOrgService, type OrgService } from './service.js'
