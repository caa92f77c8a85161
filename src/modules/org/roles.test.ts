import { describe, expect, it } from 'vitest'
import { type Actor, ROLES, type Role } from '../../shared/actor.js'
import {
  areCombinable,
  assertMayGrant,
  DEPARTMENT_ROLES,
  exclusivePairsIn,
  mayManageHolder,
} from './roles.js'

const actor = (roles: Role[]): Actor => ({
  kind: 'user',
  id: 'a',
  name: 'a',
  departmentId: 'd',
  departmentPath: '/d/',
  departmentLevel: 'county',
  roles,
})

describe('roles (issue 13, 三员分立)', () => {
  it('keeps the three administrators apart, and the reviewer from auditing', () => {
    expect(
      exclusivePairsIn(['platform_admin', 'auditor', 'security_officer', 'bureau_reviewer']),
    ).toHaveLength(4)
    expect(areCombinable('platform_admin', 'bureau_reviewer')).toBe(true)
    expect(areCombinable('bureau_reviewer', 'auditor')).toBe(false)
    for (const role of ROLES) {
      expect(areCombinable(role, role)).toBe(true)
    }
  })

  it('refuses an exclusive set with ORG_ROLES_EXCLUSIVE before asking who gives it', () => {
    expect(() => assertMayGrant(actor(['dept_admin']), ['platform_admin', 'auditor'])).toThrow(
      /ORG_ROLES_EXCLUSIVE/,
    )
    expect(() => assertMayGrant(actor(['platform_admin']), ['auditor', 'security_officer'])).toThrow(
      /ORG_ROLES_EXCLUSIVE/,
    )
  })

  it('lets a dept_admin give departmental roles only', () => {
    expect(() => assertMayGrant(actor(['dept_admin']), [...DEPARTMENT_ROLES])).not.toThrow()
    for (const role of ['platform_admin', 'bureau_reviewer', 'auditor', 'security_officer'] as const) {
      expect(() => assertMayGrant(actor(['dept_admin']), [role]), role).toThrow(/FORBIDDEN/)
    }
    expect(() => assertMayGrant(actor(['platform_admin']), ['security_officer'])).not.toThrow()
  })

  it('lets a dept_admin manage only accounts holding departmental roles', () => {
    expect(mayManageHolder(actor(['dept_admin']), ['consumer', 'security_contact'])).toBe(true)
    expect(mayManageHolder(actor(['dept_admin']), ['consumer', 'platform_admin'])).toBe(false)
    expect(mayManageHolder(actor(['platform_admin']), ['auditor'])).toBe(true)
  })
})
