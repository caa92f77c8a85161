/**
 * The organisation's closed vocabularies with their labels, and the password limits: shared by the
 * server's rules and the portal (which imports this file, so it imports no server code).
 */
import type { Labels, Role } from '../../shared/schema.js'

export const LEVELS = ['city', 'county', 'township'] as const
export type Level = (typeof LEVELS)[number]

export const LEVEL_LABELS: Labels<Level> = {
  city: { zh: '市级', en: 'City' },
  county: { zh: '县区级', en: 'County' },
  township: { zh: '乡镇街道', en: 'Township' },
}

export const ROLE_LABELS: Labels<Role> = {
  platform_admin: { zh: '平台管理员', en: 'Platform admin' },
  bureau_reviewer: { zh: '大数据局审核员', en: 'Bureau reviewer' },
  dept_admin: { zh: '部门管理员', en: 'Department admin' },
  cataloger: { zh: '编目员', en: 'Cataloger' },
  approver: { zh: '审批员', en: 'Approver' },
  consumer: { zh: '数据使用人', en: 'Data user' },
  auditor: { zh: '审计员', en: 'Auditor' },
  security_officer: { zh: '安全员', en: 'Security officer' },
  security_contact: { zh: '部门安全联络员', en: 'Department security contact' },
}

/** The roles an API client (a department's system) may hold; the default when none is named. */
export const CLIENT_ROLES = ['cataloger', 'consumer'] as const satisfies readonly Role[]

/**
 * 等保 2.0 level 3 password length: at least PASSWORD_MIN_LENGTH by default (a deployment may ask
 * more, config passwordMinLength), never more than PASSWORD_MAX_LENGTH; 3 of the 4 classes.
 */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 128
export const PASSWORD_MIN_CLASSES = 3
/** The four character classes: upper, lower, digit, symbol. */
export const PASSWORD_CLASSES: readonly RegExp[] = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/]
